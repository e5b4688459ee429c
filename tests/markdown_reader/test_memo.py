"""The digest memo: a check's results by file bytes, trusted only under one key."""

from __future__ import annotations

import logging
import pickle
import sys
from pathlib import Path

import pytest
from markdown_reader.cache import KEY_SETTING
from markdown_reader.memo import DigestMemo, digest_of


def stored(path: Path, key: str, results: dict[str, object]) -> DigestMemo:
    memo = DigestMemo.load(path, key)
    for digest, value in results.items():
        memo.put(digest, value)
    memo.save()
    return DigestMemo.load(path, key)


def test_results_come_back_under_the_same_key(tmp_path):
    memo = stored(tmp_path / "check.memo", "k1", {digest_of(b"page"): True})
    assert memo.get(digest_of(b"page")) is True
    assert memo.get(digest_of(b"other page")) is None
    assert memo.reused == 1


def test_another_key_starts_empty(tmp_path):
    stored(tmp_path / "check.memo", "k1", {digest_of(b"page"): True})
    memo = DigestMemo.load(tmp_path / "check.memo", "k2")
    assert memo.get(digest_of(b"page")) is None
    assert memo.reused == 0


def test_a_build_keeps_only_what_it_used_or_found(tmp_path):
    path = tmp_path / "check.memo"
    stored(path, "k", {"old": 1, "still": 2})
    memo = DigestMemo.load(path, "k")
    assert memo.get("still") == 2
    memo.put("new", 3)
    memo.save()
    again = DigestMemo.load(path, "k")
    assert (again.get("old"), again.get("still"), again.get("new")) == (None, 2, 3)


def test_a_build_that_used_nothing_leaves_the_old_results(tmp_path):
    path = tmp_path / "check.memo"
    stored(path, "k", {"page": True})
    DigestMemo.load(path, "k").save()
    assert DigestMemo.load(path, "k").get("page") is True


def test_a_damaged_memo_is_ignored_with_a_warning(tmp_path, caplog):
    path = tmp_path / "check.memo"
    path.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        memo = DigestMemo.load(path, "k")
    assert memo.known == {}
    assert "ignoring memo" in caplog.text


def test_without_a_reader_cache_nothing_is_written(tmp_path):
    settings = {"PATH": str(tmp_path / "content"), KEY_SETTING: None}
    memo = DigestMemo.for_build(settings, "guard", "needles")
    memo.put("d", True)
    memo.save()
    assert memo.path is None
    assert list(tmp_path.iterdir()) == []


def test_the_key_follows_the_reader_key_and_the_parts(tmp_path):
    settings = {
        "PATH": str(tmp_path / "content"),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "READER_CACHE": ".cache",
        KEY_SETTING: "reader-key-1",
    }
    first = DigestMemo.for_build(settings, "guard", "needles")
    assert first.path == (tmp_path / ".cache" / "guard.memo").resolve()
    other_parts = DigestMemo.for_build(settings, "guard", "other needles")
    other_reader = DigestMemo.for_build(
        {**settings, KEY_SETTING: "reader-key-2"}, "guard", "needles"
    )
    other_check = DigestMemo.for_build(settings, "links", "needles")
    keys = {first.key, other_parts.key, other_reader.key, other_check.key}
    assert len(keys) == 4


def test_code_edited_since_start_up_keeps_nothing(tmp_path):
    # pelican --autoreload: the key names the code on disk, not the code running
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    settings = {
        "PATH": str(tmp_path / "content"),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "READER_CACHE": ".cache",
        "PLUGIN_PATHS": [str(plugins)],
        KEY_SETTING: "reader-key",
    }
    assert DigestMemo.for_build(settings, "guard").path is not None
    (plugins / "edited.py").write_text("# saved after Pelican started\n")
    assert DigestMemo.for_build(settings, "guard").path is None


class Retired:
    """Stands for a class a later version no longer has."""


@pytest.mark.parametrize(
    "payload",
    [
        ("k", {"d": Retired()}),  # the class is gone when it is read back
        ["not", "a", "pair", "at all"],
        ("k", ["not a dict"]),
    ],
)
def test_a_memo_that_cannot_be_read_back_is_empty(tmp_path, payload, monkeypatch):
    path = tmp_path / "check.memo"
    path.write_bytes(pickle.dumps(payload))
    monkeypatch.delattr(sys.modules[__name__], "Retired")
    memo = DigestMemo.load(path, "k")
    assert memo.known == {}
    assert memo.get("d") is None
