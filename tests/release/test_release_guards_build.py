"""A held entry or a redacted original that reaches release.json stops the build.

The release files are written after the guards read the staged site. A test
plugin, just before release, adds an entry to what release.json will list,
as a bug in collecting the entries would: the build must fail with the
guard's own message and leave output/ as it was.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import pelicanconf
from tests.sitebuild import SITES, previous_release, run_pelican, snapshot

HELD_TITLE = "Sealed Vault Plans"
NAME = "Quillon Marwick"
INJECTOR = """\
from content_model.state import build_state
from pelican import signals
from release.manifest import Entry


def inject(pelican):
    title = pelican.settings.get("RELEASE_TEST_TITLE")
    if title:
        build = build_state(pelican.settings).data["release"]
        build.entries.append(Entry("volumes/leak/", title, "volume", 1, ""))


def register():
    signals.finalized.connect(inject)
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The release fixture plus a held volume, a redaction and the injector."""
    site = shutil.copytree(
        SITES / "release", tmp_path / "site", ignore=shutil.ignore_patterns(".cache")
    )
    sealed = site / "content/volumes/sealed"
    sealed.mkdir()
    (sealed / "index.md").write_text(
        f"Title: {HELD_TITLE}\nDate: 2021-06-01T12:00:00Z\n"
        "Embargo: 2030-01-01T00:00:00Z\n\nHeld until 2030.\n"
    )
    (site / "content/pages/contact.md").write_text(
        f"Title: Contact\nDate: 2021-06-01T12:00:00Z\n\n"
        f"Ask [{NAME}]{{.redact reason=name}}.\n"
    )
    injector = site / "plugins/release_injector"
    injector.mkdir()
    (injector / "__init__.py").write_text(INJECTOR)
    return site


def build(site: Path, output: Path, *settings: str):
    plugins = [p for p in pelicanconf.PLUGINS if p != "release"]
    plugins += ["release_injector", "release"]
    return run_pelican(
        site,
        output,
        f"PLUGINS={json.dumps(plugins)}",
        'EMBARGO_NOW="2022-01-01T00:00:00Z"',
        *settings,
        env={"DOSSIER_MINISIGN_KEY_FILE": "", "SOURCE_DATE_EPOCH": ""},
    )


def test_without_an_injected_entry_the_release_is_published(site, tmp_path):
    done = build(site, tmp_path / "out")
    assert done.returncode == 0, done.log
    release = done.read("release.json")
    assert '"title": "Contact"' in release
    assert HELD_TITLE not in release and NAME not in release


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param(
            HELD_TITLE,
            "embargo: the output names 1 held thing(s); this build must not be "
            "published: release.json: contains the title of "
            f"content/volumes/sealed/index.md ('{HELD_TITLE}')",
            id="held-title",
        ),
        pytest.param(
            f"Notes of {NAME}",
            "redaction guard: 1 leak(s) in the output; the build is not published: "
            "release.json: redacted text (markup, reason name, body) "
            "(from content/pages/contact.md:4)",
            id="redacted-original",
        ),
    ],
)
def test_a_leak_in_release_json_fails_the_build_and_leaves_output(
    site, tmp_path, title, expected
):
    output = previous_release(tmp_path / "out")
    before = snapshot(output)
    done = build(site, output, f"RELEASE_TEST_TITLE={json.dumps(title)}")
    assert done.returncode != 0
    assert expected in " ".join(done.log.split())
    assert snapshot(output) == before
