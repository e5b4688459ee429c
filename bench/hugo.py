"""The same corpus as a Hugo site: TOML front matter and a minimal layout.

Hugo is the fast reference point, not an equal: it does no redaction (the
bracketed spans stay as text), no sanitizing and no release. Embargoed
entries get a future `publishDate`, which Hugo leaves out of the build, the
closest it has to holding an entry back.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path, PurePosixPath

from bench.generate import Entry

CONFIG = """\
baseURL = "https://dossier.example/"
title = "Hugo benchmark"
"""
BASEOF = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
SINGLE = """\
{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02 15:04 UTC" }}</time></p>
{{ with .Summary }}<p>{{ . }}</p>{{ end }}
{{ .Content }}
<ul>{{ range .GetTerms "tags" }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul>
</article>{{ end }}
"""
LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>
{{ end }}</ul>
{{ end }}
"""
LINK = re.compile(r"\{filename\}([^)\s#]+)")


def url_of(relpath: str) -> str:
    """The Hugo URL of a corpus entry: folders are sections, index.md theirs."""
    path = PurePosixPath(relpath)
    if path.name == "index.md":
        return f"/{path.parent}/"
    return f"/{path.with_suffix('')}/"


def front_matter(entry: Entry) -> str:
    lines = ["+++"]
    header = entry.header
    lines.append(f"title = {json.dumps(header['Title'], ensure_ascii=False)}")
    lines.append(f"date = {header['Date']}")
    if "Embargo" in header:
        lines.append(f"publishDate = {header['Embargo']}")
    tags = [t.strip() for t in header.get("Tags", "").split(",") if t.strip()]
    lines.append(f"tags = {json.dumps(tags)}")
    if "Summary" in header:
        lines.append(f"summary = {json.dumps(header['Summary'], ensure_ascii=False)}")
    params = {
        key.lower().replace("-", "_"): value
        for key, value in header.items()
        if key not in ("Title", "Date", "Tags", "Summary", "Embargo")
    }
    if params:
        lines.append("[params]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in params.items()]
    lines.append("+++")
    return "\n".join(lines) + "\n"


def body(entry: Entry) -> str:
    """Pelican's `{filename}` links become Hugo URLs."""
    folder = PurePosixPath(entry.relpath).parent

    def replace(found: re.Match[str]) -> str:
        target = PurePosixPath(found[1])
        parts: list[str] = []
        for part in (folder / target).parts:
            if part == "..":
                parts.pop()
            else:
                parts.append(part)
        return url_of("/".join(parts))

    return LINK.sub(replace, entry.body)


def write_site(root: Path, entries: list[Entry]) -> Path:
    """Write the Hugo site to `root` (replacing it) and return it."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "layouts").mkdir(parents=True)
    (root / "hugo.toml").write_text(CONFIG)
    for name, text in (("baseof", BASEOF), ("single", SINGLE), ("list", LIST)):
        (root / "layouts" / f"{name}.html").write_text(text)
    for entry in entries:
        relpath = PurePosixPath(entry.relpath)
        if relpath.name == "index.md":
            relpath = relpath.with_name("_index.md")
        path = root / "content" / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter(entry) + "\n" + body(entry), encoding="utf-8")
    return root
