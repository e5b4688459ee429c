"""The rules for an entry's version files, checked with plain values."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from versions.sequence import FileFacts, check_entry, version_file_name

DAY = datetime(2021, 3, 1, tzinfo=UTC)
PATH = "content/volumes/leak/memo.md"


def current(version: str | None = "3", note: str | None = "Fixed", **more) -> FileFacts:
    lines = {"title": 1, "date": 2, "version": 3, "version-note": 4, "status": 5}
    return FileFacts(
        PATH, more.pop("date", DAY), None, version, note, lines=lines, **more
    )


def version(number: int, **more) -> FileFacts:
    more.setdefault("date", DAY)
    lines = {"date": 2, "version": 3, "status": 4, "withdrawn-reason": 5}
    return FileFacts(
        f"content/volumes/leak/memo.v{number}.md", number=number, lines=lines, **more
    )


def disk(*numbers: int) -> dict[int, list[str]]:
    return {n: [f"memo.v{n}.md"] for n in numbers}


def messages(errors) -> list[str]:
    return [str(e) for e in errors]


def test_a_complete_sequence_is_accepted():
    number, errors = check_entry(current(), [version(1), version(2)], disk(1, 2))
    assert (number, errors) == (3, [])


def test_an_entry_without_version_header_is_version_one():
    number, errors = check_entry(current(version=None, note=None), [], {})
    assert (number, errors) == (1, [])


def test_a_missing_version_stops_the_build_naming_the_file_to_restore():
    _, errors = check_entry(current(), [version(1)], disk(1))
    assert messages(errors) == [
        f"{PATH}:3: Version: 3, but version 2 is missing; restore memo.v2.md "
        "beside this file, or lower Version"
    ]


def test_a_duplicate_version_number_stops_the_build():
    on_disk = {1: ["memo.v1.md", "memo.v01.md"], 2: ["memo.v2.md"]}
    _, errors = check_entry(current(), [version(1), version(1), version(2)], on_disk)
    assert messages(errors) == [
        f"{PATH}:1: memo.v01.md and memo.v1.md are all version 1; keep one file "
        "per version"
    ]


def test_a_version_file_not_below_the_current_version_stops_the_build():
    _, errors = check_entry(current(version="2"), [version(1), version(2)], disk(1, 2))
    assert messages(errors) == [
        f"{PATH}:3: memo.v2.md is version 2, but this file says Version: 2; kept "
        "versions are numbered from 1 up to one less than the current Version: "
        "renumber the file, or set Version: 3 here"
    ]


def test_version_zero_is_not_a_version():
    _, errors = check_entry(current(version="1", note=None), [], {0: ["memo.v0.md"]})
    assert messages(errors) == [
        f"{PATH}:1: memo.v0.md is version 0, but versions are numbered from 1; "
        "rename it"
    ]


def test_a_held_version_counts_as_present_but_is_not_required_to_be_read():
    # version 2 is on disk but held back by the embargo: no gap
    number, errors = check_entry(current(), [version(1)], disk(1, 2))
    assert (number, errors) == (3, [])


@pytest.mark.parametrize("value", ["two", "0", "-1", "2.0", "", "99999999999999999"])
def test_version_must_be_a_whole_number(value):
    _, errors = check_entry(current(version=value), [], {})
    assert messages(errors)[0] == (
        f'{PATH}:3: Version "{value}" is not a whole number from 1 to 9999; write '
        "the version of this text as 1, 2, 3 …"
    )


def test_a_version_file_header_must_match_its_file_name():
    _, errors = check_entry(
        current(), [version(1, version="2"), version(2)], disk(1, 2)
    )
    assert messages(errors) == [
        'content/volumes/leak/memo.v1.md:3: Version "2" does not match the file '
        "name, which says version 1; make them agree"
    ]


def test_a_revised_entry_must_say_what_changed():
    _, errors = check_entry(current(version="2", note=""), [version(1)], disk(1))
    assert messages(errors) == [
        f"{PATH}:4: Version 2 needs a Version-Note: line saying what changed since "
        "the previous version"
    ]


def test_withdrawn_needs_a_reason():
    _, errors = check_entry(
        current(), [version(1, status="withdrawn"), version(2)], disk(1, 2)
    )
    assert messages(errors) == [
        "content/volumes/leak/memo.v1.md:4: a withdrawn version needs a "
        "Withdrawn-Reason: line saying why readers can no longer see it"
    ]


def test_withdrawn_is_the_only_status():
    _, errors = check_entry(
        current(), [version(1, status="hidden", reason="x"), version(2)], disk(1, 2)
    )
    assert messages(errors) == [
        'content/volumes/leak/memo.v1.md:4: Status "hidden" is not known; the only '
        "status of a version is `withdrawn`"
    ]


def test_the_current_file_cannot_be_withdrawn():
    _, errors = check_entry(
        current(status="withdrawn", reason="oops"), [version(1), version(2)], disk(1, 2)
    )
    assert len(errors) == 1
    assert str(errors[0]).startswith(
        f"{PATH}:5: Status is only allowed on a version file (x.vN.md); to withdraw "
        "this text, run `make revise FILE=…`"
    )


def test_a_reason_without_withdrawal_is_an_error():
    _, errors = check_entry(
        current(), [version(1, reason="why"), version(2)], disk(1, 2)
    )
    assert messages(errors) == [
        "content/volumes/leak/memo.v1.md:5: Withdrawn-Reason without Status: "
        "withdrawn; add Status: withdrawn (on a version file) or remove the reason"
    ]


def test_a_later_version_cannot_be_dated_before_an_earlier_one():
    later = datetime(2021, 3, 5, tzinfo=UTC)
    _, errors = check_entry(current(), [version(1, date=later), version(2)], disk(1, 2))
    assert messages(errors) == [
        "content/volumes/leak/memo.v2.md:2: Date 2021-03-01T00:00:00+00:00 is "
        "earlier than the Date of version 1 (2021-03-05T00:00:00+00:00); each "
        "version's Date is when it was published, so it cannot go back"
    ]


@pytest.mark.parametrize(
    ("name", "number", "expected"),
    [("index.md", 2, "index.v2.md"), ("memo.md", 1, "memo.v1.md")],
)
def test_version_file_names(name, number, expected):
    assert version_file_name(name, number) == expected
