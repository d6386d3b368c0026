"""The mirror keeps canonical URLs; the allow-list refuses other hosts, private addresses and file:."""

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from crawler.middlewares import SafetyMiddleware, is_private_host
from crawler.mirror import to_canonical, to_mirror
from tests.crawling import crawl_settings

MIRROR = "http://127.0.0.1:8700"


def test_mirror_round_trip_keeps_path_and_query():
    url = "https://unfccc.int/documents?f%5B0%5D=category%3AOfficial%20documents&page=1"
    mirrored = to_mirror(MIRROR, url)
    assert mirrored == "http://127.0.0.1:8700/unfccc.int/documents?f%5B0%5D=category%3AOfficial%20documents&page=1"
    assert to_canonical(MIRROR, mirrored) == url
    assert to_canonical(MIRROR, "/unfccc.int/documents/1") == "https://unfccc.int/documents/1"
    assert to_canonical(MIRROR, "http://elsewhere/x") is None


@pytest.fixture
def safety(tmp_path):
    crawler = get_crawler(settings_dict=crawl_settings(tmp_path))
    crawler.stats.open_spider()
    return SafetyMiddleware(crawler), crawler.stats


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://unfccc.int/x", "data:text/html,hi",
    "http://127.0.0.1/x", "http://localhost:8000/", "http://10.0.0.5/", "http://[::1]/", "http://169.254.169.254/",
    "https://example.org/documents/1", "https://unfccc.int.evil.example/",
])
def test_refused(safety, url):
    mw, stats = safety
    with pytest.raises(IgnoreRequest):
        mw.process_request(Request(url) if "://" in url and not url.startswith("data:") else Request(url))
    assert stats.get_value("a6watch/fetch/refused") == 1


@pytest.mark.parametrize("url", ["https://unfccc.int/documents/1", "https://www4.unfccc.int/sites/x.pdf"])
def test_allowed(safety, url):
    mw, _ = safety
    assert mw.process_request(Request(url)) is None


def test_private_host_detection():
    assert is_private_host("192.168.1.1") and is_private_host("localhost") and not is_private_host("unfccc.int")
