"""Article 6.4 Supervisory Body page parsers (crawler/pages/a64_sbm.py): behaviours analysts rely on beyond the
expected items kept as data in tests/fixtures/a64_sbm/."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import pytest

from core.errors import LayoutError
from crawler.pages import a64_sbm
from crawler.sources import route
from tests.conftest import fixture_page, parse_fixture
from tests.structural import LAYOUT, SAME, assert_variant

_parse = partial(parse_fixture, "a64_sbm")  # _parse(parser, fixture name)


def test_meetings_list_keeps_status_and_the_irregular_reference():
    page = _parse(a64_sbm.parse_meetings_list, "sbm_meetings")
    meetings = {i.key: i for i in page.items if type(i).__name__ == "MeetingItem"}
    assert meetings["sbm-023"].status == "tentative" and meetings["sbm-024"].status == "postponed"
    irregular = next(i for i in page.items if getattr(i, "symbol", None) == "A6.4-SB008-A03")
    assert irregular.title == "Procedure: Accreditation procedure" and irregular.version == "01.0"
    assert page.complete_listing


def test_meeting_page_links_documents_to_their_agenda_items():
    page = _parse(a64_sbm.parse_meeting_page, "sbm_meeting_013")
    meeting = page.items[0]
    assert [a.number for a in meeting.agenda] == ["1", "1.1", "1.2", "3", "3.3", "3.4", "4"]
    docs = {d.symbol: d for d in page.items[1:]}
    assert [a.number for a in docs["A6.4-SBM013-AA-A05"].agenda_items] == ["3.3"]
    assert docs["A6.4-SBM013-AA-A06"].version == "02.0"
    assert docs["A6.4-SBM013-AA-A07"].title == "Information note: Removal activities under the Article 6.4 mechanism"
    assert docs["A6.4-SBM013"].role == "report" and docs["A6.4-SBM013"].agenda_items == []


def test_meeting_without_documents_is_legitimately_empty():
    page = _parse(a64_sbm.parse_meeting_page, "sbm_meeting_023_no_documents")
    assert len(page.items) == 1 and page.items[0].start_date.isoformat() == "2026-07-14"


def test_in_meeting_iterations_keep_identity_and_carry_the_timestamp():
    page = _parse(a64_sbm.parse_in_meeting_page, "sbm_in_meeting_021")
    registry = page.items[0]
    assert registry.version == "2026-05-20 20:00"
    assert registry.url.endswith("#in-meeting-document-on-the-mechanism-registry")
    assert page.items[1].version == "2026-05-19 09:30"


def test_call_for_input_deadlines():
    page = _parse(a64_sbm.parse_call_for_input, "sbm_call_for_input_021")
    assert [(d.due_date.isoformat(), d.meeting_key) for d in page.items] == [("2026-05-11", "sbm-021"),
                                                                             ("2026-05-13", "sbm-021")]


def test_rules_table_versions_and_categories():
    page = _parse(a64_sbm.parse_rules, "sbm_rules")
    by_symbol = {d.symbol: d for d in page.items}
    assert by_symbol["A6.4-STAN-METH-001"].version == "01.1"
    assert by_symbol["A6.4-STAN-METH-004"].details["category"] == "Methodology"
    assert by_symbol["A6.4-PROC-REGS-001"].details == {"year": "2025", "category": "Governance"}


def test_an_unreadable_iteration_stamp_is_a_layout_error_not_a_silent_removal():
    meta, body, _expected = fixture_page("a64_sbm", "sbm_in_meeting_021")
    changed = body.replace(b"(version 20 May 2026 @20:00hrs)", b"(updated 20 May)")
    with pytest.raises(LayoutError, match="version <date> @<time>"):
        a64_sbm.parse_in_meeting_page(meta["url"], changed)


# --- structural changes: each variant of a page either reads the same items or is a layout error ---------

def _no_main(html: str) -> str:
    return html.replace('<main role="main">', '<div class="layout-container">').replace("</main>", "</div>")


def _outside_main(start: str, end: str) -> Callable[[str], str]:
    """The part of the page from ``start`` to ``end`` moved out of <main>, into a sidebar after it."""
    def move(html: str) -> str:
        a = html.index(start)
        b = html.index(end, a) + len(end)
        aside = f'<aside class="region region-sidebar">{html[a:b]}</aside>'
        return (html[:a] + html[b:]).replace("</main>", "</main>" + aside)
    return move


def _bold_agenda(html: str) -> str:
    return re.sub(r"<h([34])>(.*?)</h\1>", r"<p><strong>\2</strong></p>", html)


def _other_fields(html: str) -> str:
    for old, new in (("field-event-date", "field-date-range"), ("field-event-time", "field-time-text"),
                     ("field-event-location", "field-venue"), ("field--item", "field__item")):
        html = html.replace(old, new)
    return html


def _header_in_td(html: str) -> str:
    html = re.sub(r"<th>(.*?)</th>", r"<td><strong>\1</strong></td>", html)
    return html.replace("<thead>", "").replace("</thead>", "")


def _numbering_column(html: str) -> str:
    html = html.replace("<thead><tr>", "<thead><tr><th></th>")
    count = iter(range(1, 100))
    return re.sub(r"<tr><td>", lambda _m: f"<tr><td>{next(count)}.</td><td>", html)


def _symbol_first(html: str) -> str:
    html = html.replace("<th>Title</th><th>Year</th><th>Symbol number</th>",
                        "<th>Symbol number</th><th>Title</th><th>Year</th>")
    return re.sub(r"<tr>(<td>.*?</td>)(<td>[^<]*</td>)(<td>[^<]*</td>)</tr>", r"<tr>\3\1\2</tr>", html)


def _list_as_lines(html: str) -> str:
    html = re.sub(r"<ul>\s*<li>", "<p>", html)
    return re.sub(r"</li>\s*</ul>", "</p>", re.sub(r"</li>\s*<li>", "<br>\n", html))


def _h1_as_div(html: str) -> str:
    return re.sub(r"<h1 class=\"page-title\"><span>(.*?)</span></h1>", r'<div class="page-title">\1</div>', html)


def _cut(start: str, end: str, keep: str = "") -> Callable[[str], str]:
    def cut(html: str) -> str:
        a = html.index(start)
        return html[:a] + keep + html[html.index(end, a):]
    return cut


def _swap(old: str, new: str) -> Callable[[str], str]:
    def swap(html: str) -> str:
        assert old in html, old
        return html.replace(old, new)
    return swap


VARIANTS = [
    # (fixture, change, kind forced as a followed link does, outcome)
    ("sbm_meeting_013", _no_main, None, SAME),
    ("sbm_meeting_013", _other_fields, None, SAME),
    ("sbm_meeting_013", _bold_agenda, None, SAME),
    ("sbm_meeting_013", _outside_main("<h2>Meeting report", "</ul>"), None, SAME),
    ("sbm_meeting_013", _list_as_lines, None, SAME),
    ("sbm_meeting_013", _h1_as_div, "sbm_meeting", SAME),  # followed from the list, the page is read by meaning
    ("sbm_meeting_013", _h1_as_div, None, LAYOUT),  # an unknown /node/ page: nothing to tell its kind
    ("sbm_meeting_013", _swap("15 - 18 Jul. 2024", "Dates to be announced"), None, LAYOUT),
    ("sbm_meeting_013", _swap("13th meeting of the Article 6.4 Supervisory Body (SBM 013)</span></h1>",
                              "Supervisory Body</span></h1>"), "sbm_meeting", LAYOUT),  # no meeting named
    ("sbm_meeting_013", _cut("<h2>Meeting report", "</main>"), None, LAYOUT),  # no agenda, no document
    ("sbm_meeting_023_no_documents", _swap("will be published here", "are listed below"), None, LAYOUT),
    ("sbm_meetings", _no_main, None, SAME),
    ("sbm_meetings", _outside_main('<table class="table">', "</table>"), None, SAME),
    ("sbm_meetings", _header_in_td, None, SAME),
    ("sbm_meetings", _numbering_column, None, SAME),
    ("sbm_meetings", _swap("<th>Date and venue</th>", "<th>Dates and venues</th>"), None, SAME),
    ("sbm_meetings", _swap("<th>Meeting</th>", "<th>Session</th>"), None, LAYOUT),
    ("sbm_meetings", lambda h: h.replace("<table", "<div").replace("</table>", "</div>"), None, LAYOUT),
    ("sbm_meetings", _cut("<tbody>", "</tbody>", "<tbody>"), None, LAYOUT),  # a table without rows
    ("sbm_in_meeting_021", _no_main, None, SAME),
    ("sbm_in_meeting_021", _list_as_lines, None, SAME),
    ("sbm_in_meeting_021", _h1_as_div, None, SAME),
    ("sbm_in_meeting_021", _outside_main("<ul>", "</ul>"), None, SAME),
    ("sbm_in_meeting_021", _cut("<ul>", "</ul>"), None, LAYOUT),
    ("sbm_call_for_input_021", _no_main, None, SAME),
    ("sbm_call_for_input_021", lambda h: h.replace("<p>", "<ul><li>").replace("</p>", "</li></ul>"), None, SAME),
    ("sbm_call_for_input_021", _swap("The call for input is open until 11 May 2026.",
                                     "</p><p><strong>Deadline:</strong> 11 May 2026 (one week before the meeting)"),
     None, SAME),
    ("sbm_call_for_input_021", _cut("<p>The Supervisory Body", "<p>Inputs should"), None, LAYOUT),
    ("sbm_call_for_input_021", _swap("Call for input: SBM021", "Stakeholder consultation: SBM021"), None, LAYOUT),
    ("sbm_rules", _no_main, None, SAME),
    ("sbm_rules", _header_in_td, None, SAME),
    ("sbm_rules", _symbol_first, None, SAME),
    ("sbm_rules", _numbering_column, None, SAME),
    ("sbm_rules", lambda h: h.replace("<th>Symbol number</th>", "<th>Code</th>"), None, LAYOUT),
    ("sbm_rules", lambda h: re.sub(r"<tbody>.*?</tbody>", "<tbody></tbody>", h, flags=re.S), None, LAYOUT),
]


@pytest.mark.parametrize("name,change,kind,outcome", VARIANTS,
                         ids=[f"{v[0]}-{getattr(v[1], '__name__', 'change')}-{i}" for i, v in enumerate(VARIANTS)])
def test_a_changed_structure_reads_the_same_or_is_a_layout_error(name, change, kind, outcome):
    meta, body, expected = fixture_page("a64_sbm", name)
    assert_variant(meta["url"], body.decode("utf-8"), change, outcome, kind=kind,
                   want={**expected, "kind": meta["kind"]}, parts=("kind", "items", "follow"), unordered=True)


def test_a_real_page_without_documents_yet_is_not_an_error_but_an_empty_one_is():
    meta, body, _expected = fixture_page("a64_sbm", "sbm_meeting_023_no_documents")
    _source, _kind, parse = route(meta["url"], body)
    assert len(parse(meta["url"], body).items) == 1  # "will be published here": a meeting announced early
    with pytest.raises(LayoutError, match="agenda item or a document"):
        parse(meta["url"], _cut("<h2>Agenda", "</div></main>")(body.decode("utf-8")))


LABELLED_MEETING = """<html><body><div class="page">
<h1>30th meeting of the Article 6.4 Supervisory Body (SBM 030)</h1>
<p><strong>Date and venue:</strong> 11 to 13 May, 27 to 29 May and 12 June 2027, Bonn, Germany</p>
<p><strong>Time:</strong> 7:00pm-9:30pm JST / 11:00am-1:30pm CET</p>
<p><b>2. Governance</b><br>2 (a) Membership<br>2 (b) Workplan</p>
<p><a href="/sites/default/files/resource/a64-sbm030-aa-a01.pdf">A6.4-SBM030-AA-A01</a> - Amendments to version 02.0
of the activity standard (version 01.0) [<a href="https://www.youtube.com/watch?v=x">Video recording</a>]</p>
</div></body></html>"""


def test_labels_spans_sub_items_and_a_version_inside_a_title():
    page = a64_sbm.parse_meeting_page("https://unfccc.int/node/700030", LABELLED_MEETING)
    meeting, doc = page.items
    assert (meeting.start_date.isoformat(), meeting.end_date.isoformat()) == ("2027-05-11", "2027-06-12")
    assert meeting.venue == "Bonn, Germany" and meeting.details["time"].startswith("7:00pm-9:30pm JST")
    assert [(a.number, a.title) for a in meeting.agenda] == [("2", "Governance"), ("2 (a)", "Membership"),
                                                             ("2 (b)", "Workplan")]
    assert (doc.title, doc.version) == ("Amendments to version 02.0 of the activity standard", "01.0")
    assert [a.number for a in doc.agenda_items] == ["2 (b)"]
    assert [f.url for f in doc.files] == ["https://unfccc.int/sites/default/files/resource/a64-sbm030-aa-a01.pdf"]
    assert doc.details == {"recording": "https://www.youtube.com/watch?v=x"}  # a recording, not the document


CALL = """<html><body><h1>Call for input 2027 - annotated agenda of the thirtieth meeting</h1><div>
<p>The call for input is open until 1 March 2027 (one week prior to the meeting).</p>
<p>Please note the extended deadlines for input on the following annexes:</p>
<ul><li>Annex 4: 3 March 2027</li><li>Annex 5: 4 March 2027</li>
<li>For annexes 7 and 8, the deadline for input is 5 March 2027</li></ul>
<p>The deadline has been extended to 2 March 2027.</p></div></body></html>"""


def test_a_call_for_input_has_a_general_deadline_and_one_per_annex():
    url = "https://unfccc.int/node/700031"
    page = a64_sbm.parse_call_for_input(url, CALL)
    assert [(d.key.removeprefix(url), d.due_date.isoformat(), d.meeting_key) for d in page.items] == [
        ("", "2027-03-02", "sbm-030"), ("#annex-4", "2027-03-03", "sbm-030"), ("#annex-5", "2027-03-04", "sbm-030"),
        ("#annexes-7-and-8", "2027-03-05", "sbm-030")]
    assert page.items[1].title == "Call for input 2027 - annotated agenda of the thirtieth meeting: Annex 4"


def test_in_meeting_documents_carry_their_agenda_item():
    page = a64_sbm.parse_in_meeting_page(
        "https://unfccc.int/process-and-meetings/bodies/constituted-bodies/article-64-supervisory-body/"
        "Supervisory-Body-30/in-meeting-doc-broadcast-SBM030",
        "<h1>In-meeting documentation and broadcast of the 30th meeting (SBM 030)</h1><p><strong>3.4 Methodologies"
        "</strong></p><p><a href='/a.pdf'>In-meeting document on baselines (Version 13 February 2027 @9:30am)</a></p>")
    (doc,) = page.items
    assert (doc.version, [a.number for a in doc.agenda_items], doc.meetings) == ("2027-02-13 09:30", ["3.4"],
                                                                               ["sbm-030"])
