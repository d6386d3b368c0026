"""The CDM Executive Board parsers on real page text (real-text/T10–T12 of the real captures, skipped when absent).

Only the visible text of these pages was captured, so each is put back into the markup of the real
cdm.unfccc.int pages (sources.md §3 and the real pages in samples/cdm/: ISO-8859-1 declared, Windows-1252
sent, ``#micronav``, ``#localtime``, ``#main`` with ``div.mH.header``, files under
``/UserManagement/FileStorage/<ID>`` with their size after the link) in two plausible layouts: labels as
``table.formTable`` rows with ``<th>`` and the document list under an ``<h3>``, or labels in bold
paragraphs and the documents as lines of one paragraph. The fields a reader sees are asserted exactly as
the real text gives them; a real page routed by its real URL (``/view`` or not)."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest

from core.items import DeadlineItem, DocumentItem, MeetingItem, Page
from crawler.sources import route
from tests import real_captures
from tests.real_captures import real_text

LABEL = re.compile(r"^(Dates?|Time|Venue|Webcast|Observer registration deadline):\s*(.*)$")
LOCALTIME = re.compile(r"^\d{1,2}:\d{2} \d{1,2} [A-Z][a-z]{2} \d{2}$")
SIZE = re.compile(r"\s*\((\d+ KB)\)$")
LAYOUTS = ("table", "paragraphs")


def cdm_page(title: str, header: str, content: str, localtime: str = "09:12 25 May 26") -> bytes:
    """A page in the chrome of the real cdm.unfccc.int pages, sent as Windows-1252 under an ISO-8859-1
    declaration, as the site does."""
    page = f"""
<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<head>
    <meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
    <title>CDM: {title}</title>
    <link rel="stylesheet" href="/style/style.css" type="text/css" media="screen">
</head>
<body>
	<ul id="macronav"><li><a href="https://unfccc.int/" title="UNFCCC home page">Home</a></li>
		<li class="this"><a href="/" title="Clean Development Mechanism">CDM</a></li></ul>
	<div id="supportnav"><a href="/Reference/Guidclarif/glos_CDM.pdf" target="_blank">CDM glossary</a> |
		<a href="/sitemap/index.html">Sitemap</a></div>
	<div id="container">
		<div id="banner" role="banner">
			<p><a href="/" title="Back to home"><img src="/style/logo.png" alt="UNFCCC"></a></p>
			<div class="nav" id="mainnav" role="navigation"><span class="areamenu_a">
				<a href="/EB/governance.html" title="Governance">Governance</a></span></div>
			<div id="quickfinder"><select id="qf" class="nav"><option value="">Please choose</option>
				<option value="/EB/index.html"> &nbsp; Executive Board meetings</option></select></div>
		</div>
		<div id="content">
			<div id="micronav">Your location: <a href="/index.html" title="Home">Home</a> &gt;
				<a href="/EB/index.html" title="Executive Board">Executive Board</a></div>
			<div id="localtime">&emsp; {localtime}</div>
			<div id="cols" class="">
				<div id="main" role="main">
					<div class="mH header"><div>{html.escape(header)}</div></div>
{content}
				</div>
			</div>
		</div>
	</div>
</body>
"""
    return page.encode("cp1252")


def _file_id(n: int) -> str:
    return f"{n:02d}DRTMC72HE5NX8KJ96VA3WQY1OZUL"[:30]


def meeting_page(text: str, layout: str) -> bytes:
    """A real meeting page's text in the real page's markup."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    localtime = lines.pop(0) if LOCALTIME.match(lines[0]) else "09:12 25 May 26"
    first_label = next(i for i, line in enumerate(lines) if LABEL.match(line))
    header, headings = lines[0], lines[1:first_label]
    out = [f"<h2>{html.escape(h)}</h2>" if layout == "table" else f"<p><strong>{html.escape(h)}</strong></p>"
           for h in headings]
    rows: list[tuple[str, str]] = []
    i = first_label
    while i < len(lines) and not lines[i].startswith("Documents under consideration"):
        m = LABEL.match(lines[i])
        if not m:
            rows.append(("", html.escape(lines[i])))
            i += 1
            continue
        label, value = m.group(1), html.escape(m.group(2))
        i += 1
        if not value:  # a value on the lines after its label: an address
            more = []
            while i < len(lines) and not LABEL.match(lines[i]) and not lines[i].startswith("Documents"):
                more.append(html.escape(lines[i]))
                i += 1
            value = "<br>\n".join(more)
        if label == "Webcast" and value.startswith("Webcast"):
            value = f'<a href="https://unfccc.int/ebwebcast" target="_blank">Webcast</a>{value[len("Webcast"):]}'
        rows.append((label + ":", value))
    if layout == "table":
        out.append('<table class="formTable" width="100%">')
        out += [f"<tr><th>{label}</th><td>{value}</td></tr>" if label else f'<tr><td colspan="2">{value}</td></tr>'
                for label, value in rows]
        out.append("</table>")
    else:
        out += [f"<p><b>{label}</b> {value}</p>" if label else f"<p>{value}</p>" for label, value in rows]
    heading, documents = lines[i], lines[i + 1:]
    links = []
    for n, line in enumerate(documents, 1):
        title = line.removeprefix("- ")
        size = SIZE.search(title)
        title = SIZE.sub("", title)
        after = f" ({size.group(1).replace(' ', '&nbsp;')})" if size else ""
        links.append(f'<a href="/UserManagement/FileStorage/{_file_id(n)}" target="_blank">'
                     f'<img src="/CommonImages/pdf.gif" border="0">{html.escape(title)}</a>{after}')
    if layout == "table":
        out.append(f"<h3>{html.escape(heading)}</h3>\n<ul>")
        out += [f"<li>{link}</li>" for link in links]
        out.append("</ul>")
    else:
        out.append(f"<p><b>{html.escape(heading)}</b><br>\n" + "<br>\n".join(f"- {link}" for link in links) + "</p>")
    return cdm_page("HUTFQZ4EKYA30N6", header, "\n".join(out), localtime)


