"""Deterministic Markdown bodies for the benchmark corpus.

Every body uses what editors use (headings, lists, a table, links, footnotes,
fenced code with and without a language, e-mail addresses) and, when the
matching plugin is on, redaction markup. Unlabelled fences matter: plain
Pelican's Python-Markdown hands them to Pygments' `guess_lexer`, which is
where most of its time goes. Everything comes from one `random.Random`, so
the same seed gives the same bytes.
"""

from __future__ import annotations

import random


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WORDS = _words(
    "agency branch implant network device report field test vendor firmware "
    "router television browser exploit operator target payload channel archive "
    "review analyst memo schedule budget contract server module update signal "
    "protocol interface document source release partner office project system "
    "controller sensor account credential mission phase deployment hardware "
    "prototype toolkit capability assessment transfer storage policy request"
)
GIVEN = _words("Alice Bram Carmen Dmitri Elena Farid Greta Hiro Ines Jonas Kai Lena")
FAMILY = _words("Adler Brandt Costa Duval Eriksen Ferreira Gallo Hansen Ivanova")
TOPICS = (
    "router firmware",
    "smart television",
    "browser exploits",
    "phone implants",
    "office networks",
    "encrypted chat",
    "field equipment",
    "supply chain",
)
# unlabelled fences: log excerpts, shell sessions, configuration and C, the
# mix that makes `guess_lexer` try every lexer it has
UNLABELLED = (
    "2017-02-{d:02d} 10:{m:02d}:14 INFO  {w} started on port {n}\n"
    "2017-02-{d:02d} 10:{m:02d}:15 WARN  {w} retry {m} of 5\n"
    "2017-02-{d:02d} 10:{m:02d}:17 ERROR {w} timed out after {n} ms\n",
    "$ ./build.sh --target {w} --level {m}\n"
    "compiling {w}.c ... ok\nlinking {w}.so ... ok\n$ ls -l out/\n"
    "-rw-r--r-- 1 dev dev {n} Feb {d} {w}.so\n",
    "[{w}]\nhost = 10.{m}.{d}.{n3}\nport = {n}\nretries = {m}\n"
    "mode = stealth\nlog = /var/log/{w}.log\n",
    "int {w}_init(struct ctx *c) {{\n    if (c == NULL) return -{m};\n"
    "    c->port = {n};\n    return setup(c, {d});\n}}\n",
    "def {w}(data):\n    for item in data[:{m}]:\n        yield item * {n}\n",
)
LABELLED = (
    (
        "c",
        "static int {w}_count = {n};\n\nvoid {w}_tick(void) {{\n"
        "    {w}_count += {m};\n}}\n",
    ),
    ("python", "def {w}_check(value: int) -> bool:\n    return value > {n}\n"),
    ("sh", "curl -s https://{w}.example/api/{n} | jq '.items[{m}]'\n"),
    ("json", '{{"module": "{w}", "port": {n}, "retries": {m}}}\n'),
)


class Writer:
    """Builds text from one seeded random source; never reads the clock."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(count))

    def sentence(self) -> str:
        text = self.words(self.rng.randint(8, 18))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int | None = None) -> str:
        count = sentences or self.rng.randint(3, 6)
        return " ".join(self.sentence() for _ in range(count))

    def name(self) -> str:
        return f"{self.rng.choice(GIVEN)} {self.rng.choice(FAMILY)}"

    def email(self) -> str:
        given, family = self.name().lower().split()
        return f"{given}.{family}@agency.example"

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            w=rng.choice(WORDS),
            n=rng.randint(1000, 65000),
            n3=rng.randint(1, 254),
            m=rng.randint(1, 59),
            d=rng.randint(1, 28),
        )

    def unlabelled_fence(self) -> str:
        return "```\n" + self.fill(self.rng.choice(UNLABELLED)) + "```"

    def labelled_fence(self) -> str:
        language, template = self.rng.choice(LABELLED)
        return f"```{language}\n" + self.fill(template) + "```"

    def table(self) -> str:
        rows = [
            "| Item | Status | Owner | Count |",
            "|:-----|:------:|:------|------:|",
        ]
        for _ in range(self.rng.randint(4, 7)):
            rows.append(
                f"| {self.words(2)} | {self.rng.choice(('open', 'closed', 'held'))}"
                f" | {self.rng.choice(WORDS)} | {self.rng.randint(1, 999)} |"
            )
        return "\n".join(rows)


def body(
    writer: Writer,
    size: int,
    *,
    redaction: bool,
    links: list[str],
) -> str:
    """A Markdown body of at least `size` bytes; `links` are `{filename}` targets."""
    w, rng = writer, writer.rng
    person = f"[{w.name()}]{{.redact reason=name}}" if redaction else w.name()
    link = f"[an earlier note]({{filename}}{links[0]})" if links else "an earlier note"
    blocks = [
        f"{w.paragraph()} The author, {person}, refers to {link} and to the "
        f"[public report](https://example.org/reports/{rng.randint(1, 999)}). "
        f"{w.sentence()}[^1]",
        "## Background",
        f"{w.paragraph()} Questions went to <{w.email()}>. {w.sentence()}[^2]",
        "\n".join(f"- {w.words(rng.randint(4, 9))}" for _ in range(5)),
        "## Findings",
        "\n".join(f"{i}. **{w.words(2)}**: {w.sentence()}" for i in range(1, 5)),
        w.table(),
        w.labelled_fence(),
        "### Output",
        w.unlabelled_fence(),
        f"> {w.paragraph(2)}",
    ]
    if redaction:
        blocks += ["::: redact", w.paragraph(2), ":::"]
    section = 0
    footer = [f"[^1]: {w.sentence()}", f"[^2]: {w.sentence()} See `{w.words(1)}`."]
    while len("\n\n".join(blocks + footer)) < size:
        section += 1
        blocks.append(f"## Part {section}: {w.words(3)}")
        blocks.append(w.paragraph())
        choice = rng.random()
        if choice < 0.35:
            blocks.append(w.unlabelled_fence())
        elif choice < 0.5:
            blocks.append(w.labelled_fence())
        elif choice < 0.7:
            blocks.append("\n".join(f"- {w.sentence()}" for _ in range(3)))
        if redaction and rng.random() < 0.2:
            blocks.append(
                f"{w.sentence()} Signed by [{w.name()}]{{.redact reason=name}}."
            )
    return "\n\n".join(blocks + footer) + "\n"
