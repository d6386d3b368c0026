"""Parsers for the Article 6.4 Supervisory Body on unfccc.int.

Page kinds:
* ``sbm_meetings`` — the meetings list (/node/471573): a table with the columns Meeting | Date and venue |
  Documents under consideration | Report and related documents, found by its header words;
* ``sbm_meeting`` — a meeting page (/node/NNN): dates, time, venue, numbered agenda with the
  documents under consideration, the report and approved documents;
* ``sbm_in_meeting`` — in-meeting documents with timestamped iterations;
* ``sbm_call_for_input`` — a call for input and its deadlines (a general one, one per annex);
* ``sbm_rules`` — rules and regulations: Title | Year | Symbol number.

Pages are read as the lines a reader sees (crawler/pages/a64_sbm_text.py), wherever they are on the
page: no ``<main>``, other field classes, agenda items in bold paragraphs or headings read the same.
Each kind declares what a real page of it always has (``minimum``); less is a layout error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

from parsel import Selector

from core import meetings
from core.errors import LayoutError
from core.items import AgendaRef, DeadlineItem, DocumentItem, FileLink, Follow, MeetingItem, Page
from core.references import find_reference, split_own_version
from core.sources import CALLS_FOR_INPUT, SBM_BODY
from core.when import first_date, parse_date_range
from crawler.pages.a64_sbm_text import (
    ANNEX,
    Found,
    Line,
    after_dates,
    agenda_item,
    columns,
    deadline_in,
    documents_in,
    iterations,
    meeting_number,
    read_header,
    read_lines,
)
from crawler.pages.common import LANG, PageKind, absolute, at_least, h1_matches, selector, squash, text_of

SOURCE = "a64_sbm"
_STATUS_WORDS = ("cancelled", "postponed", "tentative")
# '13th meeting of the Article 6.4 Supervisory Body (SBM 013)'; not 'Summary of the 13th meeting of …'
_MEETING_TITLE = re.compile(r"^(?:the\s+)?[\w-]+\s+meeting of the (?:Article 6\.4 )?Supervisory Body\b", re.I)
_IN_MEETING = re.compile(r"\bin[- ]meeting\b", re.I)
_PENDING = re.compile(r"\b(?:will be (?:published|made available|posted|uploaded|available)|forthcoming|"
                      r"not yet (?:published|available)|coming soon)\b", re.I)


def meeting_key(number: int) -> str:
    return meetings.meeting_key("SBM", number)


def meeting_code(number: int) -> str:
    return meetings.display_code("SBM", number)


def _status(text: str) -> str | None:
    lowered = text.lower()
    return next((word for word in _STATUS_WORDS if word in lowered), None)


def _document(url: str, kind: str, found: Found, meeting_keys: list[str],
              agenda: list[AgendaRef] | None = None) -> DocumentItem:
    title = found.title
    href = absolute(url, found.file.href) if found.file else None
    recording = absolute(url, found.recording.href) if found.recording else None
    return DocumentItem(
        source=SOURCE, page_url=url, page_kind=kind, symbol=found.ref.text, title=title,
        doc_type=title.split(":", 1)[0].strip() if title and ":" in title else None,
        files=[FileLink("en", href, found.file.text)] if href and found.file else [], meetings=list(meeting_keys),
        agenda_items=list(agenda or []), version=found.version, role=found.ref.role,
        details={"recording": recording} if recording else {},
    )


def _title(sel: Selector, lines: list[Line], test: Callable[[str], bool]) -> str | None:
    """The page's title: its first-level heading that passes ``test``; the first line that does when the
    page has no h1."""
    heads = [squash(" ".join(h.css("::text").getall())) for h in sel.css("h1")]
    return next((t for t in heads or [line.text for line in lines] if test(t)), None)


# --- the meetings list ----------------------------------------------------------------------------

_MEETING_COLUMNS: dict[str, Callable[[str], bool]] = {
    "meeting": lambda t: t.startswith("meeting") and not re.search(r"date|document|report", t),
    "when": lambda t: "date" in t,
    "documents": lambda t: "consideration" in t,
    "report": lambda t: "report" in t,
}


def parse_meetings_list(url: str, body: bytes | str) -> Page:
    kind = "sbm_meetings"
    sel = selector(body)
    tables = [found for t in sel.css("table") if (found := columns(t, _MEETING_COLUMNS, ("meeting", "when")))]
    if not tables:
        raise LayoutError(url, kind, "no table with the columns Meeting and Date and venue")
    page = Page(url, kind, complete_listing=True)
    for cols, rows in tables:
        for row in rows:
            cells = row.xpath("./td")
            if not "".join(text_of(c) for c in cells):
                continue
            if max(cols.values()) >= len(cells):
                if meeting_number(text_of(row)) is None:
                    continue  # a row spanning the table: a sub-heading
                raise LayoutError(url, kind, f"a meeting row has {len(cells)} cells, its header more")
            name = text_of(cells[cols["meeting"]])
            number = meeting_number(name)
            if number is None:
                raise LayoutError(url, kind, f"no meeting code such as (SBM 012) in {name!r}")
            key = meeting_key(number)
            lines = [line.text for line in read_lines(cells[cols["when"]])]
            dated = [t for t in lines if parse_date_range(t)[0] or _status(t)]
            when = dated[0] if dated else " ".join(lines)
            start, end = parse_date_range(when)
            venue = next((t for t in lines if t not in dated), None) or after_dates(when)
            page.items.append(MeetingItem(SOURCE, url, key, "SBM", number, title=name, start_date=start, end_date=end,
                                          venue=venue, status=_status(" ".join(lines)), listing=True))
            links = [a.attrib.get("href") for c in ("meeting", "documents") if c in cols
                     for a in cells[cols[c]].css("a[href]") if not find_reference(text_of(a))]
            target = next((t for h in links if (t := absolute(url, h)) and "/sites/default/files/" not in t), None)
            if target:
                page.follow.append(Follow(target, "sbm_meeting"))
            for column in ("documents", "report"):
                if column in cols:
                    page.items += [_document(url, kind, found, [key]) for line in read_lines(cells[cols[column]])
                                   for found in documents_in(line)]
    return page


# --- a meeting page -------------------------------------------------------------------------------

def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_meeting_title(text: str) -> bool:
    return bool(_MEETING_TITLE.search(text)) and not _IN_MEETING.search(text)


def parse_meeting_page(url: str, body: bytes | str) -> Page:
    kind = "sbm_meeting"
    sel = selector(body)
    lines = read_lines(sel)
    title = _title(sel, lines, _is_meeting_title)
    at = next((i for i, line in enumerate(lines) if _bare(line.text) == _bare(title or "")), None)
    number = meeting_number(title) if title else None
    if title is None or at is None or number is None:
        raise LayoutError(url, kind, "no heading such as '13th meeting of the Article 6.4 Supervisory Body (SBM 013)'")
    key = meeting_key(number)
    header, used = read_header(lines, at)
    start, end = parse_date_range(header.get("when"))
    details = {k: v for k, v in header.items() if k in ("time", "address") and v}
    meeting = MeetingItem(SOURCE, url, key, "SBM", number, title=title, start_date=start, end_date=end,
                          venue=header.get("venue") or None, status=_status(header.get("when") or ""), details=details)
    page = Page(url, kind, items=[meeting], complete_listing=True)
    section, agenda = "", None
    documents: dict[str, DocumentItem] = {}
    for i, line in enumerate(lines):
        if i in used:
            continue
        item = agenda_item(line)
        found = documents_in(line)
        if item:
            agenda = AgendaRef(key, *item)
            if all(a.number != agenda.number for a in meeting.agenda):
                meeting.agenda.append(agenda)
        elif found:
            for f in found:
                refs = [agenda] if agenda and section != "report" else []
                documents.setdefault(f.ref.text, _document(url, kind, f, [key], refs))
        elif re.search(r"meeting report|approved documents|report and", line.text, re.I):
            section, agenda = "report", None
        elif re.search(r"agenda and documents|documents under consideration", line.text, re.I):
            section, agenda = "agenda", None
        elif line.level and not re.search(r"under consideration|in[- ]meeting doc", line.text, re.I):
            section, agenda = "other", None
        if i > at and _PENDING.search(line.text):
            page.meta["documents_pending"] = True
        for link in line.links:
            href = absolute(url, link.href)
            text = link.text.lower()
            if not href:
                continue
            if "webcast" in text and "webcast" not in meeting.details:
                meeting.details["webcast"] = href
            elif "in-meeting-doc-broadcast-SBM" in href or ("in-meeting" in text and "/node/" in href):
                page.follow.append(Follow(href, "sbm_in_meeting"))
            elif "/calls-for-input/SBM" in href or ("call for input" in text and "/node/" in href):
                page.follow.append(Follow(href, "sbm_call_for_input"))
    page.items += documents.values()
    return page


def _meeting_minimum(page: Page) -> str | None:
    meeting = next((i for i in page.items if isinstance(i, MeetingItem)), None)
    if meeting is None or meeting.start_date is None:
        return "the meeting's dates"
    if meeting.agenda or any(isinstance(i, DocumentItem) for i in page.items) or page.meta.get("documents_pending"):
        return None
    return "an agenda item or a document (or the note that they will be published)"


# --- in-meeting documents -------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parse_in_meeting_page(url: str, body: bytes | str) -> Page:
    kind = "sbm_in_meeting"
    sel = selector(body)
    lines = read_lines(sel)
    title = _title(sel, lines, lambda t: bool(_IN_MEETING.search(t)))
    path = re.search(r"SBM(\d{3})\b", urlsplit(url).path)
    number = (meeting_number(title) if title else None) or (int(path.group(1)) if path else None)
    if title is None or number is None:
        raise LayoutError(url, kind, "no heading such as 'In-meeting documents … (SBM 021)'")
    key = meeting_key(number)
    page = Page(url, kind, complete_listing=True)
    agenda: AgendaRef | None = None
    for line in lines:
        item = agenda_item(line)
        if item:
            agenda = AgendaRef(key, *item)
            page.meta.setdefault("agenda", []).append(agenda.number)
            continue
        stamps = iterations(line.text)
        for start, end, doc_title, day, clock in stamps:
            link = next((link for link in line.links if start <= link.start < end), None)
            href = absolute(url, link.href) if link else None
            page.items.append(DocumentItem(
                source=SOURCE, page_url=url, page_kind=kind, title=doc_title, doc_type="In-meeting document",
                url=f"{url}#{_slug(doc_title)}", files=[FileLink("en", href, link.text)] if href and link else [],
                meetings=[key], agenda_items=[agenda] if agenda else [], version=f"{day.isoformat()} {clock}",
                role="in_meeting", publication_date=day,
            ))
        if not stamps and any(re.match(r"in[- ]meeting document\b(?!s)", link.text, re.I) for link in line.links):
            # an iteration we cannot read must not read as a withdrawn document two runs later
            raise LayoutError(url, kind, f"an in-meeting document without a readable '(version <date> @<time>)':"
                                         f" {line.text[:120]!r}")
    return page


def _in_meeting_minimum(page: Page) -> str | None:
    if any(isinstance(i, DocumentItem) for i in page.items) or page.meta.get("agenda"):
        return None
    return "an in-meeting document or the meeting's agenda"


# --- calls for input ------------------------------------------------------------------------------

def parse_call_for_input(url: str, body: bytes | str) -> Page:
    kind = "sbm_call_for_input"
    sel = selector(body)
    lines = read_lines(sel)
    title = _title(sel, lines, lambda t: t.lower().startswith("call for input") or "call for input:" in t.lower())
    if title is None:
        raise LayoutError(url, kind, "no heading 'Call for input: …'")
    path = re.search(r"SBM(\d{3})", urlsplit(url).path)
    number = meeting_number(title) or (int(path.group(1)) if path else None) or next(
        (n for line in lines if re.search(r"\bSBM\s?\d{3}\b", line.text) and (n := meeting_number(line.text))), None)
    meeting = meeting_key(number) if number else None
    scoped = re.sub(r"^(call for input)\s*:\s*", r"\1 ", title, flags=re.I)
    general: list[tuple[tuple[bool, bool], date]] = []
    annexes: dict[str, date] = {}
    listed = False  # in the list after '… the deadline for input on the following annexes:'
    for line in lines:
        if _bare(line.text) == _bare(title):
            continue
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", line.text):
            found = deadline_in(sentence, listed)
            if found is None:
                continue
            scope = ANNEX.search(sentence)
            if scope:
                annexes.setdefault(re.sub(r"^annex", "Annex", squash(scope.group(0)), flags=re.I), found[0])
            else:  # the extended deadline, else the first said with 'until', 'deadline' …, else the first
                general.append((("extend" in sentence.lower(), found[1]), found[0]))
        if re.search(r"deadline", line.text, re.I) and line.text.endswith(":"):
            listed = True
        elif not first_date(line.text):
            listed = False
    page = Page(url, kind)
    if general:
        due = max(general, key=lambda g: g[0])[1]
        page.items.append(DeadlineItem(SOURCE, url, url, "call_for_input", title, due, meeting))
    for what, due in annexes.items():
        page.items.append(DeadlineItem(SOURCE, url, f"{url}#{_slug(what)}", "call_for_input", f"{scoped}: {what}",
                                       due, meeting))
    return page


# --- rules and regulations ------------------------------------------------------------------------

_RULE_COLUMNS: dict[str, Callable[[str], bool]] = {
    "title": lambda t: "title" in t or t in ("document", "name"),
    "year": lambda t: "year" in t,
    "symbol": lambda t: "symbol" in t or "reference" in t,
}


def parse_rules(url: str, body: bytes | str) -> Page:
    kind = "sbm_rules"
    sel = selector(body)
    tables = [(t, found) for t in sel.css("table") if (found := columns(t, _RULE_COLUMNS, ("title", "symbol")))]
    if not tables:
        raise LayoutError(url, kind, "no table with the columns Title and Symbol number")
    page = Page(url, kind, complete_listing=True)
    for table, (cols, rows) in tables:
        heading = table.xpath("preceding::*[self::h2 or self::h3 or self::h4 or self::button or self::summary][1]")
        category = text_of(heading[0]) if heading else None
        for row in rows:
            cells = row.xpath("./td")
            if max(cols.values()) >= len(cells):
                continue  # a row spanning the table: a sub-heading
            reference = find_reference(text_of(cells[cols["symbol"]]))
            if reference is None:
                continue
            raw_title = text_of(cells[cols["title"]])
            title, version = split_own_version(raw_title)
            href = absolute(url, cells[cols["title"]].css("a::attr(href)").get())
            year = text_of(cells[cols["year"]]) if "year" in cols else ""
            page.items.append(DocumentItem(
                source=SOURCE, page_url=url, page_kind=kind, symbol=reference[0].text, title=title,
                doc_type=title.split(":", 1)[0].strip() if ":" in title else None,
                files=[FileLink("en", href, raw_title)] if href else [], version=version,
                role="regulatory", details={"year": year, **({"category": category} if category else {})},
            ))
    return page


def _sniff_meeting(html: str) -> bool:
    heads = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S | re.I)
    return any(_is_meeting_title(squash(re.sub(r"<[^>]+>", " ", h))) for h in heads)


KINDS = (
    PageKind("sbm_meetings", parse_meetings_list, routes=(("unfccc.int", rf"^{LANG}/node/471573/?$"),),
             sniff=h1_matches("Meetings of the Supervisory Body"),
             minimum=at_least(1, MeetingItem, what="a meeting row")),
    PageKind("sbm_rules", parse_rules, routes=(("unfccc.int", rf"^{LANG}{SBM_BODY}/rules-and-regulations/?$"),),
             minimum=at_least(1, DocumentItem, what="a regulatory document row")),
    PageKind("sbm_in_meeting", parse_in_meeting_page,
             routes=(("unfccc.int", rf"^{LANG}{SBM_BODY}/[^/]+/in-meeting-doc-broadcast-SBM\d{{3}}/?$"),),
             minimum=_in_meeting_minimum),
    PageKind("sbm_call_for_input", parse_call_for_input,
             routes=(("unfccc.int", rf"^{LANG}{CALLS_FOR_INPUT}/SBM\d{{3}}/?$"),),
             sniff=h1_matches("Call for input"),
             minimum=at_least(1, DeadlineItem, what="a deadline ('open until …')")),
    PageKind("sbm_meeting", parse_meeting_page, sniff=_sniff_meeting, minimum=_meeting_minimum),
)
