"""The reader cache: what its key covers, its entries, and the reader using it."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from markdown_reader import cache, take_cache_key
from markdown_reader.cache import (
    IMPORTED_NS,
    IMPORTED_SOURCES,
    KEY_SETTING,
    OWN_PLUGINS,
    CacheSettingError,
    CacheSettings,
    ReaderCache,
    cache_key,
    code_changed_since,
    prune_entries,
    prune_folders,
    sources_digest,
)
from markdown_reader.reader import DossierMarkdownReader
from pelican.settings import DEFAULT_CONFIG, read_settings

from tests.sitebuild import ROOT

YEAR_2100_NS = 4_102_444_800 * 10**9
DOC = "Title: T\nDate: 2017-03-07T09:00:00Z\nTags: a, b\n\nSome *words*.\n"


@pytest.fixture
def settings(tmp_path: Path) -> dict:
    names = tmp_path / "names.txt"
    names.write_text("Marta Quill\n")
    plugins = tmp_path / "plugins"
    (plugins / "probe").mkdir(parents=True)
    module = plugins / "probe" / "__init__.py"
    module.write_text("def register():\n    pass\n")
    os.utime(module, ns=(0, 0))  # older than this process: not an edit
    return {
        **DEFAULT_CONFIG,
        "PATH": str(tmp_path / "content"),
        "PLUGIN_PATHS": [str(plugins)],
        "PLUGINS": ["probe"],
        "REDACTION_REASONS": {"name": "personal name"},
        "REDACTION_NAMES_FILE": str(names),
        "READER_CACHE": ".cache",
    }


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("OUTPUT_PATH", "/elsewhere"),
        ("EMBARGO_NOW", "2030-01-01T00:00:00Z"),
        ("EMBARGO_AUDIENCE", "acme"),
        ("RELEASE_KEY_FILE", "/keys/secret.key"),
        ("REDACTION_REPORT", "reports/r.csv"),
        ("DOSSIER_BUILD_STATE", object()),
        ("READER_CACHE", ".elsewhere"),
    ],
)
def test_the_key_ignores_what_acts_after_reading(settings, name, value):
    assert cache_key({**settings, name: value}) == cache_key(settings)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REDACTION_ALLOW", ["192.0.2.0/24"]),
        ("REDACTION_PATTERNS", [("name", "Zed")]),
        ("REDACTION_REASONS", {"name": "a person"}),
        ("PATH", "/other/content"),
        ("SLUGIFY_PRESERVE_CASE", True),
        ("TAG_URL", "t/{slug}/"),
        ("PLUGINS", ["probe", "other"]),
    ],
)
def test_the_key_changes_with_any_other_setting(settings, name, value):
    assert cache_key({**settings, name: value}) != cache_key(settings)


def test_the_key_changes_with_the_names_file_bytes(settings):
    before = cache_key(settings)
    Path(settings["REDACTION_NAMES_FILE"]).write_text("Marta Quill\nOsric Fenn\n")
    assert cache_key(settings) != before


def test_the_key_changes_with_any_plugin_source(settings):
    before = cache_key(settings)
    module = Path(settings["PLUGIN_PATHS"][0]) / "probe" / "core.py"
    module.write_text("# a helper module\n")
    assert cache_key(settings) != before


def test_the_key_changes_with_dossier_s_own_plugins_outside_plugin_paths(
    settings, tmp_path, monkeypatch
):
    """sanitize and linkcheck are imported from Dossier's plugins folder even
    when PLUGIN_PATHS names another one."""
    own = tmp_path / "own-plugins"
    (own / "sanitize").mkdir(parents=True)
    (own / "sanitize" / "core.py").write_text("ALLOWED = {'p'}\n")
    monkeypatch.setattr(cache, "OWN_PLUGINS", own)
    elsewhere = {**settings, "PLUGIN_PATHS": [str(tmp_path / "other-plugins")]}
    before = cache_key(elsewhere)
    (own / "sanitize" / "core.py").write_text("ALLOWED = {'p', 'script'}\n")
    assert cache_key(elsewhere) != before


def test_plugin_code_edited_after_start_turns_the_cache_off(settings):
    """Under --autoreload the code running is the code imported at start."""
    source = Path(settings["PATH"]) / "pages" / "a.md"
    source.parent.mkdir(parents=True)
    source.write_text(DOC)
    assert not code_changed_since(settings, IMPORTED_NS)
    module = Path(settings["PLUGIN_PATHS"][0]) / "probe" / "__init__.py"
    os.utime(module, ns=(0, YEAR_2100_NS))
    assert code_changed_since(settings, IMPORTED_NS)
    reader = DossierMarkdownReader(settings)
    assert reader.read(str(source))[1]["title"] == "T"
    assert reader.cache is None
    assert not (Path(settings["PATH"]).parent / ".cache").exists()


def test_a_plugin_file_replaced_with_an_older_time_is_told_by_its_bytes(
    settings, tmp_path
):
    """`rsync -a` or `cp -p` keep a file's time: only the bytes tell."""
    own = tmp_path / "own-plugins"
    (own / "guardian").mkdir(parents=True)
    module = own / "guardian" / "__init__.py"
    module.write_text("STRICT = False\n")
    os.utime(module, ns=(0, 0))
    imported = sources_digest(own)
    assert not code_changed_since(settings, IMPORTED_NS, own, imported)
    module.write_text("STRICT = True\n")
    os.utime(module, ns=(0, 0))  # older than the start of the process
    assert code_changed_since(settings, IMPORTED_NS, own, imported)


