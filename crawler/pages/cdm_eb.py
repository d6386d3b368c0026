"""Parsers for the CDM Executive Board on cdm.unfccc.int.

Page kinds:
* ``eb_index`` — https://cdm.unfccc.int/EB/index.html: the meetings it lists with their dates ("Next EB
  Meeting: 106 Date: 24 - 27 March 2020", "EB Meeting: 105 Date: …", or a table whose columns are found by
  their header words), each followed to its page;
* ``eb_meeting`` — https://cdm.unfccc.int/Meetings/MeetingInfo/DB/<ID>/view (also without ``/view``, and the
  old /EB/<NNN>/index.html pages): number, dates, time, venue, webcast, observer registration deadline,
  documents under consideration (proposed agenda, annotations, "Annex N - <kind>: <title>"), the meeting
  report and its annexes.
Pages are read by meaning (crawler/pages/cdm_eb_text.py): headers by their words ("EB 107th meeting",
"107th meeting of the CDM Executive Board", "Sixty-second meeting of the Executive Board"), labels by their
words wherever the markup puts them, dates and times through core.when, a document's own version only at
the end of its title. Files live under /UserManagement/FileStorage/<ID> without an extension. Pages declare
ISO-8859-1 and are read as Windows-1252 (crawler.pages.common.decode_html).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from core.errors import LayoutError
from core.items import DeadlineItem, DocumentItem, FileLink, Follow, MeetingItem, Page
from core.meetings import meeting_key
from core.references import find_reference, title_kind
from core.when import first_date, parse_date, parse_date_range, parse_times
from crawler.pages.cdm_eb_text import Block, Link, blocks, document_text, ordinal, ordinal_value
from crawler.pages.common import PageKind, absolute, at_least, selector, squash

SOURCE = "cdm_eb"
STATUSES = ("tentative", "confirmed", "cancelled", "postponed")

# -- labels, headings and the words that end a section, as the real pages write them ---------------------
_LABELS = {
    "dates": r"(?:meeting\s+)?dates?",
    "time": r"times?",
    "venue": r"venue|location",
    "webcast": r"webcasts?|live\s*stream",
    "observer registration deadline": r"observers?\s+registration(?:\s+deadline)?|deadline\s+for\s+(?:the\s+)?"
                                      r"(?:registration\s+of\s+observers|observers?\s+registration)",
}
_LABEL = re.compile(rf"^\s*(?P<label>{'|'.join(f'(?:{v})' for v in _LABELS.values())})\s*(?::\s*(?P<value>.*))?$",
                    re.I | re.S)
_CONSIDERATION = re.compile(r"^\s*(?:documents?\s+(?:under|for)\s+consideration(?:\s+at\s+(?:the|this)\s+meeting)?"
                            r"|meeting\s+documents)\s*(?::|$)", re.I)
_REPORT = re.compile(r"^\s*(?:(?:meeting\s+)?report(?:\s+of\s+the\s+meeting)?(?:\s+and\s+(?:its\s+)?(?:annexes|"
                     r"related\s+documents))?|annexes\s+to\s+the\s+(?:meeting\s+)?report)\s*(?::|$)", re.I)
_SECTION_END = re.compile(r"^\s*(?:to\s+see|to\s+access|accessibility\s+to\s+observers|representatives\s+from|"
                          r"all\s+interested|in\s+case\s+of\s+further|the\s+deadline\s+for\s+registration)", re.I)
# Headers: "107th meeting of the CDM Executive Board", "EB 107th meeting", "Sixty-second meeting of the
# Executive Board", "Fifteenth Meeting".
_FULL_TITLE = re.compile(r"\bmeeting\s+of\s+the\s+(?:CDM\s+)?Executive\s+Board\b", re.I)
_NUMBERED = re.compile(r"^(?:(?:CDM\s+)?EB\s*)?(\d{1,3})(?:st|nd|rd|th)?\s+meeting\b", re.I)
_WORDS = re.compile(r"^(?:(?:CDM\s+)?EB\s+)?([A-Za-z][A-Za-z\s-]*?)\s+meeting\b", re.I)
_EB_NUMBER = re.compile(r"^(?:CDM\s+)?EB\s*-?\s*(\d{1,3})\b", re.I)
# Links: a document file, a meeting page.
_FILE = re.compile(r"/UserManagement/FileStorage/|/filestorage/|\.(?:pdf|docx?|xlsx?|zip|pptx?|rtf)(?:$|[?#])", re.I)
_DOCUMENT_WORDS = re.compile(r"^\s*(?:[-\u2013\u2022]\s*)?(?:annex\b|proposed\s+agenda|provisional\s+agenda|"
                             r"annotat|meeting\s+report|draft\b|CDM-EB)", re.I)
_MEETING_PAGE = re.compile(r"^/(?:Meetings/MeetingInfo/DB/[A-Z0-9]+(?:/view)?/?|EB/\d{3}/index\.html)$", re.I)
# A listed meeting: "Next EB Meeting: 106 Date: …", "EB Meeting: 105 …", "EB 129".
_LISTED = re.compile(r"\b(?:Next\s+)?EB\s*(?:Meeting\s*)?:?\s*(\d{1,3})\b\s*(?P<rest>.*)$", re.I)
_MEETING_REPORT = re.compile(r"(?:(?:CDM\s+)?EB\s*\d{1,3}(?:st|nd|rd|th)?\s+)?meeting\s+report\b|"
                             r"report\s+of\s+the\s+.*\bmeeting\b", re.I)
_ANNEX = re.compile(r"^Annex\s+(\d{1,3})\s*[-\u2013\u2014:]\s*(.+)$", re.I)


def _area(url: str, kind: str, sel: Selector) -> list[Block]:
    found = blocks(sel)
    if not found:
        raise LayoutError(url, kind, "the page has no text outside the site's navigation")
    return found


def _is_meeting_page(href: str | None) -> bool:
    parts = urlsplit(href or "")
    return bool(parts.netloc.lower().removeprefix("www.") in ("", "cdm.unfccc.int") and _MEETING_PAGE.match(parts.path))


def canonical_meeting_url(url: str) -> str:
    """A meeting page's URL as the index links it: '…/DB/<ID>' and '…/DB/<ID>/view' are one page."""
    parts = urlsplit(url)
    if re.match(r"^/Meetings/MeetingInfo/DB/[A-Z0-9]+/?$", parts.path, re.I):
        return parts._replace(path=parts.path.rstrip("/") + "/view").geturl()
    return url


