"""Is an entry held back at a moment, and for whom?

Pure functions over plain values, so every rule is a unit test. An entry is
held while any embargo that applies to it is in force (its moment is later
than now). Embargoes reach an entry from its own header, from its volume
(documents), from the volume it responds to (statements), from the entry it
is a version of, and from every entry or volume file it links to: a public
page that links to a held entry would otherwise name it. The later moment
wins, and a vendor may preview an entry only if every embargo in force names
that vendor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath

from content_model.dates import TimestampError, parse_timestamp
from content_model.errors import ContentError


@dataclass(frozen=True)
class OwnEmbargo:
    """An entry's own Embargo and Embargo-Audience headers, parsed."""

    until: datetime | None = None
    audiences: frozenset[str] | None = None  # None: the header is absent


@dataclass(frozen=True)
class EntryInfo:
    """What the embargo rules need to know about one entry."""

    path: str  # content-relative source path: the key everywhere
    display: str  # `content/…`, for messages
    kind: str  # volume | document | statement | page
    slug: str
    title: str = ""
    url: str = ""
    volume: str | None = None
    responds_to: str | None = None
    version_of: str | None = None
    own: OwnEmbargo = field(default_factory=OwnEmbargo)
    links: frozenset[str] = frozenset()  # content-relative link targets
    audience_line: int = 1  # of the Embargo-Audience header, for messages


@dataclass(frozen=True)
class Constraint:
    """One embargo: the moment it lifts, who may preview, whose header set it."""

    until: datetime
    audiences: frozenset[str]
    origin: str  # display path of the entry whose header set it


@dataclass(frozen=True)
class Hold:
    """Why and until when an entry is held at a given moment."""

    until: datetime  # the latest moment among the embargoes in force
    audiences: frozenset[str]  # named by every embargo in force
    origins: tuple[str, ...]  # the entries whose headers hold this one
    reason: str  # "own Embargo", or the relation it inherits through

    def visible_to(self, audience: str | None) -> bool:
        return audience is not None and audience in self.audiences


def parse_embargo(
    embargo: str | None,
    audience: str | None,
    lines: Mapping[str, int],
    path: str,
    declared: Mapping[str, str],
) -> tuple[OwnEmbargo, list[ContentError]]:
    """Parse the raw header values; every problem is a ContentError with its line."""
    errors = []
    until = None
    if embargo is not None:
        try:
            until = parse_timestamp(embargo, require_zone=True)
        except TimestampError as error:
            line = lines.get("embargo", 1)
            errors.append(ContentError(path, line, f"Embargo {error}"))
    audiences = None
    if audience is not None:
        line = lines.get("embargo-audience", 1)
        ids = [part.strip() for part in audience.split(",")]
        if any(not name for name in ids):
            errors.append(
                ContentError(
                    path,
                    line,
                    f'Embargo-Audience "{audience}" has an empty id; write a comma '
                    "list of audience ids such as acme, globex",
                )
            )
        known = ", ".join(sorted(declared)) or "none"
        for name in ids:
            if name and name not in declared:
                errors.append(
                    ContentError(
                        path,
                        line,
                        f'Embargo-Audience "{name}" is not declared in '
                        f"EMBARGO_AUDIENCES (declared: {known}); fix the id or "
                        "declare it in pelicanconf.py",
                    )
                )
        audiences = frozenset(name for name in ids if name)
    return OwnEmbargo(until, audiences), errors


def own_constraints(
    entries: Iterable[EntryInfo],
) -> tuple[dict[str, Constraint], list[ContentError]]:
    """Each entry's own embargo, with a document's gaps filled from its volume.

    A document without its own Embargo-Audience takes its volume's; one with
    an audience but no moment takes the volume's moment. Anywhere else an
    audience without a moment is an error: the entry would publish now.
    """
    entries = list(entries)
    volumes = volume_paths(entries)
    by_path = {e.path: e for e in entries}
    found: dict[str, Constraint] = {}
    errors = []
    for entry in entries:
        volume = None
        if entry.kind == "document" and entry.volume in volumes:
            volume = by_path[volumes[entry.volume]].own
        until, audiences = entry.own.until, entry.own.audiences
        if audiences is None and volume is not None:
            audiences = volume.audiences
        if until is None and entry.own.audiences is not None:
            if volume is not None and volume.until is not None:
                until = volume.until
            else:
                errors.append(
                    ContentError(
                        entry.display,
                        entry.audience_line,
                        "Embargo-Audience without an Embargo moment would publish "
                        "this entry now; add an Embargo: line such as "
                        "Embargo: 2030-01-01T00:00:00Z, or remove the audience",
                    )
                )
                continue
        if until is not None:
            found[entry.path] = Constraint(
                until, audiences or frozenset(), entry.display
            )
    return found, errors


def volume_paths(entries: Iterable[EntryInfo]) -> dict[str, str]:
    """Volume slug -> source path of its index.md (version files excluded)."""
    return {
        e.slug: e.path for e in entries if e.kind == "volume" and e.version_of is None
    }


