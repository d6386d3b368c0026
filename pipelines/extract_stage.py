"""Extract text from each stored file in a bounded worker process, off the crawl's event loop;
text already extracted for the same content hash is reused, never extracted twice."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy import select

from core.settings import Extraction
from core.watch import DEFAULT_WATCHLISTS
from crawler.crawl_config import crawl_config
from extraction.engine import ExtractionResult, extract_file
from extraction.pool import ExtractorPool
from storage.db import Catalog
from storage.models import DocumentFile
from storage.recorder import StoredFile


class ExtractPipeline:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawl_config(crawler.settings).settings
        self.data_dir = settings.data_dir
        self.limits = settings.extraction
        self.database_url = settings.database_url
        self.stats = crawler.stats
        self.catalog: Catalog | None = None
        # the recorder's watchlists (pipelines/record.py): their hits are found in the extraction workers
        self.pool = ExtractorPool(self.limits, self.limits.workers,
                                  watchlists=dict(settings.watchlists) or DEFAULT_WATCHLISTS)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.catalog = Catalog(self.database_url)

    def close_spider(self) -> None:
        self.pool.close()
        if self.catalog:
            self.catalog.close()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, StoredFile) or item.extraction_status != "pending":
            return item
        assert self.stats is not None
        if self.catalog is not None and self._reuse(item):
            self.stats.inc_value("a6watch/extract/reused")
            return item
        try:
            await asyncio.to_thread(self._extract, item)
        except Exception as exc:  # the pool itself failed (no worker would start): not the file's fault
            # Not recorded at all, so no validator either: the next run fetches and extracts it again,
            # and this run is partial, so nothing is judged on it.
            self.stats.inc_value("a6watch/errors")
            self.stats.inc_value("a6watch/extract/worker_unavailable")
            raise DropItem(f"extraction of {item.url} not attempted: {exc}") from exc
        self.stats.inc_value(f"a6watch/extract/{item.extraction_status}")
        return item

    def _extract(self, item: StoredFile) -> None:
        result = self.pool.extract(self.data_dir / item.storage_path, item.media_type)
        apply_result(item, result)

    def _reuse(self, item: StoredFile) -> bool:
        assert self.catalog is not None
        with self.catalog.session() as s:
            known = s.scalars(select(DocumentFile).where(DocumentFile.sha256 == item.sha256,
                                                         DocumentFile.extraction_status != "failed")).first()
            if known is None:
                return False
            item.pages, item.text = known.pages, known.text
            item.extraction_status, item.extraction_error = known.extraction_status, known.extraction_error
            return True


def apply_result(item: StoredFile, result: ExtractionResult) -> None:
    item.pages, item.text = result.pages, result.text
    item.extraction_status = result.status if result.status != "skipped" else "failed"
    item.extraction_error = result.error
    item.hits, item.hits_for = result.hits, result.hits_for


def extract_into(data_dir: Path, item: StoredFile, limits: Extraction) -> StoredFile:
    """One file, in its own bounded worker process (imports; the crawl uses the pool)."""
    apply_result(item, extract_file(data_dir / item.storage_path, item.media_type, limits))
    return item
