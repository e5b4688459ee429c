"""Link check over a built site: every internal link and asset must resolve.

A library for now (the tests and the release stage call `broken_links`); it
has no Pelican signals of its own.
"""

from __future__ import annotations

from .core import BrokenLink, broken_links

__all__ = ["BrokenLink", "broken_links"]
