"""Whole builds: bad input stops them, the plugin fails closed, previews stay
out of output/, and the editors get a report and the next lift moment."""

from __future__ import annotations

from pathlib import Path

import pytest

import pelicanconf
from tests.embargo.conftest import BEFORE, SITE, build
from tests.sitebuild import ROOT, run_pelican, snapshot

PIPELINE = list(pelicanconf.PLUGINS)
EMBARGO = PIPELINE.index("embargo")


def run(site: Path, output: Path, *settings: str):
    return run_pelican(site, output, *settings, env={"DOSSIER_ROOT": str(ROOT)})


HEADER = "Title: T\nDate: 2020-01-20T00:00:00Z\nOrganization: O\n"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Embargo: 2030-01-01T10:00:00\n",
            ':4: Embargo "2030-01-01T10:00:00" has no time zone; add Z for UTC',
        ),
        (
            "Embargo: 2030-01-01 10:00\n",
            ':4: Embargo "2030-01-01 10:00" has no time zone',
        ),
        (
            "Embargo: after the vote\n",
            ':4: Embargo "after the vote" is not a timestamp',
        ),
        (
            "Embargo: 2030-02-30T10:00:00Z\n",
            ':4: Embargo "2030-02-30T10:00:00Z" is not a real date',
        ),
        (
            "Embargo: 2030-01-01T00:00:00Z\nEmbargo-Audience: acme, initech\n",
            ':5: Embargo-Audience "initech" is not declared in EMBARGO_AUDIENCES '
            "(declared: acme, globex)",
        ),
        (
            "Embargo-Audience: acme\n",
            ":4: Embargo-Audience without an Embargo moment would publish",
        ),
    ],
)
def test_bad_embargo_stops_the_build_with_file_and_line(site, output, header, expected):
    path = site / "content" / "statements" / "bad.md"
    path.write_text(f"{HEADER}{header}\nbody\n")
    before = snapshot(output)
    done = run(site, output, BEFORE)
    assert done.returncode != 0
    assert f"content/statements/bad.md{expected}" in " ".join(done.log.split())
    assert snapshot(output) == before


def test_every_embargo_error_is_reported_at_once(site, output):
    for name in ("one", "two"):
        (site / "content" / "statements" / f"{name}.md").write_text(
            f"{HEADER}Embargo: tomorrow\n\nbody\n"
        )
    done = run(site, output, BEFORE)
    log = " ".join(done.log.split())
    assert "2 content errors; nothing was written" in log
    assert "content/statements/one.md:4" in log and "content/statements/two.md:4" in log


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('EMBARGO_AUDIENCE="initech"', "EMBARGO_AUDIENCE 'initech' is not declared"),
        ('EMBARGO_NOW="2030-01-01"', 'EMBARGO_NOW "2030-01-01" has no time zone'),
    ],
)
def test_bad_setting_stops_the_build(output, setting, expected):
    before = snapshot(output)
    done = run(SITE, output, setting)
    assert done.returncode != 0
    assert expected in " ".join(done.log.split())
    assert snapshot(output) == before


def test_a_build_without_the_embargo_plugin_fails(output):
    without = [p for p in PIPELINE if p != "embargo"]
    done = run(SITE, output, BEFORE, f"PLUGINS={without}".replace("'", '"'))
    assert done.returncode != 0
    assert "plugin embargo did not load" in done.log
    assert (output / "index.html").read_text() == "previous release\n"


def test_an_embargo_plugin_that_fails_to_import_fails_the_build(tmp_path, output):
    broken = tmp_path / "broken" / "embargo"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('simulated breakage')\n")
    paths = f'PLUGIN_PATHS=["{broken.parent}", "{ROOT / "plugins"}"]'
    done = run(SITE, output, BEFORE, paths)
    assert done.returncode != 0
    assert "plugin embargo did not load" in done.log
    assert (output / "index.html").read_text() == "previous release\n"


SABOTAGE = {
    # a check that cannot run: its per-build state is gone
    "state": (
        "from content_model.state import build_state\n"
        "def sabotage(pelican):\n"
        "    build_state(pelican.settings).data.pop('embargo')\n"
        "def register():\n"
        "    signals.finalized.connect(sabotage)\n",
        "no state for this build",
    ),
    # a check that raises: the markers to search for are corrupt
    "markers": (
        "from content_model.state import build_state\n"
        "def sabotage(generators):\n"
        "    build_state(generators[0].settings).data['embargo'].markers = [None]\n"
        "def register():\n"
        "    signals.all_generators_finalized.connect(sabotage)\n",
        "AttributeError",
    ),
    # the theme or another plugin wrote a held title: the self-check finds it
    "leak": (
        "from pathlib import Path\n"
        "def sabotage(pelican):\n"
        "    page = Path(pelican.output_path) / 'extra.html'\n"
        "    page.write_text('<p>CnryAcmevolTitle</p>')\n"
        "def register():\n"
        "    signals.finalized.connect(sabotage)\n",
        "extra.html: contains the title of content/volumes/cnry-acmevol-slug/index.md",
    ),
}


