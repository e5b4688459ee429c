"""A rebuild with nothing changed leaves output/ alone and writes nothing;
any change to an input, to what the clock decides or to output/ itself
means a full build."""

from __future__ import annotations

from pathlib import Path

from tests.sitebuild import SITES, Build, copy_site, run_pelican, snapshot

NOTHING = "nothing changed since the release"
NOTE = "content/volumes/alpha/router-note.md"


def built(site: Path, output: Path, *settings: str) -> Build:
    build = run_pelican(site, output, *settings, verbose=True)
    assert build.returncode == 0, build.log
    return build


def said(build: Build, text: str) -> bool:
    return text in " ".join(build.log.split())


def siblings(output: Path) -> set[str]:
    return {p.name for p in output.parent.iterdir()}


def test_a_rebuild_with_no_change_writes_nothing(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    out = tmp_path / "output"
    first = built(site, out)
    assert not said(first, NOTHING)
    before, beside = snapshot(out), siblings(out)
    again = built(site, out)
    assert said(again, NOTHING)
    assert snapshot(out) == before
    assert siblings(out) == beside  # no staging folder left behind


def test_an_edited_entry_is_built_again(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    out = tmp_path / "output"
    built(site, out)
    note = site / NOTE
    note.write_text(note.read_text() + "\nAn editor's correction.\n")
    again = built(site, out)
    assert not said(again, NOTHING)
    page = again.read("volumes/alpha/router-note/index.html")
    assert "An editor's correction." in page


def test_a_changed_theme_or_setting_is_built_again(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    out = tmp_path / "output"
    built(site, out)
    renamed = built(site, out, 'SITENAME="Renamed"')
    assert not said(renamed, NOTHING)
    assert "Renamed" in renamed.read("index.html")


def test_a_file_changed_in_output_is_put_right(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    out = tmp_path / "output"
    built(site, out)
    original = (out / "index.html").read_bytes()
    (out / "index.html").write_text("defaced\n")
    (out / "added.html").write_text("added\n")
    again = built(site, out)
    assert not said(again, NOTHING)
    assert (out / "index.html").read_bytes() == original


def test_an_embargo_that_lifts_is_published_though_no_file_changed(tmp_path):
    site = copy_site(SITES / "embargo", tmp_path / "site")
    out = tmp_path / "output"
    held = out / "volumes" / "cnry-acmevol-slug" / "index.html"
    built(site, out, 'EMBARGO_NOW="2029-12-31T00:00:00Z"')
    assert not held.exists()
    same = built(site, out, 'EMBARGO_NOW="2029-12-31T12:00:00Z"')
    assert said(same, NOTHING)  # another moment, the same decisions
    lifted = built(site, out, 'EMBARGO_NOW="2030-01-02T00:00:00Z"')
    assert not said(lifted, NOTHING)
    assert held.is_file()


def test_a_preview_and_the_public_site_keep_their_own_record(tmp_path):
    site = copy_site(SITES / "embargo", tmp_path / "site")
    public, preview = tmp_path / "output", tmp_path / "previews" / "acme"
    clock = 'EMBARGO_NOW="2020-02-01T00:00:00Z"'
    built(site, public, clock)
    first = built(site, preview, clock, 'EMBARGO_AUDIENCE="acme"')
    assert not said(first, NOTHING)
    assert said(built(site, public, clock), NOTHING)
    assert said(built(site, preview, clock, 'EMBARGO_AUDIENCE="acme"'), NOTHING)


def test_a_preview_whose_embargo_lifts_is_built_again(tmp_path):
    site = copy_site(SITES / "embargo", tmp_path / "site")
    preview = tmp_path / "previews" / "acme"
    audience = 'EMBARGO_AUDIENCE="acme"'
    built(site, preview, audience, 'EMBARGO_NOW="2029-12-01T00:00:00Z"')
    page = preview / "volumes" / "cnry-acmevol-slug" / "index.html"
    assert "noindex" in page.read_text()
    later = 'EMBARGO_NOW="2030-02-01T00:00:00Z"'
    lifted = built(site, preview, audience, later)
    assert not said(lifted, NOTHING)
    fresh = built(site, tmp_path / "fresh" / "acme", audience, later)
    assert page.read_bytes() == (fresh.output / page.relative_to(preview)).read_bytes()


def test_a_name_added_to_the_names_file_is_withheld_at_once(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    names = tmp_path / "names.txt"
    names.write_text("# nobody yet\n")
    out = tmp_path / "output"
    setting = f'REDACTION_NAMES_FILE="{names}"'
    built(site, out, setting)
    page = out / "volumes/alpha/router-note/index.html"
    assert "A claim with a footnote" in page.read_text()
    names.write_text("A claim with a footnote\n")
    again = built(site, out, setting)
    assert not said(again, NOTHING)
    assert "A claim with a footnote" not in page.read_text()


def test_a_new_source_date_epoch_is_a_new_release_time(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    out = tmp_path / "output"
    built(site, out)
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    again = run_pelican(site, out, verbose=True, env=epoch)
    assert again.returncode == 0, again.log
    # the time of an unchanged site stays the first release's; only the
    # shortcut is not taken when the release settings differ
    assert not said(again, NOTHING)