def _title(n: int) -> str:
    return f"{ordinal(n)} meeting of the CDM Executive Board"


# -- the index --------------------------------------------------------------------------------------------
def _column(header: list[str], pattern: str) -> int | None:
    return next((i for i, cell in enumerate(header) if re.search(pattern, cell, re.I)), None)


def _table_meetings(url: str, sel: Selector) -> list[tuple[int, str, str, str, str | None]]:
    """(number, dates, venue, status, link) of each row of a table of meetings, its columns found by their
    header words wherever they are (an extra numbering column, a moved column). A table of links to meeting
    pages whose columns cannot be told is a layout error, never a list read as empty."""
    out = []
    for table in sel.xpath("//table[not(ancestor::*[@id='quickfinder' or @id='mainnav'])]"):
        rows = table.xpath("./tr | ./thead/tr | ./tbody/tr")
        if not rows:
            continue
        header = [squash(" ".join(c.xpath(".//text()").getall())) for c in rows[0].xpath("./th | ./td")]
        meeting, dates = _column(header, r"\bmeeting\b|^EB$|number"), _column(header, r"\bdates?\b")
        if any(re.search(r"\d", cell) for cell in header) or meeting is None or dates is None:
            linked = sum(1 for row in rows if any(_is_meeting_page(h) for h in row.xpath(".//a/@href").getall()))
            labelled = any(re.search(r"\bDates?\s*:", " ".join(r.xpath(".//text()").getall())) for r in rows)
            if linked > 1 and not labelled:  # rows that say 'Date:' are read as lines (_line_meetings)
                raise LayoutError(url, "eb_index", f"a table of {linked} meetings whose columns are not recognised "
                                                   f"(header: {' | '.join(header)})")
            continue
        venue, status = _column(header, r"venue|location"), _column(header, r"status")
        for row in rows[1:]:
            cells = row.xpath("./th | ./td")
            if len(cells) <= max(meeting, dates):
                continue
            text = [squash(" ".join(c.xpath(".//text()").getall())) for c in cells]
            m = _LISTED.search(text[meeting]) or re.match(r"^(\d{1,3})$", text[meeting])
            if not m:
                raise LayoutError(url, "eb_index", f"no meeting number such as 'EB 129' in {text[meeting]!r}")
            link = next((h for h in row.xpath(".//a/@href").getall() if _is_meeting_page(h)), None)
            out.append((int(m.group(1)), text[dates], text[venue] if venue is not None and venue < len(text) else "",
                        text[status].lower() if status is not None and status < len(text) else "", link))
    return out