@pytest.mark.parametrize("kind", sorted(SABOTAGE))
def test_a_check_that_fails_or_finds_a_leak_fails_the_build(tmp_path, output, kind):
    code, expected = SABOTAGE[kind]
    plugin = tmp_path / "extra" / "sabotage"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(f"from pelican import signals\n{code}")
    # receivers run in plugin order: the sabotage of the markers must run
    # after embargo prepared them, the others just before embargo's check
    at = EMBARGO + 1 if kind == "markers" else EMBARGO
    plugins = PIPELINE[:at] + ["sabotage"] + PIPELINE[at:]
    settings = [
        BEFORE,
        f'PLUGIN_PATHS=["{ROOT / "plugins"}", "{plugin.parent}"]',
        "PLUGINS=[{}]".format(", ".join(f'"{p}"' for p in plugins)),
    ]
    before = snapshot(output)
    done = run(SITE, output, *settings)
    assert done.returncode != 0
    assert expected in " ".join(done.log.split())
    # the release stage never swapped the staged site in
    assert snapshot(output) == before


def test_an_article_linking_to_a_held_page_stops_the_build(site, output):
    (site / "content" / "pages" / "later.md").write_text(
        "Title: Later\nDate: 2020-01-01T00:00:00Z\nEmbargo: 2030-01-01T00:00:00Z\n\nx\n"
    )
    (site / "content" / "statements" / "points.md").write_text(
        f"{HEADER}\nSee [the page]({{filename}}../pages/later.md).\n"
    )
    before = snapshot(output)
    done = run(site, output, BEFORE)
    assert done.returncode != 0
    log = " ".join(done.log.split())
    assert (
        "content/statements/points.md:1: this entry is published but links to "
        "content/pages/later.md, which is held back" in log
    )
    assert snapshot(output) == before


def test_a_preview_refuses_the_public_output_folder(site):
    public = site / "output"
    public.mkdir()
    (public / "index.html").write_text("public release\n")
    before = snapshot(public)
    done = run(site, public, BEFORE, 'EMBARGO_AUDIENCE="acme"')
    assert done.returncode != 0
    assert "a preview for 'acme' must not be written to" in " ".join(done.log.split())
    assert snapshot(public) == before


def test_a_clock_moved_ahead_refuses_the_public_output_folder(site):
    """Compared with the real clock: the year 9999 is ahead of it."""
    public = site / "output"
    public.mkdir()
    (public / "index.html").write_text("public release\n")
    done = run(site, public, 'EMBARGO_NOW="9999-01-01T00:00:00Z"')
    assert done.returncode != 0
    assert "EMBARGO_NOW is in the future" in " ".join(done.log.split())
    assert (public / "index.html").read_text() == "public release\n"


def test_building_a_preview_never_touches_output(site):
    public = site / "output"
    public.mkdir()
    (public / "index.html").write_text("public release\n")
    before = snapshot(public)
    preview = build(site, site / "previews" / "acme", BEFORE, 'EMBARGO_AUDIENCE="acme"')
    assert (preview.output / "volumes" / "cnry-acmevol-slug" / "index.html").is_file()
    assert snapshot(public) == before
    assert not (site / ".build").exists()  # a preview writes no next-lift


def test_public_build_reports_holds_and_writes_the_next_lift_outside_output(
    site, tmp_path
):
    """With the real clock: the fixture's moments are moved to the year 2999."""
    for path in (site / "content").rglob("*.md"):
        text = path.read_text()
        path.write_text(
            text.replace("Embargo: 2030", "Embargo: 2999").replace(
                "Embargo: 2031", "Embargo: 3000"
            )
        )
    done = build(site, tmp_path / "out")
    log = " ".join(done.log.split())
    assert "embargo: 8 entries held back at" in log
    assert "next lift 2999-01-01T00:00:00Z" in log
    assert (
        "2999-06-01T10:00:00Z held content/volumes/open/cnry-globexdoc-slug.md "
        "[Globex (globex)]" in log
    )
    assert (site / ".build" / "next-lift").read_text() == "2999-01-01T00:00:00Z\n"
    assert not [p for p in done.files() if "next-lift" in p.name]


def test_a_moved_clock_leaves_the_next_lift_file_alone(site, tmp_path):
    lift = site / ".build" / "next-lift"
    lift.parent.mkdir()
    lift.write_text("2030-01-01T00:00:00Z\n")
    build(site, tmp_path / "out", 'EMBARGO_NOW="2030-01-01T00:00:00Z"')
    assert lift.read_text() == "2030-01-01T00:00:00Z\n"
