"""Tag, category and author pages: the same pages, with the same arguments,
as Pelican's own ArticlesGenerator writes, their dated lists made in one pass."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from content_model.taxonomy import GROUPS, dated_members, install, write_groups
from pelican.generators import ArticlesGenerator
from pelican.writers import FileOverwriteFailedError


class Entry:
    """An entry as Pelican's compare: by identity."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


class Equal(Entry):
    """An entry that compares by name, as no Pelican entry does."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and other.name == self.name

    __hash__ = Entry.__hash__


@dataclass(frozen=True)
class Group:
    """A tag, category or author: what the writing reads of one."""

    slug: str
    save_as: str
    url: str
    page_name: str


def group(slug: str, save_as: str | None = None) -> Group:
    return Group(
        slug,
        f"tags/{slug}/index.html" if save_as is None else save_as,
        f"tags/{slug}/",
        f"tags/{slug}/index",
    )


def generator(kind: type[Entry] = Entry) -> ArticlesGenerator:
    """An ArticlesGenerator after its context: four entries, newest first."""
    entries = [kind(f"doc-{n}") for n in range(4)]
    gen = object.__new__(ArticlesGenerator)
    gen.articles = entries
    gen.dates = list(reversed(entries))
    gen.context = {"SITENAME": "S"}
    gen.get_template = lambda name: f"<template {name}>"
    a, b, no_page = group("a"), group("b"), group("none", save_as="")
    gen.tags = {a: [entries[2], entries[0]], b: [entries[1]], no_page: entries[:]}
    gen.categories = [(group("c"), entries[:2]), (no_page, entries)]
    gen.authors = [(group("z"), [entries[3]])]
    return gen


def recorder() -> tuple[list, object]:
    calls: list = []

    def write(name, template, context, **kwargs):
        if name:  # Pelican's writer writes nothing for an empty name
            calls.append((name, template, context, kwargs))

    return calls, write


def test_dated_members_keeps_the_order_of_dates():
    one, two, three = Entry("1"), Entry("2"), Entry("3")
    assert dated_members([three, two, one], [one, three]) == [three, one]


@pytest.mark.parametrize(("method", "attribute", "name"), GROUPS)
def test_the_pages_are_the_ones_pelican_writes(method, attribute, name):
    gen = generator()
    pelican_calls, pelican_write = recorder()
    getattr(ArticlesGenerator, method)(gen, pelican_write)
    our_calls, our_write = recorder()
    groups = getattr(gen, attribute)
    write_groups(gen, our_write, groups.items() if name == "tag" else groups, name)
    assert our_calls == pelican_calls
    assert our_calls  # every fixture has a group with a page


def test_an_installed_generator_writes_through_write_groups():
    gen = generator()
    expected, write = recorder()
    ArticlesGenerator.generate_tags(gen, write)
    install(gen)
    calls, write = recorder()
    gen.generate_tags(write)
    assert calls == expected
    assert [c[3]["dates"] for c in calls] == [
        [gen.dates[1], gen.dates[3]],
        [gen.dates[2]],
    ]


def test_entries_that_compare_by_value_keep_pelican_s_own_method():
    gen = generator(Equal)
    install(gen)
    twin = Equal("doc-1")  # equal to doc-1, not it
    gen.tags = {group("t"): [twin]}
    calls, write = recorder()
    gen.generate_tags(write)
    # Pelican's `in` finds doc-1 by equality; a set of identities would not
    assert [c[3]["dates"] for c in calls] == [[gen.articles[1]]]


def test_a_page_written_twice_is_skipped_without_a_slug_and_raises_with_one():
    gen = generator()

    def refuse(name, *args, **kwargs):
        raise FileOverwriteFailedError(name)

    gen.tags = {group(""): gen.articles}
    write_groups(gen, refuse, gen.tags.items(), "tag")  # logged, skipped
    gen.tags = {group("a"): gen.articles}
    with pytest.raises(FileOverwriteFailedError):
        write_groups(gen, refuse, gen.tags.items(), "tag")
