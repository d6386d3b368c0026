"""Parsers for the Article 6.4 Supervisory Body on unfccc.int.

Page kinds:
* ``sbm_meetings`` — the meetings list (/node/471573): Meeting | Date and venue | Documents under
  consideration | Report and related documents;
* ``sbm_meeting`` — a meeting page (/node/NNN): dates, time, venue, numbered agenda with the
  documents under consideration, the report and approved documents;
* ``sbm_in_meeting`` — in-meeting documents with timestamped iterations;
* ``sbm_call_for_input`` — a call for input and its deadlines;
* ``sbm_rules`` — rules and regulations: Title | Year | Symbol number.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from core import meetings
from core.errors import LayoutError
from core.items import AgendaRef, DeadlineItem, DocumentItem, FileLink, Follow, MeetingItem, Page
from core.references import find_reference, parse_version, strip_version
from core.sources import CALLS_FOR_INPUT, SBM_BODY
from core.when import parse_date, parse_date_range
from crawler.pages.common import LANG, PageKind, absolute, h1_matches, selector, squash, text_of

SOURCE = "a64_sbm"
_CODE = re.compile(r"\((SBM?)\s?(\d{3})\)")
_AGENDA = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(.+)$")
_STATUS_WORDS = ("cancelled", "postponed", "tentative")


def meeting_key(number: int) -> str:
    return meetings.meeting_key("SBM", number)


def meeting_code(number: int) -> str:
    return meetings.display_code("SBM", number)


def _header(table: Selector) -> list[str]:
    return [text_of(th).lower() for th in table.xpath("./thead/tr[1]/th | ./tr[1]/th")]


def _tables(sel: Selector, header: list[str], url: str, kind: str) -> list[Selector]:
    tables = [t for t in sel.css("table") if _header(t)[: len(header)] == header]
    if not tables:
        raise LayoutError(url, kind, f"no table with the header {' | '.join(header)}")
    return tables


def reference_document(link: Selector, url: str, kind: str, meetings: list[str],
                       agenda: list[AgendaRef] | None = None) -> DocumentItem | None:
    """A link whose text starts with a reference: 'A6.4-SBM013-AA-A05 – Draft procedure: … (version 01.0)'."""
    text = text_of(link)
    found = find_reference(text)
    if found is None:
        return None
    ref, rest = found
    href = absolute(url, link.attrib.get("href"))
    title = strip_version(rest) or None
    return DocumentItem(
        source=SOURCE, page_url=url, page_kind=kind, symbol=ref.text, title=title,
        doc_type=title.split(":", 1)[0].strip() if title and ":" in title else None,
        files=[FileLink("en", href, text)] if href else [], meetings=list(meetings),
        agenda_items=list(agenda or []), version=parse_version(rest), role=ref.role,
    )


def _status(text: str) -> str | None:
    lowered = text.lower()
    return next((word for word in _STATUS_WORDS if word in lowered), None)


def parse_meetings_list(url: str, body: bytes | str) -> Page:
    kind = "sbm_meetings"
    sel = selector(body)
    header = ["meeting", "date and venue", "documents under consideration", "report and related documents"]
    page = Page(url, kind, complete_listing=True)
    for table in _tables(sel, header, url, kind):
        for row in table.xpath("./tbody/tr[td] | ./tr[td]"):
            cells = row.xpath("./td")
            if len(cells) != 4:
                raise LayoutError(url, kind, f"expected 4 cells per meeting row, found {len(cells)}")
            m = _CODE.search(text_of(cells[0]))
            if not m:
                raise LayoutError(url, kind, f"no meeting code such as (SBM 012) in {text_of(cells[0])!r}")
            number = int(m.group(2))
            key = meeting_key(number)
            lines = [squash(t) for t in cells[1].xpath(".//text()").getall() if squash(t)]
            when = lines[0] if lines else ""
            start, end = parse_date_range(when)
            venue = lines[1] if len(lines) > 1 else None
            page.items.append(MeetingItem(SOURCE, url, key, "SBM", number, title=text_of(cells[0]),
                                          start_date=start, end_date=end, venue=venue, status=_status(when),
                                          listing=True))
            link = cells[0].css("a::attr(href)").get() or cells[2].css("a::attr(href)").get()
            if link:
                target = absolute(url, link)
                if target:
                    page.follow.append(Follow(target, "sbm_meeting"))
            for a in cells[3].css("a"):
                item = reference_document(a, url, kind, [key])
                if item:
                    page.items.append(item)
    return page


def parse_meeting_page(url: str, body: bytes | str) -> Page:
    kind = "sbm_meeting"
    sel = selector(body)
    title = squash(" ".join(sel.css("h1 ::text").getall()))
    m = _CODE.search(title)
    if not m or not re.search(r"meeting of the Article 6\.4 Supervisory Body", title):
        raise LayoutError(url, kind, "no heading such as '13th meeting of the Article 6.4 Supervisory Body (SBM 013)'")
    number = int(m.group(2))
    key = meeting_key(number)

    def field(name: str) -> str:
        return squash(" ".join(sel.css(f".field--name-field-event-{name} .field--item ::text").getall()))

    start, end = parse_date_range(field("date"))
    meeting = MeetingItem(SOURCE, url, key, "SBM", number, title=title, start_date=start, end_date=end,
                          venue=field("location") or None,
                          details={k: v for k, v in {"time": field("time")}.items() if v})
    page = Page(url, kind, items=[meeting], complete_listing=True)
    section = ""
    agenda: AgendaRef | None = None
    for node in sel.xpath("//main//*[self::h2 or self::h3 or self::h4 or self::a[@href]]"):
        tag = node.root.tag
        if tag == "h2":
            section = text_of(node).lower()
            agenda = None
        elif tag in ("h3", "h4"):
            am = _AGENDA.match(text_of(node))
            if am:
                agenda = AgendaRef(key, am.group(1), am.group(2))
                meeting.agenda.append(agenda)
        else:
            item = reference_document(node, url, kind, [key], [agenda] if agenda and "agenda" in section else [])
            if item:
                page.items.append(item)
                continue
            href = absolute(url, node.attrib.get("href"))
            if href and "in-meeting-doc-broadcast-SBM" in href:
                page.follow.append(Follow(href, "sbm_in_meeting"))
            elif href and "/calls-for-input/SBM" in href:
                page.follow.append(Follow(href, "sbm_call_for_input"))
    return page


_ITERATION = re.compile(
    r"^(?P<title>.+?)\s*\((?:version|v\.)\s*(?P<date>\d{1,2}\s+\w+\.?\s+\d{4})\s*@\s*(?P<time>\d{1,2}[:.]\d{2})\s*(?:hrs|h)?\s*\)\s*$",
    re.IGNORECASE)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parse_in_meeting_page(url: str, body: bytes | str) -> Page:
    kind = "sbm_in_meeting"
    sel = selector(body)
    title = squash(" ".join(sel.css("h1 ::text").getall()))
    m = _CODE.search(title) or re.search(r"(SBM)(\d{3})\b", urlsplit(url).path)
    if "in-meeting" not in title.lower() or not m:
        raise LayoutError(url, kind, "no heading such as 'In-meeting documents … (SBM 021)'")
    key = meeting_key(int(m.group(2)))
    page = Page(url, kind, complete_listing=True)
    for link in sel.css("main a[href]"):
        im = _ITERATION.match(text_of(link))
        if not im:
            if text_of(link).lower().startswith("in-meeting document"):
                # an iteration we cannot read must not read as a withdrawn document two runs later
                raise LayoutError(url, kind, f"an in-meeting document without a readable '(version <date> @<time>)':"
                                             f" {text_of(link)[:120]!r}")
            continue
        doc_title = squash(im.group("title"))
        stamp = parse_date(im.group("date"))
        version = f"{stamp.isoformat() if stamp else im.group('date')} {im.group('time').replace('.', ':')}"
        href = absolute(url, link.attrib.get("href"))
        page.items.append(DocumentItem(
            source=SOURCE, page_url=url, page_kind=kind, title=doc_title, doc_type="In-meeting document",
            url=f"{url}#{_slug(doc_title)}", files=[FileLink("en", href, text_of(link))] if href else [],
            meetings=[key], version=version, role="in_meeting", publication_date=stamp,
        ))
    return page


_UNTIL = re.compile(r"(?:open until|until|by)\s+(\d{1,2}\s+\w+\s+\d{4})", re.IGNORECASE)


def parse_call_for_input(url: str, body: bytes | str) -> Page:
    kind = "sbm_call_for_input"
    sel = selector(body)
    title = squash(" ".join(sel.css("h1 ::text").getall()))
    if "call for input" not in title.lower():
        raise LayoutError(url, kind, "no heading 'Call for input: …'")
    m = re.search(r"SBM\s?(\d{3})", title) or re.search(r"SBM(\d{3})", urlsplit(url).path)
    meeting = meeting_key(int(m.group(1))) if m else None
    subject = title.split(":", 1)[-1].strip()
    page = Page(url, kind)
    for paragraph in sel.css("main p"):
        text = text_of(paragraph)
        found = _UNTIL.search(text)
        if not found:
            continue
        due = parse_date(found.group(1))
        scope = re.search(r"\b(?:on|for)\s+(Annex(?:es)?\s[\w ,]+?)\s+(?:may|can|must|should|are|is)\b", text)
        if scope:
            what = scope.group(1)
            page.items.append(DeadlineItem(SOURCE, url, f"{url}#{_slug(what)}", "call_for_input",
                                           f"Call for input {subject}: {what}", due, meeting))
        else:
            page.items.append(DeadlineItem(SOURCE, url, url, "call_for_input", f"Call for input: {subject}",
                                           due, meeting))
    return page


def parse_rules(url: str, body: bytes | str) -> Page:
    kind = "sbm_rules"
    sel = selector(body)
    page = Page(url, kind, complete_listing=True)
    for table in _tables(sel, ["title", "year", "symbol number"], url, kind):
        heading = table.xpath("preceding::*[self::h2 or self::h3][1]")
        category = text_of(heading[0]) if heading else None
        for row in table.xpath("./tbody/tr[td] | ./tr[td]"):
            cells = row.xpath("./td")
            if len(cells) != 3:
                raise LayoutError(url, kind, f"expected 3 cells per row, found {len(cells)}")
            found = find_reference(text_of(cells[2]))
            if found is None:
                continue
            raw_title = text_of(cells[0])
            title = strip_version(raw_title)
            href = absolute(url, cells[0].css("a::attr(href)").get())
            page.items.append(DocumentItem(
                source=SOURCE, page_url=url, page_kind=kind, symbol=found[0].text, title=title,
                doc_type=title.split(":", 1)[0].strip() if ":" in title else None,
                files=[FileLink("en", href, raw_title)] if href else [], version=parse_version(raw_title),
                role="regulatory", details={"year": text_of(cells[1]), **({"category": category} if category else {})},
            ))
    return page


KINDS = (
    PageKind("sbm_meetings", parse_meetings_list, routes=(("unfccc.int", rf"^{LANG}/node/471573/?$"),),
             sniff=h1_matches("Meetings of the Supervisory Body")),
    PageKind("sbm_rules", parse_rules, routes=(("unfccc.int", rf"^{LANG}{SBM_BODY}/rules-and-regulations/?$"),)),
    PageKind("sbm_in_meeting", parse_in_meeting_page,
             routes=(("unfccc.int", rf"^{LANG}{SBM_BODY}/[^/]+/in-meeting-doc-broadcast-SBM\d{{3}}/?$"),)),
    PageKind("sbm_call_for_input", parse_call_for_input,
             routes=(("unfccc.int", rf"^{LANG}{CALLS_FOR_INPUT}/SBM\d{{3}}/?$"),), sniff=h1_matches("Call for input")),
    PageKind("sbm_meeting", parse_meeting_page, sniff=h1_matches(r"Article 6\.4 Supervisory Body \(SBM?\s?\d{3}\)")),
)
