"""Build the redaction fixture and search every output byte for the canaries.

Each canary word stands in one placement (title, tags, summary, body,
heading, code, link, image, footnote, table, raw HTML, block, policy). The
same site with its marks removed publishes every one of them, so the search
is shown to work.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote_plus

import pytest

from tests.redaction.support import mark, plugin_settings
from tests.sitebuild import SITES, Build, copy_site, run_pelican

SITE = SITES / "redaction"
POLICY_CANARIES = [
    "canarymail@internal.example",
    "canaryauto@internal.example",
    "canarymailto@internal.example",
    "admin@canaryhost.internal",
    "10.20.30.40",
    "10.20.30.41",
    "10.20.30.42",
    "fd00:cafe::42",
    "fd00:cafe::43",
    "Canarina Fenwick",
    "Osgood Canarywell",
]


def canaries() -> list[str]:
    words = set()
    for path in (SITE / "content").rglob("*.md"):
        words |= set(re.findall(r"Canary\w+", path.read_text()))
    return sorted(words) + POLICY_CANARIES


def readable(data: bytes) -> str:
    """Every form a reader could decode, whitespace collapsed, any case."""
    text = data.decode("utf-8", "replace")
    forms = [
        text,
        html.unescape(text),
        unquote_plus(text),
        html.unescape(unquote_plus(text)),
    ]
    return " ".join(" ".join(f.split()) for f in forms).casefold()


def found_in(build: Build, word: str) -> list[str]:
    needle = " ".join(word.split()).casefold()
    return [
        p.relative_to(build.output).as_posix()
        for p in build.files()
        if needle in readable(p.read_bytes())
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_pelican(SITE, tmp_path_factory.mktemp("redaction") / "out")
    assert build.returncode == 0, build.log
    return build


def strip_marks(folder: Path) -> None:
    for path in (folder / "content").rglob("*.md"):
        text = re.sub(r"\{\.redact[^}]*\}", "", path.read_text())
        text = re.sub(r"^:::.*\n", "", text, flags=re.M)
        path.write_text(text)


def test_no_canary_reaches_any_output_file(site):
    assert len(canaries()) > 40
    leaks = {word: found_in(site, word) for word in canaries()}
    assert {word: files for word, files in leaks.items() if files} == {}


def test_without_the_marks_every_canary_is_published(tmp_path):
    copy = tmp_path / "site"
    copy_site(SITE, copy)
    strip_marks(copy)
    build = run_pelican(copy, tmp_path / "out", *plugin_settings(redaction=False))
    assert build.returncode == 0, build.log
    assert [word for word in canaries() if not found_in(build, word)] == []


def test_every_mark_is_one_of_the_fixed_marks(site):
    page = site.read("volumes/leak/memo/index.html")
    found = re.findall(
        r'<(?:span|div) class="redaction[^"]*".*?</span></(?:span|div)>', page
    )
    reasons = [None, "name", "email", "ip", "source"]
    fixed = {mark(r) for r in reasons} | {mark(r, block=True) for r in reasons}
    assert len(found) >= 25
    assert set(found) <= fixed


def test_a_document_states_its_redactions_by_reason(site):
    assert (
        '<p class="meta redaction-count">37 redactions: 11 no reason given, '
        "11 personal name, 6 source protection, 5 internal address, "
        "4 e-mail address</p>"
    ) in site.read("volumes/leak/memo/index.html")
    assert '<p class="meta redaction-count">' not in site.read("about/index.html")


def test_titles_and_tags_carry_the_text_mark(site):
    page = site.read("volumes/leak/memo/index.html")
    assert "<h1>Memo for [redacted: personal name]</h1>" in page
    assert ">[redacted: personal name]</a></li>" in page
    assert "<title>Memo for [redacted: personal name]</title>" in site.read(
        "feeds/all.atom.xml"
    )


def test_heading_ids_come_from_the_text_that_is_left(site):
    assert '<h2 id="meeting-with">Meeting with <span class="redaction"' in site.read(
        "volumes/leak/memo/index.html"
    )


def test_allow_listed_addresses_stay_visible(site):
    assert "<strong>security@acme.example</strong>" in site.read(
        "statements/vendor/index.html"
    )
    page = site.read("volumes/leak/memo/index.html")
    assert "security@acme.example, and the test address 192.0.2.7 stays." in page


def test_the_audit_report_lists_every_redaction(tmp_path):
    report = tmp_path / "reports" / "redactions.csv"
    build = run_pelican(
        SITE, tmp_path / "out", f"REDACTION_REPORT={json.dumps(str(report))}"
    )
    assert build.returncode == 0, build.log
    header, *rows = csv.reader(io.StringIO(report.read_text()))
    assert header == ["file", "line", "reason", "kind", "placement", "original"]
    assert len(rows) == 37 + 1 + 1  # memo, volume, statement
    memo = "content/volumes/leak/memo.md"
    assert rows[:3] == [
        [
            "content/statements/vendor.md",
            "9",
            "name",
            "policy",
            "body",
            "Osgood Canarywell",
        ],
        [
            "content/volumes/leak/index.md",
            "7",
            "source",
            "markup",
            "body",
            "CanaryVolume",
        ],
        [memo, "1", "name", "markup", "title", "CanaryTitle"],
    ]
    assert [memo, "4", "", "markup", "summary", "CanarySummary"] in rows
    assert [
        memo,
        "46",
        "source",
        "markup",
        "body block",
        ("CanaryBlockPara with a reference.\nCanaryBlockList\nCanaryBlockFence"),
    ] in rows
    assert not any(p.name.startswith("redactions") for p in build.files())


def test_the_report_is_refused_inside_the_output(tmp_path):
    out = tmp_path / "out"
    build = run_pelican(SITE, out, f"REDACTION_REPORT={json.dumps(str(out / 'r.csv'))}")
    assert build.returncode != 0
    assert "is inside the output folder" in build.log
