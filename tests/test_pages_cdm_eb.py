"""CDM Executive Board page parsers (crawler/pages/cdm_eb.py): behaviours analysts rely on beyond the
expected items kept as data in tests/fixtures/cdm_eb/."""

from __future__ import annotations

from functools import partial

from crawler.pages import cdm_eb
from tests.conftest import fixture_page, parse_fixture

_parse = partial(parse_fixture, "cdm_eb")  # _parse(parser, fixture name)


def test_eb_meeting_documents_observer_deadline_and_iso_8859_1():
    meta, body, _expected = fixture_page("cdm_eb", "eb_meeting_128")
    assert b"charset=iso-8859-1" in body
    page = cdm_eb.parse_meeting(meta["url"], body)
    meeting, deadline, *docs = page.items
    assert meeting.details["webcast_url"] == "https://unfccc.int/ebwebcast"
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
