"""Parsers for the CDM Executive Board on cdm.unfccc.int.

Page kinds:
* ``eb_index`` — https://cdm.unfccc.int/EB/index.html: the meetings and the next meeting;
* ``eb_meeting`` — https://cdm.unfccc.int/Meetings/MeetingInfo/DB/<ID>/view: number, dates, time,
  venue, webcast, observer registration deadline, documents under consideration (proposed agenda,
  annotations, "Annex N - <kind>: <title>"), the meeting report and its annexes.
Files live under /UserManagement/FileStorage/<ID> without an extension (type from content). Pages
are ISO-8859-1, with the site chrome of the real pages (sample_site/data/cdm-project-*.html).
"""

from __future__ import annotations

import re

from parsel import Selector

from core.errors import LayoutError
from core.items import DeadlineItem, DocumentItem, FileLink, Follow, MeetingItem, Page
from core.meetings import meeting_key
from core.references import find_reference, parse_version, strip_version, title_kind
from core.when import parse_date, parse_date_range
from crawler.pages.common import PageKind, absolute, selector, squash, text_of

SOURCE = "cdm_eb"
_HEADER = re.compile(r"(\d{1,3})(?:st|nd|rd|th) meeting of the CDM Executive Board", re.IGNORECASE)
_ANNEX = re.compile(r"^Annex\s+(\d{1,3})\s*[-\u2013:]\s*(.+)$", re.IGNORECASE)
_LABELS = ("dates", "time", "venue", "webcast", "observer registration deadline")


def _header_text(sel: Selector) -> str:
    return squash(" ".join(sel.css("div.mH.header ::text").getall()))


def parse_index(url: str, body: bytes | str) -> Page:
    kind = "eb_index"
    sel = selector(body)
    if "Executive Board" not in _header_text(sel):
        raise LayoutError(url, kind, "no 'CDM Executive Board' page header (div.mH.header)")
    tables = [t for t in sel.css("table.formTable")
              if [text_of(th).lower() for th in t.xpath(".//tr[1]/th")][:3] == ["meeting", "dates", "venue"]]
    if not tables:
        raise LayoutError(url, kind, "no meetings table (Meeting | Dates | Venue)")
    page = Page(url, kind, complete_listing=True)
    for row in tables[0].xpath(".//tr[td]"):
        cells = row.xpath("./td")
        m = re.search(r"EB\s?(\d{1,3})", text_of(cells[0]))
        if not m:
            raise LayoutError(url, kind, f"no meeting number such as 'EB 129' in {text_of(cells[0])!r}")
        number = int(m.group(1))
        start, end = parse_date_range(text_of(cells[1]))
        status = text_of(cells[3]).lower() if len(cells) > 3 else ""
        page.items.append(MeetingItem(SOURCE, url, meeting_key("EB", number), "EB", number,
                                      title=f"{number}th meeting of the CDM Executive Board",
                                      start_date=start, end_date=end, venue=text_of(cells[2]) or None,
                                      status=status if status in ("tentative", "confirmed", "cancelled",
                                                                  "postponed") else None, listing=True))
        href = absolute(url, cells[0].css("a::attr(href)").get())
        if href:
            page.follow.append(Follow(href, "eb_meeting"))
    return page


def _labelled(sel: Selector) -> dict[str, tuple[str, Selector]]:
    out: dict[str, tuple[str, Selector]] = {}
    for p in sel.css("#main p"):
        label = squash(" ".join(p.css("b ::text").getall())).rstrip(":").lower()
        if label in _LABELS:
            value = squash(" ".join(p.xpath("./text() | ./*[not(self::b)]//text()").getall()))
            out[label] = (value, p)
    return out


def _document(link: Selector, url: str, number: int, section: str) -> DocumentItem:
    text = text_of(link)
    href = absolute(url, link.attrib.get("href"))
    version = parse_version(text)
    title = strip_version(text)
    role: str | None
    found = find_reference(title)
    if found is not None:
        ref, rest = found
        symbol, title, role = ref.text, rest or title, ref.role
    elif re.match(r"proposed agenda|provisional agenda", title, re.IGNORECASE):
        symbol, role = f"CDM-EB{number}-PA", "agenda"
    elif re.match(r"annotations to the agenda|annotated agenda", title, re.IGNORECASE):
        symbol, role = f"CDM-EB{number}-AA", "annotated_agenda"
    elif re.match(r"meeting report", title, re.IGNORECASE):
        symbol, role = f"CDM-EB{number}", "report"
    elif (annex := _ANNEX.match(title)) is not None:
        title = annex.group(2).strip()
        kind = title_kind(title)
        under_consideration = section == "consideration"
        symbol = f"CDM-EB{number}" + ("-AA" if under_consideration else "") + f"-A{int(annex.group(1)):02d}" + (
            f"-{kind}" if kind else "")
        role = "annex" if under_consideration else "report_annex"
    else:
        symbol, role = None, "annex" if section == "consideration" else "report_annex"
    return DocumentItem(
        source=SOURCE, page_url=url, page_kind="eb_meeting", symbol=symbol, title=title,
        doc_type=title.split(":", 1)[0].strip() if ":" in title else None,
        url=None if symbol else href, files=[FileLink("en", href, text)] if href else [],
        meetings=[meeting_key("EB", number)], version=version, role=role,
    )


def parse_meeting(url: str, body: bytes | str) -> Page:
    kind = "eb_meeting"
    sel = selector(body)
    header = _header_text(sel)
    m = _HEADER.search(header)
    if not m:
        raise LayoutError(url, kind, "no header such as '128th meeting of the CDM Executive Board'")
    number = int(m.group(1))
    key = meeting_key("EB", number)
    fields = _labelled(sel)
    dates = fields.get("dates", ("", None))[0]
    start, end = parse_date_range(dates)
    details = {k: v for k, (v, _p) in fields.items() if k in ("time", "webcast") and v}
    if "webcast" in fields:
        link = fields["webcast"][1].css("a::attr(href)").get()
        if link:
            details["webcast_url"] = link
    if "dates" in fields and start is None:
        details["dates_text"] = dates
    meeting = MeetingItem(SOURCE, url, key, "EB", number, title=header, start_date=start, end_date=end,
                          venue=fields.get("venue", ("", None))[0] or None, details=details)
    page = Page(url, kind, items=[meeting], complete_listing=True)
    if "observer registration deadline" in fields:
        due = parse_date(fields["observer registration deadline"][0])
        page.items.append(DeadlineItem(SOURCE, url, f"{url}#observer-registration", "observer_registration",
                                       f"EB {number}: observer registration", due, key))
    section = ""
    for node in sel.xpath("//*[@id='main']//*[self::h3 or self::a[@href]]"):
        if node.root.tag == "h3":
            heading = text_of(node).lower()
            section = "consideration" if "under consideration" in heading else (
                "report" if "report" in heading else "")
        elif section and "/FileStorage/" in (node.attrib.get("href") or "").replace("filestorage", "FileStorage"):
            page.items.append(_document(node, url, number, section))
    return page


KINDS = (
    PageKind("eb_index", parse_index, routes=(("cdm.unfccc.int", r"^/EB/index\.html$"),)),
    PageKind("eb_meeting", parse_meeting, routes=(("cdm.unfccc.int", r"^/Meetings/MeetingInfo/DB/[A-Z0-9]+/view/?$"),)),
)
