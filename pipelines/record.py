"""Record every item in the catalog through the Recorder, and close the run with its status."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from a6watch.clock import default_clock
from crawler.items import DeadlineItem, DocumentItem, FileNotModified, MeetingItem, PageReport, RecordItem
from crawler.sources import SOURCES
from pipelines.store import store
from storage.db import Catalog
from storage.recorder import Recorder, StoredFile


def run_status(reason: str, stats: dict[str, Any]) -> str:
    """complete only if the crawl finished with no error, no block and nothing skipped."""
    if reason != "finished":
        return "partial"
    troubles = ("a6watch/errors", "a6watch/fetch/blocked", "a6watch/fetch/skipped_backoff")
    return "partial" if any(stats.get(k, 0) for k in troubles) else "complete"


class RecordPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.database_url = crawler.settings["A6WATCH_DATABASE_URL"]
        self.progress = crawler.settings.getbool("A6WATCH_PROGRESS")
        self.data_dir = Path(crawler.settings["A6WATCH_DATA_DIR"])
        self.recorder: Recorder | None = None
        self.catalog: Catalog | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecordPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        source_id = spider.name
        self.catalog = Catalog(self.database_url)
        self.recorder = Recorder(self.catalog, source_id, SOURCES[source_id].title, default_clock(),
                                 self.crawler.settings.getdict("A6WATCH_WATCHLISTS") or None)
        self._say(f"run {self.recorder.run_id} of {source_id}"
                  + (" (baseline)" if self.recorder.is_baseline else ""))

    def _say(self, text: str) -> None:
        if self.progress:
            print(f"  {text}", file=sys.stderr, flush=True)

    def process_item(self, item: Any) -> Any:
        recorder = self.recorder
        assert recorder is not None
        if isinstance(item, FileNotModified):
            recorder.file_not_modified(item.document_key, item.language, item.url)
        elif isinstance(item, PageReport):
            if item.not_modified:
                recorder.count("pages/not_modified")
            elif item.body is not None:
                digest, rel = store(self.data_dir, item.body)
                recorder.record_validator(item.url, item.etag, item.last_modified, digest, rel)
            else:
                recorder.record_validator(item.url, None, None, None)
            if item.error:
                recorder.record_layout_error(item.url, item.kind, item.error)
                self._say(f"LAYOUT ERROR {item.url}: {item.error}")
            else:
                recorder.record_page(item.url, item.kind, item.items, item.complete_listing)
                self._say(f"{item.kind}: {item.url} ({item.items} items)")
        elif isinstance(item, (DocumentItem, MeetingItem, DeadlineItem, RecordItem, StoredFile)):
            recorder.observe(item)
        if isinstance(item, StoredFile):
            self._say(f"file {item.language} {item.url} [{item.extraction_status}"
                      + (f": {item.extraction_error}" if item.extraction_error else "") + "]")
        return item

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.recorder is None:
            return
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        status = run_status(reason, stats)
        changes = self.recorder.finish(status, stats, message=None if reason == "finished" else reason)
        self._say(f"run {self.recorder.run_id} {status}: {self.recorder.counters.items} items, {changes} changes")
        if self.catalog:
            self.catalog.close()
