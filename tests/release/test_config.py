"""Release settings: where the key comes from, and what a build refuses."""

from __future__ import annotations

from pathlib import Path

from release.config import ReleaseSettings

SETTINGS = {"SITENAME": "Site", "PATH": "/site/content", "THEME": "/site/theme"}


def test_defaults_sign_nothing_and_require_nothing():
    config = ReleaseSettings.read(SETTINGS, {})
    assert config.key_file is None
    assert config.public_key is None
    assert config.require_signature is False
    assert config.source_date_epoch is None


def test_the_key_file_can_come_from_the_environment():
    config = ReleaseSettings.read(
        SETTINGS,
        {"DOSSIER_MINISIGN_KEY_FILE": "/keys/k", "DOSSIER_MINISIGN_PASSWORD": "pw"},
    )
    assert (config.key_file, config.key_origin) == (
        Path("/keys/k"),
        "DOSSIER_MINISIGN_KEY_FILE",
    )
    assert config.password == "pw"


def test_the_setting_wins_over_the_environment():
    config = ReleaseSettings.read(
        {**SETTINGS, "RELEASE_KEY_FILE": "~/release.key"},
        {"DOSSIER_MINISIGN_KEY_FILE": "/keys/k"},
    )
    assert config.key_file == Path("~/release.key").expanduser()
    assert config.key_origin == "RELEASE_KEY_FILE"


def test_the_password_never_shows_in_a_repr():
    config = ReleaseSettings.read(SETTINGS, {"DOSSIER_MINISIGN_PASSWORD": "s3cret"})
    assert "s3cret" not in repr(config)


def test_sources_theme_and_plugins_are_protected():
    config = ReleaseSettings.read({**SETTINGS, "PLUGIN_PATHS": ["/site/plugins"]}, {})
    assert config.protected == (
        Path("/site/content"),
        Path("/site/theme"),
        Path("/site/plugins"),
    )
