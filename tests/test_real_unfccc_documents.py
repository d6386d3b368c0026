"""unfccc.int parsers on real pages: the visible text of real captures (``real-text/`` of the real captures), put back
into the markup the real site uses (the team's ``sources.md`` §0.2, §1.2, §1.3: Drupal 8 with the site's
menu and footer around ``<main>``; a document page's ``.document-title``, ``field--name-field-*`` fields
with ``field--label`` / ``field--item``, the download ``<select>`` or the "Open" link; a session page's
event header and one "Symbol | Document name | Type | Date | <blank>" table per agenda item), routed
and parsed as the crawler does. Every value asserted is read from the capture's text, except what the
capture says it left out (a session page's header), which is taken from sources.md and said so.

``score(name)`` counts the fields right (the lead's before/after table); the tests require all of them."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import escape
from typing import Any

import pytest

from core.errors import LayoutError
from core.items import DocumentItem, MeetingItem, Page
from crawler.sources import route
from tests import real_captures
from tests.real_captures import real_text
from tests.structural import LAYOUT, SAME, assert_variant

LANGUAGES = "Arabic|Chinese|English|French|Russian|Spanish"
FILE_CODES = {"Arabic": "A", "Chinese": "C", "English": "E", "French": "F", "Russian": "R", "Spanish": "S"}


def drupal_page(title: str, body_class: str, content: str, lang: str = "en") -> str:
    """A page of unfccc.int: the site's menu (with a "Topics" item) and footer around ``<main>``."""
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="ltr"><head><meta charset="utf-8"><title>{escape(title)} | UNFCCC</title>
<link rel="stylesheet" href="/themes/custom/unfccc/css/style.css"></head>
<body class="{body_class}"><div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<header class="navbar navbar-default" role="banner"><nav role="navigation" class="menu--main"><ul class="menu nav">
<li><a href="/process-and-meetings">Process and meetings</a></li>
<li class="expanded dropdown"><a href="/topics">Topics</a><ul class="menu dropdown-menu">
<li><a href="/topics/adaptation-and-resilience">Adaptation</a></li></ul></li>
<li><a href="/documents">Documents</a></li></ul></nav></header>
<main role="main"><div class="region region-content">
{content}
</div></main>
<footer class="footer"><div class="region region-footer"><a href="/contact">Contact</a></div></footer>
</div></body></html>"""


def field(name: str, label: str, *values: str) -> str:
    items = "".join(f'<div class="field--item">{v}</div>' for v in values)
    return (f'<div class="field field--name-field-{name} field--type-string field--label-inline">'
            f'<div class="field--label">{label}</div><div class="field--items">{items}</div></div>')


def iso(shown: str) -> str:
    return datetime.strptime(shown, "%d %b %Y").date().isoformat()


# ---- T20: /documents/622088, flattened text of a six-language document page ------------------------
DOC_LABELS = ("Symbol", "Publication date", "Document type", "Conference", "Session", "Author", "Topic",
              "Agenda item")


def labelled(text: str) -> dict[str, str]:
    """'Symbol X Publication date Y …' -> {'Symbol': 'X', …}: each label searched after the one before."""
    starts, pos = [], 0
    for label in DOC_LABELS:
        at = text.index(f" {label} ", pos)
        starts.append((at, label))
        pos = at + len(label) + 2
    starts.append((len(text), ""))
    pairs = zip(starts, starts[1:], strict=False)
    return {label: text[at + len(label) + 2: nxt].strip() for (at, label), (nxt, _) in pairs}


def t20_page(text: str) -> tuple[str, dict[str, str], list[tuple[str, str]]]:
    text = " " + " ".join(text.split())
    title, rest = text.split(" Languages ", 1)
    files = re.findall(rf"({LANGUAGES}) PDF (\d+\.\d+ MB)", rest)
    languages = rest[: rest.index(f"{files[0][0]} PDF")].split()
    fields = labelled(" " + rest[rest.rindex(" MB") + 3:])
    options = "".join(
        f'<option value="https://unfccc.int/sites/default/files/resource/sbi2022_L21{FILE_CODES[lang]}.pdf">'
        f"{lang} PDF {size}</option>" for lang, size in files)
    shown = fields["Publication date"]
    content = f"""<article role="article" class="node node--type-document node--view-mode-full">
