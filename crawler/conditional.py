"""Conditional requests: every URL's last ETag / Last-Modified is sent back (If-None-Match,
If-Modified-Since), so an unchanged file costs a 304: no body, no download, no extraction.

A page that answers 304 is re-parsed from the body kept when it last changed, so sightings stay fresh
and removals stay judged. A periodic full refresh ignores the validators, to catch what a server
that keeps them too long would hide. (Scrapy's HTTP cache is not used: with RFC2616 defaults it
serves pages it guesses are fresh without asking the server.)"""

from __future__ import annotations

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from sqlalchemy import select

from crawler.crawl_config import crawl_config
from storage.db import Catalog
from storage.models import HttpValidator


class ConditionalRequestMiddleware:
    """Looks each URL's validators up in the catalog when its request leaves (one primary-key read) and
    carries them on the request: nothing per URL is held in memory, whatever the size of the catalog."""

    def __init__(self, crawler: Crawler) -> None:
        config = crawl_config(crawler.settings)
        self.full_refresh = config.full_refresh
        self.data_dir = config.settings.data_dir
        self.database_url = config.settings.database_url
        self.stats = crawler.stats
        self._catalog: Catalog | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        return cls(crawler)

    def validator(self, url: str) -> tuple[str | None, str | None, str | None] | None:
        """The URL's stored validators; none on a full refresh (then nothing is asked of the catalog)."""
        if self._catalog is None:
            self._catalog = Catalog(self.database_url)
            assert self.stats is not None
            self.stats.set_value("a6watch/full_refresh", int(self.full_refresh))
        if self.full_refresh:
            return None
        with self._catalog.engine.connect() as con:  # one indexed read, no ORM object (every request asks)
            row = con.execute(select(HttpValidator.etag, HttpValidator.last_modified, HttpValidator.storage_path)
                              .where(HttpValidator.url == url)).first()
            return (row[0], row[1], row[2]) if row is not None else None

    def spider_closed(self) -> None:
        if self._catalog is not None:
            self._catalog.close()
            self._catalog = None

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if request.method != "GET":
            return
        known = self.validator(request.url)
        if known is None:
            return
        etag, last_modified, kept = known
        if etag:
            request.headers[b"If-None-Match"] = etag.encode("latin-1")
        if last_modified:
            request.headers[b"If-Modified-Since"] = last_modified.encode("latin-1")
        if etag or last_modified:
            request.meta["a6watch_conditional"] = kept or ""  # the body kept for a page, to re-parse it
            request.meta["handle_httpstatus_list"] = [*request.meta.get("handle_httpstatus_list", []), 304]

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if response.status != 304 or "a6watch_conditional" not in request.meta:
            return response
        assert self.stats is not None
        self.stats.inc_value("a6watch/fetch/not_modified")
        kept = request.meta["a6watch_conditional"]
        if kept and (self.data_dir / kept).is_file():  # a page: parse the body it had when it last changed
            return HtmlResponse(request.url, status=200, body=(self.data_dir / kept).read_bytes(),
                                headers=response.headers, request=request, flags=["not_modified"])
        return response