def test_the_running_plugins_are_the_ones_on_disk_in_a_test_run(settings):
    # the default: Dossier's plugins folder against its import-time digest
    assert sources_digest(OWN_PLUGINS) == IMPORTED_SOURCES
    assert not code_changed_since(settings, IMPORTED_NS)


def test_the_key_is_the_same_in_every_process():
    """Set and dict order, PYTHONHASHSEED and addresses must not move it."""
    script = (
        "from pelican.settings import read_settings;"
        "from markdown_reader.cache import cache_key;"
        "print(cache_key(read_settings('pelicanconf.py')))"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": "plugins"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert keys == {cache_key(read_settings(str(ROOT / "pelicanconf.py")))}


def test_the_site_cache_is_beside_the_content_folder():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert CacheSettings.read(settings).base == ROOT / ".cache"
    assert CacheSettings.read(DEFAULT_CONFIG).base is None


def test_a_cache_inside_the_output_folder_is_refused(tmp_path):
    settings = {"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path)}
    with pytest.raises(CacheSettingError, match="inside the output folder"):
        CacheSettings.read({**settings, "READER_CACHE": ".cache"})


def test_an_entry_is_kept_and_a_damaged_one_is_read_again(tmp_path):
    cache = ReaderCache.open(tmp_path, "k")
    reading = ("<p>x</p>\n", {"title": "T"})
    assert cache.get("/c/a.md", b"bytes") is None
    cache.put("/c/a.md", b"bytes", reading)
    assert cache.get("/c/a.md", b"bytes") == reading
    assert cache.get("/c/a.md", b"other bytes") is None
    [entry] = (tmp_path / "reader-k").iterdir()
    entry.write_bytes(entry.read_bytes()[:5])
    assert cache.get("/c/a.md", b"bytes") is None
    assert (cache.hits, cache.misses) == (1, 3)


def test_only_the_most_recently_used_key_folders_are_kept(tmp_path):
    for age, name in enumerate(["a", "b", "c", "d", "e"]):
        folder = tmp_path / f"reader-{name}"
        folder.mkdir()
        os.utime(folder, ns=(0, (10 - age) * 10**9))
    (tmp_path / "unrelated").mkdir()
    prune_folders(tmp_path, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "reader-a",
        "reader-b",
        "reader-c",
        "unrelated",
    ]


def test_entries_of_files_not_read_are_removed(tmp_path):
    cache = ReaderCache.open(tmp_path, "k")
    cache.put("/c/a.md", b"old", ("a", {}))
    cache.put("/c/a.md", b"new", ("a", {}))
    cache.get("/c/a.md", b"new")
    prune_entries(cache.folder, cache.used)
    assert [p.name for p in cache.folder.iterdir()] == sorted(cache.used)


def test_the_reader_serves_a_second_read_from_the_cache(settings):
    source = Path(settings["PATH"]) / "pages" / "a.md"
    source.parent.mkdir(parents=True)
    source.write_text(DOC)
    first = DossierMarkdownReader(settings).read(str(source))
    reader = DossierMarkdownReader(settings)
    second = reader.read(str(source))
    assert (reader.cache.hits, reader.cache.misses) == (1, 0)
    assert second == first
    # Pelican's objects are made fresh, from this build's settings
    assert [t.name for t in second[1]["tags"]] == ["a", "b"]
    assert second[1]["tags"][0].settings is settings
    assert second[1]["category"].settings is settings


def test_a_cached_entry_holds_no_settings(settings):
    source = Path(settings["PATH"]) / "pages" / "a.md"
    source.parent.mkdir(parents=True)
    source.write_text(DOC)
    settings["SECRET_PROBE"] = "do-not-store-this"
    reader = DossierMarkdownReader(settings)
    reader.read(str(source))
    [entry] = reader.cache.folder.glob("*.pickle")
    assert b"do-not-store-this" not in entry.read_bytes()
    content, metadata = pickle.loads(entry.read_bytes())
    assert (metadata["tags"], metadata["category"]) == ("a, b", "Pages")


def test_the_key_is_taken_before_other_plugins_read_their_files(tmp_path):
    """A names file saved after the build started does not change the key
    the build's readings are filed under."""
    names = tmp_path / "names.txt"
    names.write_text("Marta Quill\n")
    content = tmp_path / "content"
    content.mkdir()
    settings = {
        **DEFAULT_CONFIG,
        "PATH": str(content),
        "READER_CACHE": ".cache",
        "REDACTION_NAMES_FILE": str(names),
    }
    take_cache_key(SimpleNamespace(settings=settings))
    taken = settings[KEY_SETTING]
    assert taken == cache_key(settings)
    names.write_text("Marta Quill\nOsric Fenn\n")
    assert cache_key(settings) != taken
    reader = DossierMarkdownReader(settings)
    assert reader._open_cache().folder.name == f"reader-{taken}"