<div class="document-title"><h1><span>{escape(title.strip())}</span></h1></div>
{field("document-languages", "Languages", *languages)}
<div class="document-download"><div class="select-wrapper"><a class="chosen-single"><span>English</span></a>
<select class="small-download form-select form-control download"><option value="_none">- Select -</option>
{options}</select></div></div>
{field("document-symbol", "Symbol", f'<a href="/documents/622088">{fields["Symbol"]}</a>')}
{field("document-publication-date", "Publication date", f'<time datetime="{iso(shown)}T12:00:00Z">{shown}</time>')}
{field("document-type", "Document type", fields["Document type"])}
{field("conference", "Conference", escape(fields["Conference"]))}
{field("session", "Session", fields["Session"])}
{field("document-ca", "Author", escape(fields["Author"]))}
{field("document-topic", "Topic", escape(fields["Topic"]))}
{field("agenda-item", "Agenda item", escape(fields["Agenda item"]))}
</article>"""
    return drupal_page(title.strip(), "path-node page-node-type-document", content), fields, files


# ---- T23: /documents/641852, an excerpt, one line per block ------------------------------------------
def t23_page(text: str) -> tuple[str, list[str]]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, opened, agenda_label, session, item, abstract_label, abstract = lines[:7]
    assert (opened, agenda_label, abstract_label) == ("Open", "Agenda item", "Abstract")
    content = f"""<article role="article" class="node node--type-document node--view-mode-full">
<div class="document-title"><h1><span>{escape(title)}</span></h1></div>
<div class="document-download"><a class="btn btn-primary" target="_blank"
 href="https://unfccc.int/sites/default/files/resource/cma2024_10E.pdf">{opened}</a></div>
<div class="field field--name-field-agenda-item field--label-above"><div class="field--label">{agenda_label}</div>
<div class="field--items"><div class="field--item"><div class="agenda-session">{session}</div>
<div class="agenda-title">{escape(item)}</div></div></div></div>
<div class="field field--name-field-abstract field--label-above"><div class="field--label">{abstract_label}</div>
<div class="field--item"><p>{escape(abstract)}</p></div></div>
</article>"""
    return drupal_page(title, "path-node page-node-type-document", content, lang="en"), lines


# ---- T25: /zh/node/637596 (SBSTA 60), the content of a session page without its header -----------------
HEADER = "| Symbol | Document name | Type | Date | |"
# Not in the capture (its first line says so): the page header. Title as our session pages have it; the
# dates and place of SB 60 from sources.md §1.5 ("SB 60: Bonn, 3–13 Jun 2024").
SBSTA60_HEADER = """<div class="event-header">
<h1 class="page-title"><span>Sixtieth session of the Subsidiary Body for Scientific and Technological Advice
 (SBSTA 60)</span></h1>
<div class="field field--name-field-event-date field--type-daterange">
<div class="field--item">03 - 13 Jun 2024</div></div>
<div class="field field--name-field-event-location"><div class="field--item">Bonn, Germany</div></div>
</div>"""


def t25_content(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The captured lines as the page's blocks: headings, outcome paragraphs, one table per header line
    (rows "Symbol | Type |": the "Document name" and "Date" cells are empty in the capture). A "..." in the
    capture left lines out; rows after it without a header line had one in the part left out."""
    out, rows, table_open = [], [], False

    def close() -> None:
        nonlocal table_open
        if table_open:
            out.append("</tbody></table></div>")
            table_open = False

    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if line == "...":
            close()
        elif line == HEADER or (line.count("|") == 2 and not table_open):
            close()
            out.append('<div class="table-responsive"><table class="table table-striped"><thead><tr><th>Symbol</th>'
                       '<th>Document name</th><th>Type</th><th>Date</th><th></th></tr></thead><tbody>')
            table_open = True
            if line != HEADER:
                symbol, kind = (cell.strip() for cell in line.split("|")[:2])
                rows.append((symbol, kind))
                out.append(f"<tr><td>{symbol}</td><td></td><td>{escape(kind)}</td><td></td><td></td></tr>")
        elif line.count("|") == 2:
            symbol, kind = (cell.strip() for cell in line.split("|")[:2])
            rows.append((symbol, kind))
            out.append(f"<tr><td>{symbol}</td><td></td><td>{escape(kind)}</td><td></td><td></td></tr>")
        elif line in ("Other sessions at this conference",) or line.startswith("Latest "):
            close()
            out.append(f"<h2>{escape(line)}</h2>")
        else:
            close()
            out.append(f'<div class="field field--name-field-outcome"><p>{escape(line)}</p></div>')
    close()
    return "\n".join(out), rows


def t25_page(text: str, header: str = SBSTA60_HEADER) -> tuple[str, list[tuple[str, str]]]:
    content, rows = t25_content(text)
    return drupal_page("SBSTA 60", "path-node page-node-type-event", header + "\n" + content, lang="zh-hans"), rows


# ---- expectations: what a reader of each real page sees ----------------------------------------------
def parsed(url: str, html: str) -> Page:
    _source, _kind, parse = route(url, html.encode("utf-8"))
    return parse(url, html.encode("utf-8"))


