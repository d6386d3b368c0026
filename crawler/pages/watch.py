"""The pages of declarative watch sources (core/watch_sources.py): one parser per kind of watch, given
the page's definition. Pure functions of (definition, url, body), like every parser.

* a **table**: every table in the region whose header has the key columns; one RecordItem per row,
  keyed by its key cells, every column a field (so a changed cell is named); a key column that is gone
  is a layout error, never every row "changed";
* **links**: the links in the region whose href matches the page's pattern; one DocumentItem per link,
  keyed by the page and the file's name without its version or upload date, so "v3.1" → "v3.2" is a new
  version of the same document and a changed link text is a rename;
* **text**: the region's paragraphs (a CSS selector, or the main content without navigation, header,
  footer and the like), handed on as the page's text, versioned and diffed like a draft text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from parsel import Selector
from w3lib.encoding import html_to_unicode

from core.errors import LayoutError
from core.items import DocumentItem, FileLink, Page, RecordItem
from core.watch_sources import WatchPage
from core.when import first_date
from crawler.pages.common import absolute, at_least, expand_table, squash, text_of

TEXT_FIELD = "watch_text"  # Page.meta key: the region's text, for the spider to hand on as a file version
TEXT_FILE_SUFFIX = "#text"  # the text version's URL: the page's, with this fragment
CHROME = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form", "iframe", "svg", "button")
CHROME_WORDS = re.compile(r"breadcrumb|cookie|share|social|sidebar|menu|skip-link|banner|newsletter|search",
                          re.I)
MAIN_CANDIDATES = ("main", "[role=main]", "article", "#content", "#main", ".content", "body")
BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt", "blockquote", "pre")
GENERIC_LINK_TEXT = re.compile(r"^(?:pdf|download|here|click here|link|more|read more|ダウンロード|こちら|詳細)"
                               r"(?:\s*\(.*\))?$", re.I)
# "v3.1", "V.2", "Version 02.0", "ver. 1.0", "Ver2.0", "第2版": a document's version, as written
VERSION = re.compile(r"(?:(?<![A-Za-z])(?:version|ver\.?|v)[\s_.-]*(\d{1,3}(?:\.\d{1,3}){0,2})(?![\d.]*\d)"
                     r"|第\s*(\d{1,3})\s*版)", re.I)
UPLOAD_DATE = re.compile(r"/(?:19|20)\d{2}/\d{2}/")  # WordPress's /wp-content/uploads/2025/03/


def decode(body: bytes | str) -> str:
    """A page's text however it is encoded: a BOM, the page's own declaration (Shift_JIS, EUC-JP …),
    else UTF-8, else the Japanese encodings tried strictly (w3lib, as Scrapy itself decodes)."""
    if isinstance(body, str):
        return body

    def guess(raw: bytes) -> str | None:
        for encoding in ("utf-8", "cp932", "euc-jp"):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
        return None

    return html_to_unicode(None, body, auto_detect_fun=guess)[1]


def version_of(text: str) -> str | None:
    found = VERSION.search(text)
    return (found.group(1) or found.group(2)) if found else None


def without_version(text: str) -> str:
    return squash(VERSION.sub("", text)).strip(" -_.,()[]")


def _region(url: str, kind: str, sel: Selector, page: WatchPage) -> list[Selector]:
    if not page.select:
        return [sel]
    found = list(sel.css(page.select))
    if not found:
        raise LayoutError(url, kind, f"the watched region {page.select!r} is not on the page")
    return found


# -- tables --------------------------------------------------------------------------------------------
def _header_index(header: list[str], wanted: str) -> int | None:
    words = squash(wanted).lower()
    exact = next((i for i, h in enumerate(header) if squash(h) == words), None)
    return exact if exact is not None else next((i for i, h in enumerate(header) if words in h), None)


def _key_text(cell: Selector | None, strip: re.Pattern[str] | None) -> str:
    """A key cell's words: its link's text where it has one (a decision's title, not its whole summary)."""
    if cell is None:
        return ""
    link = cell.css("a")
    text = text_of(link[0]) if link and text_of(link[0]) else text_of(cell)
    return squash(strip.sub(" ", text)) if strip is not None else text


def parse_table(page: WatchPage, url: str, body: bytes | str) -> Page:
    kind = page.kind
    sel = Selector(text=decode(body))
    out = Page(url, kind, complete_listing=True)
    tables = [t for region in _region(url, kind, sel, page)
              for t in ([region] if region.root.tag == "table" else region.css("table"))]
    headers_seen: list[str] = []
    for table in tables:
        header, rows = expand_table(table)
        if not header and rows:  # column names in the first row
            header = [text_of(c).lower() if c is not None else "" for c in rows[0]]
            rows = rows[1:]
        keys = [_header_index(header, k) for k in page.key]
        if any(k is None for k in keys):
            headers_seen.append(" | ".join(header) or "no header")
            continue
        names = [squash(h) for h in (text_of(th) for th in table.xpath(".//tr[th and not(td)][last()]/th"))] \
            or [squash(h) for h in header]
        strip = re.compile(page.strip) if page.strip else None
        for row in rows:
            cells = [text_of(c) if c is not None else "" for c in row]
            if strip is not None:
                cells = [squash(strip.sub(" ", cell)) for cell in cells]
            if not any(cells):
                continue
            key_cells = list(dict.fromkeys(_key_text(row[k], strip) for k in keys if k is not None and k < len(row)))
            if not any(key_cells):
                continue
            fields = {name or f"column {i + 1}": cells[i] if i < len(cells) else ""
                      for i, name in enumerate(names)}
            link = next((absolute(url, a) for c in row if c is not None
                         for a in c.css("a::attr(href)").getall() if absolute(url, a)), None)
            out.items.append(RecordItem(
                "", url, page.table_id, "|".join(key_cells), page.name or "row",
                " – ".join(k for k in key_cells if k), fields, url=link))
    if not out.items and headers_seen:
        raise LayoutError(url, kind, f"no table with the key column(s) {', '.join(page.key)}; found "
                                     f"{'; '.join(headers_seen)}")
    return out


# -- links ---------------------------------------------------------------------------------------------
def document_key(page_url: str, file_url: str) -> str:
    """The document a link stands for: the page, and the file's name without its version and upload date
    (so a new version's file, at a new URL, is the same document)."""
    path = UPLOAD_DATE.sub("/", unquote(urlsplit(file_url).path))
    name = path.rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    stem = without_version(stem if dot else name).lower() or name.lower()
    slug = re.sub(r"[^\w]+", "-", stem).strip("-")
    return f"{page_url}#{slug}"


def _named_by(a: Selector) -> str:
    """What names a link whose own text does not ("here", "PDF"): its row's first cell, the bold words
    or heading of its block, else its block's text."""
    container = a.xpath("ancestor::*[self::li or self::tr or self::p or self::div][1]")
    if not container:
        return ""
    block = container[0]
    named = block.xpath("./td[1] | .//b | .//strong | .//h2 | .//h3 | .//h4") if block.root.tag == "tr" \
        else block.xpath(".//b | .//strong | .//h2 | .//h3 | .//h4")
    text = text_of(named[0]) if named else text_of(block)
    return "" if GENERIC_LINK_TEXT.match(text) else squash(text)[:200]


def parse_links(page: WatchPage, url: str, body: bytes | str) -> Page:
    kind = page.kind
    sel = Selector(text=decode(body))
    pattern = re.compile(page.links, re.I)
    out = Page(url, kind, complete_listing=True)
    seen: set[str] = set()
    for region in _region(url, kind, sel, page):
        for a in region.css("a[href]"):
            target = absolute(url, a.attrib.get("href"))
            if not target or not pattern.search(target):
                continue
            key = document_key(url, target)
            if key in seen:  # the same document linked twice (a title and a "Download" button)
                continue
            seen.add(key)
            label = text_of(a)
            if not label or GENERIC_LINK_TEXT.match(label):
                label = _named_by(a) or unquote(target.rsplit("/", 1)[-1])
            version = version_of(label) or version_of(unquote(urlsplit(target).path.rsplit("/", 1)[-1]))
            container = a.xpath("ancestor::*[self::li or self::tr or self::p][1]")
            when = first_date(text_of(container[0])) if container else None
            out.items.append(DocumentItem(
                "", url, kind, title=without_version(label) or label, doc_type=page.name or "document",
                publication_date=when, url=key, version=version,
                files=[FileLink(page.language, target, label)] if page.download else []))
    return out


# -- text ----------------------------------------------------------------------------------------------
def _main(sel: Selector) -> Selector:
    for css in MAIN_CANDIDATES:
        found = sel.css(css)
        if found:
            return found[0]
    return sel


def _drop_chrome(region: Selector) -> None:
    for node in region.xpath(".//*"):
        element = node.root
        if not isinstance(element.tag, str):
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
        if element.tag in CHROME or CHROME_WORDS.search(marks) or element.get("role") == "navigation":
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)


