"""End to end for the SBM and EB sources against the local sample site."""

from __future__ import annotations

import feedparser
import pytest
from sqlalchemy import select

from feeds.build import build_feeds
from sample_site.build import EXPECTED_STATE2, build_site
from sample_site.server import SampleServer
from storage.db import Catalog
from storage.models import Change, Deadline, Document, Meeting
from tests.crawling import assert_state2_reports_exactly, crawl
from tests.databases import database_url_for

pytestmark = pytest.mark.slow
STATE1, STATE2, LATER = "2026-05-25T06:00:00Z", "2026-06-05T06:00:00Z", "2026-06-05T12:00:00Z"


@pytest.mark.parametrize("source", ["a64_sbm", "cdm_eb"])
def test_state2_yields_the_expected_meeting_changes_and_a_recrawl_none(tmp_path, source):
    assert_state2_reports_exactly(tmp_path, source, EXPECTED_STATE2[source])


def test_meetings_agenda_items_deadlines_and_meeting_feeds(tmp_path):
    with SampleServer(build_site(1)) as server:
        crawl(tmp_path, server.url, STATE1, source="a64_sbm")
        crawl(tmp_path, server.url, STATE1, source="cdm_eb")
        server.set_site(build_site(2))
        crawl(tmp_path, server.url, STATE2, source="a64_sbm")
        crawl(tmp_path, server.url, STATE2, source="cdm_eb")
    catalog = Catalog(database_url_for(tmp_path))
    with catalog.session() as s:
        meetings = {m.key: m for m in s.scalars(select(Meeting))}
        assert meetings["sbm-023"].start_date.isoformat() == "2026-07-21" and meetings["sbm-023"].status == "tentative"
        assert meetings["sbm-021"].status == "passed" and meetings["eb-129"].status == "confirmed"
        assert meetings["eb-128"].details["time"] == "09:00 - 18:00 CET"
        annex = s.scalar(select(Document).where(Document.key == "A6.4-SBM022-AA-A01"))
        assert [(a.meeting_key, a.number) for a in annex.agenda_items] == [("sbm-022", "3.4")]
        assert annex.files and annex.files[0].extraction_status == "ok"
        eb_annex = s.scalar(select(Document).where(Document.key == "CDM-EB128-AA-A03-STAN"))
        assert eb_annex.files[0].media_type == "application/pdf"  # FileStorage URL without extension
        deadlines = {d.kind for d in s.scalars(select(Deadline))}
        assert deadlines == {"call_for_input", "observer_registration"}
        reissue = s.scalar(select(Change).where(Change.subject == "A6.4-STAN-METH-001"))
        assert reissue.file_id and reissue.previous_file_id
    paths = build_feeds(catalog, tmp_path / "feeds", "http://127.0.0.1:8765/")
    catalog.close()
    names = {p.relative_to(tmp_path / "feeds").as_posix() for p in paths}
    assert {"bodies/sbm.atom", "bodies/eb.atom", "meetings/sbm-022.atom", "meetings/eb-128.rss"} <= names
    sbm022 = feedparser.parse(tmp_path / "feeds" / "meetings" / "sbm-022.atom")
    assert not sbm022.bozo
    assert sorted(e.title for e in sbm022.entries) == sorted([
        "A6.4-SBM022-AA — annotated agenda published", "A6.4-SBM022-AA-A01 — new document",
        "A6.4-SBM022-AA-A02 — new document",
        "Call for input: SBM022 - annotated agenda and related annexes — deadline set",
        "Call for input SBM022 - annotated agenda and related annexes: Annex 2 and Annex 3 — deadline set"])
    eb = feedparser.parse(tmp_path / "feeds" / "bodies" / "eb.atom")
    assert [e.title for e in eb.entries] == ["CDM-EB128-AA-A03-STAN — new document"]
