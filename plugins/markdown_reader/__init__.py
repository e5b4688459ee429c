"""Markdown reader plugin: markdown-it-py instead of Python-Markdown for `.md`.

See reader.py for what it reads and header.py for the header format.
"""

from __future__ import annotations

from typing import Any

from content_model.plugins import check_plugins_loaded
from pelican import signals

from .document import ParsedDocument, markdown_parsed
from .reader import DossierMarkdownReader

__all__ = ["DossierMarkdownReader", "ParsedDocument", "markdown_parsed", "register"]


def add_reader(readers: Any) -> None:
    readers.reader_classes["md"] = DossierMarkdownReader
    # without the `markdown` package Pelican keeps a disabled reader for .md
    # and warns about every file; ours handles them
    readers.disabled_readers.pop("md", None)


def forget_disabled_markdown(generator: Any) -> None:
    readers = getattr(generator, "readers", None)
    if readers is not None:
        readers.disabled_readers.pop("md", None)


def register() -> None:
    signals.initialized.connect(check_plugins_loaded)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(forget_disabled_markdown)
