"""End to end for A6IP, Article 6.2 and the registries against the local sample site."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sample_site.build import EXPECTED_STATE2 as EXPECTED_STATE2_RECORDS
from sample_site.build import build_site
from sample_site.server import SampleServer
from storage.db import Catalog
from storage.models import Change, Document, Record
from tests.crawling import assert_state2_reports_exactly, crawl, last_run
from tests.databases import database_url_for

pytestmark = pytest.mark.slow
STATE1, STATE2, LATER = "2026-05-25T06:00:00Z", "2026-06-05T06:00:00Z", "2026-06-05T12:00:00Z"


@pytest.mark.parametrize("source", ["a6ip", "a62_bilateral", "registries"])
def test_state2_yields_exactly_the_expected_record_changes(tmp_path, source):
    assert_state2_reports_exactly(tmp_path, source, EXPECTED_STATE2_RECORDS[source])
    catalog = Catalog(database_url_for(tmp_path))
    with catalog.session() as s:
        summaries = {c.subject: c.summary for c in s.scalars(select(Change).where(Change.kind != "baseline"))}
        records = s.scalars(select(Record)).all()
        slide_status = {d.files[0].extraction_status for d in s.scalars(select(Document)
                                                                      .where(Document.role == "slides"))}
    catalog.close()
    if source == "a62_bilateral":
        assert summaries["Singapore – Thailand"] == \
            "New implementation agreement: Singapore – Thailand, signed 19 Aug 2025"
        assert summaries["Japan – Mongolia"] == "Status changed: Japan – Mongolia, MoU → BA (signed)"
        renamed = summaries["Switzerland – Peru"]  # an edited title: one change, never removed + added
        assert "Title changed: Switzerland – Peru, Agreement with the Republic of Peru → Implementing Agreement" \
            in renamed
        assert all(r.status == "current" for r in records)
    if source == "a6ip":
        assert "Slides changed: A6IP Webinar on Authorization of ITMOs, (none) → https://a6partnership.org/" \
               "wp-content/uploads/2026/06/a6ip-authorization-webinar.pdf" in summaries[
                   "A6IP Webinar on Authorization of ITMOs"]
        assert slide_status == {"ok"}  # slides downloaded and text-extracted
    if source == "registries":
        projects = {r.key: r.fields for r in records if r.table_name == "cdm_project"}
        assert projects["1134"]["methodologies"] == ["ACM0001 ver. 19 - Flaring or use of landfill gas"]


def test_a_layout_change_in_a_table_is_a_health_alert_not_a_flood_of_changes(tmp_path):
    url = ("https://unfccc.int/process-and-meetings/the-paris-agreement/article-6/article-62/carp/reports")
    with SampleServer(build_site(1)) as server:
        crawl(tmp_path, server.url, STATE1, source="a62_bilateral")
        server.set_site(build_site(2))
        # a column renamed beyond recognition ("Review status" would still be read, by its words)
        page = server.site[url[8:]].body.replace(b"<th>Status of review</th>", b"<th>Outcome</th>")
        server.fault(url, ("body", page, "text/html"))
        assert crawl(tmp_path, server.url, STATE2, source="a62_bilateral") == 3
    run, changes = last_run(tmp_path)
    assert run.status == "partial" and run.stats["a6watch/layout_errors"] == 1
    on_the_broken_page = {("record.added", "Thailand: Initial report (2021-2030)"),
                          ("record.changed", "Guyana: Initial report (2021-2030)")}
    expected = sorted(set(EXPECTED_STATE2_RECORDS["a62_bilateral"]) - on_the_broken_page
                      | {("source.broken", "a62_bilateral")})
    assert changes == expected  # the other pages' changes, one alert for the broken table, nothing removed
