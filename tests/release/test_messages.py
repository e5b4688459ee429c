"""Messages the release stage stops a build with."""

from __future__ import annotations

from linkcheck import BrokenLink
from release import broken_links_error


def test_a_long_list_of_broken_links_is_cut_short():
    broken = [
        BrokenLink(f"p{n:02}/index.html", "../x/", "no such file") for n in range(25)
    ]
    message = str(broken_links_error(broken))
    assert message.startswith("25 broken internal links; output/ was not replaced:\n")
    assert "p19/index.html: ../x/ (no such file)" in message
    assert "p20/index.html" not in message
    assert message.endswith("\n… and 5 more")
