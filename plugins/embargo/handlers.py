"""The embargo plugin's signal handlers, one per stage of a Pelican run.

Each pulls facts out of Pelican's objects (pelican_glue.py), decides with the
pure core, and puts the result back. Nothing here catches an exception: a
check that cannot run must fail the build, never let it publish.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from content_model import reader_errors
from content_model.errors import ContentError, ContentErrors
from content_model.lists import ARTICLE_LISTS, PAGE_CONTEXT_KEYS, PAGE_LISTS
from content_model.state import build_state
from pelican.generators import ArticlesGenerator, PagesGenerator

from .config import check_output, read_settings
from .core import (
    decide,
    hidden_static,
    link_owner,
    next_lift,
    own_constraints,
    volume_paths,
)
from .leaks import (
    EmbargoLeakError,
    Marker,
    entry_markers,
    file_markers,
    scan_output,
    without_collisions,
    written_files,
)
from .links import LinkTargets, link_regex
from .pelican_glue import (
    EmbargoState,
    contents,
    entry_info,
    forget_entries,
    mark_previews,
    remove_entries,
    source_path,
)
from .report import report_text, utc, write_next_lift

logger = logging.getLogger(__name__)
STATE_KEY = "embargo"
STAGES = ("articles", "pages", "static", "links")
# where the versions plugin keeps the earlier versions it writes itself
VERSION_ENTRIES = "version_entries"


def wall_clock() -> datetime:
    return datetime.now(UTC)


def state_of(settings: dict[str, Any]) -> EmbargoState:
    state = build_state(settings).data.get(STATE_KEY)
    if state is None:
        raise RuntimeError(
            "embargo: no state for this build; get_generators was not sent"
        )
    return state


def check_settings(pelican: Any) -> None:
    """At `initialized`: bad settings or a forbidden output folder stop the build."""
    settings = read_settings(pelican.settings, wall_clock())
    check_output(settings, Path(pelican.output_path))


def start_build(pelican: Any) -> None:
    """At `get_generators`: fresh state, and the clock read once for this build."""
    settings = read_settings(pelican.settings, wall_clock())
    build_state(pelican.settings).data[STATE_KEY] = EmbargoState(settings)


def read_entries(state: EmbargoState, items: list[Any], generator: Any) -> None:
    """Record every entry's facts; any embargo header error stops the build."""
    if state.link_targets is None:
        pattern = link_regex(state.settings.intrasite_link_regex)
        state.link_targets = LinkTargets(pattern)
    errors: list[ContentError] = []
    for content in items:
        info, found = entry_info(content, state.settings, state.link_targets)
        errors += found
        state.infos[info.path] = info
        state.save_as[info.path] = str(content.save_as or "")
    own, found = own_constraints(state.infos.values())
    errors += found
    if errors:
        # with the reader's own errors, so the editor can fix all in one pass
        raise ContentErrors(errors + reader_errors([generator]))
    state.own = own


def decide_now(state: EmbargoState) -> None:
    settings = state.settings
    state.decision = decide(
        state.infos.values(), state.own, settings.now, settings.audience
    )


def published_links(state: EmbargoState) -> set[str]:
    """Every link target of an entry this build publishes."""
    found: set[str] = set()
    for path, info in state.infos.items():
        if path not in state.hidden:
            found |= info.links
    return found


def hold_articles(generator: Any) -> None:
    """At `article_generator_pretaxonomy`: before any tag, category, archive or
    feed exists, take held volumes, documents and statements out."""
    state = state_of(generator.settings)
    items = contents(generator, ARTICLE_LISTS)
    read_entries(state, items, generator)
    decide_now(state)
    hidden = state.hidden
    removed = [c for c in items if source_path(c) in hidden]
    state.hidden_tags = {
        tag.url for c in removed for tag in getattr(c, "tags", []) or []
    }
    remove_entries(generator, ARTICLE_LISTS, hidden)
    forget_entries(generator.context, removed, published_links(state))
    mark_previews(
        contents(generator, ARTICLE_LISTS), state.decision.holds, state.settings
    )
    state.stages.add("articles")


def hold_pages(generator: Any) -> None:
    """At `page_generator_finalized`: the same for pages, whose context is set.

    Articles were decided before pages were read; an article that would now
    be held because it links to a held page cannot be taken back out of the
    tags and feeds already built, so that stops the build.
    """
    state = state_of(generator.settings)
    if "articles" not in state.stages:
        raise RuntimeError("embargo: pages reached before articles were checked")
    items = contents(generator, PAGE_LISTS)
    before = state.hidden
    articles = set(state.infos)
    read_entries(state, items, generator)
    decide_now(state)
    late = sorted(p for p in state.hidden - before if p in articles)
    if late:
        raise ContentErrors(
            ContentError(
                state.infos[path].display,
                1,
                f"this entry is published but {state.decision.holds[path].reason}, "
                "which is held back; pages are read after volumes, documents and "
                "statements, so this entry cannot be held back with it: remove "
                "the link until the page is public, or give this entry the same "
                "Embargo",
            )
            for path in late
        )
    hidden = state.hidden
    removed = [c for c in items if source_path(c) in hidden]
    remove_entries(generator, PAGE_LISTS, hidden)
    for key in PAGE_CONTEXT_KEYS:
        generator.context[key] = getattr(generator, key)
    forget_entries(generator.context, removed, published_links(state))
    mark_previews(contents(generator, PAGE_LISTS), state.decision.holds, state.settings)
    state.stages.add("pages")


