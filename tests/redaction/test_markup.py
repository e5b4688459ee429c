"""Redaction markup on tokens: every placement becomes the same fixed mark."""

from __future__ import annotations

from redaction.markup import redact_tokens

from tests.redaction.support import MD, mark, render, scope, text_mark


def kinds(found):
    return [(r.line, r.reason, r.kind, r.original) for r in found]


def test_span_in_a_paragraph_becomes_a_mark_with_its_reason():
    result = render("Written by [John Smith]{.redact reason=name}.\n")
    assert result.html == f"<p>Written by {mark('name')}.</p>\n"
    assert kinds(result.found) == [(1, "name", "markup", "John Smith")]


def test_mark_says_redacted_and_shows_the_reason():
    assert mark("name") == (
        '<span class="redaction" role="img" aria-label="redacted: personal name" '
        'title="redacted: personal name"><span class="redaction-reason">'
        "personal name</span></span>"
    )
    assert mark() == (
        '<span class="redaction" role="img" aria-label="redacted" title="redacted">'
        '<span class="redaction-reason">redacted</span></span>'
    )


def test_mark_keeps_no_length_first_letter_or_case():
    short = render("[Al]{.redact reason=name}\n").html
    long = render("[MAXIMILIAN VON UND ZU LANGNAME]{.redact reason=name}\n").html
    assert short == long == f"<p>{mark('name')}</p>\n"


def test_formatting_inside_a_span_goes_with_it():
    result = render("[*Bob* and `Bo` [b](https://x.example/)]{.redact}\n")
    assert result.html == f"<p>{mark()}</p>\n"
    assert result.found[0].original == "Bob and Bo b"


def test_heading_text_is_redacted_and_never_becomes_the_id():
    result = render("## Meeting with [Zed Quorum]{.redact reason=name}\n")
    assert result.html == f'<h2 id="meeting-with">Meeting with {mark("name")}</h2>\n'


def test_code_span_with_attribute_is_redacted_whole():
    result = render("Ran `rm -rf /srv/zed`{.redact reason=source} there.\n")
    assert result.html == f"<p>Ran {mark('source')} there.</p>\n"


def test_markup_inside_a_code_span_is_honoured():
    result = render("Ran `ssh [zed]{.redact reason=name}@host` there.\n")
    assert result.html == f"<p>Ran <code>ssh {mark('name')}@host</code> there.</p>\n"


def test_markup_inside_a_fenced_code_block_is_honoured():
    result = render("```c\nint x; /* [Zed Q]{.redact} */\nint y;\n```\n")
    assert result.html == (
        f'<pre><code class="language-c">int x; /* {mark()} */\nint y;\n</code></pre>\n'
    )
    assert kinds(result.found) == [(2, None, "markup", "Zed Q")]


def test_policy_applies_inside_indented_code():
    result = render("Text.\n\n    ping 10.1.2.3\n")
    assert result.html == (
        f"<p>Text.</p>\n<pre><code>ping {mark('ip')}\n</code></pre>\n"
    )
    assert kinds(result.found) == [(3, "ip", "policy", "10.1.2.3")]


def test_block_redaction_replaces_paragraphs_lists_and_code():
    source = (
        "Before.\n\n::: redact reason=source\nFirst *para*.\n\n- item\n\n"
        "```\ncode line\n```\n:::\n\nAfter.\n"
    )
    result = render(source)
    assert result.html == (
        f"<p>Before.</p>\n{mark('source', block=True)}\n<p>After.</p>\n"
    )
    [block] = result.found
    assert (block.line, block.reason, block.block) == (3, "source", True)
    assert block.original == "First para.\nitem\ncode line"


def test_block_without_reason():
    result = render("::: redact\nGone.\n:::\n")
    assert result.html == f"{mark(None, block=True)}\n"


def test_link_target_redaction_keeps_the_text_and_drops_the_link():
    result = render(
        "See [the wiki](https://wiki.internal.example/){.redact reason=source}.\n"
    )
    assert result.html == f"<p>See the wiki {mark('source')}.</p>\n"
    assert result.found[0].original == "https://wiki.internal.example/"


def test_whole_link_redaction():
    result = render("See [[the wiki](https://wiki.example/zed)]{.redact}.\n")
    assert result.html == f"<p>See {mark()}.</p>\n"


