"""Helpers shared by the page parsers: selectors, dates, languages, meeting keys."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urljoin, urlsplit, urlunsplit

from parsel import Selector

from core.errors import LayoutError
from core.items import Page
from core.meetings import meeting_key
from core.sources import SOURCE_HOSTS

LANG = r"(?:/(?:fr|es|ru|zh|ar|en))?"  # unfccc.int serves every page under a language prefix too


@dataclass(frozen=True)
class PageKind:
    """A kind of page, declared once, beside its parser: the URLs it answers (host, path regex, in the
    order they are tried), how to recognise it when the URL cannot tell (``sniff``, on the decoded
    text), whether it is parsed from bytes rather than text, and what a real page of the kind always
    has (``minimum``: given the parsed page, what is missing, or None). A page that yields less than its
    minimum is a layout error (crawler/sources.py), never a silent zero."""

    name: str
    parse: Callable[[str, bytes | str], Page]
    routes: tuple[tuple[str, str], ...] = ()
    sniff: Callable[[str], bool] | None = None
    binary: bool = False
    minimum: Callable[[Page], str | None] | None = None


def at_least(n: int, *kinds: type, what: str) -> Callable[[Page], str | None]:
    """A minimum: at least ``n`` items (of these types, if given), described as ``what`` ('a row')."""
    def check(page: Page) -> str | None:
        found = sum(1 for item in page.items if not kinds or isinstance(item, kinds))
        return None if found >= n else f"{found} found, a real page has at least {n}: {what}"
    return check


def all_of(*checks: Callable[[Page], str | None]) -> Callable[[Page], str | None]:
    """A minimum made of several: the first that is missing."""
    def check(page: Page) -> str | None:
        return next((missing for c in checks if (missing := c(page))), None)
    return check


def h1_matches(pattern: str) -> Callable[[str], bool]:
    """A sniff: the page's first-level heading matches ``pattern``."""
    compiled = re.compile(rf"<h1[^>]*>(?:(?!</h1>).)*{pattern}", re.S)
    return lambda html: compiled.search(html) is not None

LANGUAGE_NAMES = {
    "arabic": "ar", "chinese": "zh", "english": "en", "french": "fr", "russian": "ru", "spanish": "es",
}
LEGACY_LANGUAGE_CODES = {"EN": "en", "SP": "es", "FR": "fr", "CH": "zh", "AR": "ar", "RU": "ru"}
SESSION_CODE = re.compile(r"\b(COP|CMP|CMA|SBSTA|SBI|SB)\s?(\d{1,3})\b")


def decode_html(body: bytes | str) -> str:
    """Bytes as the page declares them, UTF-8 otherwise. A page that declares ISO-8859-1 (or Latin-1,
    or ASCII) is read as Windows-1252, as browsers do: cdm.unfccc.int declares ISO-8859-1 and sends
    Windows-1252 bytes (an en dash as 0x96)."""
    if isinstance(body, str):
        return body
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", body[:2048])
    encoding = m.group(1).decode("ascii").lower() if m else "utf-8"
    if encoding.replace("_", "-") in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1"):
        encoding = "windows-1252"
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def selector(body: bytes | str) -> Selector:
    return Selector(text=decode_html(body))


def text_of(sel: Selector) -> str:
    """All text of a node, whitespace folded."""
    parts = sel.xpath(".//text()").getall()
    return squash(" ".join(parts))


def squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip()


def require(sel: Selector, css: str, url: str, kind: str) -> Selector:
    found = sel.css(css)
    if not found:
        raise LayoutError(url, kind, f"anchor {css!r} not found")
    return found[0]


