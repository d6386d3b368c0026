"""Record every item in the catalog through the Recorder, and close the run with its status."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from core.clock import default_clock
from core.sources import SOURCES
from crawler.crawl_config import crawl_config
from crawler.distributed import SharedCrawl
from crawler.run import run_status
from storage.db import Catalog
from storage.recorder import ITEMS_STAT, Recorder


class RecordPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.config = crawl_config(crawler.settings)
        self.database_url = self.config.settings.database_url
        self.progress = self.config.progress
        self.recorder: Recorder | None = None
        self.shared: SharedCrawl | None = None
        self.catalog: Catalog | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_error, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecordPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        source_id = spider.name
        self.catalog = Catalog(self.database_url)
        catalog, title = self.catalog, SOURCES[source_id].title
        watchlists = dict(self.config.settings.watchlists) or None
        self.shared = SharedCrawl.of(self.crawler)
        if self.shared is None:
            self.recorder = Recorder(catalog, source_id, title, default_clock(), watchlists, mode=self.config.mode)
        else:  # one worker of a distributed crawl: every worker records into the same run
            def open_run() -> int:
                self.recorder = Recorder(catalog, source_id, title, default_clock(), watchlists,
                                         mode=self.config.mode)
                return self.recorder.run_id

            run_id, opened = self.shared.join_run(open_run, join_only=self.config.join_only)
            if not opened:
                self.recorder = Recorder(catalog, source_id, title, default_clock(), watchlists, run_id=run_id,
                                         mode=self.config.mode)
            self._say(f"worker {self.shared.worker} {'opened' if opened else 'joined'} run {run_id}")
        assert self.recorder is not None
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("a6watch/mode", self.config.mode)  # kept in the run's stats
        self._say(f"run {self.recorder.run_id} of {source_id}"
                  + (" (baseline)" if self.recorder.is_baseline else ""))

    def _say(self, text: str) -> None:
        if self.progress:
            print(f"  {text}", file=sys.stderr, flush=True)

    def process_item(self, item: Any) -> Any:
        """Record an item. Another worker may record the same document at the same moment: the loser of
        that race sees a unique-key conflict and records again, now as an update (changes are idempotent)."""
        for attempt in range(5):
            try:
                return self._record(item)
            except (IntegrityError, OperationalError):
                if self.shared is None or attempt == 4:
                    raise
                time.sleep(0.05 * (attempt + 1))
        return item

    def _record(self, item: Any) -> Any:
        assert self.recorder is not None
        line = self.recorder.observe(item)
        if line:
            self._say(line)
        return item

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Any) -> None:
        """An item that a stage could not handle: the run is not complete (nothing is judged missing on
        it); one that could not be written (a full disk, a catalog that refuses writes) fails the run."""
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("a6watch/errors")
        stats.inc_value("a6watch/item_errors")
        page_url = getattr(item, "page_url", None)
        if page_url and self.recorder is not None:
            try:  # what the page listed was not all recorded: nothing is judged missing from it
                self.recorder.forget_page(page_url)
            except (OSError, DBAPIError):
                pass  # the catalog refuses writes: the run fails anyway (write_errors)
        if failure.check(OSError, DBAPIError):
            stats.inc_value("a6watch/write_errors")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        try:
            self._close(reason)
        except (OSError, DBAPIError) as exc:  # the run could not even be closed: the crawl failed
            assert self.crawler.stats is not None
            self.crawler.stats.set_value("a6watch/write_errors", 1 + (self.crawler.stats.get_value(
                "a6watch/write_errors") or 0))
            logging.getLogger(__name__).error("the run could not be closed in the catalog: %s", exc)

    def _close(self, reason: str) -> None:
        if self.recorder is None:
            return
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        if self.shared is not None:
            own = {**stats, ITEMS_STAT: self.recorder.counters.items}
            merged = self.shared.leave(own, finished=reason == "finished")
            if merged is None:  # other workers are still at it; the last one out closes the run
                self._say(f"worker {self.shared.worker} done ({reason}); run {self.recorder.run_id} goes on")
                if self.catalog:
                    self.catalog.close()
                return
            stats = merged
            troubles = stats.get("a6watch/distributed/workers_unfinished", 0) or stats.get(
                "a6watch/distributed/left_in_queue", 0)
            reason = "finished" if not troubles else "worker_unfinished"
        status = run_status(reason, stats)
        changes = self.recorder.finish(status, stats, message=None if reason == "finished" else reason)
        self._say(f"run {self.recorder.run_id} {status}: {self.recorder.counters.items} items, {changes} changes")
        if self.catalog:
            self.catalog.close()
