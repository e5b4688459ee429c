"""The plugin's one setting, read once with its default."""

from __future__ import annotations

import pytest
from versions.generator import VersionsSettings


def test_defaults():
    assert VersionsSettings.read({}) == VersionsSettings(
        diff_context=1, relative_urls=False
    )


def test_diff_context_and_relative_urls_are_read():
    assert VersionsSettings.read(
        {"VERSIONS_DIFF_CONTEXT": 3, "RELATIVE_URLS": True}
    ) == VersionsSettings(diff_context=3, relative_urls=True)


@pytest.mark.parametrize("value", [-1, "2", 1.5])
def test_a_bad_diff_context_is_refused(value):
    with pytest.raises(
        ValueError, match="VERSIONS_DIFF_CONTEXT must be a whole number"
    ):
        VersionsSettings.read({"VERSIONS_DIFF_CONTEXT": value})