def document_of(page: Page) -> DocumentItem:
    assert page.kind == "document_page" and len(page.items) == 1
    item = page.items[0]
    assert isinstance(item, DocumentItem)
    return item


WANT_T20: dict[str, Any] = {
    "symbol": "FCCC/SBI/2022/L.21",
    "title": "Report of the Consultative Group of Experts. Draft conclusions proposed by the Chair",
    "doc_type": "Draft conclusions", "publication_date": date(2022, 11, 11),
    "conference": "Sharm el-Sheikh Climate Change Conference - November 2022", "meetings": ["sbi-57"],
    "author": "UNFCCC. Subsidiary Body for Implementation (SBI)",
    "topics": "Enhanced Transparency Framework (ETF), Measurement, reporting and verification (MRV)",
    "agenda": [("sbi-57", "4 (b)", "Report of the Consultative Group of Experts")],
    "file_languages": ["ar", "zh", "en", "fr", "ru", "es"],
    "file_sizes": ["0.15 MB", "0.17 MB", "0.12 MB", "0.16 MB", "0.18 MB", "0.12 MB"], "file_urls": True,
    "url": "https://unfccc.int/documents/622088", "version": None, "status": None,
}


def case_t20() -> dict[str, Any]:
    url, text = real_text("T20_doc622088")
    html, fields, files = t20_page(text)
    item = document_of(parsed(url, html))
    seen = {
        "symbol": item.symbol, "title": item.title, "doc_type": item.doc_type,
        "publication_date": item.publication_date, "conference": item.details.get("conference"),
        "meetings": item.meetings, "author": item.details.get("author"),
        "topics": ", ".join(item.details.get("topics", [])),
        "agenda": [(a.meeting_key, a.number, a.title) for a in item.agenda_items],
        "file_languages": [f.language for f in item.files], "file_sizes": [f.size_text for f in item.files],
        "file_urls": all(f.url.startswith("https://unfccc.int/sites/default/files/resource/") for f in item.files),
        "url": item.url, "version": item.version, "status": item.status,
    }
    assert [size for _, size in files] == WANT_T20["file_sizes"] and fields["Symbol"] == WANT_T20["symbol"]
    return seen


WANT_T23: dict[str, Any] = {
    "title": "Implementation of the guidance on cooperative approaches referred to in Article 6, paragraph 2, of"
             " the Paris Agreement and in decision 2/CMA.3. Report by the secretariat",
    "meetings": ["cma-6"],
    "agenda": [("cma-6", "15 (a)", "Guidance on cooperative approaches referred to in Article 6, paragraph 2,"
                " of the Paris Agreement and in decision 2/CMA.3")],
    "abstract": "This is the first annual report by the secretariat",
    "files": [("https://unfccc.int/sites/default/files/resource/cma2024_10E.pdf", "Open")],
    "url": "https://unfccc.int/documents/641852", "version": None,
}


def case_t23() -> dict[str, Any]:
    url, text = real_text("T23_doc641852")
    html, lines = t23_page(text)
    item = document_of(parsed(url, html))
    seen = {
        "title": item.title, "meetings": item.meetings,
        "agenda": [(a.meeting_key, a.number, a.title) for a in item.agenda_items],
        "abstract": str(item.details.get("abstract", ""))[:50],
        "files": [(f.url, f.label) for f in item.files], "url": item.url, "version": item.version,
    }
    assert lines[0] == WANT_T23["title"]
    return seen


WANT_T25: dict[str, Any] = {
    "kind": "session_page", "meeting": ("sbsta-60", "SBSTA", 60), "dates": (date(2024, 6, 3), date(2024, 6, 13)),
    "venue": "Bonn, Germany",
    "symbols": ["FCCC/SBSTA/2024/4", "FCCC/SB/2024/1", "FCCC/SB/2024/L.3", "IN.SBI60.i5a_SBSTA60.i3.6",
                "FCCC/SBSTA/2024/L.9", "DT.DC.SBSTA60.i4.3", "IN.SBSTA60.i4.1"],
    "types": ["Agendas and annotations", "Synthesis reports", "Draft conclusions", "Informal notes",
              "Draft conclusions", "Draft negotiating texts", "Informal notes"],
    "titles": [None] * 7, "publication_dates": [None] * 7,  # empty cells in the capture
    "doc_meetings": {"sbsta-60"}, "complete_listing": True,
}