def test_link_title_gets_a_text_mark():
    result = render('See [it](https://x.example/ "by [Zed]{.redact reason=name}").\n')
    assert (
        f'<a href="https://x.example/" title="by {text_mark("name")}" '
        'rel="noopener noreferrer">it</a>'
    ) in result.html


def test_policy_in_a_link_target_drops_the_link_and_keeps_a_mark():
    result = render("Write [to us](mailto:alice@internal.example).\n")
    assert result.html == f"<p>Write to us {mark('email')}.</p>\n"
    assert kinds(result.found) == [(1, "email", "policy", "alice@internal.example")]


def test_autolinked_address_becomes_one_mark():
    result = render("Write <alice@internal.example> or <http://10.0.0.5/x>.\n")
    assert result.html == f"<p>Write {mark('email')} or {mark('ip')}.</p>\n"
    assert len(result.found) == 2


def test_image_alt_and_title_get_text_marks():
    result = render('![Chart by [Zed]{.redact}](c.png "drawn by Marta Quill")\n')
    assert result.html == (
        f'<p><img src="c.png" alt="Chart by {text_mark()}" '
        f'title="drawn by {text_mark("name")}"></p>\n'
    )


def test_redacted_image_and_image_with_withheld_source_become_marks():
    result = render(
        "![Zed](zed.png){.redact reason=name} ![x](http://10.9.8.7/a.png)\n"
    )
    assert result.html == f"<p>{mark('name')} {mark('ip')}</p>\n"


def test_footnote_text_is_redacted():
    result = render("Claim.[^1]\n\n[^1]: Said [Zed Q]{.redact reason=name}.\n")
    assert f"<p>Said {mark('name')}. <a" in result.html
    assert kinds(result.found) == [(3, "name", "markup", "Zed Q")]


def test_footnote_whose_only_reference_was_redacted_is_redacted_whole():
    result = render("A [secret claim[^1]]{.redact}.\n\n[^1]: Zed told us.\n")
    assert "Zed" not in result.html
    assert 'href="#fnref1"' not in result.html  # no back-link to nothing
    assert f'<li id="fn1" class="footnote-item">{mark(None, block=True)}' in result.html


def test_footnote_defined_inside_a_redacted_block_is_redacted_whole():
    source = "Claim.[^1]\n\n::: redact\nHidden.\n\n[^1]: Zed defined here.\n:::\n"
    result = render(source)
    assert "Zed" not in result.html
    assert 'href="#fnref1"' in result.html  # its reference is still there


def test_table_cells_blockquotes_and_lists():
    source = (
        "| a | b |\n|---|---|\n| [Zed]{.redact} | 1 |\n\n> [Zed]{.redact}\n\n"
        "- [Zed]{.redact}\n"
    )
    result = render(source)
    assert "Zed" not in result.html
    assert result.html.count(mark()) == 3
    assert [r.placement for r in result.found] == ["body table", "body", "body"]


def test_raw_html_text_and_attributes():
    result = render('<p title="[Zed]{.redact}">By Marta Quill.</p>\n')
    assert result.html == (f'<p title="{text_mark()}">By {mark("name")}.</p>\n')


def test_policy_finds_a_name_wrapped_across_lines():
    result = render("We met Marta\nQuill and osric   fenn.\n")
    assert result.html == f"<p>We met {mark('name')} and {mark('name')}.</p>\n"
    assert [r.line for r in result.found] == [1, 2]


def test_allow_listed_text_stays_visible():
    result = render("Write to security@acme.example from 192.0.2.7 or 2001:db8::1.\n")
    assert result.found == []
    assert "security@acme.example" in result.html


def test_line_numbers_count_from_the_top_of_the_file():
    result = render("Para.\n\nSecond\nline [Zed]{.redact} here.\n")
    assert [r.line for r in result.found] == [4]


def test_redaction_is_idempotent():
    source = (
        "# H [Zed]{.redact}\n\nMarta Quill `10.0.0.1` ![a [b]{.redact}](c.png)\n\n"
        "```\n10.0.0.2\n```\n\n::: redact\nx\n:::\n"
    )
    tokens = MD.parse(source, {})
    lines = source.split("\n")
    once = redact_tokens(scope(), tokens, lines, "body")
    html_once = MD.renderer.render(once, MD.options, {})
    twice = redact_tokens(scope(), once, lines, "body")
    assert MD.renderer.render(twice, MD.options, {}) == html_once
