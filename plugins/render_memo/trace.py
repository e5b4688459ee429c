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
import os
import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from jinja2.utils import missing
from pelican.contents import Content

from .fingerprint import Identity, Unmemoizable, fingerprint, identity

# What the memo keeps per page: the names it read, its reads on entries
# (identity, "a" for attribute or "k" for item, the attribute's name), one
# digest of all their fingerprints in that order, and the page's sha256,
# pickled and compressed into one bytes string. Plain data, so no class of
# ours is pickled, and about 500 bytes a page: 20,000 pages hold half a
# million reads, which as tuples took 200 MB (docs/performance.md).
Record = bytes
Lookup = Callable[[Any, Any], Any]


def page_digest(text: str) -> str:
    """The digest of a page as Pelican writes it (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Prints:
    """One build's fingerprints of the names pages read, and its entries.

    Most pages read the same settings and the same lists, so each value is
    digested once per build; it is kept with its digest, as an `id()` is
    only unique while its object lives. That holds only while nothing
    changes a value in place during the writing of pages, which Pelican
    and the plugins do not do (RENDER_MEMO_VERIFY, on in every test build,
    would find it). Reads on entries are not kept by entry and name: at
    20,000 pages such a table took more memory than the whole rest of the
    memo, and most are read by one page only.
    """

    def __init__(self, entries: Iterable[Content]) -> None:
        self.entries = list(entries)
        self._index: dict[Identity, Content | None] | None = None
        self._values: dict[int, tuple[Any, bytes]] = {}

    def value(self, value: Any) -> bytes:
        known = self._values.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        print_ = fingerprint(value)
        self._values[id(value)] = (value, print_)
        return print_

    def read(self, entry: Content, op: str, arg: Any, value: Any) -> bytes:
        """The fingerprint of `value`, read as `arg` of `entry`. A value the
        entry holds (not one a property makes at each read) lives as long
        as the entry, so it is digested once a build, like a name's value;
        a string is digested at each read (cheap, and most bodies are made
        at each read)."""
        if (
            op == "a"
            and type(value) is not str
            and getattr(entry, "__dict__", {}).get(arg) is value
        ):
            return self.value(value)
        return fingerprint(value)

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
        self.names: dict[str, bytes] = {}
        self.reads: dict[tuple[Identity, str, Any], bytes] = {}
        self.idents: dict[int, Identity] = {}
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
        ident = self.idents.get(id(entry))
        if ident is None:
            # one tuple an entry, so that the record names it once
            ident = self.idents[id(entry)] = identity(entry)
        if (ident, op, arg) in self.reads:
            return
        try:
            self.reads[(ident, op, arg)] = self.prints.read(entry, op, arg, value)
        except Unmemoizable as error:
            self.broken = f"{ident[1]} {arg}: {error}"

    def record(self, text: str) -> Record:
        prints = (*self.names.values(), *self.reads.values())
        return zlib.compress(
            pickle.dumps(
                (
                    list(self.names),
                    list(self.reads),
                    all_prints(prints),
                    hashlib.sha256(text.encode("utf-8")).digest(),
                ),
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        )


def all_prints(prints: Iterable[bytes]) -> bytes:
    """One digest of the fingerprints of a page's reads, in their order."""
    digest = hashlib.blake2b(digest_size=16)
    for print_ in prints:
        digest.update(print_)
    return digest.digest()


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
        names, reads, want, digest = pickle.loads(zlib.decompress(record))

        def now() -> Iterator[bytes]:
            for key in names:
                yield prints.value(
                    inputs[key] if key in inputs else globals_.get(key, missing)
                )
            for ident, op, arg in reads:
                entry = prints.entry(ident)
                if entry is None:
                    raise LookupError(ident)
                yield prints.read(entry, op, arg, lookups[op](entry, arg))

        if all_prints(now()) != want:
            return None
    # anything at all (a damaged record, an entry that is gone or whose
    # body fails to resolve): the page is rendered, and a real error is
    # raised there
    except Exception:  # noqa: BLE001
        return None
    return digest.hex() if isinstance(digest, bytes) else None


FileId = tuple[int, int]  # (st_dev, st_ino): which file, not which path


def served_page(output_root: Path, name: str, digest: str) -> tuple[str, FileId] | None:
    """The page as the served output/ holds it, if its bytes are `digest`,
    and the file those bytes were read from (a link must be to that one).
    (Plain paths: this runs for every page of a rebuild.)"""
    try:
        with open(os.path.join(output_root, name), "rb") as handle:
            data = handle.read()
            status = os.fstat(handle.fileno())
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != digest:
        return None
    try:
        return data.decode("utf-8"), (status.st_dev, status.st_ino)
    except UnicodeDecodeError:
        return None
