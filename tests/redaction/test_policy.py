"""The policy: e-mail and IP addresses, a names file, an allow-list."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from redaction.config import RedactionConfigError, RedactionSettings
from redaction.policy import Policy, names_regex, parse_names

ALLOW = ["security@acme.example", "192.0.2.0/24", "2001:db8::/32"]


def withheld(text, **kwargs):
    policy = Policy(allow=kwargs.pop("allow", ALLOW), **kwargs)
    return [(m.reason, m.text) for m in policy.withheld(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mail bob.s+x@mail.internal.example now",
            [("email", "bob.s+x@mail.internal.example")],
        ),
        ("at 10.0.0.5, then 10.0.0.6.", [("ip", "10.0.0.5"), ("ip", "10.0.0.6")]),
        ("padded 010.000.000.001 too", [("ip", "010.000.000.001")]),
        (
            "v6 fe80::1%eth0 and [fd00:cafe::42]:80",
            [("ip", "fe80::1%eth0"), ("ip", "fd00:cafe::42")],
        ),
        ("mapped ::ffff:10.1.2.3 here", [("ip", "::ffff:10.1.2.3")]),
        ("allowed security@ACME.example 192.0.2.7 2001:db8::1", []),
    ],
)
def test_built_in_patterns(text, expected):
    assert withheld(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "version 1.2.3.4.5 of the tool",
        "not an address 999.1.1.1",
        "at 14:00:00 UTC",
        "C++ std::vector and x :: Int",
        "the @media rule and user@localhost",
        "a MAC 00:1a:2b:3c:4d:5e",
    ],
)
def test_built_in_patterns_leave_look_alikes(text):
    assert withheld(text) == []


def test_names_are_whole_words_in_any_case_across_lines():
    names = ["Marta Quill", "Osric"]
    text = "MARTA\n   quill met Osric, not Osrick or marta."
    assert withheld(text, names=names) == [
        ("name", "MARTA\n   quill"),
        ("name", "Osric"),
    ]


def test_longer_name_wins_over_its_prefix():
    assert withheld("Marta Quill-Jones", names=["Marta", "Marta Quill"]) == [
        ("name", "Marta Quill")
    ]


def test_allowed_match_shields_what_is_inside_it():
    assert withheld("write to security@acme.example", names=["acme"]) == []


def test_extra_patterns_with_their_reasons():
    assert withheld("case CASE-12345 closed", patterns=[("source", r"CASE-\d{5}")]) == [
        ("source", "CASE-12345")
    ]


def test_names_file_format():
    assert parse_names("# staff\n\nMarta Quill  # lead\n  Osric Fenn\n") == [
        "Marta Quill",
        "Osric Fenn",
    ]


words = st.text(alphabet="abcdefgh", min_size=1, max_size=6)


@given(
    st.lists(
        st.lists(words, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=30
    ),
    st.lists(words, max_size=20).map(" ".join),
)
def test_trie_regex_finds_what_a_plain_alternation_finds(names, text):
    """The trie is an optimisation: it must match exactly the same names."""
    plain = re.compile(
        r"(?<!\w)(?:"
        + "|".join(
            re.escape(n).replace(r"\ ", r"\s+")
            for n in sorted(names, key=len, reverse=True)
        )
        + r")(?!\w)",
        re.IGNORECASE,
    )
    trie = names_regex(names)
    assert trie is not None
    assert [m.span() for m in trie.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"REDACTION_PATTERNS": [("nope", "x+")]},
            "reason 'nope' of 'x+' is not declared",
        ),
        ({"REDACTION_PATTERNS": [("name", "(")]}, "is not a regular expression"),
        ({"REDACTION_PATTERNS": [("name", "x*")]}, "matches empty text"),
        ({"REDACTION_PATTERNS": ["x"]}, "expected (reason, regex) pairs"),
        ({"REDACTION_REASONS": {"bad id": "x"}}, "is not a reason id"),
        ({"REDACTION_REASONS": {"ok": ""}}, "needs a label"),
    ],
)
def test_bad_settings_are_refused(settings, message):
    with pytest.raises(RedactionConfigError, match=re.escape(message)):
        RedactionSettings.read(settings)


def test_a_missing_names_file_is_refused(tmp_path):
    config = RedactionSettings.read(
        {"REDACTION_NAMES_FILE": str(tmp_path / "none.txt")}
    )
    with pytest.raises(RedactionConfigError, match="cannot read"):
        config.policy()


# Pieces of text near what the built-in patterns and the names match: the
# screens must let through every text where a pattern could match.
NEAR = [
    "bob", ".", "+", "%", "-", "_", "@", "@media", "mail.internal", ".example",
    "ſam", "\u212aai", "ıvan", "İ", "10", "0", "255", "999", ".", ":", "::",
    "fe80", "ffff", "db8", "%eth0", "14:00:00", "a::b", "1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:", "10.0.0.1", " ", "\n", "\t", "Marta", "MARTA", "Quill",
    "quill", "Osric", "security@acme.example", "192.0.2.1", "2001:db8::1",
]  # fmt: skip


@given(st.lists(st.sampled_from(NEAR), max_size=30).map("".join))
def test_screens_change_nothing_that_find_returns(text):
    policy = Policy(names=["Marta Quill", "Osric Fenn"], allow=ALLOW)
    bare = Policy.__new__(Policy)
    bare.__dict__.update(policy.__dict__)
    bare.screens = [None] * len(policy.screens)
    bare.names_screen = None
    assert policy.find(text) == bare.find(text)


def test_a_screen_passes_over_text_its_pattern_cannot_match():
    policy = Policy(names=["Marta Quill"])
    text = "at 2017-03-07T09:00:00+00:00, see @media and version 1.2"
    assert all(screen.search(text) is None for screen in policy.screens)
    assert policy.names_screen.search(text) is None
    assert policy.find(text) == []
