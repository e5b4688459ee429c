"""Generate the benchmark corpus: N Markdown entries in Dossier's layout.

    .venv/bin/python -m bench.generate --documents 1000 --seed 2017 bench/corpus/x

writes `x/content/volumes/<volume>/index.md` and its documents,
`x/content/statements/*.md` and, when the versions plugin is on, a few
`<doc>.v1.md` files, in Dossier's header format (docs/editors.md). N counts
every Markdown file a build reads. The same seed, size and features give the
same bytes; no clock is read.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.text import TOPICS, WORDS, Writer, body

FORMAT = 2  # bump when the generated text changes, so old corpora are rebuilt
BODY_BYTES = (7000, 8000)  # about 7.5 KB of Markdown per entry
START = datetime(2017, 3, 7, 9, 0, tzinfo=UTC)
EMBARGO = "2099-12-31T00:00:00Z"  # far future: held for the whole benchmark
AUDIENCE = "bench-vendor"
TAGS = sorted({*WORDS[:24], *(t.replace(" ", "-") for t in TOPICS)})


@dataclass(frozen=True)
class Features:
    """Which Dossier features the corpus exercises (their plugins must be on)."""

    redaction: bool = True
    embargo: bool = True
    versions: bool = True

    @classmethod
    def from_plugins(cls, plugins: list[str]) -> Features:
        return cls(
            redaction="redaction" in plugins,
            embargo="embargo" in plugins,
            versions="versions" in plugins,
        )

    def names(self) -> list[str]:
        return [name for name, on in asdict(self).items() if on]


@dataclass
class Entry:
    """One Markdown file: its path under content/, header and body."""

    relpath: str
    header: dict[str, str]
    body: str
    kind: str  # volume | document | statement
    held: bool = False
    links: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        lines = []
        for key, value in self.header.items():
            # a continuation line is indented (4 spaces, so Python-Markdown's
            # meta extension reads it too)
            lines.append(f"{key}: " + value.replace("\n", "\n    "))
        return "\n".join(lines) + "\n\n" + self.body


@dataclass(frozen=True)
class Plan:
    volumes: int
    documents: int
    statements: int
    versions: int
    held: int

    @classmethod
    def for_size(cls, total: int, features: Features) -> Plan:
        if total < 6:
            raise ValueError("the corpus needs at least 6 entries")
        volumes = max(2, round(total / 250))
        statements = max(1, total // 50)
        versions = max(1, total // 100) if features.versions else 0
        documents = total - volumes - statements - versions
        held = max(1, documents // 100) if features.embargo else 0
        return cls(volumes, documents, statements, versions, held)


def stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def entries(total: int, seed: int, features: Features) -> list[Entry]:
    """Every entry of the corpus, in a fixed order."""
    rng = random.Random(seed)
    writer = Writer(rng)
    plan = Plan.for_size(total, features)
    found: list[Entry] = []

    def size() -> int:
        return rng.randint(*BODY_BYTES)

    def header(title: str, when: datetime) -> dict[str, str]:
        tags = ", ".join(sorted(rng.sample(TAGS, rng.randint(2, 3))))
        summary = f"{writer.sentence()}\n*{writer.words(6)}*."
        return {"Title": title, "Date": stamp(when), "Tags": tags, "Summary": summary}

    volume_dates = [START + timedelta(days=7 * v) for v in range(plan.volumes)]
    for v, when in enumerate(volume_dates):
        topic = TOPICS[v % len(TOPICS)]
        found.append(
            Entry(
                f"volumes/vol-{v + 1:03d}/index.md",
                header(f"Volume {v + 1}: {topic}", when),
                body(writer, size(), redaction=features.redaction, links=[]),
                "volume",
            )
        )
    # held documents are spread evenly and never linked to, so the embargo
    # holds exactly them and not the documents that would cite them
    held_every = plan.documents // plan.held if plan.held else 0
    versioned_every = plan.documents // plan.versions if plan.versions else 0
    previous: dict[int, str] = {}
    held_count = versioned_count = 0
    for d in range(plan.documents):
        v = d * plan.volumes // plan.documents
        name = f"doc-{d + 1:05d}"
        held = (
            bool(held_every)
            and d % held_every == held_every // 2
            and held_count < plan.held
        )
        versioned = (
            bool(versioned_every)
            and not held
            and d % versioned_every == 1
            and versioned_count < plan.versions
        )
        versioned_count += versioned
        link = f"{previous[v]}.md" if v in previous else "index.md"
        title = f"Document {d + 1}: {writer.words(3)} on {TOPICS[d % len(TOPICS)]}"
        fields = header(title, volume_dates[v] + timedelta(days=2 if versioned else 0))
        if held:
            fields["Embargo"] = EMBARGO
            held_count += 1
            if held_count % 2 == 0:  # every other one has a vendor preview
                fields["Embargo-Audience"] = AUDIENCE
        text = body(writer, size(), redaction=features.redaction, links=[link])
        relpath = f"volumes/vol-{v + 1:03d}/{name}.md"
        if versioned:
            fields["Version"] = "2"
            fields["Version-Note"] = f"Corrected the {writer.words(2)} section."
            old = dict(fields, Title=f"{title} (first release)")
            del old["Version"], old["Version-Note"]
            old["Date"] = stamp(volume_dates[v])
            older = text.replace("## Findings", "## Findings (draft)", 1)
            found.append(
                Entry(relpath[:-3] + ".v1.md", old, older, "document", links=[link])
            )
        found.append(Entry(relpath, fields, text, "document", held, [link]))
        if not held:
            previous[v] = name
    for s in range(plan.statements):
        v = s % plan.volumes
        org = f"Vendor {s % 17 + 1}"
        fields = header(f"{org} on volume {v + 1}", volume_dates[v] + timedelta(days=3))
        fields["Organization"] = org
        fields["Responds-To"] = f"vol-{v + 1:03d}"
        fields["Source"] = f"https://vendor-{s % 17 + 1}.example/news/{s + 1}"
        link = f"../volumes/vol-{v + 1:03d}/index.md"
        text = body(writer, size(), redaction=features.redaction, links=[link])
        relpath = f"statements/statement-{s + 1:04d}.md"
        found.append(Entry(relpath, fields, text, "statement", links=[link]))
    return found


def generate(root: Path, total: int, seed: int, features: Features) -> dict:
    """Write the corpus under `root/content` (replacing it); return its manifest."""
    manifest = {
        "format": FORMAT,
        "seed": seed,
        "entries": total,
        "features": features.names(),
    }
    stamp_file = root / "corpus.json"
    if stamp_file.exists() and json.loads(stamp_file.read_text()) == manifest:
        return manifest
    content = root / "content"
    shutil.rmtree(content, ignore_errors=True)
    stamp_file.unlink(missing_ok=True)
    for entry in entries(total, seed, features):
        path = content / entry.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry.markdown(), encoding="utf-8")
    stamp_file.write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def edit_target(total: int, features: Features) -> str:
    """A document in the middle of the corpus, neither held nor versioned."""
    plan = Plan.for_size(total, features)
    d = plan.documents // 2
    held_every = plan.documents // plan.held if plan.held else 0
    versioned_every = plan.documents // plan.versions if plan.versions else 0
    while (held_every and d % held_every == held_every // 2) or (
        versioned_every and d % versioned_every == 1
    ):
        d += 1
    v = d * plan.volumes // plan.documents
    return f"volumes/vol-{v + 1:03d}/doc-{d + 1:05d}.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", type=Path, help="folder to write content/ into")
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument(
        "--without",
        default="",
        help="comma list of features to leave out: redaction,embargo,versions",
    )
    args = parser.parse_args()
    off = {name.strip() for name in args.without.split(",") if name.strip()}
    features = Features(**{name: name not in off for name in Features().names()})
    generate(args.root, args.documents, args.seed, features)


if __name__ == "__main__":
    main()