def absolute(base: str, href: str | None) -> str | None:
    """The absolute http(s) URL of a link, or None: fragments, and every other scheme in any case
    (``JavaScript:void(0)``, ``mailto:``, ``tel:``, ``data:``) are not links to follow. A source host
    written with or without ``www.`` is written as the registry has it, so one page has one URL."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "_none")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    registered = registered_host(host)
    if registered != host and parts.port is None and not parts.username:
        url = urlunsplit(parts._replace(netloc=registered))
    return url


def registered_host(host: str) -> str:
    """'www.unfccc.int' -> 'unfccc.int', 'bafu.admin.ch' -> 'www.bafu.admin.ch': the form in the registry."""
    host = host.lower()
    if host in SOURCE_HOSTS:
        return host
    other = host[4:] if host.startswith("www.") else "www." + host
    return other if other in SOURCE_HOSTS else host


def language_of(label: str) -> str | None:
    """'English PDF 0.55 MB' -> 'en'; 'EN' -> 'en'."""
    words = squash(label).split()
    if not words:
        return None
    first = words[0].lower()
    if first in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[first]
    return LEGACY_LANGUAGE_CODES.get(words[0].upper())


def size_of(label: str) -> str:
    m = re.search(r"(\d+(?:\.\d+)?\s*[KMG]B)", label, re.IGNORECASE)
    return m.group(1) if m else ""


def meeting_keys(text: str | None) -> list[str]:
    """'SBI 60, SBSTA 60' -> ['sbi-60', 'sbsta-60']."""
    return list(dict.fromkeys(meeting_key(b, int(n)) for b, n in SESSION_CODE.findall(text or "")))



T = TypeVar("T")


def span(value: str | None) -> int:
    """A rowspan or colspan as a sane number (1 when absent or absurd)."""
    return int(value) if value and value.strip().isdigit() and 0 < int(value) < 100 else 1


def span_grid(rows: Iterable[Sequence[T]], attribute: Callable[[T, str], str | None]) -> list[list[T]]:
    """Rows of cells with colspans and rowspans expanded, so that a cell spanning three rows (CARP
    tables use rowspans) or two columns appears in each place; ``attribute(cell, name)`` reads a
    cell's attribute, whatever the cell is (a parsel Selector, an lxml element)."""
    grid: list[list[T]] = []
    pending: dict[int, tuple[T, int]] = {}  # column -> (cell, rows still to fill)
    for cells_of_row in rows:
        cells = list(cells_of_row)
        row: list[T] = []
        col = 0
        while cells or col in pending:
            if col in pending:
                cell, left = pending.pop(col)
                if left > 1:
                    pending[col] = (cell, left - 1)
                row.append(cell)
                col += 1
                continue
            cell = cells.pop(0)
            down = span(attribute(cell, "rowspan"))
            for _ in range(span(attribute(cell, "colspan"))):
                if down > 1:
                    pending[col] = (cell, down - 1)
                row.append(cell)
                col += 1
        grid.append(row)
    return grid


def expand_table(table: Selector) -> tuple[list[str], list[list[Selector | None]]]:
    """(header texts, body rows as cell selectors) with rowspans and colspans expanded."""
    header: list[str] = []
    body: list[list[Selector]] = []
    for tr in table.xpath(".//tr"):
        ths, tds = tr.xpath("./th"), tr.xpath("./td")
        if ths and not tds:
            header = [text_of(th).lower() for th in ths]
        else:
            body.append(list(tds))
    return header, [list(r) for r in span_grid(body, lambda cell, name: cell.attrib.get(name))]


def require_header(table: Selector, expected: list[str], url: str, kind: str,
                   free_columns: int = 0) -> list[list[Selector | None]]:
    """The table's rows, if its header is exactly the expected one (plus ``free_columns`` whose names
    vary); else a layout error: a renamed, added or removed column must raise an alert, never report
    every row as changed."""
    header, rows = expand_table(table)
    if header[: len(expected)] != expected or len(header) != len(expected) + free_columns:
        raise LayoutError(url, kind, f"table header changed: expected {' | '.join(expected)}, found "
                                     f"{' | '.join(header) or 'none'}")
    return rows
