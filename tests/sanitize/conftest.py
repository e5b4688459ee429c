"""Cases for clean_html, kept as data in tests/fixtures/sanitize/*.txt.

The format is markdown-it-py's fixture format: a title line, a line with a
single `.`, the input, a `.` line, the expected output, a `.` line, then a
blank line before the next case. The newline before each closing `.` is
part of the format, not of the text, so an output may end without one.
Any test that takes a `case` argument runs once per case of every file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sanitize"


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    title: str
    input: str
    expected: str

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}:{self.title}"


def read_cases(path: Path) -> list[Case]:
    """Parse one fixture file; a malformed file fails loudly with its line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cases: list[Case] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        start = index
        parts: list[str] = []
        index += 1
        for _ in range(2):
            if index >= len(lines) or lines[index] != ".\n":
                raise ValueError(f"{path.name}:{index + 1}: expected a `.` line")
            index += 1
            block: list[str] = []
            while index < len(lines) and lines[index] != ".\n":
                block.append(lines[index])
                index += 1
            parts.append("".join(block).removesuffix("\n"))
        if index >= len(lines):
            raise ValueError(f"{path.name}:{start + 1}: case is not closed by `.`")
        index += 1
        title = lines[start].strip()
        cases.append(Case(path.name, start + 1, title, parts[0], parts[1]))
    return cases


def all_cases() -> list[Case]:
    return [
        case for path in sorted(FIXTURES.glob("*.txt")) for case in read_cases(path)
    ]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "case" in metafunc.fixturenames:
        cases = all_cases()
        metafunc.parametrize("case", cases, ids=[case.id for case in cases])
