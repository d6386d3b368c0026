"""Parsers for unfccc.int session documents.

Page kinds:
* ``documents_listing`` — https://unfccc.int/documents?... (facets, pager, 5-cell rows);
* ``session_page`` — https://unfccc.int/event/sbsta-64, /node/NNN (agenda-ordered tables, current
  "Symbol | Document name | Type | Date" and legacy "Symbol | Date | Type | Status | Versions");
* ``document_page`` — https://unfccc.int/documents/NNNNNN (one document and its files).

Each parser first checks its anchor and raises ``LayoutError`` when it is absent.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from parsel import Selector

from core.errors import LayoutError
from core.items import AgendaRef, DocumentItem, FileLink, Follow, MeetingItem, Page
from core.meetings import meeting_key
from core.when import parse_date, parse_date_range
from crawler.pages.common import (
    LANG,
    PageKind,
    absolute,
    h1_matches,
    language_of,
    meeting_keys,
    selector,
    size_of,
    squash,
    text_of,
)

SOURCE = "unfccc_documents"
LISTING_BLOCKS = "div.block-views-blockdocuments-block-1, div.block-views-blockdecisions-block-1"
_AGENDA_HEADING = re.compile(r"^(\d{1,2}(?:\s*\([a-z]{1,4}\))*(?:\.\d+)?)\.?\s+(.*)$")


def _file_options(cell: Selector, base: str) -> list[FileLink]:
    files: list[FileLink] = []
    for option in cell.css("select option"):
        url = absolute(base, option.attrib.get("value"))
        label = squash(option.xpath("string()").get())
        lang = language_of(label)
        if url and lang:
            files.append(FileLink(lang, url, label, size_of(label)))
    return files


def _document_link(cell: Selector, base: str) -> str | None:
    for href in cell.css("a::attr(href)").getall():
        if re.search(r"/documents/\d+", href):
            found = absolute(base, href)
            return canonical_document_url(found) if found else None
    return None


def parse_documents_listing(url: str, body: bytes | str) -> Page:
    kind = "documents_listing"
    sel = selector(body)
    block = sel.css(LISTING_BLOCKS)
    if not block:
        raise LayoutError(url, kind, f"anchor {LISTING_BLOCKS!r} not found")
    page = Page(url, kind)
    for row in block[0].css("table tr"):
        cells = row.xpath("./td")
        if not cells:
            continue  # header row
        if len(cells) != 5:
            raise LayoutError(url, kind, f"expected 5 cells per row, found {len(cells)}")
        symbol = squash(text_of(cells[0])) or None
        detail = _document_link(cells[4], url) or _document_link(cells[1], url)
        page.items.append(DocumentItem(
            source=SOURCE, page_url=url, page_kind=kind, symbol=symbol,
            title=text_of(cells[1]) or None, doc_type=text_of(cells[2]) or None,
            publication_date=parse_date(text_of(cells[3])), url=detail,
            files=_file_options(cells[4], url),
        ))
        if detail:
            page.follow.append(Follow(detail, "document_page"))
    page.meta["facets"] = _facets(sel)
    total = sel.css("span.totalresults::text").get()
    if total and total.strip().isdigit():
        page.meta["total"] = int(total.strip())
    next_href = sel.css("li.pager__item--next a::attr(href), a[rel=next]::attr(href)").get()
    if next_href:
        nxt = absolute(url, next_href)
        if nxt:
            page.follow.append(Follow(nxt, kind))
    last_href = sel.css(".pager__item--last a::attr(href)").get()
    if last_href:
        m = re.search(r"[?&]page=(\d+)", last_href)
        if m:
            page.meta["last_page"] = int(m.group(1))
    return page


def _facets(sel: Selector) -> list[dict[str, str]]:
    """Facet links ('f[N]=facet:value'); each link's last filter is the one it adds."""
    facets: list[dict[str, str]] = []
    for link in sel.xpath("//*[contains(@class, 'facet')]//a[@href]"):
        query = parse_qs(urlsplit(link.attrib["href"]).query)
        filters = [v for k, vs in sorted(query.items()) if k.startswith("f[") for v in vs]
        if filters:
            facet, _, term = filters[-1].partition(":")
            facets.append({"facet": facet, "value": term, "label": text_of(link)})
    return facets


def canonical_document_url(url: str) -> str:
    """/fr/node/641852 and /documents/641852 are one document: https://unfccc.int/documents/641852."""
    m = re.match(r"^https?://unfccc\.int(?:/(?:fr|es|ru|zh|ar|en))?/(?:node|documents)/(\d+)/?$", url)
    return f"https://unfccc.int/documents/{m.group(1)}" if m else url


