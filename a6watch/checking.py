"""``a6watch check``: does a6watch read the sites as they are today?

Pages saved from a browser (or, with ``--live``, one page of each kind fetched from the sites) go
through the same router and parsers as a crawl; for each page: its kind, the fields read, or the
layout error. Nothing is written to the catalog."""

from __future__ import annotations

import re
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from core.errors import A6WatchError
from core.items import to_jsonable
from core.sources import SOURCES

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".xml", ".json", ".xlsx", ".txt")
# Chrome and Edge write this comment at the top of a page saved with "Save page as…".
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_CANONICAL = re.compile(rb"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"']([^\"']+)|"
                        rb"<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)", re.I)
# What a reader checks first, per kind of item; every other non-empty field follows.
FIRST_FIELDS = ("symbol", "code", "key", "title", "start_date", "end_date", "due_date", "publication_date",
                "version", "when", "venue", "times")


@dataclass
class Checked:
    """One page: where it came from, what it is, what was read, or why it could not be read."""

    name: str  # the file name, or the URL fetched
    url: str | None
    kind: str | None = None
    items: list[dict[str, Any]] = field(default_factory=list)
    follow: list[str] = field(default_factory=list)  # the links a crawl would follow from it
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "kind": self.kind, "ok": self.ok, "error": self.error,
                "items": self.items, "follow": len(self.follow)}


def url_of(path: Path, body: bytes, listed: dict[str, str]) -> str | None:
    """A saved page's real URL: from urls.txt, the browser's 'saved from' mark, the page's canonical
    link, or a file name that is the URL itself (percent-encoded or with its slashes as '_')."""
    if path.name in listed:
        return listed[path.name]
    head = body[:20000]
    for pattern in (_SAVED_FROM, _CANONICAL):
        m = pattern.search(head)
        if m:
            found = next(g for g in m.groups() if g).decode("utf-8", "replace")
            if found.startswith(("http://", "https://")):
                return found
    name = unquote(path.stem if path.suffix in PAGE_SUFFIXES else path.name)
    named = re.match(r"(https?)(?::/+|___)(.+)", name)
    if named:
        rest = named.group(2) if "/" in named.group(2) else named.group(2).replace("_", "/")
        return f"{named.group(1)}://{rest}"
    return None


def read_urls_txt(folder: Path) -> dict[str, str]:
    """``urls.txt``: one ``FILE URL`` (or ``URL FILE``) per line, the file name as the browser saved it
    (spaces and all); ``#`` at the start of a line is a comment."""
    path = folder / "urls.txt"
    listed: dict[str, str] = {}
    if not path.is_file():
        return listed
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        found = re.match(r"(https?://\S+)\s+(.+)$", line) or re.match(r"(.+?)\s+(https?://\S+)$", line)
        if not found:
            raise A6WatchError(f"{path}:{number}: expected 'FILE URL', got {line!r}")
        url, name = found.groups() if found.group(1).startswith(("http://", "https://")) else found.groups()[::-1]
        listed[name.strip()] = url
    return listed


def summary(item: Any) -> dict[str, Any]:
    """The fields a reader checks, first the identifying ones; empty fields left out."""
    data = {k: v for k, v in to_jsonable(item).items() if v not in (None, "", [], {})}
    ordered = {"item": type(item).__name__}
    ordered.update({k: data.pop(k) for k in FIRST_FIELDS if k in data})
    ordered.update(data)
    ordered.pop("source", None)
    ordered.pop("page_url", None)
    ordered.pop("page_kind", None)
    return ordered


def check_page(name: str, url: str | None, body: bytes, kind: str | None = None) -> Checked:
    from crawler.sources import route

    if url is None:
        return Checked(name, None, error="no URL: list it in urls.txt ('FILE URL'), or save the page with the "
                                         "browser's 'Save page as' (it records the URL)")
    try:
        _source, routed, parse = route(url, body, kind)
        page = parse(url, body)
    except A6WatchError as exc:  # LayoutError, RouteError: what the crawl would record for this page
        return Checked(name, url, kind, error=str(exc))
    return Checked(name, url, routed, [summary(i) for i in page.items], [f.url for f in page.follow])


def check_folder(folder: Path) -> list[Checked]:
    if not folder.is_dir():
        raise A6WatchError(f"no such folder: {folder}")
    listed = read_urls_txt(folder)
    pages = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "urls.txt"
                   and (p.suffix.lower() in PAGE_SUFFIXES or p.name in listed))
    if not pages:
        raise A6WatchError(f"{folder} holds no saved page (.html, .htm, .xml, .json, .xlsx)")
    return [check_page(p.name, url_of(p, body, listed), body) for p in pages for body in (p.read_bytes(),)]


Fetch = Callable[[str], tuple[int, bytes]]


def live_pages(fetch: Fetch, sources: Iterable[str], delay: float, limit: int = 40,
               sleep: Callable[[float], None] = time.sleep) -> Iterator[Checked]:
    """One page of each page kind, reached from the sources' start pages by following links, politely:
    one request at a time, ``delay`` seconds apart, at most ``limit`` requests, robots.txt obeyed."""
    from crawler.sources import KINDS, url_kind

    wanted = {name for name, (source, _kind) in KINDS.items() if source in sources}
    queue = [url for s in sources for url in SOURCES[s].start_urls]
    seen_kinds: set[str] = set()
    visited: set[str] = set()
    robots: dict[str, urllib.robotparser.RobotFileParser] = {}
    requests = 0
    while queue and requests < limit and not wanted <= seen_kinds:
        url = queue.pop(0)
        if url in visited or url_kind(url) in ("file", None):
            continue
        visited.add(url)
        host = urlsplit(url).netloc
        if host not in robots:
            robots[host] = _robots(fetch, f"https://{host}/robots.txt")
            requests += 1
        if not robots[host].can_fetch("a6watch", url):
            yield Checked(url, url, error="robots.txt disallows it: not fetched")
            continue
        if requests:
            sleep(delay)
        requests += 1
        try:
            status, body = fetch(url)
        except OSError as exc:
            yield Checked(url, url, error=f"could not fetch it: {exc} (no network here?)")
            continue
        if status != 200:
            yield Checked(url, url, error=f"HTTP {status}")
            continue
        checked = check_page(url, url, body)
        if checked.kind in seen_kinds and checked.ok:
            continue
        if checked.kind:
            seen_kinds.add(checked.kind)
        yield checked
        queue += checked.follow


def _robots(fetch: Fetch, url: str) -> urllib.robotparser.RobotFileParser:
    parser = urllib.robotparser.RobotFileParser(url)
    try:
        status, body = fetch(url)
    except OSError:
        status, body = 0, b""
    parser.parse(body.decode("utf-8", "replace").splitlines() if status == 200 else [])
    return parser

