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
THEME = "theme"
THEME_STATIC_PATHS = ["static"]

# Plugins in pipeline order (see plugins/README.md). Each one is also checked
# at start-up: Pelican would otherwise build without a plugin that failed.
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["markdown_reader", "content_model"]
DOSSIER_PLUGINS = list(PLUGINS)

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
DELETE_OUTPUT_DIRECTORY = False
# The reader cache is keyed on file times only, not on settings or plugin
# code, so a changed redaction policy would be served stale: keep it off.
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