_SESSION_TITLE = re.compile(r"\((COP|CMP|CMA|SBSTA|SBI)\s?(\d{1,3})\)")


def _session_identity(sel: Selector, url: str, kind: str) -> tuple[str, int, str]:
    title = squash(" ".join(sel.css("h1 ::text").getall()))
    m = _SESSION_TITLE.search(title)
    if not m:
        caption = squash(" ".join(sel.css("table caption ::text, table tr:first-child td ::text").getall()))
        m = _SESSION_TITLE.search(caption)
        title = title or caption
    if not m:
        raise LayoutError(url, kind, "no session heading such as '(SBSTA 64)' in the page title")
    return m.group(1), int(m.group(2)), title


def _agenda_heading(table: Selector) -> tuple[str, str] | None:
    for heading in table.xpath("preceding::*[self::h2 or self::h3 or self::h4][1]"):
        m = _AGENDA_HEADING.match(text_of(heading))
        if m:
            return squash(m.group(1)), squash(m.group(2)).rstrip(";")
    return None


def _header(table: Selector) -> list[str]:
    cells = table.xpath("./thead/tr[1]/th | ./tr[1]/th | ./tbody/tr[1]/th")
    return [text_of(c).lower() for c in cells]


def parse_session_page(url: str, body: bytes | str) -> Page:
    kind = "session_page"
    sel = selector(body)
    body_code, number, title = _session_identity(sel, url, kind)
    key = meeting_key(body_code, int(number))
    page = Page(url, kind, complete_listing=True)
    dates_text = squash(" ".join(sel.css(".field--name-field-event-date ::text, .event-date ::text").getall()))
    start, end = parse_date_range(dates_text) if dates_text else (None, None)
    venue = squash(" ".join(sel.css(".field--name-field-event-location ::text, .event-location ::text").getall()))
    conference = squash(" ".join(sel.css(".field--name-field-conference ::text").getall())) or None
    meeting = MeetingItem(SOURCE, url, key, body_code, number, title=title, start_date=start, end_date=end,
                          venue=venue or None, conference=conference)
    page.items.append(meeting)
    for table in sel.css("table"):
        header = _header(table)
        if header[:4] == ["symbol", "document name", "type", "date"]:
            heading = _agenda_heading(table)
            agenda = [AgendaRef(key, heading[0], heading[1])] if heading else []
            if heading and heading[0] not in {a.number for a in meeting.agenda}:
                meeting.agenda.append(agenda[0])
            for row in table.xpath("./tbody/tr[td] | ./tr[td]"):
                cells = row.xpath("./td")
                if len(cells) < 4:
                    raise LayoutError(url, kind, f"expected at least 4 cells per row, found {len(cells)}")
                detail = _document_link(row, url)
                page.items.append(DocumentItem(
                    source=SOURCE, page_url=url, page_kind=kind, symbol=text_of(cells[0]) or None,
                    title=text_of(cells[1]) or None, doc_type=text_of(cells[2]) or None,
                    publication_date=parse_date(text_of(cells[3])), url=detail,
                    files=_file_options(cells[4], url) if len(cells) > 4 else [],
                    meetings=[key], agenda_items=list(agenda),
                ))
                if detail:
                    page.follow.append(Follow(detail, "document_page"))
        elif header[:5] == ["symbol", "date", "type", "status", "versions"]:
            _parse_legacy_table(table, url, key, meeting, page)
    return page


def _parse_legacy_table(table: Selector, url: str, key: str, meeting: MeetingItem, page: Page) -> None:
    """Rows: agenda-item header (one cell), document row (empty first cell), title row."""
    agenda: AgendaRef | None = None
    current: DocumentItem | None = None
    for row in table.xpath("./tbody/tr[td] | ./tr[td]"):
        cells = row.xpath("./td")
        texts = [text_of(c) for c in cells]
        if len(cells) >= 6 and not texts[0]:
            status = texts[4].lower()
            languages = texts[5].split()
            links = {
                language_of(text_of(a)) or "": absolute(url, a.attrib.get("href"))
                for a in cells[5].css("a")
            }
            files = [FileLink(lang, links[lang] or "", code)
                     for code in languages if (lang := language_of(code)) and links.get(lang)]
            current = DocumentItem(
                source=SOURCE, page_url=url, page_kind="session_page", symbol=texts[1] or None,
                publication_date=parse_date(texts[2]), doc_type=texts[3] or None, files=files,
                meetings=[key], agenda_items=[agenda] if agenda else [],
                status="withdrawn" if status == "withdrawn" else None,
                details={"status_text": texts[4]} if texts[4] else {},
            )
            page.items.append(current)
        else:
            text = " ".join(t for t in texts if t)
            m = _AGENDA_HEADING.match(text)
            if m:
                agenda = AgendaRef(key, squash(m.group(1)), squash(m.group(2)).rstrip(";"))
                if agenda.number not in {a.number for a in meeting.agenda}:
                    meeting.agenda.append(agenda)
                current = None
            elif current is not None and not current.title:
                current.title = text
            elif current is None and meeting.start_date is None:
                start, end = parse_date_range(text)
                if start:  # the caption: "..., Forty-fifth session, Marrakech, 7–18 November 2016"
                    meeting.start_date, meeting.end_date = start, end
                    place = re.search(r"session,\s*([^,]+),", text)
                    meeting.venue = place.group(1).strip() if place else None


