"""The Article 6.4 Supervisory Body parsers on real pages (real-text/T0*.txt of the real captures,
tests/real_captures.py: the visible text of real unfccc.int pages). Only the text was captured, so each
test wraps it in the markup of the real site (Drupal 8: a hero block and the node both print the event
header, ``field--name-*`` wrappers, a body written in CKEditor: bold paragraphs, ``<br>`` lines, lists,
headings), routes it like the crawler does (/node/ pages by sniffing) and checks every field a reader sees
against the real text. Each check list reports how many of its fields are right; the real captures are
optional (skipped, with the reason, when absent)."""

from __future__ import annotations

import html
import re
from datetime import date, time
from functools import partial

import pytest

from core.items import DeadlineItem, DocumentItem, MeetingItem
from core.when import parse_times
from crawler.sources import route
from tests.real_captures import check, real_text
from tests.structural import SAME, assert_variant

FILES = "/sites/default/files/resource/"
_REF = re.compile(r"^(A6\.4-SBM?\d{3}(?:-(?:PA|AA))?(?:-A\d{2})?)(\s*[-–:]\s*)?(.*)$")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and line.strip() != "..."]


def _shell(lang: str, node_type: str, hero: str, body: str) -> str:
    """A page of unfccc.int: banner navigation, a hero region, the node in <main>, the footer."""
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="ltr"><head><meta charset="utf-8"><title>UNFCCC</title>
<link rel="stylesheet" media="all" href="/themes/custom/unfccc/css/style.css"></head>
<body class="path-node page-node-type-{node_type}">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<header role="banner"><nav role="navigation" id="block-mainnavigation"><ul class="menu">
<li class="menu-item"><a href="/process-and-meetings">Process and meetings</a></li>
<li class="menu-item"><a href="/documents">Documents</a></li><li class="menu-item"><a href="/news">News</a></li>
</ul></nav></header>
{hero}
<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content"><div class="region region-content">
<div data-drupal-messages-fallback class="hidden"></div>
<article role="article" class="node node--type-{node_type} node--view-mode-full"><div class="node__content">
{body}
</div></article></div></div></main>
<footer role="contentinfo"><div class="region region-footer"><p>United Nations Climate Change</p>
<ul class="menu"><li><a href="/about-us">About us</a></li><li><a href="/contact">Contact</a></li></ul></div></footer>
</div></body></html>"""


def _field(name: str, value: str, tag: str = "div") -> str:
    return f'<{tag} class="field field--name-field-{name} field--label-hidden field__item">{value}</{tag}>'


def _doc(line: str, whole_link: bool) -> str:
    """A document line: the link on the whole line, or on the reference only (the real pages print
    'A6.4-SBM013-AA-A02Information note: …' where the title follows the linked reference)."""
    m = _REF.match(line)
    assert m, line
    ref, sep, rest = m.groups()
    href = FILES + ref.lower().replace(".", "") + ".pdf"
    rest = re.sub(r"\[([^\]]+)\]", r'[<a href="https://www.youtube.com/watch?v=sbm">\1</a>]', html.escape(rest))
    if sep and whole_link and "[" not in rest:
        return f'<a href="{href}">{html.escape(ref + sep)}{rest}</a>'
    return f'<a href="{href}">{ref}</a>{html.escape(sep or "")}{rest.replace("  ", "&nbsp; ")}'


def _meeting_page(lines: list[str], headings: bool) -> str:
    """A meeting (event) page. ``headings``: agenda items as h3/h4 and documents as list items;
    otherwise (CKEditor) bold paragraphs, a sub-item after its item on a <br> line, documents on <br> lines."""
    event_type, title = lines[0], lines[1]
    start = next(i for i, line in enumerate(lines) if "webcast" in line or line.startswith("Agenda and"))
    header = lines[2:start]
    when = header[0]
    if headings:  # a Drupal daterange: two <time> elements
        first, last = re.split(r"\s+-\s+", when)
        when = f'<time datetime="x">{first}</time> - <time datetime="y">{last}</time>'
    fields = [_field("event-type", event_type), f'<h1 class="page-header"><span>{title}</span></h1>',
              _field("date-range", when)]
    places = [v for v in header[1:] if not re.match(r"\d\d:\d\d", v)]
    fields += [_field("time", v) for v in header[1:] if v not in places]
    fields += [_field("location" if i == 0 else "address", v) for i, v in enumerate(places)]
    hero = f'<div class="region region-hero"><div class="event-header">{"".join(fields)}</div></div>'
    repeat = "".join(fields).replace("<h1 ", "<h2 ").replace("</h1>", "</h2>")
    body = [f'<div class="node__header">{repeat}</div>',
            '<div class="clearfix text-formatted field field--name-body field--type-text-with-summary">']
    docs: list[str] = []

    def flush() -> None:
        if docs:
            body.append("<ul>" + "".join(f"<li>{d}</li>" for d in docs) + "</ul>" if headings
                        else "<p>" + "<br>\n".join(docs) + "</p>")
            docs.clear()

    for line in lines[start:]:
        if _REF.match(line):
            docs.append(_doc(line, whole_link=len(docs) % 2 == 0))
            continue
        flush()
        if "webcast" in line:
            head, _, cast = line.rpartition(" - ")
            link = f'<a href="https://unfccc.int/event/webcast">{cast or line}</a>'
            body.append(f"<h2>{head} - {link}</h2>" if head else f"<p>{link}</p>")
        elif line.startswith("Agenda and"):
            body.append(f"<h2>{line}</h2>")
        elif re.match(r"\d+\.\s", line):
            body.append(f"<h3>{line}</h3>" if headings else f"<p><strong>{line}</strong></p>")
        elif re.match(r"\d+\.\d+", line):
            if not headings and body[-1].startswith("<p><strong>") and line.endswith("Opening"):
                body[-1] = body[-1].replace("</p>", f"<br>{line}</p>")
            else:
                body.append(f"<h4>{line}</h4>" if headings else f"<p>{line}</p>")
        elif line == "Under consideration":
            body.append(f"<p><em>{line}</em></p>")
        else:
            body.append(f'<p><a href="/documents/630000">{html.escape(line)}</a></p>')
    flush()
    return _shell("en", "event", hero, "\n".join(body) + "</div>")


def _parse(url: str, page: str, kind: str):
    _source, routed, parse = route(url, page.encode())
    assert routed == kind
    return parse(url, page.encode())


def _all_right(checks: list[tuple[str, object, object]]) -> None:
    """(field, expected, read) of each field a reader sees, scored as tests/real_captures.check does."""
    assert len({name for name, _want, _got in checks}) == len(checks), "a field named twice"
    check({name: want for name, want, _got in checks}, {name: got for name, _want, got in checks})


def _documents(page, meeting: str, expected: list[tuple[str, str | None, str | None, str, str | None]]):
    """(symbol, title, version, role, agenda item) of each document, in the order of the page."""
    docs = {d.symbol: d for d in page.items if isinstance(d, DocumentItem)}
    checks: list[tuple[str, object, object]] = [(f"{meeting} documents", [e[0] for e in expected], list(docs))]
    for symbol, title, version, role, agenda in expected:
        d = docs.get(symbol)
        checks += [(f"{symbol} title", title, d and d.title), (f"{symbol} version", version, d and d.version),
                   (f"{symbol} role", role, d and d.role), (f"{symbol} meeting", [meeting], d and d.meetings),
                   (f"{symbol} agenda", agenda, d and next((a.number for a in d.agenda_items), None))]
    return checks


def _meeting(page, key: str):
    return next((m for m in page.items if isinstance(m, MeetingItem) and m.key == key), None)


MEETING_FIELDS = {  # what a reader sees of a meeting, by field
    "title": lambda m: m.title, "dates": lambda m: (m.start_date, m.end_date),
    "time": lambda m: (t := parse_times(m.details.get("time"))) and (t.start, t.end, t.zone),
    "venue": lambda m: m.venue, "address": lambda m: m.details.get("address"),
    "agenda": lambda m: [(a.number, a.title) for a in m.agenda],
}


def _meeting_page_checks(name: str, key: str, headings: bool, **want: object):
    """A real meeting page read as the crawler does: (the page, a check of each field of ``want``)."""
    url, text = real_text(name)
    page = _parse(url, _meeting_page(_lines(text), headings=headings), "sbm_meeting")
    m = _meeting(page, key)
    return page, [(field, value, m and MEETING_FIELDS[field](m)) for field, value in want.items()]


def _list_page(lines: list[str]) -> str:
    """The meetings list: its archive table, one row per meeting, the documents one paragraph each."""
    rows: list[dict[str, list[str]]] = []
    header = "Meeting Date and venue Documents under consideration Report and related documents"
    for line in lines[lines.index(header) + 1:]:
        if re.match(r"\d+\w\w meeting$", line):
            rows.append({"meeting": [line], "when": [], "docs": [], "report": []})
        elif line.startswith("Available > >"):
            rows[-1]["docs"].append(f'<a href="/node/6300{len(rows)}">Available &gt; &gt;</a>')
            rows[-1]["report"] += [line.removeprefix("Available > >").strip()] if line != "Available > >" else []
        else:
            column = "report" if line.startswith("A6.4") else "meeting" if line.startswith("(") else "when"
            rows[-1][column].append(line)
    trs = "".join(f"<tr><td><p>{'<br>'.join(r['meeting'])}</p></td><td><p>{'<br>'.join(r['when'])}</p></td>"
                  f"<td>{''.join(r['docs'])}</td>"
                  f"<td>{''.join(f'<p>{_doc(d, True)}</p>' for d in r['report'])}</td></tr>" for r in rows)
    body = (f'<h1 class="page-title"><span>{lines[0]}</span></h1>'
            '<div class="field field--name-body"><h2>Meeting archives</h2>'
            '<div class="table-responsive"><table class="table"><thead><tr><th>Meeting</th><th>Date and venue</th>'
            f"<th>Documents under consideration</th><th>Report and related documents</th></tr></thead><tbody>{trs}"
            "</tbody></table></div></div>")
    return _shell("en", "page", "", body)


def test_t01_meetings_list():
    url, text = real_text("T01_sbm_meetings")
    page = _parse(url, _list_page(_lines(text)), "sbm_meetings")
    m12, m11 = _meeting(page, "sbm-012"), _meeting(page, "sbm-011")
    checks: list[tuple[str, object, object]] = [
        ("meetings", ["sbm-012", "sbm-011"], [m.key for m in page.items if isinstance(m, MeetingItem)]),
        ("SBM 012 dates", (date(2024, 5, 22), date(2024, 5, 23)), m12 and (m12.start_date, m12.end_date)),
        ("SBM 012 venue", None, m12 and m12.venue), ("SBM 012 status", None, m12 and m12.status),
        ("SB 011 dates", (date(2024, 4, 29), date(2024, 5, 2)), m11 and (m11.start_date, m11.end_date)),
        ("SB 011 venue", "Bonn, Germany", m11 and m11.venue), ("SB 011 status", None, m11 and m11.status),
    ]
    docs = [d for d in page.items if isinstance(d, DocumentItem)]
    checks += _documents(type(page)(url, page.kind, docs[:2]), "sbm-012", [
        ("A6.4-SBM012", "Meeting report", "01.1", "report", None),
        ("A6.4-SBM012-A01", "Information note: Guiding questions for the SBM engagement event at the sixtieth "
                            "session of the Subsidiary Body (SB 60)", "01.0", "report_annex", None)])
    checks += _documents(type(page)(url, page.kind, docs[2:]), "sbm-011", [
        ("A6.4-SB011", "Meeting report", "01.0", "report", None),
        ("A6.4-SB011-A01", "Information note: Workplan of the Accreditation Expert Panel", "01.0", "report_annex",
         None),
        ("A6.4-SB011-A02", "Information note: Workplan of the Methodological Expert Panel", "01.0", "report_annex",
         None),
        ("A6.4-SB011-A03", "Procedure: Appeal and grievance processes under the Article 6.4 mechanism", "01.0",
         "report_annex", None),
        ("A6.4-SB011-A04", "Draft procedure: Article 6.4 activity cycle procedure for programmes of activities", "02.0",
         "report_annex", None),
        ("A6.4-SB011-A05", "Draft standard: Article 6.4 activity standard for programmes of activities", "02.0",
         "report_annex", None),
        ("A6.4-SB011-A06", "Draft standard: Article 6.4 validation and verification standard for programmes of "
                           "activities", "02.0", "report_annex", None)])
    _all_right(checks)


AGENDA_013 = [("1", "Agenda and meeting organization"), ("1.1", "Opening"), ("1.2", "Adoption of the agenda"),
              ("2", "Governance and management matters"), ("2.1", "Membership issues"),
              ("2.2", "Strategic planning and direction"), ("2.3", "Performance management"),
              ("2.4", "Matters related to the Supervisory Body and its support structure"),
              ("2.5", "Designated National Authorities"), ("3", "Regulatory and procedural matters"),
              ("3.1", "Governance"), ("3.2", "Accreditation"), ("3.3", "Activity Cycle")]


def test_t02_meeting_sbm013_in_bold_paragraphs():
    page, checks = _meeting_page_checks(
        "T02_sbm013", "sbm-013", False, title="13th meeting of the Article 6.4 Supervisory Body (SBM 013)",
        dates=(date(2024, 7, 15), date(2024, 7, 18)), time=(time(9), time(18), None), venue="Bonn, Germany",
        agenda=AGENDA_013)
    dp, ia = "Draft procedure: ", "Information note: "
    pa = "Article 6.4 activity cycle procedure for programmes of activities"
    checks += _documents(page, "sbm-013", [
        ("A6.4-SBM013-PA", "Proposed agenda", None, "agenda", "1.2"),
        ("A6.4-SBM013-AA", "Annotated agenda", None, "annotated_agenda", "1.2"),
        ("A6.4-SBM013-AA-A01", "Draft annual report of the Supervisory Body for the mechanism established by "
                               "Article 6, paragraph 4 of the Paris Agreement to the CMA", None, "annex", "2.2"),
        ("A6.4-SBM013-AA-A02", ia + "Workplan of the Supervisory Body 2024", None, "annex", "2.3"),
        ("A6.4-SBM013-AA-A03", ia + "Article 6.4 guide or manual for host Parties participation in the mechanism",
         None, "annex", "3.1"),
        ("A6.4-SBM013-AA-A04", dp + "Direct communication with stakeholders", None, "annex", "3.1"),
        ("A6.4-SBM013-AA-A05", dp + "Transition of CDM activities to the A6.4 mechanism", None, "annex", "3.3"),
        ("A6.4-SBM013-AA-A06", ia + "Compilation of the public inputs on PoAs' regulatory documents", None, "annex",
         "3.3"),
        ("A6.4-SBM013-AA-A07", dp + pa, None, "annex", "3.3"),
        ("A6.4-SBM013-AA-A08", "Draft standard: Article 6.4 activity standard for programmes of activities", None,
         "annex", "3.3"),
        ("A6.4-SBM013-AA-A09", "Draft standard: Article 6.4 validation and verification standard for programmes of "
                               "activities", None, "annex", "3.3")])
    a04 = next((d for d in page.items if getattr(d, "symbol", None) == "A6.4-SBM013-AA-A04"), None)
    checks.append(("A04 file is the document, not the video", ["https://unfccc.int" + FILES + "a64-sbm013-aa-a04.pdf"],
                   a04 and [f.url for f in a04.files]))
    _all_right(checks)


def test_t04_meeting_sb006_in_headings_and_lists():
    page, checks = _meeting_page_checks(
        "T04_sb006", "sbm-006", True, title="6th meeting of the Article 6.4 Supervisory Body (SB 006)",
        dates=(date(2023, 7, 10), date(2023, 7, 13)), venue="Bonn, Germany",
        address="UN Campus, Platz der Vereinten Nationen 1, 53113 Bonn",
        agenda=[("1", "Agenda and meeting organization"), ("1.1", "Opening"), ("1.2", "Adoption of the agenda"),
                ("2", "Governance and management matters"), ("2.1", "Membership issues"),
                ("2.2", "Strategic planning and direction"), ("2.3", "Matters related to the Article 6.4 mechanism")])
    transition = "Transition of CDM activities to the Article 6.4 mechanism"
    checks += _documents(page, "sbm-006", [
        ("A6.4-SB006", "Meeting report", "01.0", "report", None),
        ("A6.4-SB006-A01", "Standard: Standard for the t" + transition[1:], "01.0", "report_annex", None),
        ("A6.4-SB006-A02", "Procedure: Procedure for the t" + transition[1:], "01.0", "report_annex", None),
        ("A6.4-SB006-A03", "Draft Procedure: Article 6.4 mechanism activity cycle procedure for projects", "03.0",
         "report_annex", None),
        ("A6.4-SB006-A04", "Procedure: Development, revision and clarification of methodologies and methodological "
                           "tools", "01.0", "report_annex", None),
        ("A6.4-SB006-A05", "Procedure: Development, revision, clarification and update of standardized baselines",
         "01.0", "report_annex", None),
        ("A6.4-SB006-A06", "Information note: List of registered observers at the sixth meeting of the Supervisory "
                           "Body", "01.0", "report_annex", None),
        ("A6.4-SB006-A07", "Provisional agenda: Supervisory Body seventh meeting", "01.0", "report_annex", None),
        ("A6.4-SB006-PA", "Proposed agenda", None, "agenda", "1.2"),
        ("A6.4-SB006-AA", "Annotated agenda", None, "annotated_agenda", "1.2"),
        ("A6.4-SB006-AA-A01", "Information note: Workplan of the Supervisory Body 2023", None, "annex", "2.2"),
        ("A6.4-SB006-AA-A02", "Draft: Standard and procedure for t" + transition[1:], None, "annex", "2.3"),
        ("A6.4-SB006-AA-A03", "Draft procedure: Article 6.4 mechanism activity cycle procedure for projects", None,
         "annex", "2.3")])
    _all_right(checks)


def _in_meeting_page(lines: list[str]) -> str:
    """The in-meeting page: labelled date and place, bold agenda items, documents on <br> lines."""
    body: list[str] = []
    for line in lines[1:]:
        if line.startswith(("Date:", "Place:")):
            label, _, value = line.partition(":")
            body.append(f"<p><strong>{label}:</strong>{value}</p>")
        elif line.startswith("Click here"):
            href = "https://www.youtube.com/playlist?list=sbm015" if "broadcast" in line else "/node/640017"
            body.append(f'<p><a href="{href}">Click here</a>{line[len("Click here"):]}</p>')
        elif re.match(r"\d+\.\s", line) or line.lower().replace("-", " ") == "in meeting documents":
            body.append(f"<p><strong>{line}</strong></p>")
        elif line.endswith("[Presentation]"):
            body.append(f'<ul><li>{line[:-len("[Presentation]")]}[<a href="{FILES}p.pdf">Presentation</a>]</li></ul>')
        elif line.startswith(("In-meeting document", "Presentation", "A6.4")):
            link = f'<a href="{FILES}{len(body)}.pdf">{line}</a>'
            joined = body and body[-1].startswith("<p><a") and line.startswith("In-meeting")
            body[-1:] = [body[-1].replace("</p>", f"<br>{link}</p>")] if joined else [*body[-1:], f"<p>{link}</p>"]
        else:
            body.append(f"<h2>{line}</h2>" if line.startswith("15th") else f"<p>{line}</p>")
    return _shell("en", "page", "", f'<h1 class="page-title"><span>{lines[0]}</span></h1>'
                                    f'<div class="field field--name-body">{"".join(body)}</div>')


def test_t06_in_meeting_documents_sbm015():
    url, text = real_text("T06_inmeeting_sbm015")
    page = _parse(url, _in_meeting_page(_lines(text)), "sbm_in_meeting")
    docs = [d for d in page.items if isinstance(d, DocumentItem)]
    on = "In-meeting document on the "
    revision = on + "Revision of the activity cycle regulatory documents for Article 6.4 "
    expected = [(on + "draft Workplan of the Methodological Expert Panel 2025", "2025-02-13 08:30", "2.4"),
                (revision + "PoAs", "2025-02-13 09:30", "3.3"), (revision + "projects", "2025-02-13 09:30", "3.3")]
    checks: list[tuple[str, object, object]] = [("documents", [e[0] for e in expected], [d.title for d in docs])]
    for (title, version, agenda), d in zip(expected, docs, strict=False):
        checks += [(f"{title} version", version, d.version), (f"{title} date", date(2025, 2, 13), d.publication_date),
                   (f"{title} meeting", ["sbm-015"], d.meetings),
                   (f"{title} agenda", agenda, next((a.number for a in d.agenda_items), None))]
    _all_right(checks)


def _call_page(lines: list[str]) -> str:
    """A call for input: headed sections, paragraphs, the annex deadline as a list item."""
    body = []
    for line in lines[1:]:
        if line in ("Input Requested", "Submission Details"):
            body.append(f"<h2>{line}</h2>")
        elif line.startswith("For annex"):
            body.append(f"<ul><li>{line}</li></ul>")
        else:
            body.append(f"<p>{html.escape(line)}</p>")
    return _shell("ru", "page", "", f'<h1 class="page-title"><span>{lines[0]}</span></h1><div class="clearfix '
                                    f'text-formatted field field--name-body">{"".join(body)}</div>')


def test_t07_call_for_input_sbm013_general_and_annex_deadlines():
    url, text = real_text("T07_cfi_sbm013")
    lines = _lines(text)
    page = _parse(url, _call_page(lines), "sbm_call_for_input")
    deadlines = [d for d in page.items if isinstance(d, DeadlineItem)]
    general = next((d for d in deadlines if d.key == url), None)
    annex = next((d for d in deadlines if d.key == url + "#annex-12"), None)
    checks: list[tuple[str, object, object]] = [
        ("deadlines", 2, len(deadlines)),
        ("general due", date(2024, 7, 8), general and general.due_date),
        ("general meeting", "sbm-013", general and general.meeting_key),
        ("general title", lines[0], general and general.title),
        ("annex 12 due", date(2024, 7, 10), annex and annex.due_date),
        ("annex 12 meeting", "sbm-013", annex and annex.meeting_key),
        ("annex 12 title", lines[0] + ": Annex 12", annex and annex.title),
    ]
    _all_right(checks)


PAGES = {"T01_sbm_meetings": _list_page, "T02_sbm013": partial(_meeting_page, headings=False),
         "T04_sb006": partial(_meeting_page, headings=True), "T06_inmeeting_sbm015": _in_meeting_page,
         "T07_cfi_sbm013": _call_page}
CHANGES = {
    "no <main>": lambda h: h.replace('<main role="main">', "<div>").replace("</main>", "</div>"),
    "other field classes": lambda h: re.sub(r'class="[^"]*field[^"]*"', 'class="paragraph paragraph--type-text"', h),
    "content outside the area read": lambda h: h.replace('<main role="main">', '<main role="main"></main><div>')
    .replace("</main>\n<footer", "</div>\n<footer"),
}


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("name", PAGES)
def test_a_real_page_whose_structure_changed_reads_the_same(name, change):
    url, text = real_text(name)
    after = assert_variant(url, PAGES[name](_lines(text)), CHANGES[change], SAME)
    assert isinstance(after, dict) and after["items"]