def _line_meetings(area: list[Block]) -> list[tuple[int, str, str, str, str | None]]:
    """'Next EB Meeting: 106 Date: 24 - 27 March 2020 Webcast': a meeting on a line of its own."""
    out = []
    for i, block in enumerate(area):
        m = _LISTED.search(block.text)
        if not m:
            continue
        number, rest = int(m.group(1)), m.group("rest")
        if parse_date_range(rest)[0] is None and i + 1 < len(area) and re.match(r"\s*Dates?\b", area[i + 1].text):
            rest = f"{rest} {area[i + 1].text}"  # 'Date: …' on a line of its own
        if parse_date_range(rest)[0] is None:
            continue
        link = next((a.href for a in block.links if a.text == str(number) and _is_meeting_page(a.href)), None) or next(
            (a.href for a in block.links if _is_meeting_page(a.href)), None)
        status = next((s for s in STATUSES if re.search(rf"\b{s}\b", rest, re.I)), "")
        out.append((number, re.sub(r"^\s*Dates?\s*:\s*", "", rest, flags=re.I), "", status, link))
    return out


def parse_index(url: str, body: bytes | str) -> Page:
    kind = "eb_index"
    sel = selector(body)
    area = _area(url, kind, sel)
    page = Page(url, kind, complete_listing=True)
    seen: set[int] = set()
    follow: list[str] = []
    for number, dates, venue, status, link in _table_meetings(url, sel) + _line_meetings(area):
        if number in seen:
            continue
        seen.add(number)
        start, end = parse_date_range(dates)
        page.items.append(MeetingItem(SOURCE, url, meeting_key("EB", number), "EB", number, title=_title(number),
                                      start_date=start, end_date=end, venue=venue or None,
                                      status=status if status in STATUSES else None, listing=True))
        if link:
            follow.append(link)
    follow += [a.href for b in area for a in b.links if _is_meeting_page(a.href)]
    follow += [v for v in sel.xpath("//select[not(@id='qf')]/option/@value").getall() if _is_meeting_page(v)]
    for href in dict.fromkeys(filter(None, (absolute(url, h) for h in follow))):
        page.follow.append(Follow(href, "eb_meeting"))
    return page


# -- a meeting page ---------------------------------------------------------------------------------------
def _label(block: Block) -> tuple[str, list[str]] | None:
    """(label, value lines) of a labelled block: 'Dates: 21–23 September …', 'Venue:' + address lines."""
    m = _LABEL.match(block.text)
    if not m or (m.group("value") is None and block.links):
        return None
    said = m.group("label").lower()
    label = next(k for k, v in _LABELS.items() if re.fullmatch(v, said, re.I))
    lines = list(block.lines)
    first = re.sub(rf"^\s*(?:{_LABELS[label]})\s*:?\s*", "", lines[0], flags=re.I) if lines else ""
    return label, [line for line in [first, *lines[1:]] if line]


