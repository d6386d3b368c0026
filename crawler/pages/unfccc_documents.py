"""Parsers for unfccc.int session documents.

Page kinds:
* ``documents_listing`` — https://unfccc.int/documents?... (facets, pager, one row per document);
* ``session_page`` — https://unfccc.int/event/sbsta-64, /node/NNN (agenda-ordered tables, current
  "Symbol | Document name | Type | Date" and legacy "Symbol | Date | Type | Status | Versions");
* ``document_page`` — https://unfccc.int/documents/NNNNNN (one document and its files).

Pages are read by meaning (crawler/pages/unfccc_documents_read.py): fields by their labels' words, tables
by their header cells wherever the columns are, agenda headings by their numbering in whatever element,
dates through core.when. Each kind declares what a real page of it always has (``minimum``); a page that
yields less, or that shows document symbols its parser did not read, is a layout error, never a silent
zero.
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
    all_of,
    at_least,
    language_of,
    meeting_keys,
    selector,
    squash,
    text_of,
)
from crawler.pages.unfccc_documents_read import (
    CODE,
    OUTSIDE_CHROME,
    agenda_heading,
    agenda_refs,
    body_rows,
    by_class,
    canonical_document_url,
    columns,
    document_link,
    document_title,
    file_options,
    header_cells,
    headings_and_tables,
    labelled_values,
    open_links,
    own_version,
    session_header,
    unread_symbols,
    value_texts,
)

__all__ = ["KINDS", "SOURCE", "agenda_heading", "canonical_document_url", "own_version"]

SOURCE = "unfccc_documents"
TITLE_WORDS = ("document name", "title", "document title")
LISTING_COLUMNS = {"symbol": ("symbol",), "title": TITLE_WORDS, "type": ("type", "document type", "body"),
                   "date": ("date", "publication date", "published", "date of publication")}


def _never_silent(sel: Selector, page: Page, url: str, kind: str) -> None:
    """A page that shows document symbols its parser did not read is a layout error."""
    missed = unread_symbols(sel, [i.symbol for i in page.items if isinstance(i, DocumentItem) and i.symbol])
    if missed:
        raise LayoutError(url, kind, f"document symbols shown on the page but not read: {', '.join(missed[:5])}")


# ---- documents listing -------------------------------------------------------------------------------
def parse_documents_listing(url: str, body: bytes | str) -> Page:
    kind = "documents_listing"
    sel = selector(body)
    page = Page(url, kind)
    tables = [t for t in sel.xpath("//table") if "symbol" in header_cells(t)]
    total = sel.css("span.totalresults::text").get()
    if total and total.strip().isdigit():
        page.meta["total"] = int(total.strip())
    elif not tables and re.search(r"\bno results\b", text_of(sel), re.I):
        page.meta["total"] = 0
    if not tables and page.meta.get("total") != 0:
        raise LayoutError(url, kind, "no table of documents (a 'Symbol' column) and no 'no results'")
    if page.meta.get("total") is None and not re.search(r"\b\d+\s+results?\b", text_of(sel), re.I):
        raise LayoutError(url, kind, "no count of results ('1 - 20 of 57 results'): not a documents search")
    for table in tables:
        header = header_cells(table)
        at = columns(header, LISTING_COLUMNS, ("symbol", "title", "date"), url, kind)
        for row in body_rows(table):
            cells = row.xpath("./td")
            if len(cells) != len(header):
                raise LayoutError(url, kind, f"expected {len(header)} cells per row, found {len(cells)}")
            title = text_of(cells[at["title"]]) or None
            detail = document_link(row, url)
            page.items.append(DocumentItem(
                source=SOURCE, page_url=url, page_kind=kind, symbol=text_of(cells[at["symbol"]]) or None,
                title=title, doc_type=text_of(cells[at["type"]]) or None if "type" in at else None,
                publication_date=parse_date(text_of(cells[at["date"]])), url=detail,
                files=file_options(row, url), version=own_version(title),
            ))
            if detail:
                page.follow.append(Follow(detail, "document_page"))
    _never_silent(sel, page, url, kind)
    page.meta["facets"] = _facets(sel)
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


def _listing_minimum(page: Page) -> str | None:
    if page.meta.get("total") == 0:
        return None  # the page says it has no results
    return at_least(1, DocumentItem, what="a document row, unless the page says it has no results")(page)


# ---- session page ------------------------------------------------------------------------------------
SESSION_COLUMNS = {"symbol": ("symbol",), "title": TITLE_WORDS, "type": ("type", "document type"),
                   "date": ("date", "publication date", "published")}


def _session_identity(sel: Selector, url: str, kind: str) -> tuple[str, int, str, Selector | None]:
    """(body, number, title, title node): the page title's '(SBSTA 64)', else its 'Latest SBSTA 64
    documents', else a legacy table's caption."""
    heads = sel.xpath(f"//h1[{OUTSIDE_CHROME}]") or sel.xpath(f"//*[contains(@class, 'page-title')][{OUTSIDE_CHROME}]")
    head = heads[0] if heads else None
    title = text_of(head) if head is not None else ""
    m = re.search(rf"\({CODE}\)", title) or re.search(rf"\b{CODE}\b", title)
    if not m:
        latest = sel.xpath("//*[starts-with(normalize-space(), 'Latest ')][not(*[starts-with(normalize-space(), "
                           "'Latest ')])]")
        m = next((found for node in latest if (found := re.fullmatch(rf"Latest {CODE} documents", text_of(node)))),
                 None)
    if not m:
        caption = squash(" ".join(sel.css("table caption ::text, table tr:first-child td ::text").getall()))
        m = re.search(rf"\({CODE}\)", caption)
        title = title or caption
    if not m:
        raise LayoutError(url, kind, "no session code such as '(SBSTA 64)' in the page title, and no "
                                     "'Latest SBSTA 64 documents'")
    return m.group(1), int(m.group(2)), title, head


def parse_session_page(url: str, body: bytes | str) -> Page:
    kind = "session_page"
    sel = selector(body)
    body_code, number, title, head = _session_identity(sel, url, kind)
    key = meeting_key(body_code, number)
    page = Page(url, kind, complete_listing=True)
    dates_text, venue = session_header(sel, head)
    start, end = parse_date_range(dates_text) if dates_text else (None, None)
    conference = by_class(sel, ("conference",))
    meeting = MeetingItem(SOURCE, url, key, body_code, number, title=title, start_date=start, end_date=end,
                          venue=venue, conference=conference)
    page.items.append(meeting)
    agenda: AgendaRef | None = None
    for node in headings_and_tables(sel):
        if isinstance(node, tuple):
            agenda = AgendaRef(key, *node)
            if agenda.number not in {a.number for a in meeting.agenda}:
                meeting.agenda.append(agenda)
            continue
        header = header_cells(node)
        if "symbol" in header and ("versions" in header or "status" in header):
            _parse_legacy_table(node, header, url, key, meeting, page)
        elif "symbol" in header:
            _parse_session_table(node, header, url, key, agenda, page)
    _never_silent(sel, page, url, kind)
    return page


def _parse_session_table(table: Selector, header: list[str], url: str, key: str, agenda: AgendaRef | None,
                         page: Page) -> None:
    kind = "session_page"
    at = columns(header, SESSION_COLUMNS, ("symbol", "title", "type", "date"), url, kind)
    for row in body_rows(table):
        cells = row.xpath("./td")
        if len(cells) <= max(at.values()):
            raise LayoutError(url, kind, f"expected {len(header)} cells per row, found {len(cells)}")
        symbol, title = text_of(cells[at["symbol"]]) or None, text_of(cells[at["title"]]) or None
        detail = document_link(row, url)
        if not (symbol or detail):
            if text_of(row):
                raise LayoutError(url, kind, f"a document row with neither a symbol nor a link: {text_of(row)!r}")
            continue
        page.items.append(DocumentItem(
            source=SOURCE, page_url=url, page_kind=kind, symbol=symbol, title=title,
            doc_type=text_of(cells[at["type"]]) or None, publication_date=parse_date(text_of(cells[at["date"]])),
            url=detail, files=file_options(row, url), meetings=[key], agenda_items=[agenda] if agenda else [],
            version=own_version(title),
        ))
        if detail:
            page.follow.append(Follow(detail, "document_page"))


def _parse_legacy_table(table: Selector, header: list[str], url: str, key: str, meeting: MeetingItem,
                        page: Page) -> None:
    """Rows: agenda-item header (one cell), document row (empty first cell, then the header's columns),
    title row."""
    at = {name: header.index(name) + 1 for name in ("symbol", "date", "type", "status", "versions") if name in header}
    if len(at) < 5:
        raise LayoutError(url, "session_page", f"legacy table header changed: {' | '.join(header)}")
    agenda: AgendaRef | None = None
    current: DocumentItem | None = None
    for row in body_rows(table):
        cells = row.xpath("./td")
        texts = [text_of(c) for c in cells]
        if len(cells) > max(at.values()) and not texts[0]:
            status = texts[at["status"]].lower()
            links = {language_of(text_of(a)) or "": absolute(url, a.attrib.get("href"))
                     for a in cells[at["versions"]].css("a")}
            files = [FileLink(lang, links[lang] or "", code)
                     for code in texts[at["versions"]].split() if (lang := language_of(code)) and links.get(lang)]
            current = DocumentItem(
                source=SOURCE, page_url=url, page_kind="session_page", symbol=texts[at["symbol"]] or None,
                publication_date=parse_date(texts[at["date"]]), doc_type=texts[at["type"]] or None, files=files,
                meetings=[key], agenda_items=[agenda] if agenda else [],
                status="withdrawn" if status == "withdrawn" else None,
                details={"status_text": texts[at["status"]]} if texts[at["status"]] else {},
            )
            page.items.append(current)
            continue
        text = " ".join(t for t in texts if t)
        heading = agenda_heading(text)
        if heading:
            agenda = AgendaRef(key, *heading)
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


def _session_minimum(page: Page) -> str | None:
    meeting = next((i for i in page.items if isinstance(i, MeetingItem)), None)
    if meeting is not None and meeting.start_date is None:
        return "no dates of the session (a real session page always shows them)"
    return None


# ---- document page -----------------------------------------------------------------------------------
_FIELD_LABELS = {
    "symbol": "symbol", "document symbol": "symbol",
    "publication date": "publication_date", "date of publication": "publication_date", "published": "publication_date",
    "document type": "doc_type", "type": "doc_type",
    "conference": "conference", "session": "session", "sessions": "session",
    "author": "author", "corporate author": "author",
    "topic": "topics", "topics": "topics",
    "agenda item": "agenda_items", "agenda items": "agenda_items",
    "party": "party", "status": "status", "abstract": "abstract", "languages": "languages",
}
_DOCUMENT_FIELDS = ("symbol", "publication_date", "doc_type", "conference", "session", "author", "agenda_items")


def parse_document_page(url: str, body: bytes | str) -> Page:
    kind = "document_page"
    sel = selector(body)
    title = document_title(sel)
    if not title:
        raise LayoutError(url, kind, "no document title ('.document-title' or the page's h1)")
    nodes = labelled_values(sel, _FIELD_LABELS)
    if not any(k in nodes for k in _DOCUMENT_FIELDS):
        raise LayoutError(url, kind, "none of the labelled fields of a document (Symbol, Publication date, "
                                     "Document type, Session, Agenda item …)")
    fields = {k: value_texts(v) for k, v in nodes.items()}
    languages = [code for w in " ".join(fields.get("languages", [])).split() if (code := language_of(w))]
    files = file_options(sel, url) or open_links(sel, url, languages)
    sessions = meeting_keys(" ".join(fields.get("session", [])))
    agenda = agenda_refs(fields.get("agenda_items", []), sessions)
    stamp = nodes["publication_date"][0].xpath("descendant-or-self::time/@datetime").get() \
        if "publication_date" in nodes and not isinstance(nodes["publication_date"][0].root, str) else None
    status_text = " ".join(fields.get("status", [])).lower()
    details = {k: (v if k == "topics" else " ".join(v)) for k, v in fields.items()
               if k in ("conference", "author", "topics", "abstract", "party", "session") and v}

    def first(key: str) -> str | None:
        values = fields.get(key)
        return values[0] if values else None

    item = DocumentItem(
        source=SOURCE, page_url=url, page_kind=kind, symbol=first("symbol"), title=title,
        doc_type=first("doc_type"), publication_date=parse_date(stamp or first("publication_date")),
        url=canonical_document_url(url), files=files,
        meetings=list(dict.fromkeys(sessions + [a.meeting_key for a in agenda])), agenda_items=agenda,
        status="withdrawn" if "withdrawn" in status_text else None, details=details, version=own_version(title),
    )
    return Page(url, kind, items=[item])


def _document_minimum(page: Page) -> str | None:
    docs = [i for i in page.items if isinstance(i, DocumentItem)]
    if len(docs) != 1:
        return f"{len(docs)} documents, a document page has one"
    if not docs[0].files and docs[0].status != "withdrawn":
        return "no file (an 'Open' link or a language menu): a real document page always has one"
    return None


KINDS = (
    PageKind("documents_listing", parse_documents_listing,
             routes=(("unfccc.int", rf"^{LANG}/(?:documents|decisions)/?$"),),
             sniff=lambda html: "block-views-blockdocuments-block-1" in html
             or "block-views-blockdecisions-block-1" in html,
             minimum=_listing_minimum),
    PageKind("document_page", parse_document_page, routes=(("unfccc.int", rf"^{LANG}/documents/\d+/?$"),),
             sniff=lambda html: "document-title" in html
             or bool(re.search(r">\s*Publication date\s*:?\s*<", html) and re.search(r">\s*Symbol\s*:?\s*<", html)),
             minimum=_document_minimum),
    PageKind("session_page", parse_session_page, routes=(("unfccc.int", rf"^{LANG}/event/[a-z]+-?\d+/?$"),),
             sniff=lambda html: bool(re.search(rf"<h1[^>]*>(?:(?!</h1>).)*\({CODE}\)", html, re.S)
                                     or re.search(rf">\s*Latest {CODE} documents\s*<", html)),
             minimum=all_of(at_least(1, MeetingItem, what="the session"), _session_minimum)),
)
