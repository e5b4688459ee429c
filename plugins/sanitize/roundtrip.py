"""Keep cleaned HTML a fixed point: cleaning it again changes nothing.

Not a security matter (everything here runs on already sanitized markup) but
a correctness one: a rebuild must give byte-identical pages, and HTML that
is cleaned again (a summary, a re-read version) must not drift. html5lib can
build trees that HTML cannot write back, mostly from misnested editor HTML;
these helpers fix the serializer's quirks and spot the trees that would
parse differently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

TEXT_TOKENS = frozenset({"Characters", "SpaceCharacters"})
CELLS = frozenset({"td", "th", "caption"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Allowed elements whose start tag closes an open <p> (HTML "in body" rules).
CLOSES_P = HEADINGS.union(
    {"p", "blockquote", "pre", "hr", "ul", "ol", "li", "dl", "dt", "dd", "table"},
    {"div", "section", "figure", "figcaption", "details", "summary"},
)
LIST_SCOPE = frozenset({"li", "ul", "ol"})
DEFINITION_SCOPE = frozenset({"dt", "dd", "dl"})
VOID = frozenset({"br", "hr", "img"})
# The only children the table parser keeps in place; text and anything else
# is moved in front of the table ("foster-parented").
TABLE_CHILDREN = {
    "table": frozenset({"caption", "thead", "tbody", "tfoot", "tr"}),
    "thead": frozenset({"tr"}),
    "tbody": frozenset({"tr"}),
    "tfoot": frozenset({"tr"}),
    "tr": frozenset({"td", "th"}),
}
TABLE_PARENTS = {
    child: frozenset(p for p, kids in TABLE_CHILDREN.items() if child in kids)
    for kids in TABLE_CHILDREN.values()
    for child in kids
}
# Bleach's output is canonical: every `<` opens a tag, every value is in "".
TAG_OR_TEXT = re.compile(r'<(/?)([a-z0-9]+)(?:[^>"]|"[^"]*")*>|[^<]+')
HTML_SPACE = " \t\n\r\f"
MAX_EXTRA_PASSES = 3


def fix_serialization(
    token: dict[str, Any], previous: dict[str, Any] | None, in_cell: bool
) -> None:
    """Work around three serializer quirks, each of which a second pass undoes."""
    kind = token["type"]
    if (
        kind in TEXT_TOKENS
        and previous is not None
        and previous["type"] == "StartTag"
        and previous["name"] == "pre"
        and token["data"][:1] == "\n"
        and not in_cell
    ):
        # parsers drop a newline right after <pre>; html5lib's serializer
        # does not write one back, so each pass would eat one. (html5lib
        # forgets to drop it inside a table cell or caption.)
        token["data"] = "\n" + token["data"]
    if kind == "SpaceCharacters":
        # bleach turns a form feed in text into "?" but leaves it alone in a
        # whitespace-only run, which a second pass may read as text
        token["data"] = token["data"].replace("\f", " ")
    if kind in ("StartTag", "EmptyTag"):
        # a value with `"` is written in single quotes, where bleach escapes
        # `&` twice (`&amp;amp;`); as an entity it stays in double quotes
        for key, value in token["data"].items():
            token["data"][key] = value.replace('"', "&quot;")


def nearest(stack: list[str], names: frozenset[str]) -> str | None:
    """The innermost open element among `names`."""
    return next((name for name in reversed(stack) if name in names), None)


def fits(name: str, stack: list[str]) -> bool:
    """Whether a parser would open `name` right here, leaving the rest as is.

    Errs on the side of False: a false alarm costs one more pass.
    """
    parent = stack[-1] if stack else None
    if parent in TABLE_CHILDREN:
        return name in TABLE_CHILDREN[parent]
    if name in TABLE_PARENTS:
        return parent in TABLE_PARENTS[name]
    if name in CLOSES_P and "p" in stack:
        return False
    if name in HEADINGS:
        return parent not in HEADINGS
    if name == "a":
        return "a" not in stack
    if name == "li":
        return nearest(stack, LIST_SCOPE) != "li"
    if name in ("dt", "dd"):
        return nearest(stack, DEFINITION_SCOPE) in (None, "dl")
    return True


def may_reparse_differently(cleaned: str) -> bool:
    """True if reading `cleaned` again could give another tree.

    Cheap (one regex scan), so clean_html pays for a second pass only on the
    rare documents with misnested markup.
    """
    stack: list[str] = []
    for found in TAG_OR_TEXT.finditer(cleaned):
        closing, name = found.group(1, 2)
        if name is None:
            if stack and stack[-1] in TABLE_CHILDREN and found[0].strip(HTML_SPACE):
                return True
        elif closing:
            del stack[-1:]
        elif not fits(name, stack):
            return True
        elif name not in VOID:
            stack.append(name)
    return False


def settle(cleaned: str, clean: Callable[[str], str]) -> str:
    """Clean again until the output reads back as itself.

    Misnested markup can parse into a tree that HTML cannot write back (an
    <h1> in an <h1>, text moved out of a table); reading the output again, as
    a browser will, settles it. Well-formed documents skip the extra pass.
    """
    for _ in range(MAX_EXTRA_PASSES):
        if not may_reparse_differently(cleaned):
            break
        again = clean(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned
