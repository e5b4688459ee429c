"""Property: random Markdown with redacted spans never shows the spans' text.

Secrets are drawn from letters the surrounding text and the page's own
markup never use in a run of four, so any run of them in the output is a
leak. A generated document may also be bad markup (a stray bracket can
break a span); then the build must stop with a ContentError, never render.
"""

from __future__ import annotations

import html

from content_model.errors import ContentError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redaction.readings import fold, normalize

from tests.redaction.support import render

SECRET_LETTERS = "QXZJKVW"
secrets = st.text(alphabet=SECRET_LETTERS, min_size=4, max_size=10)
words = st.text(alphabet="abcdefgh", min_size=1, max_size=8)
punctuation = st.sampled_from(["", ".", ",", " (", ") ", "!", " *", "* ", "_", "#"])


@st.composite
def redacted(draw, secrets_used: list[str]) -> str:
    secret = draw(secrets)
    secrets_used.append(secret)
    word = draw(words)
    reason = draw(st.sampled_from(["", " reason=name", " reason=source"]))
    form = draw(st.integers(0, 6))
    return [
        f"[{secret}]{{.redact{reason}}}",
        f"[*{secret}* {word}]{{.redact{reason}}}",
        f"[{word} `{secret}`]{{.redact}}",
        f"`{secret}`{{.redact{reason}}}",
        f"`{word} [{secret}]{{.redact}}`",
        f"![{word} [{secret}]{{.redact}}](i.png)",
        f"[[{secret}](https://a.example/{word})]{{.redact}}",
    ][form]


@st.composite
def inline(draw, secrets_used: list[str], newlines: bool = True) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            pieces.append(draw(redacted(secrets_used)))
        elif kind == 1:
            pieces.append(f"*{draw(words)}*")
        elif kind == 2:
            pieces.append(f"[{draw(words)}](https://b.example/)")
        else:
            pieces.append(draw(words) + draw(punctuation))
    joiner = draw(st.sampled_from([" ", "\n"] if newlines else [" "]))
    return joiner.join(pieces)


@st.composite
def documents(draw) -> tuple[str, list[str]]:
    used: list[str] = []
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.integers(0, 7))
        if kind == 0:
            blocks.append(
                "#" * draw(st.integers(1, 4)) + " " + draw(inline(used, False))
            )
        elif kind == 1:
            blocks.append("- " + draw(inline(used, False)) + "\n- " + draw(words))
        elif kind == 2:
            blocks.append("> " + draw(inline(used)))
        elif kind == 3:
            cell = draw(inline(used, False)).replace("|", "")
            blocks.append(f"| a | b |\n|---|---|\n| {cell} | x |")
        elif kind == 4:
            secret = draw(secrets)
            used.append(secret)
            blocks.append(f"```\n{draw(words)} [{secret}]{{.redact}}\n```")
        elif kind == 5:
            secret = draw(secrets)
            used.append(secret)
            blocks.append(f"::: redact\n{draw(words)} {secret}\n\n- {secret}\n:::")
        elif kind == 6:
            blocks.append(f"{draw(words)}.[^n]\n\n[^n]: {draw(inline(used, False))}")
        else:
            blocks.append(draw(inline(used)))
    return "\n\n".join(blocks) + "\n", used


def leaked(page: str, secret: str) -> bool:
    return secret.casefold() in html.unescape(page).casefold()


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_redacted_spans_never_reach_the_html(document):
    source, used = document
    try:
        result = render(source)
    except ContentError:
        return  # refused, not rendered: nothing leaks
    for secret in used:
        assert not leaked(result.html, secret), (source, secret, result.html)


@settings(deadline=None, max_examples=100)
@given(
    st.lists(secrets, min_size=1, max_size=5), st.lists(words, min_size=1, max_size=8)
)
def test_names_from_the_names_file_never_reach_the_html(names, text):
    """The policy on the same random text: every listed name is withheld."""
    source = " ".join(w for pair in zip(text, names * 3, strict=False) for w in pair)
    result = render(source + "\n", names=[n.lower() for n in names])
    for name in names:
        assert not leaked(result.html, name), (source, name, result.html)


def test_the_leak_check_can_fail():
    """Without redaction markup the same secret is on the page."""
    assert leaked(render("Plain QXZJQ here.\n").html, "QXZJQ")


INVISIBLES = ["\u200b", "\u200d", "\u2060", "\u00ad", "\u200e", "\u202e", "\ufeff"]


@st.composite
def disguised(draw, name: str) -> str:
    """The name as a reader would still read it: fullwidth letters, an
    invisible character inside, or both."""
    if draw(st.booleans()):
        name = "".join(chr(ord(c) + 0xFEE0) for c in name)
    if draw(st.booleans()):
        at = draw(st.integers(1, len(name) - 1))
        name = name[:at] + draw(st.sampled_from(INVISIBLES)) + name[at:]
    return name


@settings(deadline=None, max_examples=100)
@given(st.data())
def test_disguised_names_never_reach_the_html(data):
    """A listed name in Unicode disguise is withheld: its folded reading,
    the way the guard reads the page, holds no listed name."""
    names = data.draw(st.lists(secrets, min_size=1, max_size=3))
    text = data.draw(st.lists(words, min_size=1, max_size=6))
    forms = [data.draw(disguised(name)) for name in names]
    source = " ".join(w for pair in zip(text, forms * 3, strict=False) for w in pair)
    result = render(source + "\n", names=[n.lower() for n in names])
    page = fold(normalize(html.unescape(result.html)))
    for name in names:
        assert name.casefold() not in page, (source, name, result.html)


def test_the_folded_leak_check_can_fail():
    page = render("Plain ＱＸＺＪ\u200bＱ here.\n").html
    assert "qxzjq" in fold(normalize(html.unescape(page)))
