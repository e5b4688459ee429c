"""Records and their replay: a page is reused only when every read it made
reads the same now, and anything unexpected renders it."""

from __future__ import annotations

import hashlib
import pickle

import pytest
from jinja2.utils import missing
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from render_memo.fingerprint import fingerprint
from render_memo.trace import Prints, Recorder, page_digest, replay, served_page

LOOKUPS = {"a": getattr, "k": lambda obj, key: obj[key]}


def article(path: str, title: str) -> Article:
    return Article(
        "<p>body</p>",
        metadata={"title": title, "save_as": path.replace(".md", "/index.html")},
        settings=dict(DEFAULT_CONFIG),
        source_path=path,
    )


def recorded(inputs: dict, entry: Article) -> bytes:
    """What a template reading `site`, `article` and `article.title` leaves."""
    recorder = Recorder(inputs, {"range": range}, Prints([entry]))
    recorder.name("site", inputs["site"])
    recorder.name("article", inputs["article"])
    recorder.read(entry, "a", "title", entry.title)
    recorder.name("nowhere", missing)
    return recorder.record("<html>page</html>")


def check(record: bytes, inputs: dict, entries: list[Article]) -> str | None:
    return replay(record, inputs, {"range": range}, Prints(entries), LOOKUPS)


def test_the_same_reads_give_the_page_digest():
    doc = article("a/doc.md", "Memo")
    record = recorded({"site": "S", "article": doc}, doc)
    again = article("a/doc.md", "Memo")  # the next build's object
    assert check(record, {"site": "S", "article": again}, [again]) == page_digest(
        "<html>page</html>"
    )


def test_a_changed_attribute_renders_the_page():
    doc = article("a/doc.md", "Memo")
    record = recorded({"site": "S", "article": doc}, doc)
    again = article("a/doc.md", "Memo, corrected")
    assert check(record, {"site": "S", "article": again}, [again]) is None


def test_a_changed_name_renders_the_page():
    doc = article("a/doc.md", "Memo")
    record = recorded({"site": "S", "article": doc}, doc)
    assert check(record, {"site": "T", "article": doc}, [doc]) is None
    # a name that was missing and now is given
    given = {"site": "S", "article": doc, "nowhere": 1}
    assert check(record, given, [doc]) is None


def test_an_entry_gone_or_twice_renders_the_page():
    doc = article("a/doc.md", "Memo")
    record = recorded({"site": "S", "article": doc}, doc)
    assert check(record, {"site": "S", "article": doc}, []) is None
    twin = article("a/doc.md", "Memo")
    assert check(record, {"site": "S", "article": doc}, [doc, twin]) is None


def test_a_name_the_template_set_itself_is_not_an_input():
    doc = article("a/doc.md", "Memo")
    recorder = Recorder({"article": doc}, {}, Prints([doc]))
    recorder.name("made_here", object())  # {% set made_here = … %}
    assert recorder.broken is None
    assert recorder.names == {}


def test_a_value_without_fingerprint_makes_the_page_unmemoizable():
    doc = article("a/doc.md", "Memo")
    recorder = Recorder({"article": doc, "odd": object()}, {}, Prints([doc]))
    recorder.name("odd", recorder.inputs["odd"])
    assert recorder.broken is not None and "odd" in recorder.broken


@pytest.mark.parametrize(
    "damaged",
    [None, b"", b"\x80\x05garbage", pickle.dumps(("x",)), pickle.dumps(([], [], 5))],
)
def test_a_damaged_record_renders_the_page(damaged):
    doc = article("a/doc.md", "Memo")
    assert check(damaged, {"article": doc}, [doc]) is None


def test_served_bytes_are_used_only_if_they_are_the_recorded_ones(tmp_path):
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>Ünïcode</p>\n", encoding="utf-8")
    digest = hashlib.sha256(page.read_bytes()).hexdigest()
    status = page.stat()
    assert served_page(tmp_path, "a/index.html", digest) == (
        "<p>Ünïcode</p>\n",
        (status.st_dev, status.st_ino),
    )
    page.write_text("<p>changed on disk</p>\n", encoding="utf-8")
    assert served_page(tmp_path, "a/index.html", digest) is None
    assert served_page(tmp_path, "missing/index.html", digest) is None


class Counted(Article):
    """An entry with a property that makes a new list at each read."""

    reads = 0

    @property
    def made(self) -> list[int]:
        Counted.reads += 1
        return [Counted.reads]


def test_a_value_the_entry_holds_is_digested_once_and_a_made_one_each_read(
    monkeypatch,
):
    doc = Counted(
        "<p>body</p>",
        metadata={"title": "Memo", "save_as": "a/doc/index.html"},
        settings=dict(DEFAULT_CONFIG),
        source_path="a/doc.md",
    )
    doc.held = [1, 2]
    prints = Prints([doc])
    digested = []
    monkeypatch.setattr(
        "render_memo.trace.fingerprint",
        lambda value: digested.append(value) or fingerprint(value),
    )
    first = prints.read(doc, "a", "held", doc.held)
    assert prints.read(doc, "a", "held", doc.held) == first
    assert digested == [[1, 2]]
    # a property's value is a new object at each read, which may differ
    assert prints.read(doc, "a", "made", doc.made) != prints.read(
        doc, "a", "made", doc.made
    )
