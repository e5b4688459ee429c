"""The fast guard finds exactly what searching every form of every file finds.

The guard cuts texts into pieces, remembers pieces it has searched, puts
a screen in front of its exact search, and makes the wholes with tags read
as spaces and the folded ones only where they could hold something (see
guard.Guard and screen.py). None of that may change a finding: `reference`
below is the plain search, every form of the whole text, and each test
holds the guard to it, on texts built to trip the shortcuts (tags and
comments across lines, escapes, letters that change under case folding or
NFKC, invisible characters, text shared between files).
"""

from __future__ import annotations

import html
import importlib
import re
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from redaction.guard import Guard, Needles, scan_file, scan_output
from redaction.marks import Redaction
from redaction.policy import Policy
from redaction.readings import (
    INVISIBLE,
    JS_ESCAPE,
    SPACE,
    TAG,
    fold,
    normalize,
    texts_of,
)
from redaction.screen import Screen, anchor

from tests.redaction.support import ALLOW

FOUND = [
    Redaction("content/v/doc.md", 7, "name", "markup", "body", "Zed Quorum & Co"),
    Redaction("content/v/doc.md", 8, "name", "markup", "body", "Ivan Petrov"),
    Redaction("content/v/doc.md", 9, None, "markup", "body", "Kestrel"),
    Redaction(
        "content/v/doc.md",
        12,
        "source",
        "markup",
        "body block",
        "The courier left at dawn. Nobody saw him\n}\nok",
        block=True,
    ),
    Redaction("content/v/doc.md", 20, "email", "policy", "body", "x@internal.example"),
    Redaction("content/v/doc.md", 21, "ip", "policy", "body", "10.1.2.3"),
]
POLICIES = {
    "names": Policy(names=["Marta Quill", "Osric Fenn"], allow=ALLOW),
    "one-word names": Policy(names=["Osric", "Élodie Durand", "Zoë"], allow=ALLOW),
    # a site's own patterns may see a "<", a line break, or where a text
    # starts and ends
    "own patterns": Policy(
        patterns=[
            ("source", r"CASE-\d{5}"),
            ("source", r"SECRET <b>"),
            ("source", r"^\s*zed"),
            ("source", r"\bco$"),
        ],
        names=["Marta Quill"],
        allow=ALLOW,
    ),
}
# Pieces of text that put the guard's shortcuts to work: tags, line breaks
# before tags (where texts are cut), every escape, case folding, invisible
# characters, and what the needles, names and patterns look for.
FRAGMENTS = [
    "<p>", "</p>", "\n<", "\n", "<em>", "</em>", '<a title="', '">', "<", ">",
    " ", "  ", "\t", "Zed", "zed", "ZED", "Quorum", "Q\u00aduorum", "&amp;", "&",
    "Co", "%20", "+", "%26", "\\u0020", "&#90;", "&#x51;", "&lt;", "&gt;",
    "Marta", "Quill", "marta\n quill", "Osric", "Fenn", "Élodie", "DURAND",
    "Zoë", "Kestrel", "\u212aestrel", "ıvan petrov", "Ivan", "Petrov",
    "The courier left at dawn.", "Nobody saw him", "x@internal.example",
    "security@acme.example", "10.1.2.3", "10.0.0.7", "192.0.2.9", "fe80::1",
    "::", "14:00:00", "CASE-12345", "CASE", "-12345", "\u00ad", "\u200b",
    "SECRET", "<b>", "</b>",
    # tags and comments that split a word, or two
    "<br>", "<span>", "</span>", "<!-- -->", "<!--", "-->", "<!-->", "a > b",
    "Ivan<b>Petrov", "Marta<br>Quill", "Zed<span>Quorum</span>", "Osric</p>\n<p>",
    "Ke<i>strel</i>", "x@<b>internal.example", "10.1.<b>2.3", "Fenn</td><td>",
    "Marta\n<p>Ｑｕｉｌｌ", "Ivan\n<i>Ｐｅｔｒｏｖ", "The courier left\n<p>at",
    " dawn.\n<p>Ｎobody saw him", "\n<p>Ｑｕｏｒｕｍ &amp; Co",
    # Unicode disguises: fullwidth, decomposed accents, invisible and
    # bidi characters, other spaces, what composes with "<", a ligature,
    # the noncharacter the guard marks tags with
    "Ｑｕｏｒｕｍ", "ＺＥＤ", "Ｍａｒｔａ", "E\u0301lodie", "e\u0301", "\u0301",
    "Zo\u0308", "\u2060", "\u200e", "\u202e", "\u2062", "\ufe0f", "\u00a0",
    "\u3000", "\u0338", "＜", "ﬁ", "…", "ß", "\ufdd0",
]  # fmt: skip
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)


# the package's `guard` is the signal handler; the module is this
guard_module = importlib.import_module("redaction.guard")


def reference(data: bytes, needles: Needles, policy: Policy) -> list[tuple[str, str]]:
    """Every form of every text of the file, each searched in full."""
    hits = set()
    for text in texts_of(data):
        for form in old_readings(text):
            for r in needles.search(form):
                hits.add(
                    (
                        f"redacted text ({r.kind}, reason {r.reason or 'none'}, "
                        f"{r.placement})",
                        f"{r.path}:{r.line}",
                    )
                )
            for match in unscreened(policy).withheld(form):
                hits.add((f"text the policy withholds ({match.reason})", ""))
    return sorted(hits)


