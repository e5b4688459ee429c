"""The search of the written output finds held entries in any encoding."""

from __future__ import annotations

import pytest
from embargo.core import EntryInfo
from embargo.leaks import (
    MAX_SCREENS,
    Leak,
    Marker,
    compile_markers,
    encodings,
    entry_markers,
    file_markers,
    scan_output,
    screens,
    without_collisions,
    written_files,
)

HELD = EntryInfo(
    path="volumes/vault-2/index.md",
    display="content/volumes/vault-2/index.md",
    kind="volume",
    slug="vault-2",
    title='Vault 2: "Tools" & more',
    url="volumes/vault-2/",
)


def test_a_held_volume_is_known_by_title_address_source_and_slug():
    texts = {m.text for m in entry_markers(HELD, "volumes/vault-2/index.html")}
    assert texts == {
        'Vault 2: "Tools" & more',
        "volumes/vault-2/",
        "vault-2/index.md",
        "vault-2",
        "volumes/vault-2/index.html",
    }


def test_a_document_is_known_by_its_source_file_name():
    document = EntryInfo(
        path="volumes/v/secret-plan.md",
        display="content/volumes/v/secret-plan.md",
        kind="document",
        slug="secret-plan",
        title="Secret plan",
        url="volumes/v/secret-plan/",
    )
    assert "secret-plan.md" in {m.text for m in entry_markers(document)}


def test_title_is_found_escaped_for_html_xml_json_and_urls(tmp_path):
    forms = encodings(HELD.title)
    assert "Vault 2: &#34;Tools&#34; &amp; more" in forms  # Jinja
    assert "Vault 2: &quot;Tools&quot; &amp; more" in forms  # html.escape
    assert 'Vault 2: \\"Tools\\" & more' in forms  # JSON
    for index, form in enumerate(sorted(forms)):
        (tmp_path / f"page{index}.html").write_text(f"<p>{form}</p>")
    leaks = scan_output(tmp_path, [Marker(HELD.title, "title of x")])
    assert len(leaks) == len(forms)


def test_names_match_whole_names_only(tmp_path):
    (tmp_path / "a.html").write_text("vault-20 and vault-2x and my-vault-2 and vault_2")
    (tmp_path / "b.html").write_text('<a href="../volumes/vault-2/">x</a>')
    leaks = scan_output(tmp_path, [Marker("vault-2", "slug of v")])
    assert [str(leak) for leak in leaks] == [
        "b.html: contains the slug of v ('vault-2')"
    ]


def test_binary_files_and_nested_folders_are_searched(tmp_path):
    (tmp_path / "files" / "deep").mkdir(parents=True)
    (tmp_path / "files" / "deep" / "a.pdf").write_bytes(
        b"%PDF\x00\xff secret-plan.md \x00"
    )
    leaks = scan_output(tmp_path, [Marker("secret-plan.md", "source")])
    assert [leak.file for leak in leaks] == ["files/deep/a.pdf"]


def test_clean_output_has_no_leaks(tmp_path):
    (tmp_path / "index.html").write_text("<p>nothing held here</p>")
    assert scan_output(tmp_path, entry_markers(HELD)) == []
    assert scan_output(tmp_path, []) == []


def test_markers_a_published_entry_shares_are_dropped():
    markers = [Marker("Press", "title of held"), Marker("press-kit/", "address")]
    kept = without_collisions(markers, ["Press", "volumes/other/"])
    assert kept == [Marker("press-kit/", "address")]
    # a held name inside a longer published one cannot be told apart either
    assert without_collisions([Marker("press/", "a")], ["volumes/press/"]) == []


def test_a_collision_is_a_whole_name_within_one_published_text():
    markers = [Marker("Press", "title"), Marker("Press kit", "title")]
    # "Press" only inside a longer word; "Press kit" only across two texts
    assert without_collisions(markers, ["Pressroom", "Press", "kit"]) == [
        Marker("Press kit", "title")
    ]
    assert without_collisions(markers, ["xPress", "Presskit"]) == markers


def test_attachments_are_known_by_name_and_address():
    markers = file_markers("volumes/v/files/plan.pdf", "volumes/v/files/plan.pdf")
    assert {m.text for m in markers} == {"plan.pdf", "volumes/v/files/plan.pdf"}


def test_a_held_entrys_own_page_must_not_exist(tmp_path):
    (tmp_path / "volumes" / "vault-2").mkdir(parents=True)
    (tmp_path / "volumes" / "vault-2" / "index.html").write_text("stale")
    leaks = written_files(
        tmp_path, [("volumes/vault-2/index.html", "v"), ("gone/index.html", "g")]
    )
    assert [leak.file for leak in leaks] == ["volumes/vault-2/index.html"]


def exact_scan(root, markers) -> list[Leak]:
    """The search without screens: the marker pattern run on every file."""
    pattern, by_form = compile_markers(markers)
    leaks = set()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        for match in pattern.finditer(path.read_bytes()):
            marker = by_form[match.group(0)]
            leaks.add(Leak(path.relative_to(root).as_posix(), marker.what, marker.text))
    return sorted(leaks)


@pytest.mark.parametrize("count", [3, MAX_SCREENS + 5])
def test_screens_find_every_file_the_marker_pattern_finds(tmp_path, count):
    markers = [Marker(f"{chr(97 + i)}-held-{i}", f"slug {i}") for i in range(count)]
    markers.append(Marker(HELD.title, "title"))
    assert len(screens(f for m in markers for f in encodings_bytes(m))) == (
        count + 1 if count + 1 <= MAX_SCREENS else 1
    )
    texts = [
        "a-held-0 is here",
        "xa-held-0 and b-held-1x are parts of longer names",
        "<p>Vault 2: &#34;Tools&#34; &amp; more</p>",
        "nothing at all",
        f"c-held-2 and {chr(97 + count - 1)}-held-{count - 1}/",
    ]
    for index, text in enumerate(texts):
        (tmp_path / f"{index}.html").write_text(text)
    leaks = scan_output(tmp_path, markers)
    assert leaks == exact_scan(tmp_path, markers)
    assert {leak.file for leak in leaks} == {"0.html", "2.html", "4.html"}


def encodings_bytes(marker: Marker) -> list[bytes]:
    return [form.encode() for form in encodings(marker.text)]


def test_an_empty_form_is_looked_for_in_every_file():
    assert screens([b"", b"x"])[0].search(b"anything")
