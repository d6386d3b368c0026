"""Article 6.4 Supervisory Body page parsers (crawler/pages/a64_sbm.py): behaviours analysts rely on beyond the
expected items kept as data in tests/fixtures/a64_sbm/."""

from __future__ import annotations

from functools import partial

import pytest

from core.errors import LayoutError
from crawler.pages import a64_sbm
from tests.conftest import fixture_page, parse_fixture

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
