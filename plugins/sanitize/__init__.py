"""Sanitization: one allow-list, one function (a library, not a Pelican plugin).

The Markdown reader calls `clean_html` on every rendered body and summary;
see core.py for the allow-list and docs/sanitization.md for why it is so.
"""

from __future__ import annotations

from .core import clean_html

__all__ = ["clean_html"]
