"""Bad redaction markup stops the build with file:line and what to write instead."""

from __future__ import annotations

import pytest
from content_model.errors import ContentError

from tests.redaction.support import PATH, render

BAD = [
    pytest.param(
        "Intro.\n\n::: redact\nNever closed.\n",
        3,
        "::: redact is never closed",
        id="unclosed-block",
    ),
    pytest.param(
        "::: redact\nOuter.\n::: redact\nInner.\n:::\n",
        3,
        "never closed",
        id="unclosed-outer-block",
    ),
    pytest.param("Text []{.redact} here.\n", 1, "empty redaction", id="empty-span"),
    pytest.param(
        "Text [  ]{.redact reason=name}.\n", 1, "empty redaction", id="blank-span"
    ),
    pytest.param("::: redact\n:::\n", 1, "empty redaction block", id="empty-block"),
    pytest.param("`a []{.redact} b`\n", 1, "empty redaction", id="empty-in-code"),
    pytest.param(
        "Para.\n\nBy [Zed]{.redact reason=nickname}.\n",
        3,
        'unknown redaction reason "nickname"; declared reasons: email, ip, name, '
        "source",
        id="unknown-reason",
    ),
    pytest.param(
        "::: redact reason=secret\nx\n:::\n",
        1,
        'unknown redaction reason "secret"',
        id="unknown-block-reason",
    ),
    pytest.param(
        "```\n[x]{.redact reason=nope}\n```\n",
        2,
        'unknown redaction reason "nope"',
        id="unknown-reason-in-code",
    ),
    pytest.param(
        "[x](https://a.example/[y]{.redact})\n",
        1,
        "a redaction mark would render inside a URL (link target)",
        id="mark-in-link-target",
    ),
    pytest.param(
        "![x](<img/[y]{.redact reason=name}.png>)\n",
        1,
        "inside a URL (image source)",
        id="mark-in-image-source",
    ),
    pytest.param(
        '<a href="https://x.example/[y]{.redact}">x</a>\n',
        1,
        "inside a URL (the href attribute of raw HTML)",
        id="mark-in-raw-html-href",
    ),
    pytest.param(
        "By [Zed]{.redact reason=na me}.\n",
        1,
        "malformed redaction markup",
        id="malformed-attributes",
    ),
    pytest.param(
        "By [Zed]{.redact\n", 1, "malformed redaction markup", id="unclosed-brace"
    ),
    pytest.param(
        "Line one\nby [Zed]{.redact reason=} x\n",
        2,
        "malformed redaction markup",
        id="reason-without-value",
    ),
    pytest.param(
        "```\n::: redact\nsecret\n:::\n```\n",
        2,
        "malformed redaction markup '::: redact'",
        id="block-markup-inside-code",
    ),
    pytest.param(
        "::: redact because\nx\n:::\n",
        1,
        "malformed redaction block",
        id="malformed-block-info",
    ),
    pytest.param(
        "See [the [Zed]{.redact} wiki](https://x.example/).\n",
        1,
        "a redaction inside link text breaks the link",
        id="span-inside-link-text",
    ),
]


@pytest.mark.parametrize(("body", "line", "message"), BAD)
def test_bad_markup_is_a_content_error_with_its_line(body, line, message):
    with pytest.raises(ContentError) as caught:
        render(body)
    assert (caught.value.path, caught.value.line) == (PATH, line)
    assert message in caught.value.message


@pytest.mark.parametrize(
    "body",
    [
        "By [Zed Quorum]{.redact reason=na me}.\n",
        "`By [Zed Quorum]{.redact reason=na me}`\n",
        "```\n[Zed Quorum]{.redact reason=nope}\n```\n",
    ],
)
def test_errors_do_not_repeat_the_text_to_withhold(body):
    with pytest.raises(ContentError) as caught:
        render(body)
    assert "Zed" not in str(caught.value)


def test_a_policy_match_in_the_source_header_stops_the_build():
    with pytest.raises(ContentError) as caught:
        render("x\n", fields={"title": "T", "source": "https://10.0.0.9/statement"})
    assert caught.value.line == 2
    assert "Source matches the redaction policy (ip)" in caught.value.message


def test_a_mark_in_the_source_header_stops_the_build():
    with pytest.raises(ContentError) as caught:
        render("x\n", fields={"title": "T", "source": "https://x.example/[a]{.redact}"})
    assert "inside a URL (the Source header)" in caught.value.message


def test_a_name_in_the_file_name_stops_the_build():
    with pytest.raises(ContentError) as caught:
        render("x\n", path="content/volumes/v/marta-quill-memo.md")
    assert "would be published in the URL" in caught.value.message
