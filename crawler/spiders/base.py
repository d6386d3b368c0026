"""The shared spider: fetch start pages, dispatch every response through the router, follow the
links that the parsers found, and request each document's files in the configured languages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from core.errors import A6WatchError, LayoutError
from core.items import DocumentItem, FetchedFile, FileMissing, FileNotModified, Page, PageReport
from core.sniff import FILE_TYPES, media_type
from core.watch_sources import PAGE_KINDS
from crawler.crawl_config import crawl_config
from crawler.pages.watch import TEXT_FIELD
from crawler.sources import BINARY_KINDS, PARSERS, SOURCES, route, url_kind
from crawler.walk import ListingWalk

WATCH_KINDS = frozenset(PAGE_KINDS.values())
WATCH_TEXT = PAGE_KINDS["text"]


def watched_text(item: DocumentItem, page: Page, url: str, etag: str | None, last_modified: str | None) -> FetchedFile:
    """A watched page's text, handed on as its document's file: stored, versioned and diffed like a draft."""
    return FetchedFile(item.key() or url, item.files[0].language, item.files[0].url,
                       str(page.meta.get(TEXT_FIELD, "")).encode("utf-8"), "text/plain", etag, last_modified)


class SourceSpider(scrapy.Spider):
    source_id = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = SOURCES[self.source_id]
        self._walk: ListingWalk | None = None

    @property
    def walk(self) -> ListingWalk:
        if self._walk is None:
            self._walk = ListingWalk(crawl_config(self.settings))
        return self._walk

    def closed(self, reason: str) -> None:
        if self._walk is not None:
            self._walk.close()

    def _start_urls(self) -> list[str]:
        config = crawl_config(self.settings)
        if config.mode == "session":  # the sitting meetings' own pages, nothing else
            return list(config.start_urls)
        return list(config.start_urls or self.spec.start_urls)

    def _languages(self) -> set[str]:
        return set(crawl_config(self.settings).settings.languages or ["en"])

    async def start(self) -> AsyncIterator[Any]:
        for url in self._start_urls():
            yield self.page_request(url)

    def page_request(self, url: str, kind: str | None = None) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_page, errback=self.failed,
                              meta={"a6watch_kind": kind, "playwright": self._browser(url)})

    def _browser(self, url: str) -> bool:
        hosts = crawl_config(self.settings).settings.browser.hosts
        return any(url.split("/")[2].endswith(h) for h in hosts) if hosts else False

    def parse_page(self, response: Response) -> Iterator[Any]:
        """The page's items and links. Whatever goes wrong while they are produced makes this page, and
        so the run, incomplete (nothing is judged missing on it) and is said loudly: never a silent
        end of a listing."""
        try:
            yield from self._page(response)
        except Exception as exc:  # noqa: BLE001 - any failure in a callback is recorded, never swallowed
            stats = self.crawler.stats
            assert stats is not None
            stats.inc_value("a6watch/errors")
            stats.inc_value("a6watch/pages/callback_failed")
            self.logger.error("%s: the page could not be read to its end: %s: %s", response.url,
                              type(exc).__name__, exc)
            yield PageReport(self.source_id, response.url, response.meta.get("a6watch_kind") or "unknown",
                             error=f"the page could not be read to its end ({type(exc).__name__}: {exc})")

    def _page(self, response: Response) -> Iterator[Any]:
        hint = response.meta.get("a6watch_kind")
        kind_override = hint if url_kind(response.url) == "sniff" and hint in PARSERS else None
        stats = self.crawler.stats
        assert stats is not None
        try:
            body = response.body if url_kind(response.url) in BINARY_KINDS else response.text
            _source, kind, parser = route(response.url, body, kind_override)
            page = parser(response.url, body)
        except LayoutError as exc:
            stats.inc_value("a6watch/errors")
            stats.inc_value("a6watch/layout_errors")
            self.logger.error(str(exc))
            yield PageReport(self.source_id, response.url, exc.kind, error=str(exc))
            return
        except A6WatchError as exc:
            stats.inc_value("a6watch/errors")
            self.logger.error(str(exc))
            yield PageReport(self.source_id, response.url, hint or "unknown", error=str(exc))
            return
        stats.inc_value(f"a6watch/pages/{kind}")
        etag = (response.headers.get(b"ETag") or b"").decode("latin-1") or None
        last_modified = (response.headers.get(b"Last-Modified") or b"").decode("latin-1") or None
        not_modified = "not_modified" in response.flags
        yield PageReport(self.source_id, response.url, kind, len(page.items), page.complete_listing,
                         etag=etag, last_modified=last_modified, not_modified=not_modified,
                         body=response.body if (etag or last_modified) and not not_modified else None)
        languages = self._languages()
        for item in page.items:
            yield item
            if isinstance(item, DocumentItem) and kind == WATCH_TEXT:  # the page's text is the version
                yield watched_text(item, page, response.url, etag, last_modified)
            elif isinstance(item, DocumentItem):
                key = item.key()
                for link in item.files:  # a watch source's files are in the one language it publishes
                    if key and (link.language in languages or kind in WATCH_KINDS):
                        yield scrapy.Request(link.url, callback=self.parse_file, errback=self.failed,
                                             meta={"a6watch_document": key, "a6watch_language": link.language,
                                                   "playwright": False})
        config = crawl_config(self.settings)
        walk = self.walk.decide(page)
        for follow in page.follow:
            decided = url_kind(follow.url)
            if not ((decided in PARSERS or decided == "sniff") and config.follows(follow.kind or decided)):
                continue
            if follow.kind == page.kind and not walk.follow_next_page:
                stats.inc_value("a6watch/walk/stopped")  # the rest of this listing is known and unchanged
                continue
            if follow.url in walk.skip:
                stats.inc_value("a6watch/walk/details_skipped")  # its row is known and unchanged
                continue
            yield self.page_request(follow.url, follow.kind)

    def parse_file(self, response: Response) -> Iterator[Any]:
        if response.status == 304:  # unchanged since the last fetch: no body, no extraction
            yield FileNotModified(response.meta["a6watch_document"], response.meta["a6watch_language"], response.url)
            return
        declared = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or None
        mtype = media_type(response.body, declared)
        stats = self.crawler.stats
        assert stats is not None
        if mtype not in FILE_TYPES:
            stats.inc_value("a6watch/errors")
            stats.inc_value("a6watch/fetch/not_a_document")
            self.logger.error("%s: expected a document file, got %s (%d bytes); not recorded",
                              response.url, mtype, len(response.body))
            return
        stats.inc_value("a6watch/fetch/files")
        header = response.headers.get
        yield FetchedFile(
            document_key=response.meta["a6watch_document"], language=response.meta["a6watch_language"],
            url=response.url, body=response.body, media_type=mtype,
            etag=(header(b"ETag") or b"").decode("latin-1") or None,
            last_modified=(header(b"Last-Modified") or b"").decode("latin-1") or None,
        )

    def failed(self, failure: Failure) -> Iterator[Any]:
        stats = self.crawler.stats
        assert stats is not None
        from scrapy.exceptions import IgnoreRequest

        if failure.check(HttpError):
            response = failure.value.response
            meta = response.meta if response.request is not None else {}
            if response.status in (404, 410) and meta.get("a6watch_document"):
                # a document's file that is gone: noted on its document; not a failed page, so the run
                # stays complete and removals are still judged on the listings that were read
                stats.inc_value("a6watch/fetch/file_missing")
                self.logger.warning("HTTP %s for the file %s", response.status, response.url)
                yield FileMissing(meta["a6watch_document"], meta["a6watch_language"], response.url, response.status)
                return
            stats.inc_value("a6watch/errors")
            stats.inc_value(f"a6watch/fetch/http_{response.status}")
            self.logger.error("HTTP %s for %s", response.status, response.url)
        elif failure.check(IgnoreRequest):
            stats.inc_value("a6watch/fetch/ignored")
            request = getattr(failure, "request", None)
            if request is None or not request.meta.get("a6watch_counted"):
                # not one of ours (blocked, refused, backed off: counted where they happen): a redirect
                # loop cut, a page robots.txt forbids … the page went unseen, so the run is not complete
                stats.inc_value("a6watch/errors")
                self.logger.error("not fetched: %s: %s", getattr(request, "url", "?"), failure.getErrorMessage())
        else:
            stats.inc_value("a6watch/errors")
            stats.inc_value("a6watch/fetch/failed")
            self.logger.error("fetch failed: %s: %s", failure.request.url, failure.getErrorMessage())  # type: ignore[attr-defined]


def spider_for(source_id: str) -> type[SourceSpider]:
    """The spider of a source: routing only, so one class serves every source; its name is the source id."""
    return type(f"{source_id.title().replace('_', '')}Spider", (SourceSpider,),
                {"name": source_id, "source_id": source_id, "__module__": __name__})