def old_readings(text: str) -> list[str]:
    """Every reading of the text: as is and decoded, with the tags taken
    out and read as spaces, each normalized and folded."""
    decoded = text
    for _ in range(3):
        again = JS_ESCAPE.sub(_js_char, unquote_plus(html.unescape(decoded)))
        if again == decoded:
            break
        decoded = again
    forms = {
        text,
        html.unescape(text),
        unquote_plus(text),
        JS_ESCAPE.sub(_js_char, text),
        decoded,
        *(TAG.sub(sep, form) for form in (html.unescape(text), decoded)
          for sep in ("", " ")),
    }  # fmt: skip
    normalized = {SPACE.sub(" ", INVISIBLE.sub("", form)).casefold() for form in forms}
    return sorted(normalized | {fold(form) for form in normalized})


def _js_char(match: re.Match[str]) -> str:
    return chr(int(match[1] or match[2], 16))


def unscreened(policy: Policy) -> Policy:
    """The same policy with its screens off: every pattern runs on every text."""
    bare = Policy.__new__(Policy)
    bare.__dict__.update(policy.__dict__)
    bare.screens = [None] * len(policy.screens)
    bare.names_screen = None
    return bare


@pytest.mark.parametrize("name", sorted(POLICIES))
@settings(max_examples=300, deadline=None)
@given(files=st.lists(texts, min_size=1, max_size=4))
def test_the_guard_finds_what_searching_every_form_finds(name, files):
    policy = POLICIES[name]
    needles = Needles(FOUND, policy, 4, 12)
    guard = Guard(needles, policy)  # one guard: what it remembers is reused
    for text in files:
        data = text.encode()
        assert guard.scan(data) == reference(data, needles, policy)


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_a_guard_that_forgets_at_every_file_finds_the_same(text):
    policy = POLICIES["names"]
    needles = Needles(FOUND, policy, 4, 12)
    guard = Guard(needles, policy)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(guard_module, "MEMO_CHARS", 8)
        patch.setattr(guard_module, "RECENT", 1)
        for data in (text.encode(), (text + "\n<p>" + text).encode()):
            assert guard.scan(data) == reference(data, needles, policy)


def test_a_leak_in_a_line_two_pages_share_is_reported_for_both(tmp_path: Path):
    line = "\n<p>Zed <em>Quorum</em> &amp; Co</p>\n"
    for name in ("a.html", "b.html", "c.html"):
        body = line if name != "b.html" else "<p>clean</p>"
        (tmp_path / name).write_text(f"<html>{body}<p>{name}</p></html>")
    policy = POLICIES["names"]
    hits = scan_output(tmp_path, Guard(Needles(FOUND, policy, 4, 12), policy), {})
    assert sorted({hit.output for hit in hits}) == ["a.html", "c.html"]


def test_a_tag_that_runs_across_lines_is_still_taken_out():
    # "&lt;" decodes to a "<" that opens a tag closed on the next line
    data = b"<p>Zed &lt;span title='a\n<b'>Quorum &amp; Co</p>"
    policy = POLICIES["names"]
    needles = Needles(FOUND, policy, 4, 12)
    assert scan_file(data, needles, policy) == reference(data, needles, policy)
    assert scan_file(data, needles, policy) == [
        ("redacted text (markup, reason name, body)", "content/v/doc.md:7")
    ]


def test_the_sites_own_patterns_may_match_across_a_line_and_a_tag():
    # a site's pattern is not known to stop at a "<": texts are not cut
    policy = Policy(patterns=[("source", r"SECRET <b>")])
    needles = Needles([], policy, 4, 12)
    assert scan_file(b"<p>SECRET\n<b>x</b></p>", needles, policy) == [
        ("text the policy withholds (source)", "")
    ]


phrases = st.text(alphabet="abiks .-@:'", min_size=1, max_size=12).map(
    lambda p: " ".join(p.split())
)


@settings(max_examples=500, deadline=None)
@given(
    exact=st.lists(phrases.filter(str.strip), max_size=5),
    any_case=st.lists(phrases.filter(str.strip), max_size=3),
    before=st.text(alphabet="abAB .@-ıſK\u212a", max_size=8),
    after=st.text(alphabet="abAB .@-", max_size=8),
    pick=st.integers(min_value=0),
    upper=st.booleans(),
)
def test_the_screen_is_found_wherever_a_phrase_is(
    exact, any_case, before, after, pick, upper
):
    phrases_ = [(p, False) for p in exact] + [(p, True) for p in any_case]
    if not phrases_:
        return
    phrase, case_free = phrases_[pick % len(phrases_)]
    found = phrase.upper() if case_free and upper else phrase
    text = normalize(before + found + after)
    screen = Screen(exact, any_case)
    flags = re.IGNORECASE if case_free else 0
    if re.search(re.escape(phrase), text, flags):
        assert screen.may_match(text)


def test_a_phrase_is_anchored_on_its_rarest_character_with_text_after_it():
    assert anchor("jonas ferreira") == (" ", "ferreira")
    assert anchor("alice.hansen@agency.example") == ("@", "agency.example")
    assert anchor("the end.") == (" ", "end.")  # "." has nothing after it
    assert anchor("kestrel") is None


def test_a_clean_site_never_compiles_the_needles():
    policy = POLICIES["names"]
    needles = Needles(FOUND, policy, 4, 12)
    assert Guard(needles, policy).scan(b"<p>nothing to see</p>") == []
    assert "patterns" not in needles.__dict__