def hold_static(generator: Any) -> None:
    """At `static_generator_finalized`: drop every file of a held volume's
    folder, linked or not, and files that only held entries link to."""
    state = state_of(generator.settings)
    if "pages" not in state.stages:
        raise RuntimeError("embargo: static files reached before pages were checked")
    hidden = state.hidden
    held_volumes = [
        i.slug
        for p, i in state.infos.items()
        if p in hidden and i.kind == "volume" and i.version_of is None
    ]
    linked_by_hidden: set[str] = set()
    for path in hidden:
        linked_by_hidden |= state.infos[path].links
    statics = {source_path(s): s for s in generator.staticfiles}
    drop = hidden_static(
        statics, held_volumes, linked_by_hidden, published_links(state)
    )
    for path in sorted(drop):
        static = statics[path]
        state.hidden_static[path] = (str(static.url), str(static.save_as))
        generator.context["static_content"].pop(path, None)
    generator.staticfiles = [s for p, s in statics.items() if p not in drop]
    generator.context["staticfiles"] = generator.staticfiles
    state.stages.add("static")


def published_contents(generators: list[Any]) -> list[Any]:
    """Every entry object that will be written: the generators' lists, and
    the earlier versions the versions plugin took out of them to write itself."""
    found = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            found += contents(generator, ARTICLE_LISTS)
        elif isinstance(generator, PagesGenerator):
            found += contents(generator, PAGE_LISTS)
    found += generators[0].context.get(VERSION_ENTRIES, [])
    return found


def check_links(generators: list[Any]) -> None:
    """At `all_generators_finalized`: no published entry links a held one, and
    the markers of held entries are ready for the search of the output."""
    settings = generators[0].settings
    state = state_of(settings)
    if "static" not in state.stages:
        raise RuntimeError("embargo: links checked before static files were")
    targets = state.link_targets or LinkTargets(
        link_regex(state.settings.intrasite_link_regex)
    )
    state.link_targets = None  # the bodies it holds are not needed after this
    volumes = volume_paths(state.infos.values())
    errors = []
    for content in published_contents(generators):
        path = source_path(content)
        if path in state.hidden:
            raise RuntimeError(f"embargo: held entry {path} is still published")
        if path not in state.infos:
            raise RuntimeError(
                f"embargo: {path} was added after the embargo check; a plugin "
                "that adds entries must run before embargo"
            )
        html = [content._content or "", content.metadata.get("summary") or ""]
        for target in sorted(targets.of(content, html, content.relative_dir)):
            owner = link_owner(target, state.infos, volumes)
            if owner in state.hidden or target in state.hidden_static:
                errors.append(
                    ContentError(
                        state.infos[path].display,
                        1,
                        f"links to content/{target}, which is held back; "
                        "remove the link until it is public",
                    )
                )
    if errors:
        raise ContentErrors(errors)
    state.markers = markers(state, generators)
    state.stages.add("links")


def markers(state: EmbargoState, generators: list[Any]) -> list[Marker]:
    """What identifies the held entries, minus what published ones share."""
    found: list[Marker] = []
    visible: list[str] = []
    for path, info in state.infos.items():
        if path in state.hidden:
            found += entry_markers(info, state.save_as.get(path, ""))
        else:
            visible += [
                m.text for m in entry_markers(info, state.save_as.get(path, ""))
            ]
    for path, (url, _save_as) in state.hidden_static.items():
        found += file_markers(path, url)
    for generator in generators:
        for static in getattr(generator, "staticfiles", []):
            visible += [m.text for m in file_markers(source_path(static), static.url)]
        # the articles generator keeps tags as a dict of Tag -> entries
        visible += [tag.url for tag in getattr(generator, "tags", None) or {}]
    found += [Marker(url, "tag page of held entries only") for url in state.hidden_tags]
    return without_collisions(found, visible)


def verify_output(pelican: Any) -> None:
    """At `finalized`: search everything written; report; write the next lift."""
    state = state_of(pelican.settings)
    missing = [stage for stage in STAGES if stage not in state.stages]
    if missing:
        raise RuntimeError(f"embargo: checks did not run: {', '.join(missing)}")
    root = Path(pelican.output_path)
    own_files = [
        (save_as, state.infos[path].display)
        for path, save_as in state.save_as.items()
        if path in state.hidden
    ]
    own_files += [
        (save_as, f"content/{p}") for p, (_, save_as) in state.hidden_static.items()
    ]
    leaks = written_files(root, own_files) + scan_output(root, state.markers)
    if leaks:
        raise EmbargoLeakError(leaks)
    log_report(state)
    settings = state.settings
    if not settings.preview and not settings.clock_overridden:
        write_next_lift(
            settings.next_lift_file, next_lift(state.decision.holds.values())
        )


def log_report(state: EmbargoState) -> None:
    settings = state.settings
    holds = state.decision.holds
    if not holds:
        logger.info("embargo: nothing is held back at %s", utc(settings.now))
        return
    displays = {p: i.display for p, i in state.infos.items()}
    logger.warning("%s", report_text(settings, holds, displays, state.hidden))
