"""Conditional requests: every URL's last ETag / Last-Modified is sent back (If-None-Match,
If-Modified-Since), so an unchanged file costs a 304: no body, no download, no extraction.

A page that answers 304 is re-parsed from the body kept when it last changed, so sightings stay fresh
and removals stay judged. A periodic full refresh ignores the validators, to catch what a server
that keeps them too long would hide. (Scrapy's HTTP cache is not used: with RFC2616 defaults it
serves pages it guesses are fresh without asking the server.)"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from sqlalchemy import select

from crawler.crawl_config import crawl_config
from storage.db import Catalog
from storage.models import HttpValidator


class ConditionalRequestMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        config = crawl_config(crawler.settings)
        self.full_refresh = config.full_refresh
        self.data_dir = config.settings.data_dir
        self.database_url = config.settings.database_url
        self.stats = crawler.stats
        self._validators: dict[str, tuple[str | None, str | None, str | None]] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        return cls(crawler)

    def validators(self) -> dict[str, tuple[str | None, str | None, str | None]]:
        if self._validators is None:
            catalog = Catalog(self.database_url)
            try:
                with catalog.session() as s:
                    self._validators = {v.url: (v.etag, v.last_modified, v.storage_path)
                                        for v in s.scalars(select(HttpValidator))}
            finally:
                catalog.close()
            assert self.stats is not None
            self.stats.set_value("a6watch/full_refresh", int(self.full_refresh))
        return self._validators

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        known = self.validators().get(request.url)
        if self.full_refresh or known is None or request.method != "GET":
            return
        etag, last_modified, _body = known
        if etag:
            request.headers[b"If-None-Match"] = etag.encode("latin-1")
        if last_modified:
            request.headers[b"If-Modified-Since"] = last_modified.encode("latin-1")
        if etag or last_modified:
            request.meta["a6watch_conditional"] = True
            request.meta["handle_httpstatus_list"] = [*request.meta.get("handle_httpstatus_list", []), 304]

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if response.status != 304 or not request.meta.get("a6watch_conditional"):
            return response
        assert self.stats is not None
        self.stats.inc_value("a6watch/fetch/not_modified")
        _etag, _lm, kept = self.validators()[request.url]
        if kept and (self.data_dir / kept).is_file():  # a page: parse the body it had when it last changed
            return HtmlResponse(request.url, status=200, body=(self.data_dir / kept).read_bytes(),
                                headers=response.headers, request=request, flags=["not_modified"])
        return response