def region_paragraphs(page: WatchPage, url: str, body: bytes | str) -> list[str]:
    """The watched region's paragraphs, in order, each once (a block inside another block is not read
    twice)."""
    sel = Selector(text=decode(body))
    regions = _region(url, page.kind, sel, page) if page.select else [_main(sel)]
    paragraphs: list[str] = []
    for region in regions:
        _drop_chrome(region)
        xpath = " | ".join(f".//{b}[not(ancestor::{' or ancestor::'.join(BLOCKS)})]" for b in BLOCKS)
        blocks = region.xpath(xpath)
        found = [squash(text_of(b)) for b in blocks] if blocks else [squash(text_of(region))]
        paragraphs += [p for p in found if p]
    return paragraphs


def parse_text(page: WatchPage, url: str, body: bytes | str) -> Page:
    kind = page.kind
    paragraphs = region_paragraphs(page, url, body)
    sel = Selector(text=decode(body))
    title = squash(text_of(sel.css("h1")[0])) if sel.css("h1") else squash(sel.css("title::text").get())
    out = Page(url, kind, meta={TEXT_FIELD: "\n\n".join(paragraphs)})
    if paragraphs:
        out.items.append(DocumentItem("", url, kind, title=title or url, doc_type=page.name or "web page",
                                      url=url, files=[FileLink(page.language, url + TEXT_FILE_SUFFIX, "page text")]))
    return out


PARSE = {"table": parse_table, "links": parse_links, "text": parse_text}
MINIMUM = {  # what a watched page always has: a page that yields less is a layout error, never silence
    "table": at_least(1, RecordItem, what="a row of the watched table"),
    "links": at_least(1, DocumentItem, what="a link matching the page's pattern"),
    "text": at_least(1, DocumentItem, what="a paragraph of text in the watched region"),
}


def parse(source_id: str, page: WatchPage, url: str, body: bytes | str) -> Page:
    """The page's items, each naming its source."""
    parsed = PARSE[page.watch](page, url, body)
    if missing := MINIMUM[page.watch](parsed):
        raise LayoutError(url, page.kind, f"less than this watched page always has: {missing}")
    for item in parsed.items:
        item.source = source_id
    return parsed
