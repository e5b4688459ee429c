"""Headless Chromium (Debian's /usr/bin/chromium) over a local HTTP server.

Playwright cannot download its own browser here, and CI must never skip
these tests: a missing Chromium is a failure, not a skip.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep test output readable."""


@pytest.fixture(scope="session")
def site_url(basic_site) -> Iterator[str]:
    """Serve the basic fixture site on 127.0.0.1 for the session."""
    handler = functools.partial(QuietHandler, directory=str(basic_site.output))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
