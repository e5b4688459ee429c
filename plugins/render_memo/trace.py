"""Record what each render reads, and at the next build decide from that
record alone whether the page would come out the same.

While a page renders, every name its template resolves from the render's
variables or Jinja's globals is noted with the value's fingerprint, and so
is every attribute or item read on an entry (Pelican `Content`), by the
entry's identity. Everything else a template touches either comes from
those reads (loop variables, filters' results, its own `set`) or is a
value whose fingerprint covers all it holds (fingerprint.py).

At the next build the record is replayed in order against this build's
variables and entries: when every read gives the same fingerprint, the
template would follow the same path through the same values and write the
same bytes, which are then taken from the served output/ (after checking
their digest). Any difference, an entry that cannot be found, or any error
while checking means the page is rendered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2.utils import missing
from pelican.contents import Content

from .fingerprint import Identity, Unmemoizable, fingerprint, identity

# (entry, "a" for attribute or "k" for item, its name, fingerprint)
Read = tuple[Identity, str, Any, bytes]
# what the memo keeps per page: plain data, so no class of ours is pickled
Record = tuple[tuple[tuple[str, bytes], ...], tuple[Read, ...], str]
Lookup = Callable[[Any, Any], Any]


def page_digest(text: str) -> str:
    """The digest of a page as Pelican writes it (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Prints:
    """One build's fingerprints, shared by every page of the build.

    Most pages read the same settings, the same lists and the same entries,
    so each (value) and each (entry, attribute, page depth) is digested once
    per build. The objects are kept with their digests: an `id()` is only
    unique while its object lives. Equal digests are shared so that a memo
    holds each once.
    """

    def __init__(self, entries: Iterable[Content]) -> None:
        self.entries = list(entries)
        self._index: dict[Identity, Content | None] | None = None
        self._values: dict[int, tuple[Any, bytes]] = {}
        self._reads: dict[tuple[int, str, Any, Any], tuple[Any, bytes]] = {}
        self._shared: dict[Any, Any] = {}

    def share(self, value: Any) -> Any:
        return self._shared.setdefault(value, value)

    def value(self, value: Any) -> bytes:
        known = self._values.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        print_ = self.share(fingerprint(value))
        self._values[id(value)] = (value, print_)
        return print_

    def read(
        self, entry: Content, op: str, arg: Any, page_url: Any, value: Lookup
    ) -> bytes:
        """The fingerprint of `entry`'s `arg`, as seen from a page at
        `page_url` (an entry's body holds links relative to the page)."""
        key = (id(entry), op, arg, page_url)
        known = self._reads.get(key)
        if known is not None and known[0] is entry:
            return known[1]
        print_ = self.share(fingerprint(value(entry, arg)))
        self._reads[key] = (entry, print_)
        return print_

    def entry(self, ident: Identity) -> Content | None:
        """This build's entry of that identity; None if none or several."""
        if self._index is None:
            self._index = {}
            for content in self.entries:
                key = identity(content)
                self._index[key] = None if key in self._index else content
        return self._index.get(ident)


class Recorder:
    """What one render read, in the order it read it."""

    def __init__(
        self, inputs: Mapping[str, Any], globals_: Mapping[str, Any], prints: Prints
    ) -> None:
        self.inputs, self.globals, self.prints = inputs, globals_, prints
        self.page_url = inputs.get("localsiteurl")
        self.names: dict[str, bytes] = {}
        self.reads: dict[tuple[Identity, str, Any], bytes] = {}
        self.broken: str | None = None

    def name(self, key: str, value: Any) -> None:
        # a name the template set itself comes from what it read before
        if self.broken or key in self.names:
            return
        if key in self.inputs or key in self.globals or value is missing:
            try:
                self.names[key] = self.prints.value(value)
            except Unmemoizable as error:
                self.broken = f"{key}: {error}"

    def read(self, entry: Content, op: str, arg: Any, value: Any) -> None:
        if self.broken:
            return
        if type(arg) not in (str, int):
            self.broken = f"an entry read by a {type(arg).__name__}"
            return
        ident = self.prints.share(identity(entry))
        if (ident, op, arg) in self.reads:
            return
        try:
            self.reads[(ident, op, arg)] = self.prints.read(
                entry, op, arg, self.page_url, lambda _entry, _arg: value
            )
        except Unmemoizable as error:
            self.broken = f"{ident[1]} {arg}: {error}"

    def record(self, text: str) -> Record:
        return (
            tuple(self.names.items()),
            tuple(
                (ident, op, arg, print_)
                for (ident, op, arg), print_ in self.reads.items()
            ),
            page_digest(text),
        )


def replay(
    record: Any,
    inputs: Mapping[str, Any],
    globals_: Mapping[str, Any],
    prints: Prints,
    lookups: Mapping[str, Lookup],
) -> str | None:
    """The digest of the page if every read in `record` reads the same
    now, else None. `lookups` are Jinja's own getattr and getitem."""
    try:
        names, reads, digest = record
        for key, want in names:
            value = inputs[key] if key in inputs else globals_.get(key, missing)
            if prints.value(value) != want:
                return None
        page_url = inputs.get("localsiteurl")
        for ident, op, arg, want in reads:
            entry = prints.entry(ident)
            if entry is None:
                return None
            if prints.read(entry, op, arg, page_url, lookups[op]) != want:
                return None
    # anything at all (a damaged record, an entry whose body fails to
    # resolve): the page is rendered, and a real error is raised there
    except Exception:  # noqa: BLE001
        return None
    return digest if isinstance(digest, str) else None


def served_text(output_root: Path, name: str, digest: str) -> str | None:
    """The page as the served output/ holds it, if its bytes are `digest`."""
    try:
        data = (output_root / name).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != digest:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
