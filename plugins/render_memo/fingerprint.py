"""Fingerprints of the values a template reads, comparable across builds.

A page may be written from an earlier build's bytes only if everything its
template read is the same. Values are compared by a digest of a canonical
text: the same value gives the same digest in another process, which no
`id()`, `hash()` or default repr (it holds an address) would. Anything
this module does not know raises `Unmemoizable`, and that page is rendered
at every build: a page is never reused on a guess.

An entry (Pelican `Content`) is not a value but a thing a template reads
from: its fingerprint is its identity (class, source file, save_as), and
each attribute the template reads on it is recorded on its own.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import types
from typing import Any

from jinja2.runtime import Undefined
from jinja2.utils import missing
from markupsafe import Markup
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

MAX_DEPTH = 12

Identity = tuple[str, str, str]


class Unmemoizable(Exception):
    """A value with no fingerprint a later build could compare."""


def identity(content: Content) -> Identity:
    """What names an entry from one build to the next."""
    return (
        type(content).__qualname__,
        str(content.source_path),
        str(getattr(content, "save_as", "")),
    )


def fingerprint(value: Any) -> bytes:
    """A 16-byte digest of `value`, equal across builds for equal values."""
    kind = type(value)
    if kind is str or kind is Markup:  # most reads: said once, hashed in C
        return _digest(f"{kind.__name__}\x1f{value}")
    parts: list[str] = []
    _canonical(value, parts, 0)
    return _digest("\x1f".join(parts))


def _digest(text: str) -> bytes:
    return hashlib.blake2b(
        text.encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()


# exact types only: a subclass of str may render differently (Markup does)
_PLAIN = {type(None), bool, int, float, str, Markup}
_SEQUENCES = {list, tuple}


def _canonical(value: Any, parts: list[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise Unmemoizable("a value nested too deep")
    kind = type(value)
    if kind in _PLAIN:
        parts += (kind.__name__, value if kind in (str, Markup) else repr(value))
    elif value is missing:
        parts.append("missing")
    elif isinstance(value, Undefined):
        parts += ("undefined", type(value).__qualname__)
    elif isinstance(value, Content):
        parts += ("entry", *identity(value))
    elif isinstance(value, URLWrapper):
        # a tag, category or author: everything a template can read of it
        # (its str() is its name) follows from these and the settings
        parts += ("url", kind.__qualname__, value.name, value.slug, value.url)
        parts.append(value.save_as)
    elif isinstance(value, (datetime.date, datetime.time)):
        tz = getattr(value, "tzinfo", None)
        parts += (kind.__qualname__, value.isoformat(), repr(tz))
    elif kind in _SEQUENCES or (
        kind.__bases__ == (tuple,) and hasattr(kind, "_fields")
    ):
        parts += (kind.__qualname__, str(len(value)))
        for item in value:
            _canonical(item, parts, depth + 1)
    elif kind is dict:
        parts += ("dict", str(len(value)))
        for key, item in sorted(value.items(), key=lambda pair: _sort_key(pair[0])):
            _canonical(key, parts, depth + 1)
            _canonical(item, parts, depth + 1)
    elif kind in (set, frozenset):
        parts += (kind.__name__, str(len(value)))
        for item in sorted(value, key=_sort_key):
            _canonical(item, parts, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        # plugins' records (versions, organizations): their fields are all
        # their state, so reading any attribute of them is covered here
        parts += ("dataclass", kind.__module__, kind.__qualname__)
        for item in dataclasses.fields(value):
            parts.append(item.name)
            _canonical(getattr(value, item.name), parts, depth + 1)
    elif _named_code(value):
        # Jinja's globals (range, dict, namespace…): code, named by its place
        parts += ("code", value.__module__ or "", value.__qualname__)
    else:
        raise Unmemoizable(f"a {kind.__module__}.{kind.__qualname__} value")


def _named_code(value: Any) -> bool:
    """A class or a module's function: its name says which (a lambda, a
    nested function or a bound method also depends on what it holds)."""
    if isinstance(value, type):
        return "<" not in value.__qualname__
    if isinstance(value, types.FunctionType):
        return "<" not in value.__qualname__ and not value.__closure__
    if isinstance(value, types.BuiltinFunctionType):
        return value.__self__ is None or isinstance(value.__self__, types.ModuleType)
    return False


def _sort_key(value: Any) -> bytes:
    return fingerprint(value)
