from __future__ import annotations

from types import SimpleNamespace

import pytest
from content_model.errors import ContentErrors
from content_model.plugins import check_plugins_loaded, missing_plugins


def test_missing_plugins_keeps_the_required_order():
    assert missing_plugins(["a", "b", "c"], ["c", "a"]) == ["b"]


def test_a_plugin_that_did_not_load_stops_the_build():
    pelican = SimpleNamespace(
        settings={
            "DOSSIER_PLUGINS": ["markdown_reader", "embargo"],
            "PLUGINS": ["markdown_reader"],
        }
    )
    with pytest.raises(ContentErrors, match="plugin embargo did not load"):
        check_plugins_loaded(pelican)


def test_all_plugins_loaded_passes():
    pelican = SimpleNamespace(settings={"DOSSIER_PLUGINS": ["a"], "PLUGINS": ["a"]})
    check_plugins_loaded(pelican)
