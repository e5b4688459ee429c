"""Disguised names: Unicode forms at read time and in the guard, and names
split by markup in the output.

A listed name or a redacted original written in fullwidth letters, with
decomposed accents, with invisible characters inside or with another space
between its words still reads as itself; so does one split by a tag or a
comment in the output. The policy redacts such forms at read time; the
guard fails the build on any of them in the output.
"""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from redaction.fields import spells_name
from redaction.guard import Needles, scan_file
from redaction.marks import Redaction
from redaction.policy import Policy
from redaction.readings import (
    IGNORABLE,
    fold,
    normalize,
    visible,
    visible_map,
)

from tests.redaction.support import ALLOW, render, text_mark
from tests.redaction.test_guard_build import with_injector
from tests.sitebuild import run_pelican, snapshot

NAMES = ["Marta Quill", "José Müller"]
NFD = unicodedata.normalize("NFD", "José Müller")
FULLWIDTH = "Ｍａｒｔａ Ｑｕｉｌｌ"
# each listed name in a disguise, as it would stand in content or output
DISGUISES = [
    FULLWIDTH,
    "ＭＡＲＴＡ　ＱＵＩＬＬ",  # ideographic space too
    "Mar\u200bta Qu\u200dill",
    "Marta\u2060 Quill",
    "Mar\u00adta Quill",
    "\u202eMarta Quill\u202c",
    "Marta\u200e Quill",
    "Marta\u00a0Quill",
    "Marta\u2009Quill",
    "Marta\u2028Quill",
    "Ma\ufe0frta Quill",
    NFD,
    "José Müller",
    "JOSE\u0301 MU\u0308LLER",
]


def policy() -> Policy:
    return Policy(names=NAMES, allow=ALLOW)


# ---------------------------------------------------------------- readings


def test_every_format_character_is_ignorable():
    format_characters = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf"
    ]
    assert len(format_characters) > 150
    assert [c for c in format_characters if not IGNORABLE.fullmatch(c)] == []


@pytest.mark.parametrize(
    ("text", "looks"),
    [
        (FULLWIDTH, "Marta Quill"),
        (NFD, "José Müller"),
        ("Mar\u200bta\u00a0Qu\u2060ill", "Marta Quill"),
        ("\ufb01le", "file"),
        ("a\u2028b\u3000c", "a b c"),
    ],
)
def test_visible_reads_a_text_as_it_looks(text, looks):
    assert visible(text) == looks


def test_visible_returns_an_unchanged_text_itself():
    text = "plain text · with “quotes” and é"
    assert visible(text) is text
    normalized = normalize(text)
    assert fold(normalized) is normalized


def test_visible_map_points_each_character_at_whole_characters_of_the_text():
    text = f"by {NFD}\u200b, Ｍ."
    reading, starts, ends = visible_map(text)
    assert reading == "by José Müller, M."
    accent = reading.index("é")
    assert text[starts[accent] : ends[accent]] == "e\u0301"
    comma = reading.index(",")
    assert text[starts[comma] : ends[comma]] == ","
    fullwidth = reading.index("M.")
    assert text[starts[fullwidth] : ends[fullwidth]] == "Ｍ"
    spans = list(zip(starts, ends, strict=True))
    assert spans == sorted(spans)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "e", "\u0301", "\u0308", "\u200b", "\u00a0", "Ｍ", "ﬁ", " ", "é", "…"]
        ),
        max_size=20,
    ).map("".join)
)
def test_visible_map_reads_what_visible_reads(text):
    reading, starts, ends = visible_map(text)
    assert len(starts) == len(ends) == len(reading)
    assert unicodedata.normalize("NFC", reading) == unicodedata.normalize(
        "NFC", visible(text)
    )
    for char, start, end in zip(reading, starts, ends, strict=True):
        assert char in visible(text[start:end]) or char == " "


def test_fold_reads_a_normalized_text_as_it_looks_in_any_case():
    assert fold(normalize("Ｍａｒｔａ\u00a0Ｑｕ\u200bｉｌｌ")) == "marta quill"
    assert fold(normalize(NFD)) == "josé müller"
    assert fold(normalize("STRAUẞ")) == "strauss"


# ------------------------------------------------------------------ policy


@pytest.mark.parametrize("text", DISGUISES)
def test_the_policy_withholds_a_disguised_name_whole(text):
    found = policy().withheld(f"Met {text}, twice.")
    assert [(m.reason, m.text) for m in found] == [("name", text.lstrip("\u202e"))]
    match = found[0]
    left = f"Met {text}, twice."[: match.start] + f"Met {text}, twice."[match.end :]
    assert policy().withheld(left) == []
    assert "marta" not in fold(normalize(left)) and "müller" not in fold(
        normalize(left)
    )


