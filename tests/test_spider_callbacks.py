"""A page callback never ends silently: links in odd schemes are not followed, and any failure while a
page's items and links are produced makes the page (and the run) incomplete, loudly."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from core.items import PageReport
from crawler.pages.common import absolute
from crawler.run import run_status
from crawler.spiders.base import spider_for
from tests.conftest import FIXTURES

BASE = "https://unfccc.int/documents"


@pytest.mark.parametrize("href", ["JavaScript:void(0)", "  javascript:alert(1)", "JAVASCRIPT:x", "mailto:a@b.int",
                                  "MailTo:a@b.int", "tel:+4922881510", "data:text/html,x", "#top", "ftp://x/y",
                                  "file:///etc/passwd", "", None])
def test_only_http_links_are_followed(href):
    assert absolute(BASE, href) is None


@pytest.mark.parametrize("href,url", [("/documents/650102", "https://unfccc.int/documents/650102"),
                                      ("HTTPS://unfccc.int/a", "https://unfccc.int/a"),
                                      ("?page=1", "https://unfccc.int/documents?page=1")])
def test_relative_and_absolute_http_links_are_resolved(href, url):
    assert absolute(BASE, href) == url


def test_a_failure_inside_a_page_callback_makes_the_page_and_the_run_incomplete(monkeypatch):
    crawler = get_crawler(spider_for("unfccc_documents"))
    spider = crawler.spidercls.from_crawler(crawler)
    url = "https://unfccc.int/event/sbsta-64"
    body = (FIXTURES / "unfccc_documents" / "session_sbsta64.html").read_bytes()
    response = HtmlResponse(url, body=body, encoding="utf-8", request=Request(url, meta={"a6watch_kind": None}))

    def broken() -> set[str]:
        raise ValueError("Unsupported URL scheme 'javascript'")

    monkeypatch.setattr(spider, "_languages", broken)  # fails half-way: after the page report, before its items
    out = list(spider.parse_page(response))  # never raises out of the callback
    reports = [o for o in out if isinstance(o, PageReport)]
    assert reports[-1].error and "could not be read to its end" in reports[-1].error
    assert crawler.stats.get_value("a6watch/errors") == 1
    assert run_status("finished", crawler.stats.get_stats()) == "partial"


@pytest.mark.parametrize("status", [404, 410])
def test_a_file_that_is_gone_is_noted_on_its_document_and_leaves_the_run_complete(status):
    from scrapy.http import Response
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.python.failure import Failure

    from core.items import FileMissing

    crawler = get_crawler(spider_for("unfccc_documents"))
    crawler.stats.open_spider()
    spider = crawler.spidercls.from_crawler(crawler)
    url = "https://unfccc.int/sites/default/files/resource/sbi2026_03E.pdf"
    request = Request(url, meta={"a6watch_document": "FCCC/SBI/2026/3", "a6watch_language": "en"})
    failure = Failure(HttpError(Response(url, status=status, request=request)))
    assert list(spider.failed(failure)) == [FileMissing("FCCC/SBI/2026/3", "en", url, status)]
    assert run_status("finished", crawler.stats.get_stats()) == "complete"
    page = Request("https://unfccc.int/documents/650102")
    assert list(spider.failed(Failure(HttpError(Response(page.url, status=404, request=page))))) == []
    assert run_status("finished", crawler.stats.get_stats()) == "partial"  # a page that is gone is not complete
