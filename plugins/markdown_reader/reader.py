"""The `.md` reader: header, markdown-it tokens, plugins' hook, sanitized HTML."""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from content_model.errors import ContentError
from content_model.fields import validate
from content_model.kinds import classify
from markdown_it.token import Token
from pelican.readers import BaseReader
from sanitize import clean_html

from .cache import (
    IMPORTED_NS,
    KEY_SETTING,
    CacheSettings,
    ReaderCache,
    Reading,
    cache_key,
    code_changed_since,
)
from .document import ParsedDocument, markdown_parsed, markdown_rendered
from .header import decode_source, split_header
from .markdown import add_heading_ids, alignment_classes, build_markdown, shift_lines

logger = logging.getLogger(__name__)
# Header keys passed on to templates and plugins under a Python-friendly name;
# title, date, summary, tags and slug get special handling below.
RENAMED = {
    "organization": "organization",
    "responds-to": "responds_to",
    "source": "source",
    "embargo": "embargo",
    "embargo-audience": "embargo_audience",
    "version": "version",
    "version-note": "version_note",
    "status": "version_status",  # not Pelican's draft/hidden status
    "withdrawn-reason": "withdrawn_reason",
}
# `[text]{.redact}` in a header value, which markdown-it never parses
SPAN_MARK = re.compile(r"\]\{[^}]*\.redact\b")
CATEGORY = {
    "volume": "Volumes",
    "document": "Documents",
    "statement": "Statements",
    "page": "Pages",
}


