"""Through the real reader: header fields, the summary, counts, errors recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_model.errors import ContentError
from content_model.state import STATE_KEY, BuildState
from markdown_reader.document import markdown_parsed
from markdown_reader.reader import DossierMarkdownReader
from pelican.settings import DEFAULT_CONFIG
from redaction import RECORDS, STATE, RedactionBuild, redact
from redaction.config import RedactionSettings

from tests.redaction.support import ALLOW, REASONS, mark, text_mark


@pytest.fixture
def read(tmp_path: Path):
    """Read content/<relpath> with a reader whose build runs the redaction."""
    content = tmp_path / "content"
    names = tmp_path / "names.txt"
    names.write_text("# staff\nMarta Quill\n")
    settings = {
        **DEFAULT_CONFIG,
        "PATH": str(content),
        "REDACTION_REASONS": REASONS,
        "REDACTION_ALLOW": ALLOW,
        "REDACTION_NAMES_FILE": str(names),
    }
    config = RedactionSettings.read(settings)
    run = RedactionBuild(config, config.policy(), config.marks())
    settings[STATE_KEY] = BuildState({STATE: run})
    reader = DossierMarkdownReader(settings)

    def read(relpath: str, text: str):
        path = content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        with markdown_parsed.connected_to(redact):
            return reader.read(str(path))

    read.run = run
    read.reader = reader
    return read


def test_title_tags_and_summary_are_redacted(read):
    html, metadata = read(
        "volumes/v/doc.md",
        "Title: Memo for [Zed Quorum]{.redact reason=name}\n"
        "Date: 2017-03-07T09:00:00Z\n"
        "Tags: leak, [zed-quorum]{.redact reason=name}, marta quill\n"
        "Summary: Sent by [Zed]{.redact} to\n"
        "    Marta Quill.\n\nBody.\n",
    )
    assert metadata["title"] == f"Memo for {text_mark('name')}"
    # a redacted tag is the mark as a whole; Pelican keeps one tag per name
    assert [t.name for t in metadata["tags"]] == ["leak", text_mark("name")]
    assert metadata["summary"] == f"<p>Sent by {mark()} to\n{mark('name')}.</p>\n"
    assert html == "<p>Body.</p>\n"
    assert str(metadata["redactions"]) == (
        "5 redactions: 4 personal name, 1 no reason given"
    )
    # the originals travel with the entry (and the reader cache) to `collect`
    lines = sorted((r.line, r.placement) for r in metadata[RECORDS])
    assert lines == [
        (1, "title"),
        (3, "tags"),
        (3, "tags"),
        (4, "summary"),
        (5, "summary"),
    ]


def test_organization_is_plain_text_with_a_mark(read):
    _, metadata = read(
        "statements/s.md",
        "Title: S\nDate: 2017-03-07T09:00:00Z\n"
        "Organization: Acme, per [Zed]{.redact reason=name}\n\nBody.\n",
    )
    assert metadata["organization"] == f"Acme, per {text_mark('name')}"


def test_an_entry_without_redactions_says_zero(read):
    _, metadata = read("pages/p.md", "Title: P\nDate: 2017-03-07T09:00:00Z\n\nPlain.\n")
    assert metadata["redactions"].total == 0


def test_an_error_is_recorded_for_the_build_to_fail(read):
    with pytest.raises(ContentError):
        read(
            "pages/p.md",
            "Title: P\nDate: 2017-03-07T09:00:00Z\n\nA\n\n::: redact\nnever closed\n",
        )
    [error] = read.reader.errors
    assert str(error).startswith("content/pages/p.md:6: redaction block ::: redact")


def test_without_the_plugin_the_reader_refuses_the_markup(tmp_path):
    """Fail closed: markup nobody handled is never rendered as text."""
    content = tmp_path / "content"
    path = content / "pages" / "p.md"
    path.parent.mkdir(parents=True)
    path.write_text("Title: P\nDate: 2017-03-07T09:00:00Z\n\nBy [Zed]{.redact}.\n")
    reader = DossierMarkdownReader({**DEFAULT_CONFIG, "PATH": str(content)})
    with pytest.raises(ContentError, match="redaction markup was not handled"):
        reader.read(str(path))
