"""The downloader middleware that keeps the evidence archive (storage/evidence.py): it sits next to the
downloader, so it records each response exactly as received — redirects, errors, 304s and bot-wall
pages included — before any other middleware retries, decompresses or replaces it."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from core.clock import default_clock
from crawler.crawl_config import crawl_config
from storage.evidence import EvidenceWriter, prune

logger = logging.getLogger(__name__)


def _headers(headers: Any) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, values in headers.items() for v in values]


class EvidenceMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawl_config(crawler.settings).settings
        self.enabled = settings.evidence.enabled
        self.root = settings.data_dir / "evidence"
        self.keep_days = float(settings.evidence.keep_days)
        self.stats = crawler.stats
        self.writer: EvidenceWriter | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EvidenceMiddleware:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        if not self.enabled:
            return
        now = default_clock().now()
        folder = self.root / spider.name
        removed = prune(folder, self.keep_days, now)
        if removed and self.stats is not None:
            self.stats.set_value("a6watch/evidence/pruned_files", removed)
        self.writer = EvidenceWriter(folder, now)

    def spider_closed(self, spider: Spider) -> None:
        if self.writer is not None:
            try:
                self.writer.close()
            except OSError as exc:
                self._write_error(exc)
            if self.stats is not None:
                self.stats.set_value("a6watch/evidence/records", self.writer.records)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if self.writer is not None:
            try:
                self.writer.exchange(request.url, default_clock().now(), request.method,
                                     _headers(request.headers), response.status, _headers(response.headers),
                                     response.body)
            except OSError as exc:  # a full disk: the response still reaches the crawl, the run fails
                self._write_error(exc)
                self._stop_writing()
        return response

    def _stop_writing(self) -> None:
        """After a failed write, no more records: the file ends at its last whole record."""
        writer, self.writer = self.writer, None
        if writer is not None:
            try:
                writer.close()
            except OSError:
                pass

    def _write_error(self, exc: OSError) -> None:
        if self.stats is not None:
            if not self.stats.get_value("a6watch/write_errors"):
                logger.error("the evidence archive could not be written: %s", exc)
            self.stats.inc_value("a6watch/write_errors")
            self.stats.inc_value("a6watch/errors")