class DossierMarkdownReader(BaseReader):
    """Reads Dossier's Markdown; records content errors for the end of reading.

    Pelican catches exceptions raised here and carries on, so each error is
    also kept in `self.errors`, and the content_model plugin fails the build
    with all of them before anything is written.
    """

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self.md = build_markdown()
        self.errors: list[ContentError] = []
        self.cache_settings = CacheSettings.read(settings)
        self.cache: ReaderCache | None = None  # opened at the first read
        self.read_ahead_started = False  # see pool.py

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        relpath = self._relpath(source_path)
        try:
            return self._with_objects(*self._cached_read(source_path, relpath))
        except ContentError as error:
            self.errors.append(error)
            raise
        except Exception as error:
            # Pelican would log this and drop the entry; an entry that is
            # never read is never held back either, so it fails the build
            shown = os.path.join(os.path.basename(self.settings["PATH"]), relpath)
            failure = ContentError(
                shown, 1, f"could not be read ({type(error).__name__}: {error})"
            )
            self.errors.append(failure)
            raise failure from error

    def uncached(self, source_paths: list[str]) -> list[str]:
        """The files whose reading the cache lacks; none without a cache."""
        cache = self._open_cache()
        if cache is None:
            return []
        missing = []
        for source_path in source_paths:
            try:
                with open(source_path, "rb") as handle:
                    data = handle.read()
            except OSError:
                continue  # Pelican's own read reports it
            if not cache.has(source_path, data):
                missing.append(source_path)
        return missing

    def fill_cache(self, source_path: str) -> bool:
        """Read a file into the cache (in a pool worker); False if it failed,
        and the build's own read of it will report why."""
        try:
            self._cached_read(source_path, self._relpath(source_path))
        except Exception:  # noqa: BLE001 (the build reads it again, and reports)
            return False
        return True

    def _relpath(self, source_path: str) -> str:
        relpath = os.path.relpath(source_path, self.settings["PATH"])
        return relpath.replace(os.sep, "/")

    def _cached_read(self, source_path: str, relpath: str) -> Reading:
        shown = os.path.join(os.path.basename(self.settings["PATH"]), relpath)
        try:
            with open(source_path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise ContentError(
                shown, 1, f"cannot read file: {error.strerror}"
            ) from None
        cache = self._open_cache()
        reading = cache.get(source_path, data) if cache else None
        if reading is None:
            # a file with an error raises here, so it is never cached
            reading = self._read(data, shown, relpath)
            if cache:
                cache.put(source_path, data, reading)
        return reading

    def _open_cache(self) -> ReaderCache | None:
        if self.cache is None and self.cache_settings.base is not None:
            if code_changed_since(self.settings, IMPORTED_NS):
                logger.warning(
                    "markdown_reader: plugin code changed since Pelican started; "
                    "the reader cache is off until it restarts"
                )
                self.cache_settings = CacheSettings(None)
                return None
            key = self.settings.get(KEY_SETTING) or cache_key(self.settings)
            self.cache = ReaderCache.open(self.cache_settings.base, key)
        return self.cache

    def _with_objects(
        self, content: str, plain: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """Pelican's Category and Tag objects hold the whole settings dict,
        so a reading keeps their text and they are made at every build."""
        metadata = dict(plain)
        metadata["category"] = self.process_metadata("category", plain["category"])
        if "tags" in plain:
            metadata["tags"] = self.process_metadata("tags", plain["tags"])
        return content, metadata

    def _read(self, data: bytes, shown: str, relpath: str) -> Reading:
        """A file's reading as plain data: what the cache stores."""
        text = decode_source(data, shown)
        header = split_header(text, shown)
        fields = header.fields
        slug = fields["slug"].value if "slug" in fields else None
        place = classify(relpath, slug)
        values, errors = validate(place, fields, shown)
        if errors:
            self.errors.extend(errors[1:])
            raise errors[0]
        assert values is not None

        document = self._parse(shown, header)
        document.source_lines = text.split("\n")
        markdown_parsed.send(self, document=document)
        refuse_unhandled_redaction(document)

        add_heading_ids(document.tokens)
        content = self._render(document.tokens, document.env)
        metadata: dict[str, Any] = {
            "title": document.value("title"),
            "date": values.date,
            "kind": place.kind,
            "url": place.url,
            "save_as": place.save_as,
            "template": place.template,
            "category": CATEGORY[place.kind],
            "header_lines": {name: f.line for name, f in document.fields.items()},
            "source_relpath": relpath,
            "source_display": shown,
            "slug": place.slug,
        }
        if place.volume:
            metadata["volume"] = place.volume
        if place.version_of:
            metadata["version_of"] = place.version_of
            metadata["version_number"] = place.version_number
        tags = [t.strip() for t in document.value("tags", "").split(",") if t.strip()]
        if tags:
            metadata["tags"] = ", ".join(tags)
        if document.summary_tokens is not None:
            add_heading_ids(document.summary_tokens)
            metadata["summary"] = self._render(
                document.summary_tokens, document.summary_env
            )
        for name, key in RENAMED.items():
            if name in document.fields:
                metadata[key] = document.fields[name].value
        markdown_rendered.send(self, document=document, html=content)
        metadata.update(document.extra_metadata)
        return content, metadata

    def _parse(self, shown: str, header: Any) -> ParsedDocument:
        env: dict[str, Any] = {}
        tokens = self.md.parse(header.body, env)
        shift_lines(tokens, header.body_line - 1)
        summary_tokens, summary_env = None, {}
        if "summary" in header.fields:
            summary = header.fields["summary"]
            summary_tokens = self.md.parse(summary.value, summary_env)
            shift_lines(summary_tokens, summary.line - 1)
        return ParsedDocument(
            path=shown,
            fields=header.fields,
            tokens=tokens,
            env=env,
            summary_tokens=summary_tokens,
            summary_env=summary_env,
            settings=self.settings,
        )

    def _render(self, tokens: list[Token], env: dict[str, Any]) -> str:
        alignment_classes(tokens)
        return clean_html(self.md.renderer.render(tokens, self.md.options, env))


def refuse_unhandled_redaction(document: ParsedDocument) -> None:
    """Fail closed: redaction markup left in the tokens would publish the text.

    The redaction plugin replaces every mark; if it is missing or skipped a
    placement, the build stops here instead of rendering the original.
    """
    message = "redaction markup was not handled; is the redaction plugin in PLUGINS?"
    for field in document.fields.values():
        if SPAN_MARK.search(field.value):
            raise ContentError(document.path, field.line, message)
    for tokens in (document.tokens, document.summary_tokens or []):
        for token, line in walk(tokens):
            classes = str(token.attrGet("class") or "").split()
            if token.type.startswith("container_redact") or "redact" in classes:
                raise ContentError(document.path, line, message)


def walk(tokens: list[Token]) -> list[tuple[Token, int]]:
    """Every token, inline children included, with its 1-based source line."""
    found = []
    line = 1
    for token in tokens:
        line = token.map[0] + 1 if token.map else line
        found.append((token, line))
        found.extend((child, line) for child in token.children or [])
    return found
