"""The fingerprint of a build's inputs, and whether output/ still holds its result."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from release.manifest import SUMS, format_sums
from release.unchanged import (
    file_digest,
    fingerprint,
    fingerprint_file,
    input_digest,
    is_unchanged,
    output_state,
    record,
)


@pytest.fixture
def site(tmp_path: Path) -> dict:
    """A content folder, a theme, a plugin folder and a names file."""
    for relpath, text in {
        "content/volumes/leak/index.md": "Title: Leak\n",
        "content/volumes/leak/files/a.txt": "attachment\n",
        "theme/templates/base.html": "<html></html>\n",
        "plugins/p/__init__.py": "X = 1\n",
        "names.txt": "John Smith\n",
    }.items():
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return {
        "PATH": str(tmp_path / "content"),
        "THEME": str(tmp_path / "theme"),
        "PLUGIN_PATHS": [str(tmp_path / "plugins")],
        "REDACTION_NAMES_FILE": str(tmp_path / "names.txt"),
        "SITENAME": "Dossier",
        "OUTPUT_PATH": str(tmp_path / "output"),
    }


def digest(
    settings: dict, published: tuple[str, ...] = ("a",), key=None, release=""
) -> str:
    files = file_digest(settings, [key])
    return fingerprint(input_digest(settings, release, files), published)


def test_the_same_inputs_give_the_same_fingerprint(site):
    assert digest(site) == digest(dict(site))


@pytest.mark.parametrize(
    "relpath",
    [
        "content/volumes/leak/index.md",
        "content/volumes/leak/files/a.txt",
        "theme/templates/base.html",
        "plugins/p/__init__.py",
        "names.txt",
    ],
)
def test_a_changed_input_file_changes_it(site, relpath):
    before = digest(site)
    path = Path(site["PATH"]).parent / relpath
    path.write_text(path.read_text() + "x")
    assert digest(site) != before


def test_an_added_file_changes_it(site):
    before = digest(site)
    (Path(site["PATH"]) / "volumes/leak/new.md").write_text("Title: New\n")
    assert digest(site) != before


def test_a_changed_setting_or_publication_changes_it(site):
    assert digest({**site, "SITENAME": "Other"}) != digest(site)
    assert digest(site, ("a", "b")) != digest(site)


def test_a_changed_signing_key_changes_it(site, tmp_path):
    key = tmp_path / "key"
    key.write_text("one")
    before = digest(site, key=key)
    key.write_text("two")
    assert digest(site, key=key) != before


def test_the_release_settings_count_with_their_environment(site):
    assert digest(site, release="ReleaseSettings(source_date_epoch=None)") != digest(
        site, release="ReleaseSettings(source_date_epoch='1700000000')"
    )


def test_a_function_in_the_settings_counts_by_the_file_defining_it(site, tmp_path):
    module = tmp_path / "settings_module.py"
    module.write_text("def order(entry):\n    return entry.date\n")
    namespace: dict = {}
    exec(compile(module.read_text(), str(module), "exec"), namespace)
    settings = {**site, "ARTICLE_ORDER_BY": namespace["order"]}
    before = digest(settings)
    module.write_text("def order(entry):\n    return entry.title\n")
    assert digest(settings) != before


def test_a_function_without_a_source_file_never_matches(site):
    settings = {**site, "JINJA_FILTERS": {"length": len}}
    assert digest(settings) != digest(settings)


@pytest.mark.parametrize("setting", ["THEME_TEMPLATES_OVERRIDES", "THEME_STATIC_PATHS"])
def test_template_overrides_and_outside_static_folders_count(site, tmp_path, setting):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "a.html").write_text("one")
    settings = {**site, setting: [str(extra)]}
    before = digest(settings)
    (extra / "a.html").write_text("two")
    assert digest(settings) != before


def test_a_folder_behind_a_symbolic_link_counts(site, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "annex.md").write_text("Title: Annex\n")
    (Path(site["PATH"]) / "volumes" / "linked").symlink_to(elsewhere)
    (elsewhere / "loop").symlink_to(elsewhere)  # a loop ends
    before = digest(site)
    (elsewhere / "annex.md").write_text("Title: Annex, corrected\n")
    assert digest(site) != before


def test_where_it_writes_how_it_reads_and_the_clock_do_not(site):
    assert digest(site) == digest(
        {
            **site,
            "OUTPUT_PATH": "elsewhere",
            "READER_CACHE": ".cache",
            "READER_PROCESSES": 2,
            "EMBARGO_NOW": "2099-01-01T00:00:00Z",
        }
    )
    compiled = Path(site["PLUGIN_PATHS"][0]) / "p" / "__pycache__"
    compiled.mkdir()
    before = digest(site)
    (compiled / "x.pyc").write_text("x")
    assert digest(site) == before


def published_output(folder: Path) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text("home\n")
    (folder / "a").mkdir()
    (folder / "a" / "index.html").write_text("page\n")
    sums = {
        relpath: hashlib.sha256((folder / relpath).read_bytes()).hexdigest()
        for relpath in ("index.html", "a/index.html")
    }
    (folder / SUMS).write_bytes(format_sums(sums))
    return folder


def test_output_state_needs_exactly_the_listed_files(tmp_path):
    out = published_output(tmp_path / "output")
    assert output_state(out) is not None
    (out / "extra.html").write_text("x")
    assert output_state(out) is None
    (out / "extra.html").unlink()
    (out / "a" / "index.html").write_text("changed\n")
    assert output_state(out) is None
    (out / "a" / "index.html").unlink()
    assert output_state(out) is None


def test_a_recorded_release_is_unchanged_until_output_or_inputs_change(tmp_path):
    out = published_output(tmp_path / "output")
    assert not is_unchanged(out, "f1")  # nothing recorded yet
    record(out, "f1")
    assert fingerprint_file(out).parent == out.parent  # beside, not inside
    assert is_unchanged(out, "f1")
    assert not is_unchanged(out, "f2")
    (out / "index.html").write_text("tampered\n")
    assert not is_unchanged(out, "f1")


def test_a_damaged_record_means_a_full_build(tmp_path):
    out = published_output(tmp_path / "output")
    record(out, "f1")
    fingerprint_file(out).write_text("{not json")
    assert not is_unchanged(out, "f1")


def test_a_record_that_cannot_be_written_only_costs_a_full_build(tmp_path, caplog):
    out = published_output(tmp_path / "output")
    fingerprint_file(out).mkdir()  # in the way: nothing can be written there
    record(out, "f1")
    assert "cannot record" in caplog.text
    assert not is_unchanged(out, "f1")


def test_a_record_never_vouches_for_files_that_differ_from_their_sums(tmp_path):
    # record() reads only SHA256SUMS and the signature; is_unchanged checks
    # every file against SHA256SUMS before it trusts the record
    out = published_output(tmp_path / "output")
    (out / "index.html").write_text("changed before the record\n")
    record(out, "f1")
    assert fingerprint_file(out).is_file()
    assert not is_unchanged(out, "f1")