def _number(url: str, kind: str, area: list[Block]) -> tuple[int, str]:
    """The meeting's number and title from the headers before its first label (the headers vary)."""
    head = []
    for block in area:
        if _label(block) is not None:
            break
        if not block.links and len(block.text) < 120:
            head.append(block.text)
    numbered: list[tuple[int, str]] = []
    for text in head:
        m = _NUMBERED.match(text)
        words = _WORDS.match(text)
        eb = _EB_NUMBER.match(text)
        n = int(m.group(1)) if m else ordinal_value(words.group(1)) if words else int(eb.group(1)) if eb else None
        if n is not None:
            numbered.append((n, text))
    full = [(n, text) for n, text in numbered if _FULL_TITLE.search(text)]
    if full or numbered:
        n, text = (full or numbered)[0]
        return n, text if full else _title(n)
    old = re.search(r"/EB/(\d{3})/", urlsplit(url).path)
    if old:
        return int(old.group(1)), _title(int(old.group(1)))
    raise LayoutError(url, kind, "no meeting number in the page's headers (such as '107th meeting of the CDM "
                                 "Executive Board' or 'Sixty-second meeting')")


def _kind_of(title: str) -> str | None:
    return title_kind(title) or title_kind(re.sub(r"^\s*draft\s+", "", title, flags=re.I))


def _document(link: Link, url: str, number: int, section: str) -> DocumentItem:
    parts = document_text(link.text, link.after)
    href = absolute(url, link.href)
    title, role, symbol = parts.title, "annex" if section == "consideration" else "report_annex", None
    found = find_reference(title)
    if found is not None:
        ref, rest = found
        symbol, title, role = ref.text, rest or title, ref.role or role
    elif re.match(r"(?:proposed|provisional)\s+agenda\b", title, re.I):
        symbol, role = f"CDM-EB{number}-PA", "agenda"
    elif re.match(r"(?:annotations\s+to\s+the\s+(?:proposed\s+|provisional\s+)?agenda|annotated\s+agenda)\b",
                  title, re.I):
        symbol, role = f"CDM-EB{number}-AA", "annotated_agenda"
    elif _MEETING_REPORT.match(title):
        symbol, role = f"CDM-EB{number}", "report"
    elif (annex := _ANNEX.match(title)) is not None:
        title = annex.group(2).strip()
        kind = _kind_of(title)
        symbol = (f"CDM-EB{number}" + ("-AA" if section == "consideration" else "") + f"-A{int(annex.group(1)):02d}"
                  + (f"-{kind}" if kind else ""))
    return DocumentItem(
        source=SOURCE, page_url=url, page_kind="eb_meeting", symbol=symbol, title=title,
        doc_type=title.split(":", 1)[0].strip() if ":" in title else None,
        url=None if symbol else href, files=[FileLink("en", href, link.text, parts.size)] if href else [],
        meetings=[meeting_key("EB", number)], version=parts.version, role=role,
        details={"english_only": True} if parts.english_only else {},
    )


def _heading(block: Block) -> str | None:
    """'consideration' or 'report' for a heading that opens a list of documents (not a document's own link)."""
    if block.links and block.text.startswith(block.links[0].text):
        return None
    if _CONSIDERATION.match(block.text):
        rest = _CONSIDERATION.sub("", block.text, count=1)
        return None if _SECTION_END.match(rest) else "consideration"
    if _REPORT.match(block.text):
        return "report"
    return None


