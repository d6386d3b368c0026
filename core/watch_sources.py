"""Declarative watch sources: a source made of configuration only (``[[watch_sources]]`` in the config
file, and a default set shipped in core/watch_defaults.toml). Each of its pages says what to watch:

* ``table``: the rows of a table, keyed by its key columns (added / changed with the fields named /
  removed, as the row-level sources do);
* ``links``: a list of documents or links (new, removed, renamed; the linked files downloaded,
  versioned and extracted; versions read from names such as "v3.1" or "Version 02.0");
* ``text``: the text of a region of the page (a CSS selector, or the main content found automatically,
  without the page chrome), versioned and diffed paragraph by paragraph as draft texts are.

This module reads and checks the definitions (every error names its key); core/sources.py turns them
into sources, and crawler/pages/watch.py parses their pages."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from core.errors import ConfigError

WATCH_KINDS = ("table", "links", "text")
PAGE_KINDS = {"table": "watch_table", "links": "watch_links", "text": "watch_text"}  # page kind per watch
SOURCE_ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
LANDSCAPE_FACTS = ("ccp", "corsia", "a64_transition", "jcm")  # the columns of the credit-landscape table


@dataclass(frozen=True)
class WatchPage:
    url: str
    watch: str  # table, links, text
    select: str = ""  # CSS selector of the region; empty: the main content (text), every table (table), …
    key: tuple[str, ...] = ()  # table: the key columns, by their header words
    name: str = ""  # what one row or one document is, for summaries ("CCP-approved programme")
    table: str = ""  # table: the table's id in the catalog (default: from the page's path)
    links: str = r"\.(?:pdf|docx?|xlsx?)(?:$|[?#])"  # links: the hrefs watched (a regular expression)
    language: str = "en"  # the language of the page's text and files (ISO 639-1)
    landscape: str = ""  # table: which fact of the credit landscape its rows give (LANDSCAPE_FACTS)
    landscape_name: str = ""  # table: the column naming the programme or methodology the fact is about
    landscape_value: str = ""  # table: the column holding the fact (status, compliance period …)
    strip: str = ""  # table: a regular expression removed from every cell (a "NEW" mark, a file size)
    download: bool = True  # links: download the linked files (false: the links are pages, not files)

    @property
    def kind(self) -> str:
        return PAGE_KINDS[self.watch]

    @property
    def table_id(self) -> str:
        if self.table:
            return self.table
        path = urlsplit(self.url).path.strip("/") or urlsplit(self.url).hostname or "page"
        return re.sub(r"[^a-z0-9]+", "_", path.lower()).strip("_")[-60:] or "page"


@dataclass(frozen=True)
class WatchSource:
    id: str
    title: str
    pages: tuple[WatchPage, ...]
    hosts: tuple[str, ...] = ()  # besides the pages' own hosts (where their files are)
    bodies: tuple[str, ...] = ()  # meeting bodies whose meetings make the source urgent

    @property
    def all_hosts(self) -> tuple[str, ...]:
        own = (urlsplit(page.url).hostname or "" for page in self.pages)
        return tuple(dict.fromkeys(h.lower() for h in (*own, *self.hosts) if h))


def _text(where: str, value: Any, default: str = "", required: bool = False) -> str:
    if value is None:
        if required:
            raise ConfigError(f"{where}: required")
        return default
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a string, got {value!r}")
    if required and not value.strip():
        raise ConfigError(f"{where}: must not be empty")
    return value.strip()


def _texts(where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(v.strip() for v in value)


PAGE_KEYS = {"url", "watch", "select", "key", "name", "table", "links", "language", "landscape",
             "landscape_name", "landscape_value", "strip", "download"}
SOURCE_KEYS = {"id", "title", "pages", "hosts", "bodies"}


def _page(where: str, raw: Any) -> WatchPage:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a table ([[watch_sources.pages]]), got {raw!r}")
    if unknown := sorted(set(raw) - PAGE_KEYS):
        raise ConfigError(f"{where}.{unknown[0]}: unknown key (known: {', '.join(sorted(PAGE_KEYS))})")
    url = _text(f"{where}.url", raw.get("url"), required=True)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{where}.url: expected an http(s) URL, got {url!r}")
    watch = _text(f"{where}.watch", raw.get("watch"), required=True)
    if watch not in WATCH_KINDS:
        raise ConfigError(f"{where}.watch: {watch!r} is not one of {', '.join(WATCH_KINDS)}")
    key = _texts(f"{where}.key", raw.get("key"))
    if watch == "table" and not key:
        raise ConfigError(f"{where}.key: a table needs its key columns (the header words of the columns that "
                          "name a row, e.g. key = [\"Programme\"])")
    links = _text(f"{where}.links", raw.get("links"), WatchPage.links)
    strip = _text(f"{where}.strip", raw.get("strip"))
    for name, pattern in (("links", links), ("strip", strip)):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}.{name}: not a regular expression: {exc}") from exc
    download = raw.get("download", True)
    if not isinstance(download, bool):
        raise ConfigError(f"{where}.download: expected true or false, got {download!r}")
    select = _text(f"{where}.select", raw.get("select"))
    if select:
        from parsel import Selector

        try:
            Selector(text="<html></html>").css(select)
        except Exception as exc:  # noqa: BLE001 - cssselect raises several kinds of error
            raise ConfigError(f"{where}.select: not a CSS selector: {select!r} ({exc})") from exc
    landscape = _text(f"{where}.landscape", raw.get("landscape"))
    if landscape and landscape not in LANDSCAPE_FACTS:
        raise ConfigError(f"{where}.landscape: {landscape!r} is not one of {', '.join(LANDSCAPE_FACTS)}")
    if landscape and (watch != "table" or not raw.get("landscape_name")):
        raise ConfigError(f"{where}.landscape: only a table gives landscape facts, and it needs landscape_name "
                          "(the column naming the programme or methodology)")
    language = _text(f"{where}.language", raw.get("language"), "en")
    if not re.fullmatch(r"[a-z]{2}", language):
        raise ConfigError(f"{where}.language: expected a two-letter language code, got {language!r}")
    return WatchPage(url=url, watch=watch, select=select, key=key, name=_text(f"{where}.name", raw.get("name")),
                     table=_text(f"{where}.table", raw.get("table")), links=links, language=language,
                     landscape=landscape, landscape_name=_text(f"{where}.landscape_name", raw.get("landscape_name")),
                     landscape_value=_text(f"{where}.landscape_value", raw.get("landscape_value")),
                     strip=strip, download=download)


def read_watch_sources(raw: Any, where: str = "watch_sources") -> tuple[WatchSource, ...]:
    """The watch sources of a config's ``[[watch_sources]]`` array, checked; ConfigError names the key."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(f"{where}: expected an array of tables ([[watch_sources]]), got {raw!r}")
    out: list[WatchSource] = []
    for i, entry in enumerate(raw):
        at = f"{where}[{i}]"
        if not isinstance(entry, dict):
            raise ConfigError(f"{at}: expected a table, got {entry!r}")
        if unknown := sorted(set(entry) - SOURCE_KEYS):
            raise ConfigError(f"{at}.{unknown[0]}: unknown key (known: {', '.join(sorted(SOURCE_KEYS))})")
        source_id = _text(f"{at}.id", entry.get("id"), required=True)
        if not SOURCE_ID.match(source_id):
            raise ConfigError(f"{at}.id: {source_id!r} must be lower-case letters, digits and _ (2-40), "
                              "starting with a letter")
        pages_raw = entry.get("pages")
        if not isinstance(pages_raw, list) or not pages_raw:
            raise ConfigError(f"{at}.pages: a watch source needs at least one page ([[watch_sources.pages]])")
        pages = tuple(_page(f"{at}.pages[{j}]", p) for j, p in enumerate(pages_raw))
        urls = [p.url for p in pages]
        if len(set(urls)) != len(urls):
            raise ConfigError(f"{at}.pages: a page URL is listed twice")
        out.append(WatchSource(source_id, _text(f"{at}.title", entry.get("title"), source_id), pages,
                               hosts=_texts(f"{at}.hosts", entry.get("hosts")),
                               bodies=_texts(f"{at}.bodies", entry.get("bodies"))))
    ids = [s.id for s in out]
    if dupes := sorted({i for i in ids if ids.count(i) > 1}):
        raise ConfigError(f"{where}: source id {dupes[0]!r} defined twice")
    return tuple(out)


DEFAULTS_FILE = Path(__file__).with_name("watch_defaults.toml")


def default_watch_sources() -> tuple[WatchSource, ...]:
    """The watch sources shipped with a6watch (core/watch_defaults.toml)."""
    raw = tomllib.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    return read_watch_sources(raw.get("watch_sources"), "watch_defaults.toml: watch_sources")
