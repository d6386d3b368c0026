"""Store every fetched file content-addressed under the data directory."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from core.items import FetchedFile, PageReport
from crawler.crawl_config import crawl_config
from storage.blobs import store
from storage.recorder import StoredFile


class StoreFilePipeline:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoreFilePipeline:
        return cls(crawl_config(crawler.settings).settings.data_dir)

    async def process_item(self, item: Any) -> Any:
        """A fetched file becomes a stored one; a page's body (kept to re-parse it after a 304) is stored
        the same way, by sha256, and travels on as its address. Hashing, writing and syncing to disk run
        in a thread: the crawl's event loop goes on parsing and recording meanwhile."""
        if isinstance(item, FetchedFile):
            return await asyncio.to_thread(stored_file, self.data_dir, item)
        if isinstance(item, PageReport) and item.body is not None:
            item.sha256, item.storage_path = await asyncio.to_thread(store, self.data_dir, item.body)
            item.body = None
        return item


def stored_file(data_dir: Path, item: FetchedFile) -> StoredFile:
    digest, rel = store(data_dir, item.body)
    return StoredFile(document_key=item.document_key, language=item.language, url=item.url,
                      media_type=item.media_type, size=len(item.body), sha256=digest, storage_path=rel,
                      etag=item.etag, last_modified=item.last_modified, extraction_status="pending")