_FIELD_LABELS = {
    "symbol": "symbol",
    "publication date": "publication_date",
    "document type": "doc_type",
    "conference": "conference",
    "session": "session",
    "author": "author",
    "topic": "topics",
    "topics": "topics",
    "agenda item": "agenda_items",
    "party": "party",
    "status": "status",
    "abstract": "abstract",
}


def _fields(sel: Selector) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for field in sel.css("div.field"):
        label = squash(" ".join(field.css(".field--label ::text").getall())).rstrip(":").lower()
        key = _FIELD_LABELS.get(label)
        if not key:
            continue
        items = field.css(".field--item")
        values = [text_of(i) for i in items] if items else [text_of(field).removeprefix(label)]
        if key == "publication_date":
            stamp = field.css("time::attr(datetime)").get()
            if stamp:
                values = [stamp]
        found[key] = [v for v in values if v]
    return found


_AGENDA_LINE = re.compile(
    r"^((?:COP|CMP|CMA|SBSTA|SBI|SB)\s?\d{1,3})\s*/?\s*(\d{1,2}(?:\s*\([a-z]{1,4}\))*)\.?\s*(.*)$")


def parse_document_page(url: str, body: bytes | str) -> Page:
    kind = "document_page"
    sel = selector(body)
    title_node = sel.css(".document-title")
    if not title_node:
        raise LayoutError(url, kind, "anchor '.document-title' not found")
    fields = _fields(sel)
    agenda: list[AgendaRef] = []
    for line in fields.get("agenda_items", []):
        m = _AGENDA_LINE.match(line)
        if m:
            keys = meeting_keys(m.group(1))
            if keys:
                agenda.append(AgendaRef(keys[0], squash(m.group(2)), squash(m.group(3))))
    files = _file_options(sel, url)
    if not files:
        for link in sel.css("a[href*='/sites/default/files/resource/']"):
            href = absolute(url, link.attrib.get("href"))
            languages = squash(" ".join(sel.css(".field--name-field-document-languages ::text").getall()))
            lang = language_of(languages.replace("only", "").strip()) or "en"
            if href:
                files.append(FileLink(lang, href, text_of(link), size_of(text_of(link))))
    sessions = meeting_keys(" ".join(fields.get("session", [])))
    status_text = " ".join(fields.get("status", [])).lower()
    details = {k: (v if k == "topics" else " ".join(v)) for k, v in fields.items()
               if k in ("conference", "author", "topics", "abstract", "party", "session") and v}
    def first(key: str) -> str | None:
        values = fields.get(key)
        return values[0] if values else None

    item = DocumentItem(
        source=SOURCE, page_url=url, page_kind=kind,
        symbol=first("symbol"),
        title=text_of(title_node[0]) or None,
        doc_type=first("doc_type"),
        publication_date=parse_date(first("publication_date")),
        url=canonical_document_url(url), files=files,
        meetings=list(dict.fromkeys(sessions + [a.meeting_key for a in agenda])),
        agenda_items=agenda,
        status="withdrawn" if "withdrawn" in status_text else None,
        details=details,
    )
    return Page(url, kind, items=[item])


KINDS = (
    PageKind("documents_listing", parse_documents_listing,
             routes=(("unfccc.int", rf"^{LANG}/(?:documents|decisions)/?$"),),
             sniff=lambda html: "block-views-blockdocuments-block-1" in html
             or "block-views-blockdecisions-block-1" in html),
    PageKind("document_page", parse_document_page, routes=(("unfccc.int", rf"^{LANG}/documents/\d+/?$"),),
             sniff=lambda html: "document-title" in html),
    PageKind("session_page", parse_session_page, routes=(("unfccc.int", rf"^{LANG}/event/[a-z]+-?\d+/?$"),),
             sniff=h1_matches(r"\((?:COP|CMP|CMA|SBSTA|SBI)\s?\d{1,3}\)")),
)