def dependencies(entries: Iterable[EntryInfo]) -> dict[str, list[tuple[str, str]]]:
    """Entry path -> the (path, relation) of every entry it inherits from."""
    entries = list(entries)
    by_path = {e.path: e for e in entries}
    volumes = volume_paths(entries)
    found: dict[str, list[tuple[str, str]]] = {}
    for entry in entries:
        deps = []
        if entry.kind != "volume" and entry.volume in volumes:
            deps.append((volumes[entry.volume], "belongs to volume"))
        if entry.responds_to in volumes:
            deps.append((volumes[entry.responds_to], "responds to volume"))
        if entry.version_of in by_path:
            deps.append((entry.version_of, "is a version of"))
        for target in sorted(entry.links):
            owner = link_owner(target, by_path, volumes)
            if owner is not None and owner != entry.path:
                deps.append((owner, "links to"))
        found[entry.path] = deps
    return found


def link_owner(
    target: str, entries: Mapping[str, EntryInfo], volumes: Mapping[str, str]
) -> str | None:
    """The entry a link target belongs to: the entry itself, or the volume of a
    file in a volume's folder (attachments follow their volume)."""
    if target in entries:
        return target
    parts = PurePosixPath(target).parts
    if len(parts) >= 3 and parts[0] == "volumes" and parts[1] in volumes:
        return volumes[parts[1]]
    return None


def effective_constraints(
    entries: Iterable[EntryInfo], own: Mapping[str, Constraint]
) -> dict[str, frozenset[Constraint]]:
    """Every embargo that applies to each entry, through all relations.

    A fixed point: an entry collects the embargoes of everything it depends
    on until nothing changes, so chains and cycles of links are covered.
    """
    entries = list(entries)
    deps = dependencies(entries)
    found = {
        e.path: frozenset([own[e.path]]) if e.path in own else frozenset()
        for e in entries
    }
    changed = True
    while changed:
        changed = False
        for entry in entries:
            inherited = found[entry.path].union(
                *(found[path] for path, _ in deps[entry.path])
            )
            if inherited != found[entry.path]:
                found[entry.path] = inherited
                changed = True
    return found


def in_force(constraints: Iterable[Constraint], now: datetime) -> list[Constraint]:
    return [c for c in constraints if c.until > now]


def is_held(
    constraints: Iterable[Constraint], now: datetime, audience: str | None
) -> bool:
    """Held: an embargo is in force at `now` that does not name `audience`.

    The public build has no audience, so any embargo in force holds it back.
    """
    return any(audience not in c.audiences for c in in_force(constraints, now))


def hold(
    entry: EntryInfo,
    constraints: frozenset[Constraint],
    deps: list[tuple[str, str]],
    effective: Mapping[str, frozenset[Constraint]],
    displays: Mapping[str, str],
    now: datetime,
) -> Hold | None:
    """The entry's hold at `now` for the report and the preview banner."""
    active = in_force(constraints, now)
    if not active:
        return None
    audiences = frozenset.intersection(*(c.audiences for c in active))
    origins = tuple(sorted({c.origin for c in active}))
    reason = "own Embargo"
    if not any(c.origin == entry.display for c in active):
        for path, relation in deps:
            if in_force(effective[path], now):
                reason = f"{relation} {displays[path]}"
                break
    return Hold(max(c.until for c in active), audiences, origins, reason)


@dataclass(frozen=True)
class Decision:
    """The outcome for one build: which entries are held and which are previewed."""

    holds: dict[str, Hold]  # every entry with an embargo in force
    hidden: frozenset[str]  # held for this build's audience: leave no trace

    def shown_in_preview(self) -> dict[str, Hold]:
        return {p: h for p, h in self.holds.items() if p not in self.hidden}


def decide(
    entries: Iterable[EntryInfo],
    own: Mapping[str, Constraint],
    now: datetime,
    audience: str | None,
) -> Decision:
    """Which entries this build (public, or a preview for `audience`) holds back."""
    entries = list(entries)
    effective = effective_constraints(entries, own)
    deps = dependencies(entries)
    displays = {e.path: e.display for e in entries}
    holds = {}
    for entry in entries:
        found = hold(
            entry, effective[entry.path], deps[entry.path], effective, displays, now
        )
        if found is not None:
            holds[entry.path] = found
    hidden = frozenset(
        e.path for e in entries if is_held(effective[e.path], now, audience)
    )
    return Decision(holds, hidden)


def next_lift(holds: Iterable[Hold]) -> datetime | None:
    """The first moment at which a held entry becomes public."""
    return min((h.until for h in holds), default=None)


def hidden_static(
    static_paths: Iterable[str],
    volumes_hidden: Iterable[str],
    linked_by_hidden: Iterable[str],
    linked_by_visible: Iterable[str],
) -> set[str]:
    """Static files that must not be copied.

    Everything in a hidden volume's folder goes, linked or not; elsewhere a
    file goes if only hidden entries link to it.
    """
    prefixes = tuple(f"volumes/{slug}/" for slug in volumes_hidden)
    only_hidden = set(linked_by_hidden) - set(linked_by_visible)
    return {p for p in static_paths if p.startswith(prefixes) or p in only_hidden}
