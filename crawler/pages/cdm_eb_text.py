"""Reading cdm.unfccc.int pages by meaning (helpers of crawler/pages/cdm_eb.py).

A page is read as the lines a reader sees: its blocks (paragraphs, list items, table rows, headings, cells
of a definition list …) in document order, with the links of each block and the text that follows each
link ('(87 KB)'), the site's chrome left out (navigation, quick finder, local time). Labels, headings and
documents are then found by their words wherever the markup puts them: ``<p><b>Dates:</b> …``,
``<tr><th>Dates:</th><td>…``, ``<dt>Dates</dt><dd>…``, ``<h3>`` or a bold paragraph for a heading.
Also: meeting numbers written in words ('Sixty-second meeting') and the parts of a document's link text
(its own, trailing, version; its size; 'English only')."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from core.references import parse_version, split_own_version
from crawler.pages.common import size_of, squash

# Block elements: each starts a new line of what a reader sees. Cells (td, th) do not: a table row is one line.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul",
})
SKIPPED = frozenset({"script", "style", "noscript", "select", "option", "input", "button", "textarea", "head",
                     "title", "img"})
# The chrome of every cdm.unfccc.int page (sources.md §3 and samples/cdm): never content.
CHROME = frozenset({"macronav", "supportnav", "banner", "mainnav", "quickfinder", "socialmedia", "micronav",
                    "localtime", "footer", "google_searchbox"})


@dataclass
class Link:
    href: str
    text: str
    after: str = ""  # the text after the link, up to the next link or line break: '(87 KB)'


@dataclass
class Block:
    lines: list[str]
    links: list[Link] = field(default_factory=list)

    @property
    def text(self) -> str:
        return squash(" ".join(self.lines))


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._links: list[Link] = []
        self._open: Link | None = None  # the link whose after-text is being collected

    def flush(self) -> None:
        lines = [squash(line) for line in "".join(self._parts).split("\n")]
        lines = [line for line in lines if line]
        if lines or self._links:
            self.blocks.append(Block(lines, self._links))
        self._parts, self._links, self._open = [], [], None

    def text(self, text: str | None) -> None:
        if text:
            self._parts.append(text)
            if self._open is not None:
                self._open.after += text

    def walk(self, el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in SKIPPED or (el.get("id") or "") in CHROME:
            self.text(el.tail)
            return
        if tag in BLOCKS:
            self.flush()
        if tag == "br":
            self._parts.append("\n")
            self._open = None
        if tag == "a" and el.get("href"):
            link = Link(el.get("href") or "", squash("".join(el.itertext())))
            self._links.append(link)
            self._parts.append(" ".join(el.itertext()))
            self._open = link
        else:
            self.text(el.text)
            for child in el:
                self.walk(child)
        if tag in BLOCKS:
            self.flush()
        elif tag in ("td", "th"):
            self._parts.append(" ")
        self.text(el.tail)


def blocks(sel: Selector) -> list[Block]:
    """The blocks of the page's content, in document order, without the site's chrome."""
    reader = _Reader()
    root = sel.root
    body = root.find(".//body") if hasattr(root, "find") else None
    reader.walk(body if body is not None else root)
    reader.flush()
    for b in reader.blocks:
        for link in b.links:
            link.after = squash(link.after)
    return reader.blocks


# -- meeting numbers in words ----------------------------------------------------------------------------
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                  "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                  "nineteenth": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                 "seventieth": 70, "eightieth": 80, "ninetieth": 90}


def ordinal_value(words: str) -> int | None:
    """'Sixty-second' -> 62, 'Fifteenth' -> 15, 'One hundred and seventh' -> 107, 'hundredth' -> 100."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    total = 0
    if tokens[0] == "one" and len(tokens) > 1 and tokens[1].startswith("hundred"):
        tokens = tokens[1:]
    if tokens[0] in ("hundred", "hundredth"):
        total, tokens = 100, tokens[1:]
        if not tokens:
            return total
    *head, last = tokens
    if len(head) > 1 or head and head[0] not in _TENS:
        return None
    if last in _ORDINAL_UNITS:
        value = _ORDINAL_UNITS[last] + (_TENS[head[0]] if head else 0)
    elif last in _ORDINAL_TENS and not head:
        value = _ORDINAL_TENS[last]
    else:
        return None
    return total + value


def ordinal(n: int) -> str:
    """107 -> '107th', 101 -> '101st', 112 -> '112th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# -- a document's link text -----------------------------------------------------------------------------
_SIZE = re.compile(r"\s*[(\[]\s*\d+(?:[.,]\d+)?\s*[KMG]B\s*[)\]]\s*$", re.I)
_ENGLISH_ONLY = re.compile(r"\s*[(\[]?\s*English only\s*[)\]]?", re.I)
_BULLET = re.compile(r"^\s*[-\u2013\u2022\u00b7*]\s+")


@dataclass(frozen=True)
class DocText:
    title: str
    version: str | None
    size: str  # '87 KB', or ''
    english_only: bool


def document_text(text: str, after: str = "") -> DocText:
    """The parts of a document's link text and of what follows the link: 'Proposed agenda (version 01.0)',
    '- Proposed agenda' + '(87 KB)', 'Annex 1 - … (English only) (94 KB)'."""
    title = _BULLET.sub("", squash(text))
    english_only = bool(_ENGLISH_ONLY.search(title) or _ENGLISH_ONLY.search(after))
    title = _ENGLISH_ONLY.sub("", title)
    size, version = "", None
    if (m := _SIZE.search(title)) is not None:
        size, title = size_of(m.group(0)), title[: m.start()]
    title, version = split_own_version(title)
    if not size and (m := _SIZE.search(title)) is not None:
        size, title = size_of(m.group(0)), title[: m.start()]
    after = _ENGLISH_ONLY.sub("", after)
    if not size and re.match(r"^\s*[(\[]\s*\d+(?:[.,]\d+)?\s*[KMG]B\b", after, re.I):
        size = size_of(after)
    if version is None and (m := re.match(r"^\s*[(\[]\s*(?:version|ver|v)\b[^)\]]*[)\]]", after, re.I)):
        version = parse_version(m.group(0))
    return DocText(squash(title).strip(" ,;"), version, size, english_only)