def index_page(text: str, layout: str) -> bytes:
    """The real EB index text in the real page's markup: the next and the last meeting, each number linked
    to its meeting page, then the archive's select."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    ids = {"106": "UOTJ9DN2736GFQE", "105": "XXXXXXXXXXXX105"}  # EB 106's page id is real (sources.md §3)
    out = [f"<h2>{html.escape(lines[1])}</h2>"]
    meetings = []
    for line in lines[2:]:
        m = re.match(r"^((?:Next )?EB Meeting:) (\d+) (Date: .+?) Webcast$", line)
        if m:
            link = f'<a href="/Meetings/MeetingInfo/DB/{ids[m.group(2)]}/view">{m.group(2)}</a>'
            webcast = '<a href="https://unfccc.int/ebwebcast">Webcast</a>'
            meetings.append((m.group(1), link, html.escape(m.group(3)), webcast))
        elif line == "Show all":
            out.append(_meetings(meetings, layout))
            out.append('<p><a href="javascript:showAll();">Show all</a></p>')
        elif line == "EB Meeting Archive":
            out.append(f"<h3>{line}</h3>")
        elif line.startswith("Select"):
            out.append('<form action="/EB/archive" method="get"><select name="meeting"><option value="">Select</option>'
                       '<option value="104">104</option><option value="103">103</option></select> or '
                       '<input type="text" name="number" value="meeting number"></form>')
        else:
            out.append(f"<p>{html.escape(line)}</p>")
    return cdm_page("Executive Board", lines[0], "\n".join(out))


def _meetings(meetings: list[tuple[str, str, str, str]], layout: str) -> str:
    if layout == "table":
        return '<table class="formTable" width="100%">' + "".join(
            f"<tr><td>{label} {link}</td><td>{dates}</td><td>{webcast}</td></tr>" for label, link, dates, webcast in
            meetings) + "</table>"
    return "".join(f"<p>{label} {link} {dates} {webcast}</p>" for label, link, dates, webcast in meetings)


# -- what a reader sees -------------------------------------------------------------------------------------
def meeting_fields(page: Page) -> dict[str, Any]:
    meetings = [i for i in page.items if isinstance(i, MeetingItem)]
    deadlines = [i for i in page.items if isinstance(i, DeadlineItem)]
    docs = [i for i in page.items if isinstance(i, DocumentItem)]
    m = meetings[0] if meetings else None
    d = m.details if m else {}
    out: dict[str, Any] = {
        "kind": page.kind, "key": m and m.key, "title": m and m.title, "start": m and m.start_date,
        "end": m and m.end_date, "venue": m and m.venue, "time_start": d.get("start_time"),
        "time_end": d.get("end_time"), "time_zone": d.get("time_zone"), "webcast_url": d.get("webcast_url"),
        "deadline.kind": deadlines[0].kind if deadlines else None,
        "deadline.due": deadlines[0].due_date if deadlines else None,
        "deadline.meeting": deadlines[0].meeting_key if deadlines else None,
        "documents": len(docs),
    }
    for n, doc in enumerate(docs):
        out[f"doc{n}.symbol"] = doc.symbol
        out[f"doc{n}.title"] = doc.title
        out[f"doc{n}.version"] = doc.version
        out[f"doc{n}.size"] = doc.files[0].size_text if doc.files else None
    return out


def _docs(*docs: tuple[str | None, str, str | None, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"documents": len(docs)}
    for n, (symbol, title, version, size) in enumerate(docs):
        out |= {f"doc{n}.symbol": symbol, f"doc{n}.title": title, f"doc{n}.version": version, f"doc{n}.size": size}
    return out


EXPECTED: dict[str, dict[str, Any]] = {
    "T10_eb107": {
        "kind": "eb_meeting", "key": "eb-107", "title": "107th meeting of the CDM Executive Board",
        "start": date(2020, 9, 21), "end": date(2020, 10, 5), "venue": "Virtual meeting",
        "time_start": "14:00", "time_end": "17:00", "time_zone": "CEST",
        "webcast_url": "https://unfccc.int/ebwebcast",
        "deadline.kind": "observer_registration", "deadline.due": date(2020, 8, 31), "deadline.meeting": "eb-107",
        **_docs(
            ("CDM-EB107-PA", "Proposed agenda: CDM Executive Board 107th meeting", "01.0", ""),
            ("CDM-EB107-AA", "Annotations to the agenda", "01.0", ""),
            (None, "Draft Work programme", "01.0", ""),
            ("CDM-EB107-AA-A02-INFO", "Information note: Financing and use of the CDM by international finance "
                                      "institutions", None, ""),
            ("CDM-EB107-AA-A03", "Status of CDM MAP 2020\u20132021 implementation (1 January-30 June 2020)", None, ""),
            ("CDM-EB107-AA-A04", "CDM Executive workplan 2020", None, ""),
            ("CDM-EB107-AA-A07", "Draft Glossary: CDM terms", None, ""),
            ("CDM-EB107-AA-A08-INFO", "Concept note: Revision of the regulatory provisions on standardized baselines",
             None, ""),
            ("CDM-EB107-AA-A09-INFO", "Information note: CDM Loan Scheme: Final report", None, ""),
        ),
    },
    "T11_eb062": {
        "kind": "eb_meeting", "key": "eb-62", "title": "Sixty-second meeting of the Executive Board",
        "start": date(2011, 7, 11), "end": date(2011, 7, 15),
        "venue": "Palais des Congr\u00e8s, Boulevard Mohammed VI, Morocco 40 000, Marrakesh, Morocco",
        "time_start": None, "time_end": None, "time_zone": None, "webcast_url": "https://unfccc.int/ebwebcast",
        "deadline.kind": "observer_registration", "deadline.due": date(2011, 6, 20), "deadline.meeting": "eb-62",
        **_docs(
            ("CDM-EB62-PA", "Proposed agenda", None, "87 KB"),
            (None, "Revised draft workprogramme", None, "164 KB"),
            ("CDM-EB62-AA", "Annotations to the proposed agenda", None, "234 KB"),
            (None, "Addendum to the annotated agenda", None, "227 KB"),
            ("CDM-EB62-AA-A07", "Status of income and expenditure and human resources to support CDM activities "
                                "during 2011", None, "162 KB"),
        ),
    },
}


def index_fields(page: Page) -> dict[str, Any]:
    meetings = [i for i in page.items if isinstance(i, MeetingItem)]
    out: dict[str, Any] = {"kind": page.kind, "meetings": len(meetings),
                           "follow": sorted(f.url for f in page.follow if f.kind == "eb_meeting")}
    for m in meetings:
        out[f"{m.key}.dates"] = (m.start_date, m.end_date)
        out[f"{m.key}.listed"] = m.listing
    return out


EXPECTED_INDEX = {
    "kind": "eb_index", "meetings": 2,
    "eb-106.dates": (date(2020, 3, 24), date(2020, 3, 27)), "eb-106.listed": True,
    "eb-105.dates": (date(2019, 11, 25), date(2019, 11, 28)), "eb-105.listed": True,
    "follow": ["https://cdm.unfccc.int/Meetings/MeetingInfo/DB/UOTJ9DN2736GFQE/view",
               "https://cdm.unfccc.int/Meetings/MeetingInfo/DB/XXXXXXXXXXXX105/view"],
}


def observe(name: str, layout: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(what the parsers read, what the real page says) for one capture in one layout; a page the router or
    the parser rejects reads as nothing."""
    url, text = real_text(name)
    if name == "T12_eb_index":
        body, expected, fields = index_page(text, layout), EXPECTED_INDEX, index_fields
    else:
        body, expected, fields = meeting_page(text, layout), EXPECTED[name], meeting_fields
    try:
        _source, _kind, parse = route(url, body)
        got = fields(parse(url, body))
    except Exception as error:  # noqa: BLE001 - a rejected page scores nothing
        got = {"error": repr(error)}
    return got, expected


def score(name: str, layout: str) -> tuple[int, int]:
    """(fields right, fields asserted), counted as tests/real_captures.score counts them."""
    got, expected = observe(name, layout)
    right, total, _wrong = real_captures.score(expected, got)
    return right, total


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", ["T10_eb107", "T11_eb062", "T12_eb_index"])
def test_real_page_reads_as_the_real_text_says(name, layout):
    got, expected = observe(name, layout)
    real_captures.check(expected, got)
    assert set(got) == set(expected), "an extra or missing document"


def test_the_real_page_is_sent_as_windows_1252_under_an_iso_8859_1_declaration():
    url, text = real_text("T10_eb107")
    body = meeting_page(text, "table")
    assert b"charset=iso-8859-1" in body and b"\x96" in body  # 'MAP 2020–2021' as the site sends it