def parse_meeting(url: str, body: bytes | str) -> Page:
    kind = "eb_meeting"
    sel = selector(body)
    area = _area(url, kind, sel)
    number, title = _number(url, kind, area)
    key = meeting_key("EB", number)
    fields: dict[str, tuple[list[str], Block]] = {}
    for i, block in enumerate(area):
        found = _label(block)
        if found is None or found[0] in fields:
            continue
        label, lines = found
        if not lines and i + 1 < len(area) and _label(area[i + 1]) is None and _heading(area[i + 1]) is None:
            lines, block = area[i + 1].lines, area[i + 1]  # the value in the next block: <dt>/<dd>, a row below
        fields[label] = (lines, block)

    def value(label: str) -> str:
        return squash(" ".join(fields[label][0])) if label in fields else ""

    dates = value("dates")
    start, end = parse_date_range(dates)
    details: dict[str, str] = {k: value(k) for k in ("time", "webcast") if value(k)}
    times = parse_times(value("time"))
    if times is not None:
        details |= {"start_time": f"{times.start:%H:%M}", **({"end_time": f"{times.end:%H:%M}"} if times.end else {}),
                    **({"time_zone": times.zone} if times.zone else {})}
    if "webcast" in fields:
        link = next((a.href for a in fields["webcast"][1].links), None)
        if link:
            details["webcast_url"] = absolute(url, link) or link
    if dates and start is None:
        details["dates_text"] = dates
    venue = ", ".join(fields["venue"][0]) if "venue" in fields else ""
    meeting = MeetingItem(SOURCE, url, key, "EB", number, title=title, start_date=start, end_date=end,
                          venue=squash(venue) or None, details=details)
    page = Page(url, kind, items=[meeting], complete_listing=True)
    if "observer registration deadline" in fields:
        said = value("observer registration deadline")
        page.items.append(DeadlineItem(SOURCE, url, f"{canonical_meeting_url(url)}#observer-registration",
                                       "observer_registration", f"EB {number}: observer registration",
                                       parse_date(said) or first_date(said), key))
    page.items += _documents(url, kind, number, area)
    return page


def _documents(url: str, kind: str, number: int, area: list[Block]) -> list[DocumentItem]:
    """The documents listed under 'Documents under consideration' and the report's heading. Document files
    linked elsewhere with a document's words ('Annex 3 - …', 'Proposed agenda …'), or files linked on a page
    where no list is found, mean the lists were not recognised: a layout error, never documents missed."""
    section = ""
    documents: list[DocumentItem] = []
    strays: list[str] = []
    for block in area:
        heading = _heading(block)
        if heading:
            section = heading
        elif _label(block) is not None or _SECTION_END.match(block.text):
            section = ""
        for link in block.links:
            if section and (_FILE.search(link.href) or _DOCUMENT_WORDS.match(link.text)):
                documents.append(_document(link, url, number, section))
            elif not section and _FILE.search(link.href) and _DOCUMENT_WORDS.match(link.text):
                strays.append(link.text)
    if strays or not documents and any("/filestorage/" in a.href.lower() for b in area for a in b.links):
        raise LayoutError(url, kind, "links to document files outside a list of documents under a heading such as "
                                     f"'Documents under consideration' ({'; '.join(strays[:3])})")
    return documents


def _dated_meeting(page: Page) -> str | None:
    """A meeting page always says when the meeting is: its dates (or a text where dates go)."""
    meetings = [i for i in page.items if isinstance(i, MeetingItem)]
    if meetings and (meetings[0].start_date or meetings[0].details.get("dates_text")):
        return None
    return "no meeting dates (a 'Dates:' label with a date)"


KINDS = (
    PageKind("eb_index", parse_index, routes=(("cdm.unfccc.int", r"^/EB/index\.html$"),),
             minimum=at_least(1, MeetingItem, what="a meeting listed with its number and dates")),
    PageKind("eb_meeting", parse_meeting, minimum=_dated_meeting,
             routes=(("cdm.unfccc.int", r"^/Meetings/MeetingInfo/DB/[A-Z0-9]+(?:/view)?/?$"),
                     ("cdm.unfccc.int", r"^/EB/\d{3}/index\.html$"))),
)