@pytest.mark.parametrize(
    "text", ["Marta Quillon", "MartaQuill", "Jose Muller", "J\u0301ose Müller"]
)
def test_other_words_are_not_names(text):
    assert policy().withheld(text) == []


def test_disguised_addresses_are_withheld_and_public_ones_kept():
    found = policy().withheld(
        "write ｍａｒｔａ＠ｌｅａｋ．ｅｘａｍｐｌｅ or １０．１．２．３"
    )
    assert [m.reason for m in found] == ["email", "ip"]
    assert policy().withheld("write ｓｅｃｕｒｉｔｙ＠ａｃｍｅ．ｅｘａｍｐｌｅ") == []


def test_a_site_pattern_sees_the_text_as_it_looks():
    custom = Policy(patterns=[("source", r"CASE-\d{5}")])
    assert [m.text for m in custom.withheld("see ＣＡＳＥ－１２３４５.")] == [
        "ＣＡＳＥ－１２３４５"
    ]


def test_overlapping_withheld_matches_are_joined():
    found = Policy(names=["Marta Quill"]).withheld("é<Marta Quill@leak.example")
    assert len(found) == 1 and "@leak.example" in found[0].text


def test_a_name_with_sharp_s_is_found_case_folded():
    assert [m.text for m in Policy(names=["Anna Strauß"]).withheld("ANNA STRAUSS")] == [
        "ANNA STRAUSS"
    ]


# --------------------------------------------------------------- rendering


def test_disguised_names_are_redacted_at_read_time_everywhere():
    body = (
        f"By {FULLWIDTH}\nand Mar\u200bta\u00a0Quill, with `{NFD}` in code.\n\n"
        f"<span title='{FULLWIDTH}'>raw</span>\n"
    )
    result = render(body, names=NAMES, fields={"title": f"Memo of {NFD}"})
    page = fold(normalize(result.html))
    assert "marta quill" not in page and "josé müller" not in page
    assert len([r for r in result.found if r.reason == "name"]) == 5
    assert result.fields["title"].value == f"Memo of {text_mark('name')}"


def test_a_name_split_by_markup_in_the_source_is_left_to_the_guard():
    # the policy reads text, not HTML: the guard stops such a page
    result = render("By <b>Marta</b><br>Quill.\n", names=NAMES)
    assert "Quill" in result.html


# ------------------------------------------------------------------- guard

FOUND = [
    Redaction("content/v/doc.md", 7, "name", "markup", "body", "Zed Quorum"),
    Redaction("content/v/doc.md", 8, "name", "markup", "body", "Émile Zola"),
]


def scan(text: str) -> list[tuple[str, str]]:
    needles = Needles(FOUND, policy(), 4, 12)
    return scan_file(text.encode(), needles, policy())


ORIGINAL = ("redacted text (markup, reason name, body)", "content/v/doc.md:7")
ACCENTED = ("redacted text (markup, reason name, body)", "content/v/doc.md:8")
NAME = ("text the policy withholds (name)", "")


@pytest.mark.parametrize(
    ("output", "found"),
    [
        ("<p>ＺＥＤ Ｑｕｏｒｕｍ</p>", ORIGINAL),
        ("<p>Zed\u200b Quo\u2060rum</p>", ORIGINAL),
        ("<p>Zed\u00a0Quorum</p>", ORIGINAL),
        ('{"t": "Zed\\u3000Quorum"}', ORIGINAL),
        ("<p>Zed&#xFF31;uorum? no: Zed &#xFF31;uorum</p>", ORIGINAL),
        (f"<p>{unicodedata.normalize('NFD', 'Émile Zola')}</p>", ACCENTED),
        ("<p>Zed<br>Quorum</p>", ORIGINAL),
        ("<p>Zed<span>Quorum</span></p>", ORIGINAL),
        ("<p>Ze<b>d</b> Quorum</p>", ORIGINAL),
        ("<p>Zed<!-- -->Quorum</p>", ORIGINAL),
        ("<p>Zed<!-- a > b -->Quorum</p>", ORIGINAL),
        ("<li>Zed</li>\n<li>Quorum</li>", ORIGINAL),
        ("<p>Zed</p>\n<p>Ｑｕｏｒｕｍ</p>", ORIGINAL),
        ("<td>Marta</td><td>Quill</td>", NAME),
        (f"<p>{FULLWIDTH}</p>", NAME),
        (f"<p>{NFD}</p>", NAME),
        ("<p>Marta<wbr>\u200bＱｕｉｌｌ</p>", NAME),
    ],
)
def test_the_guard_finds_disguised_and_split_text(output, found):
    assert found in scan(output)


