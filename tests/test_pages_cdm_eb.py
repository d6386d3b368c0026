"""CDM Executive Board page parsers (crawler/pages/cdm_eb.py): behaviours analysts rely on beyond the
expected items kept as data in tests/fixtures/cdm_eb/, and the pages after a plausible change of structure:
each still parses to the same items or is a layout error, never zero items without an error."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import pytest

from core.items import DeadlineItem, DocumentItem, MeetingItem
from crawler.pages import cdm_eb
from crawler.pages.cdm_eb_text import document_text, ordinal, ordinal_value
from crawler.sources import route
from tests.conftest import fixture_page, parse_fixture
from tests.structural import SAME, assert_variant, fixture_html, names

_parse = partial(parse_fixture, "cdm_eb")  # _parse(parser, fixture name)
CDM = "https://cdm.unfccc.int"
MEETING = f"{CDM}/Meetings/MeetingInfo/DB/Q8ZKT2M3WJ5RB7A/view"


def test_eb_meeting_documents_observer_deadline_and_iso_8859_1():
    meta, body, _expected = fixture_page("cdm_eb", "eb_meeting_128")
    assert b"charset=iso-8859-1" in body
    page = cdm_eb.parse_meeting(meta["url"], body)
    meeting, deadline, *docs = page.items
    assert meeting.details["webcast_url"] == "https://unfccc.int/ebwebcast"
    assert (meeting.details["start_time"], meeting.details["end_time"], meeting.details["time_zone"]) == (
        "09:00", "18:00", "CEST")
    assert deadline.kind == "observer_registration" and deadline.due_date.isoformat() == "2026-05-21"
    assert [d.symbol for d in docs] == ["CDM-EB128-PA", "CDM-EB128-AA", "CDM-EB128-AA-A01-STAN",
                                        "CDM-EB128-AA-A02-INFO", None]
    assert docs[4].url.startswith("https://cdm.unfccc.int/UserManagement/FileStorage/")  # no reference: its file


def test_eb_report_annexes_and_multi_range_dates():
    page = _parse(cdm_eb.parse_meeting, "eb_meeting_107_report")
    meeting = page.items[0]
    assert (meeting.start_date.isoformat(), meeting.end_date.isoformat()) == ("2020-09-21", "2020-10-05")
    roles = {d.symbol: d.role for d in page.items[1:]}
    assert roles["CDM-EB107"] == "report" and roles["CDM-EB107-A05-PROC"] == "report_annex"
    assert roles["CDM-EB107-A04-AMEN"] == "report_annex"


def test_eb_index_lists_meetings_with_status():
    page = _parse(cdm_eb.parse_index, "eb_index")
    assert [(m.key, m.status) for m in page.items][:3] == [("eb-130", "tentative"), ("eb-129", "confirmed"),
                                                           ("eb-128", "confirmed")]
    assert len(page.follow) == 5


# -- behaviours, on pages of our own in the site's markup -------------------------------------------------
def cdm_page(content: str, header: str = "128th meeting of the CDM Executive Board") -> bytes:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>'
            f'<div id="micronav">Your location: <a href="/EB/index.html">Executive Board</a></div>'
            f'<div id="localtime">&emsp; 15:46 21 Nov 24</div><div id="cols"><div id="main" role="main">'
            f'<div class="mH header"><div>{header}</div></div>\n{content}\n</div></div></body></html>').encode("cp1252")


def documents(*links: str) -> str:
    return "<h3>Documents under consideration:</h3><ul>" + "".join(
        f'<li><a href="/UserManagement/FileStorage/A{n:029d}">{text}</a>{after}</li>'
        for n, (text, _sep, after) in enumerate(link.partition("|") for link in links)) + "</ul>"


def parse(content: str, header: str = "128th meeting of the CDM Executive Board", url: str = MEETING):
    _source, kind, parser = route(url, cdm_page(content, header))
    return kind, parser(url, cdm_page(content, header))


def test_only_a_trailing_version_is_the_documents_own():
    _kind, page = parse("<p><b>Dates:</b> 4 - 5 June 2026</p>" + documents(
        "Annex 9 - Draft Standard: Amendments to version 02.0 of the CDM project standard for programmes of "
        "activities on the cross effects",
        "Annex 10 - Draft Procedure: Performance monitoring of designated operational entities (version 01.0)"))
    first, second = [i for i in page.items if isinstance(i, DocumentItem)]
    assert first.version is None and first.symbol == "CDM-EB128-AA-A09-STAN"
    assert first.title.startswith("Draft Standard: Amendments to version 02.0 of the CDM project standard")
    assert (second.version, second.symbol) == ("01.0", "CDM-EB128-AA-A10-PROC")
    assert second.title == "Draft Procedure: Performance monitoring of designated operational entities"


def test_english_only_documents_with_a_size():
    _kind, page = parse("<p><b>Dates:</b> 4 - 5 June 2026</p>" + documents(
        "Annex 1 - Concept note: Overview of CDM regulatory development| (English only) (94 KB)",
        "Annex 2 - Information note: Financing of the CDM (English only) (1.2 MB)",
        "- Proposed agenda| (87&nbsp;KB)"))
    docs = [i for i in page.items if isinstance(i, DocumentItem)]
    assert [(d.title, d.files[0].size_text, d.details.get("english_only")) for d in docs] == [
        ("Concept note: Overview of CDM regulatory development", "94 KB", True),
        ("Information note: Financing of the CDM", "1.2 MB", True),
        ("Proposed agenda", "87 KB", None)]
    assert [d.symbol for d in docs] == ["CDM-EB128-AA-A01-INFO", "CDM-EB128-AA-A02-INFO", "CDM-EB128-PA"]


@pytest.mark.parametrize("headers,number,title", [
    (("EB 107th meeting", "107th meeting of the CDM Executive Board"), 107, "107th meeting of the CDM Executive Board"),
    (("107th meeting of the CDM Executive Board", "EB 107th meeting"), 107, "107th meeting of the CDM Executive Board"),
    (("Sixty-second meeting", "Sixty-second meeting of the Executive Board"), 62,
     "Sixty-second meeting of the Executive Board"),
    (("Fifteenth Meeting", ""), 15, "15th meeting of the CDM Executive Board"),
    (("EB 101", ""), 101, "101st meeting of the CDM Executive Board"),
])
def test_headers_that_vary_name_the_same_meeting(headers, number, title):
    first, second = headers
    _kind, page = parse(f"<h2>{second}</h2><p><b>Date:</b> 11 - 15 July 2011</p>", header=first)
    meeting = page.items[0]
    assert (meeting.number, meeting.key, meeting.title) == (number, f"eb-{number}", title)


def test_meeting_urls_without_view_and_old_meeting_pages_route_and_share_one_deadline_key():
    content = "<p><b>Date:</b> 11 - 15 July 2011</p><p><b>Observer registration deadline:</b> 20 June 2011</p>"
    bare = f"{CDM}/Meetings/MeetingInfo/DB/Z3MHQAYK2GPU6IW"
    kind, page = parse(content, "Sixty-second meeting of the Executive Board", bare)
    _kind, viewed = parse(content, "Sixty-second meeting of the Executive Board", bare + "/view")
    assert kind == "eb_meeting"
    assert page.items[1].key == viewed.items[1].key == f"{bare}/view#observer-registration"
    kind, page = parse("<p><b>Date:</b> 1 - 3 September 2004</p>", "Fifteenth Meeting", f"{CDM}/EB/015/index.html")
    assert (kind, page.items[0].key, page.items[0].start_date.isoformat()) == ("eb_meeting", "eb-15", "2004-09-01")


@pytest.mark.parametrize("label", ["Observer registration deadline:", "Observer registration:",
                                   "Deadline for observer registration:"])
def test_observer_registration_deadline_by_its_words_with_a_remark(label):
    _kind, page = parse("<p><b>Dates:</b> 11 to 13 May, 27 to 29 May and 12 June 2020 (resumed session)</p>"
                        f"<p><b>{label}</b> 27 April 2020 (2 weeks prior to the meeting)</p>")
    meeting, deadline = page.items
    assert (meeting.start_date.isoformat(), meeting.end_date.isoformat()) == ("2020-05-11", "2020-06-12")
    assert isinstance(deadline, DeadlineItem) and deadline.due_date.isoformat() == "2020-04-27"


def test_a_future_meeting_without_documents_yet_is_a_meeting_not_an_error():
    _kind, page = parse("<p><b>Dates:</b> 5 - 6 November 2026</p><h3>Documents under consideration:</h3>"
                        "<p>Documents will be made available here.</p>")
    assert [type(i) for i in page.items] == [MeetingItem]


def test_links_after_the_documents_are_not_documents():
    _kind, page = parse("<p><b>Dates:</b> 4 - 5 June 2026</p>" + documents("Proposed agenda (version 01.0)") +
                        '<p>To see requested reviews, please visit: <a href="/Projects/review">"review requested"</a>'
                        ' and <a href="/UserManagement/FileStorage/ZZZ">a form</a></p>')
    assert [i.symbol for i in page.items if isinstance(i, DocumentItem)] == ["CDM-EB128-PA"]


def test_numbers_in_words_and_document_text():
    assert [ordinal_value(w) for w in ("Sixty-second", "Twenty-seventh", "Fifteenth", "One hundred and seventh",
                                       "twentieth", "hundredth", "Executive")] == [62, 27, 15, 107, 20, 100, None]
    assert [ordinal(n) for n in (1, 2, 3, 11, 12, 13, 101, 112, 122)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "101st", "112th", "122nd"]
    text = document_text("Annex 3 - Status of CDM MAP 2020\u20132021 implementation (1 January-30 June 2020)")
    assert (text.title, text.version, text.size) == (
        "Annex 3 - Status of CDM MAP 2020\u20132021 implementation (1 January-30 June 2020)", None, "")


# -- structural changes: the same items, or a layout error ------------------------------------------------
def _content(html: str, change: Callable[[str], str]) -> str:
    """The change applied to the page's content only (after its header), not to the site's navigation."""
    at = html.index('<div class="mH header">')
    return html[:at] + change(html[at:])


def _no_main(html: str) -> str:
    return html.replace('<div id="main" role="main">', "<div>")


def _labels_in_a_table(html: str) -> str:
    rows = re.sub(r"<p><b>([^<]+)</b>(.*?)</p>", r"<tr><th>\1</th><td>\2</td></tr>", html)
    return rows.replace("<tr><th>Dates:", '<table class="formTable"><tr><th>Dates:', 1).replace(
        "<h3>Documents", "</table><h3>Documents", 1)


def _labels_in_a_definition_list(html: str) -> str:
    items = re.sub(r"<p><b>([^<]+):</b>(.*?)</p>", r"<dt>\1</dt><dd>\2</dd>", html)
    return items.replace("<dt>Dates", "<dl><dt>Dates", 1).replace("<h3>Documents", "</dl><h3>Documents", 1)


def _headings_in_bold_paragraphs(html: str) -> str:
    return re.sub(r"<h3>(.*?)</h3>", r'<p class="field-label"><strong>\1</strong></p>', html)


def _other_wrappers(html: str) -> str:
    html = _content(html, lambda c: c.replace("<ul>", '<div class="field--items">').replace("</ul>", "</div>").replace(
        "<li>", '<div class="field--item">').replace("</li>", "</div>"))
    return html.replace('<div class="mH header"><div>', '<h1 class="page-title"><span>').replace(
        "</div></div>\n\n<p><b>Dates", "</span></h1>\n\n<p><b>Dates", 1)


def _list_outside_main(html: str) -> str:
    start, end = html.index("<h3>Documents under"), html.index("<h3>Meeting report")
    moved = html[start:end]
    html = html[:start] + html[end:]
    return html.replace('<div id="localtime">', f'<div class="sidebar">{moved}</div><div id="localtime">')


def _documents_in_a_table(html: str) -> str:
    return _content(html, lambda c: c.replace("<ul>", '<table class="formTable">').replace("</ul>", "</table>").replace(
        "<li>", "<tr><td>").replace("</li>", "</td></tr>"))


def _header_without_number(html: str) -> str:
    return re.sub(r"\d+th meeting of the CDM Executive Board", "Meeting of the Board", html)


def _dates_label_renamed(html: str) -> str:
    return html.replace("<b>Dates:</b>", "<b>When:</b>")


def _documents_heading_renamed(html: str) -> str:
    return html.replace("Documents under consideration:", "Papers for the Board:")


def _only_chrome(html: str) -> str:
    return re.sub(r'<div id="main" role="main">.*?</div>\s*</div>\s*</div>\s*</div>',
                  '<div id="main" role="main"></div></div></div></div>', html, flags=re.S)


MEETING_VARIANTS: list[tuple[Callable[[str], str], str]] = [
    (_no_main, SAME), (_labels_in_a_table, SAME), (_labels_in_a_definition_list, SAME),
    (_headings_in_bold_paragraphs, SAME), (_other_wrappers, SAME), (_list_outside_main, SAME),
    (_documents_in_a_table, SAME),
    (_header_without_number, "no meeting number"), (_dates_label_renamed, "no meeting dates"),
    (_documents_heading_renamed, "outside a list of documents"), (_only_chrome, "no text|no meeting number"),
]


@pytest.mark.parametrize("fixture", ["eb_meeting_128", "eb_meeting_107_report"])
@pytest.mark.parametrize("change,outcome", MEETING_VARIANTS, ids=names(MEETING_VARIANTS))
def test_meeting_page_after_a_change_of_structure_parses_the_same_or_is_a_layout_error(fixture, change, outcome):
    assert_variant(*fixture_html("cdm_eb", fixture, "cp1252"), change, outcome)


def _index_numbering_column(html: str) -> str:
    html = html.replace("<tr><th>Meeting</th>", "<tr><th></th><th>Meeting</th>")
    n = iter(range(1, 100))
    return re.sub(r"<tr><td>", lambda _m: f"<tr><td>{next(n)}.</td><td>", html)


def _index_columns_moved(html: str) -> str:
    html = html.replace("<tr><th>Meeting</th><th>Dates</th>", "<tr><th>Dates</th><th>Meeting</th>")
    return re.sub(r"<tr><td>(<a [^>]+>EB \d+</a>)</td><td>([^<]*)</td>", r"<tr><td>\2</td><td>\1</td>", html)


def _index_header_in_bold_cells(html: str) -> str:
    return re.sub(r"<th>(\w*)</th>", r"<td><b>\1</b></td>", html)


def _index_dates_column_renamed(html: str) -> str:
    return html.replace("<th>Dates</th>", "<th>When</th>")


def _index_without_header_row(html: str) -> str:
    return re.sub(r"<tr><th>.*?</tr>", "", html)


def _index_without_meetings(html: str) -> str:
    html = re.sub(r"<table.*?</table>", "<p>The list of meetings is being updated.</p>", html, flags=re.S)
    return re.sub(r"<p>Next EB Meeting.*?</p>", "", html)


INDEX_VARIANTS: list[tuple[Callable[[str], str], str]] = [
    (_no_main, SAME), (_index_numbering_column, SAME), (_index_columns_moved, SAME),
    (_index_header_in_bold_cells, SAME),
    (_index_dates_column_renamed, "columns are not recognised"), (_index_without_header_row, "not recognised"),
    (_index_without_meetings, "at least 1: a meeting"),
]


@pytest.mark.parametrize("change,outcome", INDEX_VARIANTS, ids=names(INDEX_VARIANTS))
def test_index_after_a_change_of_structure_parses_the_same_or_is_a_layout_error(change, outcome):
    assert_variant(*fixture_html("cdm_eb", "eb_index", "cp1252"), change, outcome)
