"""`make revise FILE=…`: keep the current text as a version file, bump Version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tools.revise import ReviseError, main, revise

ROOT = Path(__file__).resolve().parents[2]
FIRST = (
    "Title: Memo\n"
    "Date: 2021-03-01T12:00:00Z\n"
    "Summary: A memo,\n"
    "    in two lines.\n"
    "\n"
    "Version: this line is body text.\n"
)


@pytest.fixture
def memo(tmp_path: Path) -> Path:
    path = tmp_path / "memo.md"
    path.write_text(FIRST)
    return path


def test_first_revision_keeps_version_one_and_asks_for_a_note(memo):
    frozen, number = revise(memo)
    assert (frozen.name, number) == ("memo.v1.md", 2)
    assert frozen.read_text() == FIRST
    assert memo.read_text() == (
        "Title: Memo\n"
        "Date: 2021-03-01T12:00:00Z\n"
        "Summary: A memo,\n"
        "    in two lines.\n"
        "Version: 2\n"
        "Version-Note:\n"
        "\n"
        "Version: this line is body text.\n"
    )


def test_second_revision_replaces_version_and_note_in_place(memo):
    memo.write_text(
        "Title: Memo\nVersion: 2\nVersion-Note: Fixed a name,\n    and a date.\n"
        "Date: 2021-03-02T12:00:00Z\n\nBody\n"
    )
    before = memo.read_bytes()
    frozen, number = revise(memo)
    assert (frozen.name, number) == ("memo.v2.md", 3)
    assert frozen.read_bytes() == before
    assert memo.read_text() == (
        "Title: Memo\nVersion: 3\nVersion-Note:\nDate: 2021-03-02T12:00:00Z\n\nBody\n"
    )


def test_windows_line_endings_are_kept(memo):
    memo.write_bytes(b"Title: Memo\r\nDate: 2021-03-01\r\n\r\nBody\r\n")
    revise(memo)
    assert memo.read_bytes() == (
        b"Title: Memo\r\nDate: 2021-03-01\r\nVersion: 2\r\nVersion-Note:\r\n"
        b"\r\nBody\r\n"
    )


def test_an_existing_version_file_is_never_overwritten(memo):
    kept = memo.with_name("memo.v1.md")
    kept.write_text("the published version 1\n")
    with pytest.raises(ReviseError, match="memo.v1.md already exists"):
        revise(memo)
    assert kept.read_text() == "the published version 1\n"
    assert memo.read_text() == FIRST


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("memo.v1.md", FIRST, "is a kept version"),
        (
            "memo.md",
            "Title: M\nVersion: two\n\nb\n",
            'Version "two" is not a whole number',
        ),
        ("memo.md", "Titel: M\n\nb\n", 'unknown header key "Titel"'),
    ],
)
def test_bad_input_changes_nothing(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ReviseError, match=message):
        revise(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert path.read_text() == text


def test_command_reports_next_steps_and_fails_with_status_one(memo, capsys):
    assert main([str(memo)]) == 0
    assert "memo.md is now Version 2" in capsys.readouterr().out
    assert main([str(memo.with_name("missing.md"))]) == 1
    assert "nothing was changed" in capsys.readouterr().err


def test_make_revise_runs_the_tool(memo):
    done = subprocess.run(
        # -o: never reinstall the virtual environment from a test
        [
            "make",
            "-s",
            "-C",
            str(ROOT),
            "-o",
            ".venv/.installed",
            "revise",
            f"FILE={memo}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert memo.with_name("memo.v1.md").read_text() == FIRST
    assert "Version: 2\n" in memo.read_text()


def test_revise_without_a_file_prints_usage():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "revise.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        2,
        "usage: make revise FILE=content/volumes/<volume>/<file>.md\n",
    )
