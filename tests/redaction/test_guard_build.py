"""The guard in a real build: a leak that slipped past rendering fails it.

A test plugin writes leaks into the written site just before the guard
runs, as a template or an index might; an attachment carries another. The
build must fail, name each output file and the source entry, and leave
output/ as it was.
"""

from __future__ import annotations

import json

from tests.redaction.support import plugin_settings
from tests.sitebuild import (
    ROOT,
    SITES,
    run_pelican,
    snapshot,
)

SITE = SITES / "redaction"
MEMO = "content/volumes/leak/memo.md"


def entities(text: str) -> str:
    return "".join(f"&#{ord(c)};" for c in text)


def with_injector(*settings: str) -> list[str]:
    paths = [str(ROOT / "plugins"), str(SITE / "plugins")]
    return [
        *plugin_settings("leak_injector"),
        f"PLUGIN_PATHS={json.dumps(paths)}",
        *settings,
    ]


def test_a_leak_in_any_output_file_fails_the_build(site, output):
    (site / "content/volumes/leak/files/notes.txt").write_text("by CanaryBody\n")
    leaks = {
        "search/index.json": json.dumps({"t": "Memo for CanaryTitle"}),
        "leak/entities.html": f"<p>{entities('CanaryHeading')}</p>",
        "leak/url.html": '<a href="/x?q=Canary%48eading">x</a>',
        "leak/policy.xml": "<x>leaker@internal.example</x>",
        "leak/allowed.html": "<p>security@acme.example 192.0.2.9</p>",
    }
    before = snapshot(output)
    build = run_pelican(
        site,
        output,
        *with_injector(f"REDACTION_TEST_LEAKS={json.dumps(leaks)}"),
    )
    assert build.returncode != 0
    log = " ".join(build.log.split())
    assert "redaction guard: 5 leak(s) in the output; the build is not published" in log
    for line in [
        "leak/entities.html: redacted text (markup, reason name, body heading) "
        f"(from {MEMO}:10)",
        "leak/policy.xml: text the policy withholds (email) (from a page built "
        "from several entries)",
        "leak/url.html: redacted text (markup, reason name, body heading) "
        f"(from {MEMO}:10)",
        "search/index.json: redacted text (markup, reason name, title) "
        f"(from {MEMO}:1)",
        "volumes/leak/files/notes.txt: redacted text (markup, reason name, body) "
        f"(from {MEMO}:7)",
    ]:
        assert line in log
    assert "allowed.html" not in log
    assert snapshot(output) == before


def test_the_same_build_without_leaks_passes(site, output):
    build = run_pelican(site, output, *with_injector())
    assert build.returncode == 0, build.log
    memo = (output / "volumes/leak/memo/index.html").read_text()
    assert "<h1>Memo for [redacted: personal name]</h1>" in memo


def test_bad_markup_fails_the_build_and_leaves_output(site, output):
    memo = site / "content/volumes/leak/memo.md"
    line = len(memo.read_text().splitlines()) + 2
    memo.write_text(memo.read_text() + "\n::: redact\nnever closed\n")
    before = snapshot(output)
    build = run_pelican(site, output)
    assert build.returncode != 0
    assert f"{MEMO}:{line}: redaction block ::: redact is never closed" in build.log
    assert snapshot(output) == before


def test_without_the_plugin_the_markup_stops_the_build(site, output):
    build = run_pelican(site, output, *plugin_settings(redaction=False))
    assert build.returncode != 0
    assert "redaction markup was not handled" in build.log


def test_a_missing_names_file_stops_the_build(site, output):
    build = run_pelican(site, output, 'REDACTION_NAMES_FILE="/nonexistent/names.txt"')
    assert build.returncode != 0
    assert "REDACTION_NAMES_FILE: cannot read /nonexistent/names.txt" in build.log
