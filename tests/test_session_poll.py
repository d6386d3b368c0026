"""While a body meets, its in-session pages are polled every few minutes, from the meeting's own page,
and nothing else is walked; when none of its meetings sits, there is no poll."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from core.cadence import MeetingWindow, next_poll, sitting
from core.settings import Cadence
from sample_site.build import build_site
from sample_site.server import SampleServer
from storage.db import Catalog
from storage.models import CrawlRun
from tests.crawling import crawl
from tests.databases import database_url_for

SBM021 = MeetingWindow("SBM", date(2026, 5, 18), date(2026, 5, 21))


def test_in_session_pages_are_polled_only_while_a_meeting_of_the_source_sits():
    cadence = Cadence(in_session_minutes=10)
    during, after = datetime(2026, 5, 19, 9, 0), datetime(2026, 5, 22, 9, 0)
    assert next_poll("a64_sbm", None, during, [SBM021], cadence) == during
    assert next_poll("a64_sbm", datetime(2026, 5, 19, 8, 55), during, [SBM021], cadence) == datetime(2026, 5, 19, 9, 5)
    assert next_poll("a64_sbm", datetime(2026, 5, 19, 8, 55), after, [SBM021], cadence) is None
    assert not sitting("unfccc_documents", during.date(), [SBM021])  # not its body
    assert not sitting("a6ip", during.date(), [MeetingWindow("SBM", during.date(), during.date())])  # no such pages


@pytest.mark.slow
def test_a_session_poll_reads_the_sitting_meeting_and_its_in_meeting_documents_only(tmp_path):
    with SampleServer(build_site(1)) as server:
        assert crawl(tmp_path, server.url, "2026-05-19T08:00:00Z", source="a64_sbm") in (0, 3)
        assert crawl(tmp_path, server.url, "2026-05-20T08:00:00Z", source="a64_sbm", mode="session") == 0
        assert crawl(tmp_path, server.url, "2026-06-30T08:00:00Z", source="a64_sbm", mode="session") == 0
    catalog = Catalog(database_url_for(tmp_path))
    try:
        with catalog.session() as s:
            runs = s.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
    finally:
        catalog.close()
    assert len(runs) == 2  # nothing sat on 30 June: no poll, no run
    regular, poll = runs
    assert regular.stats["a6watch/mode"] == "regular" and poll.stats["a6watch/mode"] == "session"
    assert poll.status == "complete"
    pages = {k.removeprefix("a6watch/pages/") for k in poll.stats if k.startswith("a6watch/pages/")
             and k.removeprefix("a6watch/pages/") in ("sbm_meetings", "sbm_meeting", "sbm_in_meeting",
                                                      "sbm_rules", "sbm_call_for_input")}
    assert pages == {"sbm_meeting", "sbm_in_meeting"}  # the meeting and its in-meeting page, not the lists
    assert poll.stats["a6watch/pages/sbm_meeting"] == 1 and poll.requests < regular.requests
