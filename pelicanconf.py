"""Dossier's Pelican settings: the site as editors build it with `make html`."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Our plugins import each other (`from content_model.errors import …`).
sys.path.insert(0, str(HERE / "plugins"))

SITENAME = "Dossier"
SITESUBTITLE = "Leaked documents, published with care"
# The canonical address: used only where a file must carry absolute URLs
# (feeds, sitemap). Pages use relative URLs, so every mirror serves the same
# bytes at any host and path.
SITEURL = "https://dossier.example"
SITEMAP_BASE = SITEURL + "/"
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%Y-%m-%d %H:%M UTC"

PATH = "content"
ARTICLE_PATHS = ["volumes", "statements"]
PAGE_PATHS = ["pages"]
# attachments live in volumes/<volume>/files/; the Markdown beside them is
# read as entries, never copied
STATIC_PATHS = ["volumes"]
STATIC_EXCLUDE_SOURCES = True
# Attachments the output guards cannot read (anything but UTF-8 text: PDFs,
# images, archives, office files, media) are published only if an editor
# checked their text and metadata and vouched for these exact bytes:
# content-relative path -> SHA-256 (`sha256sum`). A changed file is refused
# until vouched for again (docs/editors.md, Attachments).
ATTACHMENTS_VOUCHED = {
    "volumes/vault-1/files/org-chart.png": (
        "9462bf7dc653b314b2f84b7bb18675e2a57aebb68c766a16a1fcf6ba500a03e6"
    ),
    "volumes/vault-1/files/tradecraft-summary.pdf": (
        "955f7d492c10162888470a187151983582b70a96abcf4c06f94f7492738ffefb"
    ),
    "volumes/vault-2/files/patch-timeline.pdf": (
        "b795c9ac184cab8eea838eec55e0385afbaaf31a98716c22b1d4663e294079a9"
    ),
}
THEME = "theme"
THEME_STATIC_PATHS = ["static"]

# Plugins in pipeline order (see plugins/README.md). Each one is also checked
# at start-up: Pelican would otherwise build without a plugin that failed.
PLUGIN_PATHS = ["plugins"]
# release stays last: its finalized step publishes after every other guard.
PLUGINS = [
    "markdown_reader",
    "content_model",
    "redaction",
    "embargo",
    "versions",
    "render_memo",
    "release",
]
DOSSIER_PLUGINS = list(PLUGINS)

# Embargo (plugins/embargo, docs/embargo.md). Vendors who may get a private
# preview of embargoed entries: id (used in Embargo-Audience and
# `make preview AUDIENCE=id`) -> display name on the preview.
EMBARGO_AUDIENCES = {"acme": "Acme Devices", "globex": "Globex"}
# Moves the clock: `pelican content -e EMBARGO_NOW='"2030-01-01T00:00:00Z"' -o /tmp/x`
# shows the site as it will be then (a future moment is refused into output/).
EMBARGO_NOW = None
# Set by `make preview AUDIENCE=id` only: the vendor a preview build is for.
EMBARGO_AUDIENCE = None
# EMBARGO_PUBLIC_OUTPUT ("output") and EMBARGO_NEXT_LIFT_FILE
# (".build/next-lift") are relative to the folder holding the content folder.

# The reader derives URLs from the folder layout (content_model/kinds.py).
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
ORGANIZATIONS_URL = "organizations/"
ORGANIZATIONS_SAVE_AS = "organizations/index.html"
SITEMAP_SAVE_AS = "sitemap.xml"
NOTFOUND_SAVE_AS = "404.html"
DIRECT_TEMPLATES = ["index", "archives", "tags", "organizations", "sitemap", "notfound"]
# Kinds are categories only so that each kind can have a feed.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DEFAULT_PAGINATION = False
# One language: an equal slug is a version file (x.v1.md) or a document of
# another volume, never a translation, so Pelican must not pair them.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
SUMMARY_MAX_LENGTH = 50

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TAG_FEED_ATOM = None

# Entries are Markdown only; Pelican's other readers would bypass sanitizing.
READERS = {"html": None, "htm": None, "rst": None}

# Templates escape everything; only sanitized content is marked safe.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}

# Deterministic output: no dates guessed from the file system or today.
DEFAULT_DATE = None


def newest_first(entry):
    """Articles newest first, equal dates by URL. Pelican's "reversed-date"
    leaves equal dates in the order of its unordered set of files, which
    changes with PYTHONHASHSEED, and so would feeds and listings."""
    return (-entry.date.timestamp(), entry.url, entry.source_path)


ARTICLE_ORDER_BY = newest_first
# The release plugin swaps a complete staged build into output/ instead
# (docs/mirrors.md); Pelican's own deletion would empty it in place.
DELETE_OUTPUT_DIRECTORY = False

# Releases (plugins/release, docs/mirrors.md). The signing key is never
# named here: set DOSSIER_MINISIGN_KEY_FILE (and DOSSIER_MINISIGN_PASSWORD)
# in the environment, or RELEASE_KEY_FILE on the command line; without a key
# the build is unsigned and says so. The public key is published as
# dossier.pub and must match the signing key.
RELEASE_KEY_FILE = None
RELEASE_PUBLIC_KEY = str(HERE / "keys" / "dossier.pub")
RELEASE_REQUIRE_SIGNATURE = False
# Pelican's own cache stays off: it is keyed on the file only and pickles the
# settings. The markdown_reader plugin keeps each file's reading in
# READER_CACHE (beside the content folder; it holds redacted originals, so it
# is private like the source), keyed also on the settings, the files they
# name, the plugins' code and the libraries' versions. None reads every file.
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
READER_CACHE = ".cache"

# Redaction (plugins/redaction, docs/redaction.md). Reasons editors may give
# as `[text]{.redact reason=id}`: id -> what readers see on the mark.
REDACTION_REASONS = {
    "name": "personal name",
    "email": "e-mail address",
    "ip": "internal address",
    "source": "source protection",
}
# Withheld wherever they occur, besides e-mail, IPv4 and IPv6 addresses:
# (reason, regular expression) pairs, matched case-insensitively.
REDACTION_PATTERNS = []
# One name a line, withheld as whole words in any case. Private: it lives
# outside content/ and is never published; the committed one is a sample.
REDACTION_NAMES_FILE = str(HERE / "private" / "redaction-names.txt")
# What stays visible although a pattern matches: exact text or address ranges
# (the documentation ranges of RFC 5737 and RFC 3849).
REDACTION_ALLOW = [
    "security@acme.example",
    "192.0.2.0/24",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "2001:db8::/32",
]
# Set by `make redaction-report` only: the private audit, never under output/.
REDACTION_REPORT = None