@pytest.mark.parametrize(
    "output",
    [
        "<p>Zed and Quorum</p>",
        "<p>ZedQuorum</p>",
        "<p>Marta</p>\n<p>and Quill</p>",
        "<p>Ze\u0301d Quorum</p>",
    ],
)
def test_the_guard_passes_what_is_not_the_text(output):
    assert scan(output) == []


def test_a_fold_far_from_the_name_in_a_long_text_is_still_read():
    # the folded reading is screened only near what folding changed
    filler = "\n".join(f"<p>line {n} of filler text</p>" for n in range(200))
    assert ORIGINAL in scan(f"{filler}\n<p>Zed</p>\n<p>Ｑｕｏｒｕｍ</p>\n{filler}")
    assert ORIGINAL in scan(f"{filler}\n<p>ＺＥＤ</p>\n<p>Quorum</p>\n{filler}")
    assert scan(f"{filler}\n<p>ＺＥＤ</p>\n<p>{'x ' * 40}</p>\n<p>Quorum</p>") == []


# ------------------------------------------------------------------ builds


def test_a_site_with_disguised_names_builds_with_them_redacted(site, output):
    names = site / "names.txt"
    names.write_text(names.read_text() + "José Müller\n", encoding="utf-8")
    (site / "content/volumes/leak/disguised.md").write_text(
        "Title: Notes on Ｃａｎａｒｉｎａ Ｆｅｎｗｉｃｋ\n"
        "Date: 2020-05-03T10:00:00Z\n\n"
        "Seen with Osgood\u00a0Canary\u200bwell and "
        f"{unicodedata.normalize('NFD', 'José Müller')}.\n\n"
        "Later: Can\u2060arina \u202eFenwick, and José Müller again.\n",
        encoding="utf-8",
    )
    build = run_pelican(site, output)
    assert build.returncode == 0, build.log
    page = (output / "volumes/leak/disguised/index.html").read_text()
    assert "<h1>Notes on [redacted: personal name]</h1>" in page
    assert "5 redactions: 5 personal name" in " ".join(page.split())
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt"}:
            text = fold(normalize(path.read_text(encoding="utf-8")))
            for name in ("canarina fenwick", "osgood canarywell", "josé müller"):
                assert name not in text, (path, name)


def test_a_disguised_original_in_the_output_fails_the_build(site, output):
    leaks = {
        "leak/fullwidth.html": "<p>ＣａｎａｒｙＢｏｄｙ</p>",
        "leak/invisible.json": json.dumps({"t": "Canary\u200dHeading"}),
        "leak/split.html": "<p>CanaryEmph<br>Smith &amp; CanaryAmp</p>",
        "leak/name.html": "<p>Canarina<span>Ｆｅｎｗｉｃｋ</span></p>",
        "leak/clean.html": "<p>Canary Body, CanaryBodyguard</p>",
    }
    before = snapshot(output)
    build = run_pelican(
        site, output, *with_injector(f"REDACTION_TEST_LEAKS={json.dumps(leaks)}")
    )
    assert build.returncode != 0
    log = " ".join(build.log.split())
    assert "redaction guard: 5 leak(s) in the output" in log
    memo = "content/volumes/leak/memo.md"
    for line in [
        "leak/fullwidth.html: redacted text (markup, reason name, body) "
        f"(from {memo}:7)",
        "leak/invisible.json: redacted text (markup, reason name, body heading) "
        f"(from {memo}:10)",
        f"leak/split.html: redacted text (markup, reason name, body) (from {memo}:8)",
        "leak/name.html: text the policy withholds (name) (from a page built from "
        "several entries)",
        # the name was redacted by the policy in memo.md too
        f"leak/name.html: redacted text (policy, reason name, body) (from {memo}:33)",
    ]:
        assert line in log
    assert "clean.html" not in log
    assert snapshot(output) == before


@pytest.mark.parametrize(
    "slug",
    [
        "ｍａｒｔａ－ｑｕｉｌｌ",
        "marta\u200b-quill",
        "marta\uff3fquill",
        "marta.qu\u00adill",
    ],
)
def test_a_disguised_name_in_a_url_is_found(slug):
    assert spells_name(policy(), slug)
    assert not spells_name(policy(), slug.replace("ｑ", "ｘ").replace("q", "x"))