def case_t25() -> dict[str, Any]:
    url, text = real_text("T25_session_sbsta60")
    html, rows = t25_page(text)
    page = parsed(url, html)
    meetings = [i for i in page.items if isinstance(i, MeetingItem)]
    docs = [i for i in page.items if isinstance(i, DocumentItem)]
    meeting = meetings[0] if meetings else None
    seen = {
        "kind": page.kind, "meeting": (meeting.key, meeting.body, meeting.number) if meeting else None,
        "dates": (meeting.start_date, meeting.end_date) if meeting else None,
        "venue": meeting.venue if meeting else None,
        "symbols": [d.symbol for d in docs], "types": [d.doc_type for d in docs],
        "titles": [d.title for d in docs], "publication_dates": [d.publication_date for d in docs],
        "doc_meetings": {m for d in docs for m in d.meetings}, "complete_listing": page.complete_listing,
    }
    assert [s for s, _ in rows] == WANT_T25["symbols"] and [t for _, t in rows] == WANT_T25["types"]
    return seen


CASES = {"T20_doc622088": (case_t20, WANT_T20), "T23_doc641852": (case_t23, WANT_T23),
         "T25_session_sbsta60": (case_t25, WANT_T25)}


def score(name: str) -> tuple[int, int]:
    """(fields right, fields asserted) for one capture, counted as tests/real_captures.score counts them; a page the
    parser rejects scores 0."""
    case, want = CASES[name]
    try:
        seen = case()
    except (LayoutError, AssertionError, IndexError, KeyError) as error:
        seen = {"error": repr(error)}
    right, total, _wrong = real_captures.score(want, seen)
    return right, total


@pytest.mark.parametrize("name", sorted(CASES))
def test_real_page_reads_as_a_reader_sees_it(name):
    case, want = CASES[name]
    real_captures.check(want, case())


def test_session_page_capture_without_its_header_is_a_layout_error_not_a_silent_page():
    """The capture alone (no h1, no dates): the session is still known by "Latest SBSTA 60 documents",
    but a session page without its dates is less than a real one: a layout error."""
    url, text = real_text("T25_session_sbsta60")
    html, _ = t25_page(text, header="")
    with pytest.raises(LayoutError, match="date"):
        parsed(url, html)


def test_session_page_with_the_rows_as_a_list_is_a_layout_error():
    """The documents shown as a Drupal views list instead of a table: their symbols are on the page but
    no table is read, which must not be a page of zero documents."""
    url, text = real_text("T25_session_sbsta60")
    html, rows = t25_page(text)
    as_list = re.sub(r"<tr><td>([^<]+)</td><td></td><td>([^<]+)</td><td></td><td></td></tr>",
                     r'<div class="views-row"><div class="views-field views-field-symbol">\1</div>'
                     r'<div class="views-field views-field-type">\2</div></div>', html)
    as_list = re.sub(r"<table[^>]*><thead>.*?</thead><tbody>|</tbody></table>", "", as_list)
    assert "<table" not in as_list and rows[0][0] in as_list
    with pytest.raises(LayoutError, match="symbol"):
        parsed(url, as_list)


# ---- the real pages with a plausible change of structure: the same items, or a layout error ----------
def _outside_main(html: str) -> str:
    start, end = html.index("<h2>Other sessions"), html.index("</div></main>")
    return html[:start] + html[end:].replace("</main>", "</main><aside>" + html[start:end] + "</aside>", 1)


REAL_VARIANTS = {
    ("T20_doc622088", "no <main>"): (lambda h: h.replace('<main role="main">', "").replace("</main>", ""), SAME),
    ("T20_doc622088", "Classy field classes"): (lambda h: h.replace("field--", "field__"), SAME),
    ("T20_doc622088", "labels followed by a colon, in <strong>"): (
        lambda h: re.sub(r'<div class="field--label">(.*?)</div>', r"<strong>\1:</strong>", h), SAME),
    ("T20_doc622088", "no language menu"): (lambda h: re.sub(r"<select.*?</select>", "", h, flags=re.S), LAYOUT),
    ("T25_session_sbsta60", "no <main>"): (
        lambda h: h.replace('<main role="main">', "").replace("</main>", ""), SAME),
    ("T25_session_sbsta60", "the documents outside <main>"): (_outside_main, SAME),
    ("T25_session_sbsta60", "an extra unnamed numbering column"): (
        lambda h: h.replace("<tr><th>", "<tr><th></th><th>").replace("<tr><td>", "<tr><td>1.</td><td>"), SAME),
    ("T25_session_sbsta60", "renamed column (Type -> Category)"): (
        lambda h: h.replace("<th>Type</th>", "<th>Category</th>"), LAYOUT),
}


@pytest.mark.parametrize("name,variant", sorted(REAL_VARIANTS))
def test_real_page_with_a_change_of_structure_parses_the_same_or_is_a_layout_error(name, variant):
    url, text = real_text(name)
    html = t20_page(text)[0] if name.startswith("T20") else t25_page(text)[0]
    assert_variant(url, html, *REAL_VARIANTS[(name, variant)])
