"""Crawl only what changed: conditional requests, content hashes, and the periodic full refresh."""

from __future__ import annotations

import os

import pytest

from sample_site.build import build_site
from sample_site.common import Resource
from sample_site.server import SampleServer, site_key
from sample_site.unfccc_documents import BASE_DOCS
from tests.crawling import crawl, last_run

STATE1_FILES = sum(len(d.files) for d in BASE_DOCS)
pytestmark = pytest.mark.slow
T1, T2, T3 = "2026-05-25T06:00:00Z", "2026-05-25T12:00:00Z", "2026-05-25T18:00:00Z"
SESSION = "https://unfccc.int/event/sbsta-64"


def _file_requests(server):
    return [(m, k) for m, k in server.requests if k.startswith("unfccc.int/sites/default/files/")]


def test_an_unchanged_file_costs_a_304_no_download_and_no_extraction(tmp_path):
    with SampleServer(build_site(1)) as server:
        page = server.site[site_key(SESSION)]
        server.site[site_key(SESSION)] = Resource(page.content_type, page.body, validators=True)
        assert crawl(tmp_path, server.url, T1) == 0
        first, _ = last_run(tmp_path)
        server.requests.clear()
        assert crawl(tmp_path, server.url, T2) == 0
        second, changes = last_run(tmp_path)
    files = first.stats["a6watch/fetch/files"]
    assert files == STATE1_FILES and changes == []
    assert second.stats["a6watch/fetch/not_modified"] == files + 1  # every file, and the page with validators
    assert "a6watch/fetch/files" not in second.stats  # nothing downloaded …
    assert not any(k.startswith("a6watch/extract/") for k in second.stats)  # … and nothing extracted
    assert second.stats["a6watch/pages/not_modified"] == 1  # the 304 page was parsed from its kept body
    assert first.bytes - second.bytes >= files * 2000  # no file body crossed the wire (each is over 2 kB)


def test_a_full_refresh_ignores_validators_and_reuses_text_for_the_same_content(tmp_path, monkeypatch):
    with SampleServer(build_site(1)) as server:
        assert crawl(tmp_path, server.url, T1) == 0
        monkeypatch.setenv("A6WATCH_FULL_REFRESH", "1")
        server.requests.clear()
        assert crawl(tmp_path, server.url, T2) == 0
        run, changes = last_run(tmp_path)
        assert run.stats["a6watch/full_refresh"] == 1 and changes == []
        assert run.stats["a6watch/fetch/files"] == STATE1_FILES  # downloaded again …
        assert run.stats["a6watch/extract/reused"] == STATE1_FILES  # … but the same hash is never extracted twice
        assert "a6watch/fetch/not_modified" not in run.stats


def test_a_file_replaced_under_the_same_url_is_fetched_again(tmp_path):
    url = "https://unfccc.int/sites/default/files/resource/sbsta2026_03E.pdf"
    with SampleServer(build_site(1)) as server:
        assert crawl(tmp_path, server.url, T1) == 0
        server.site[site_key(url)] = build_site(2)[url]  # new bytes, new ETag, same URL and dates
        assert crawl(tmp_path, server.url, T2) == 0
        run, changes = last_run(tmp_path)
    assert changes == [("document.updated", "FCCC/SBSTA/2026/3")]
    assert run.stats["a6watch/fetch/files"] == 1 and run.stats["a6watch/fetch/not_modified"] == STATE1_FILES - 1


def test_the_full_refresh_comes_round_by_itself(tmp_path):
    with SampleServer(build_site(1)) as server:
        assert crawl(tmp_path, server.url, T1, config="full_refresh_days = 7\n") == 0
        assert crawl(tmp_path, server.url, T3, config="full_refresh_days = 7\n") == 0
        assert last_run(tmp_path)[0].stats["a6watch/full_refresh"] == 0
        assert crawl(tmp_path, server.url, "2026-06-02T06:00:00Z", config="full_refresh_days = 7\n") == 0
        assert last_run(tmp_path)[0].stats["a6watch/full_refresh"] == 1
    assert os.environ.get("A6WATCH_FULL_REFRESH") is None
