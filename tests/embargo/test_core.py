"""The embargo rules as plain functions: parsing, inheritance, the clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from embargo.core import (
    Constraint,
    EntryInfo,
    OwnEmbargo,
    decide,
    effective_constraints,
    hidden_static,
    is_held,
    next_lift,
    own_constraints,
    parse_embargo,
)
from hypothesis import given
from hypothesis import strategies as st

DECLARED = {"acme": "Acme Devices", "globex": "Globex"}
LINES = {"embargo": 3, "embargo-audience": 4}
T1 = datetime(2030, 1, 1, tzinfo=UTC)
T2 = datetime(2030, 6, 1, tzinfo=UTC)
BEFORE = datetime(2029, 1, 1, tzinfo=UTC)
BETWEEN = datetime(2030, 3, 1, tzinfo=UTC)
AFTER = datetime(2031, 1, 1, tzinfo=UTC)
NONE = OwnEmbargo()


def own(until=None, *audiences):
    return OwnEmbargo(until, frozenset(audiences) if audiences else None)


def volume(slug="v", embargo=NONE, links=()):
    return EntryInfo(
        path=f"volumes/{slug}/index.md",
        display=f"content/volumes/{slug}/index.md",
        kind="volume",
        slug=slug,
        volume=slug,
        own=embargo,
        links=frozenset(links),
    )


def document(name, slug="v", embargo=NONE, links=()):
    return EntryInfo(
        path=f"volumes/{slug}/{name}.md",
        display=f"content/volumes/{slug}/{name}.md",
        kind="document",
        slug=name,
        volume=slug,
        own=embargo,
        links=frozenset(links),
    )


def statement(name, responds_to=None, embargo=NONE, links=()):
    return EntryInfo(
        path=f"statements/{name}.md",
        display=f"content/statements/{name}.md",
        kind="statement",
        slug=name,
        responds_to=responds_to,
        own=embargo,
        links=frozenset(links),
    )


def page(name, embargo=NONE, links=()):
    return EntryInfo(
        path=f"pages/{name}.md",
        display=f"content/pages/{name}.md",
        kind="page",
        slug=name,
        own=embargo,
        links=frozenset(links),
    )


def hidden(entries, now, audience=None):
    entries = list(entries)
    constraints, errors = own_constraints(entries)
    assert errors == []
    return set(decide(entries, constraints, now, audience).hidden)


# parsing


def test_embargo_in_utc_and_with_an_offset_parse_to_the_same_moment():
    utc, _ = parse_embargo("2030-01-01T00:00:00Z", None, LINES, "f.md", DECLARED)
    offset, _ = parse_embargo(
        "2030-01-01T02:00:00+02:00", None, LINES, "f.md", DECLARED
    )
    assert utc.until == offset.until == T1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2030-01-01T10:00:00", "has no time zone"),
        ("2030-01-01 10:00", "has no time zone"),
        ("2030-01-01", "has no time zone"),
        ("next tuesday", "is not a timestamp"),
        ("", "is not a timestamp"),
        ("2030-02-30T10:00:00Z", "is not a real date or time"),
        ("2030-01-01T25:00:00Z", "is not a real date or time"),
        ("2030-01-01T10:00:00+25:00", "has an impossible offset"),
    ],
)
def test_bad_embargo_is_an_error_on_its_line(value, message):
    parsed, errors = parse_embargo(value, None, LINES, "content/x.md", DECLARED)
    assert parsed.until is None
    assert [str(e).split(": ", 1)[0] for e in errors] == ["content/x.md:3"]
    assert f'Embargo "{value}" {message}' in errors[0].message


def test_undeclared_audience_is_an_error_naming_the_declared_ones():
    _, errors = parse_embargo(
        "2030-01-01T00:00:00Z", "acme, initech", LINES, "x.md", DECLARED
    )
    assert [str(e) for e in errors] == [
        'x.md:4: Embargo-Audience "initech" is not declared in EMBARGO_AUDIENCES '
        "(declared: acme, globex); fix the id or declare it in pelicanconf.py"
    ]


def test_empty_audience_id_is_an_error():
    _, errors = parse_embargo(
        "2030-01-01T00:00:00Z", "acme,,globex", LINES, "x.md", DECLARED
    )
    assert len(errors) == 1 and "has an empty id" in errors[0].message


def test_audience_list_is_parsed():
    parsed, errors = parse_embargo(
        "2030-01-01T00:00:00Z", " acme , globex ", LINES, "x.md", DECLARED
    )
    assert errors == [] and parsed.audiences == {"acme", "globex"}


def test_audience_without_any_embargo_would_publish_now_so_it_is_an_error():
    entry = EntryInfo(
        path="statements/s.md",
        display="content/statements/s.md",
        kind="statement",
        slug="s",
        own=own(None, "acme"),
        audience_line=4,
    )
    _, errors = own_constraints([entry])
    assert len(errors) == 1
    assert str(errors[0]).startswith("content/statements/s.md:4: ")
    assert "would publish this entry now" in errors[0].message


# the clock


def test_held_strictly_before_the_moment_and_public_from_it():
    constraint = [Constraint(T1, frozenset(), "x")]
    assert is_held(constraint, T1 - timedelta(seconds=1), None)
    assert not is_held(constraint, T1, None)
    assert not is_held(constraint, AFTER, None)


@given(
    moments=st.lists(st.datetimes(timezones=st.just(UTC)), max_size=4),
    now=st.datetimes(timezones=st.just(UTC)),
    earlier=st.timedeltas(min_value=timedelta(0)),
)
def test_anything_held_now_was_held_at_every_earlier_moment(moments, now, earlier):
    constraints = [Constraint(m, frozenset(), "x") for m in moments]
    if is_held(constraints, now, None):
        try:
            before = now - earlier
        except OverflowError:
            return
        assert is_held(constraints, before, None)


# inheritance


def test_document_inherits_its_volumes_embargo():
    entries = [volume(embargo=own(T1, "acme")), document("d")]
    assert hidden(entries, BEFORE) == {"volumes/v/index.md", "volumes/v/d.md"}
    assert hidden(entries, AFTER) == set()


def test_the_later_moment_wins_whichever_sets_it():
    later_document = [volume(embargo=own(T1)), document("d", embargo=own(T2))]
    later_volume = [volume(embargo=own(T2)), document("d", embargo=own(T1))]
    for entries in (later_document, later_volume):
        assert "volumes/v/d.md" in hidden(entries, BETWEEN)
        assert hidden(entries, AFTER) == set()
    # the volume itself is not held by its document
    assert hidden(later_document, BETWEEN) == {"volumes/v/d.md"}


def test_document_takes_its_volumes_audience_unless_it_names_its_own():
    entries = [
        volume(embargo=own(T1, "acme", "globex")),
        document("inherits", embargo=own(T2)),
        document("narrows", embargo=own(T2, "globex")),
    ]
    assert hidden(entries, BEFORE, "acme") == {"volumes/v/narrows.md"}
    assert hidden(entries, BEFORE, "globex") == set()


def test_document_audience_without_a_moment_uses_its_volumes_moment():
    entries = [
        volume(embargo=own(T1, "acme", "globex")),
        document("d", embargo=own(None, "acme")),
    ]
    assert hidden(entries, BEFORE, "globex") == {"volumes/v/d.md"}
    assert hidden(entries, AFTER) == set()


def test_preview_needs_every_embargo_in_force_to_name_the_vendor():
    entries = [
        volume(embargo=own(T1, "acme")),
        document("d", embargo=own(T2, "globex")),
    ]
    assert "volumes/v/d.md" in hidden(entries, BEFORE, "acme")
    assert "volumes/v/d.md" in hidden(entries, BEFORE, "globex")
    # once the volume is public only the document's own embargo is in force
    assert hidden(entries, BETWEEN, "globex") == set()


def test_embargo_without_audience_is_previewed_by_nobody():
    entries = [statement("s", embargo=own(T1))]
    for audience in (None, "acme", "globex"):
        assert hidden(entries, BEFORE, audience) == {"statements/s.md"}


def test_statement_responding_to_a_held_volume_is_held_until_the_volume_is_public():
    entries = [volume(embargo=own(T1, "acme")), statement("s", responds_to="v")]
    assert hidden(entries, BEFORE) == {"volumes/v/index.md", "statements/s.md"}
    assert hidden(entries, BEFORE, "acme") == set()
    assert hidden(entries, AFTER) == set()


def test_entry_linking_to_a_held_entry_is_held_with_it():
    entries = [
        volume(embargo=own(T1, "acme")),
        document("d"),
        page("p", links={"volumes/v/d.md"}),
        statement("s", links={"pages/p.md"}),  # a chain of links
    ]
    assert hidden(entries, BEFORE) == {
        "volumes/v/index.md",
        "volumes/v/d.md",
        "pages/p.md",
        "statements/s.md",
    }
    assert hidden(entries, BEFORE, "acme") == set()


def test_linking_to_a_file_of_a_held_volume_holds_the_linking_entry():
    entries = [volume(embargo=own(T1)), page("p", links={"volumes/v/files/a.pdf"})]
    assert hidden(entries, BEFORE) == {"volumes/v/index.md", "pages/p.md"}


def test_a_cycle_of_links_terminates_and_holds_both():
    entries = [
        page("a", embargo=own(T1), links={"pages/b.md"}),
        page("b", links={"pages/a.md"}),
    ]
    assert hidden(entries, BEFORE) == {"pages/a.md", "pages/b.md"}


def test_version_file_follows_the_entry_it_is_a_version_of():
    current = statement("s", embargo=own(T1))
    old = EntryInfo(
        path="statements/s.v1.md",
        display="content/statements/s.v1.md",
        kind="statement",
        slug="s",
        version_of="statements/s.md",
    )
    own_version = EntryInfo(
        path="statements/t.v1.md",
        display="content/statements/t.v1.md",
        kind="statement",
        slug="t",
        version_of="statements/t.md",
        own=own(T1),
    )
    entries = [current, old, statement("t"), own_version]
    assert hidden(entries, BEFORE) == {
        "statements/s.md",
        "statements/s.v1.md",
        "statements/t.v1.md",
    }


def test_links_to_public_entries_hold_nothing():
    entries = [
        volume(),
        document("d"),
        page("p", links={"volumes/v/d.md", "nowhere.md"}),
    ]
    assert hidden(entries, BEFORE) == set()


def test_hold_reports_the_lift_audience_and_reason():
    entries = [volume(embargo=own(T1, "acme")), document("d", embargo=own(T2, "acme"))]
    constraints, _ = own_constraints(entries)
    decision = decide(entries, constraints, BEFORE, None)
    document_hold = decision.holds["volumes/v/d.md"]
    assert document_hold.until == T2
    assert document_hold.audiences == {"acme"}
    assert document_hold.reason == "own Embargo"
    assert document_hold.origins == (
        "content/volumes/v/d.md",
        "content/volumes/v/index.md",
    )
    linked = [volume(embargo=own(T1)), page("p", links={"volumes/v/index.md"})]
    constraints, _ = own_constraints(linked)
    held_page = decide(linked, constraints, BEFORE, None).holds["pages/p.md"]
    assert held_page.reason == "links to content/volumes/v/index.md"


def test_effective_constraints_do_not_depend_on_the_clock():
    entries = [volume(embargo=own(T1)), document("d")]
    constraints, _ = own_constraints(entries)
    effective = effective_constraints(entries, constraints)
    assert effective["volumes/v/d.md"] == {
        Constraint(T1, frozenset(), "content/volumes/v/index.md")
    }


def test_next_lift_is_the_earliest_moment_anything_becomes_public():
    entries = [
        volume(embargo=own(T2)),
        statement("s", embargo=own(T1)),
        statement("late", embargo=own(AFTER)),
    ]
    constraints, _ = own_constraints(entries)
    decision = decide(entries, constraints, BEFORE, None)
    assert next_lift(decision.holds.values()) == T1
    assert next_lift([]) is None


def test_every_file_of_a_held_volume_goes_and_files_only_held_entries_link():
    found = hidden_static(
        [
            "volumes/v/files/a.pdf",
            "volumes/v/files/unlinked.txt",
            "volumes/open/files/b.pdf",
            "images/only-held.png",
            "images/shared.png",
        ],
        volumes_hidden=["v"],
        linked_by_hidden={"images/only-held.png", "images/shared.png"},
        linked_by_visible={"images/shared.png"},
    )
    assert found == {
        "volumes/v/files/a.pdf",
        "volumes/v/files/unlinked.txt",
        "images/only-held.png",
    }
