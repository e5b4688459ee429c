"""Fingerprints: equal for equal values in any build, different otherwise,
and refused for anything whose value they cannot see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from jinja2.runtime import Undefined
from jinja2.utils import missing
from markupsafe import Markup
from pelican.contents import Article
from pelican.urlwrappers import Tag
from render_memo.fingerprint import Unmemoizable, fingerprint, identity

SETTINGS = {"TAG_URL": "tags/{slug}/", "TAG_SAVE_AS": "tags/{slug}/index.html"}


def article(path: str, save_as: str) -> Article:
    return Article(
        "<p>body</p>",
        metadata={"title": "T", "save_as": save_as},
        settings={**_pelican_defaults(), **SETTINGS},
        source_path=path,
    )


def _pelican_defaults() -> dict:
    from pelican.settings import DEFAULT_CONFIG

    return dict(DEFAULT_CONFIG)


@dataclass(frozen=True)
class Record:
    number: int
    note: str


def test_equal_values_have_equal_fingerprints():
    value = {"b": [1, "two", None], "a": (Markup("<b>"), 2.5, True)}
    same = {"a": (Markup("<b>"), 2.5, True), "b": [1, "two", None]}
    assert fingerprint(value) == fingerprint(same)
    assert len(fingerprint(value)) == 16


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("<b>", Markup("<b>")),  # escaped or not: renders differently
        (1, True),
        (1, 1.0),
        ("1", 1),
        ([1, 2], [2, 1]),
        ([1, 2], (1, 2)),
        (["ab"], ["a", "b"]),
        ({"a": 1}, {"a": 2}),
        (None, missing),
        (datetime.date(2026, 1, 2), datetime.date(2026, 1, 3)),
        (
            datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC),
            datetime.datetime(2026, 1, 2),
        ),
        (Record(1, "a"), Record(1, "b")),
    ],
)
def test_different_values_have_different_fingerprints(one, other):
    assert fingerprint(one) != fingerprint(other)


def test_an_entry_is_named_by_its_identity_not_its_attributes():
    one = article("volumes/a/doc.md", "volumes/a/doc/index.html")
    again = article("volumes/a/doc.md", "volumes/a/doc/index.html")
    again.title = "Another title"
    assert identity(one) == ("Article", "volumes/a/doc.md", "volumes/a/doc/index.html")
    assert fingerprint([one]) == fingerprint([again])
    moved = article("volumes/a/doc.md", "volumes/a/doc/v1/index.html")
    assert fingerprint(one) != fingerprint(moved)


def test_a_tag_is_what_a_template_can_read_of_it():
    settings = {**_pelican_defaults(), **SETTINGS}
    assert fingerprint(Tag("Routers", settings)) == fingerprint(
        Tag("Routers", settings)
    )
    assert fingerprint(Tag("Routers", settings)) != fingerprint(Tag("Modems", settings))


def test_undefined_is_a_value():
    assert fingerprint(Undefined()) == fingerprint(Undefined(name="x"))
    assert fingerprint(Undefined()) != fingerprint("")


@pytest.mark.parametrize(
    "value",
    [object(), [1, object()], {"k": lambda: 1}, "a".upper, Record(1, object())],
)
def test_what_it_cannot_see_is_refused(value):
    with pytest.raises(Unmemoizable):
        fingerprint(value)


def test_a_cycle_is_refused_not_followed():
    loop: list = []
    loop.append(loop)
    with pytest.raises(Unmemoizable):
        fingerprint(loop)
