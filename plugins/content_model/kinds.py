"""Where a file lives decides what it is: volume, document, statement or page.

The folder layout is the editor-facing contract of DESIGN.md, so the kind and
the permanent URL of an entry are derived from its path alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from .errors import ContentError

# version files (`x.v2.md`) are kept beside the current file
VERSION_FILE = re.compile(r"^(?P<stem>.+)\.v(?P<n>[0-9]+)$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# top-level folders the site itself uses; a page there would overwrite them
RESERVED_PAGE_SLUGS = frozenset(
    {
        "volumes",
        "statements",
        "tags",
        "archives",
        "organizations",
        "feeds",
        "theme",
        "trace",  # the release's trace file
    }
)


@dataclass(frozen=True)
class EntryPlace:
    """What an entry is and where it is published, derived from its path."""

    kind: str  # volume | document | statement | page
    slug: str
    volume: str | None
    url: str
    save_as: str
    template: str
    version_of: str | None = None  # set for `x.vN.md`
    version_number: int | None = None


def classify(relpath: str, slug: str | None = None) -> EntryPlace:
    """Classify a content-relative path such as `volumes/v1/index.md`.

    `slug` (the Slug: header) replaces the file name in the URL of a
    document, statement or page.
    """
    parts = PurePosixPath(relpath).parts
    stem = PurePosixPath(relpath).stem
    version_of, version_number = None, None
    if match := VERSION_FILE.match(stem):
        stem, version_number = match["stem"], int(match["n"])
        version_of = str(PurePosixPath(relpath).with_name(f"{stem}.md"))
    name = slug or stem

    def check(slug: str) -> str:
        if not SLUG.match(slug):
            raise ContentError(
                relpath,
                1,
                f'name "{slug}" is not a valid URL slug; use lowercase letters, '
                "digits and hyphens, such as vault-1",
            )
        return slug

    if len(parts) == 3 and parts[0] == "volumes" and stem == "index":
        volume = check(parts[1])
        url = f"volumes/{volume}/"
        place = EntryPlace("volume", volume, volume, url, url + "index.html", "volume")
    elif len(parts) == 3 and parts[0] == "volumes":
        volume, slug = check(parts[1]), check(name)
        url = f"volumes/{volume}/{slug}/"
        place = EntryPlace(
            "document", slug, volume, url, url + "index.html", "document"
        )
    elif len(parts) == 2 and parts[0] == "statements":
        slug = check(name)
        url = f"statements/{slug}/"
        place = EntryPlace(
            "statement", slug, None, url, url + "index.html", "statement"
        )
    elif len(parts) == 2 and parts[0] == "pages":
        slug = check(name)
        if slug in RESERVED_PAGE_SLUGS:
            raise ContentError(
                relpath, 1, f'page name "{slug}" is used by the site itself; rename it'
            )
        url = f"{slug}/"
        place = EntryPlace("page", slug, None, url, url + "index.html", "page")
    else:
        raise ContentError(
            relpath,
            1,
            "Markdown file outside the known layout; put it at "
            "volumes/<volume>/index.md, volumes/<volume>/<doc>.md, "
            "statements/<slug>.md or pages/<slug>.md",
        )
    if version_of is None:
        return place
    # version N is published below its entry, at `<entry URL>vN/` (the
    # versions plugin); giving it that address here keeps it from ever
    # standing for the current page, e.g. in the embargo plugin's checks
    url = f"{place.url}v{version_number}/"
    return EntryPlace(
        place.kind,
        place.slug,
        place.volume,
        url,
        url + "index.html",
        place.template,
        version_of,
        version_number,
    )
