"""The browser fetcher (scrapy-playwright on Debian's chromium) through the mirror's route interception."""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_site.build import build_site
from sample_site.server import SampleServer
from tests.crawling import crawl, last_run

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.slow, pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")]


def test_a_browser_crawl_records_the_same_catalog_as_a_plain_one(tmp_path):
    plain, browser = tmp_path / "plain", tmp_path / "browser"
    plain.mkdir()
    browser.mkdir()
    with SampleServer(build_site(1)) as server:
        assert crawl(plain, server.url, "2026-05-25T06:00:00Z") == 0
        assert crawl(browser, server.url, "2026-05-25T06:00:00Z",
                     config='[browser]\nhosts = ["unfccc.int"]\n') == 0
        browsed = [key for method, key in server.requests]
    plain_run, _ = last_run(plain)
    browser_run, changes = last_run(browser)
    assert browser_run.status == "complete" and browser_run.items == plain_run.items
    assert browser_run.stats["playwright/page_count"] >= 13
    assert changes == [("baseline", "UNFCCC session documents (unfccc.int)")]
    assert any(key.startswith("unfccc.int/event/sbsta-64") for key in browsed)


def test_a_missing_browser_is_a_clear_configuration_error(tmp_path):
    with SampleServer(build_site(1)) as server:
        code = crawl(tmp_path, server.url, "2026-05-25T06:00:00Z",
                     config='[browser]\nhosts = ["unfccc.int"]\nexecutable_path = "/nonexistent/chromium"\n')
    assert code == 2
