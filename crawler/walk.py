"""How far a regular crawl reads a paged listing (newest first): always its first pages; past them it
stops after a run of rows that the catalog already holds unchanged, and it fetches the detail page of
a row only if the row is new or changed. A deep crawl (``--deep``, the full refresh) reads everything."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from core.items import DocumentItem, Page
from crawler.crawl_config import CrawlConfig
from storage.known import archive_walked, known_unchanged


@dataclass
class Decision:
    follow_next_page: bool = True
    skip: set[str] = field(default_factory=set)  # detail pages not worth fetching (their row is unchanged)


def page_number(url: str) -> int:
    """Drupal counts pages from 0 (``?page=3``); a listing without the parameter is page 0."""
    value = dict(parse_qsl(urlsplit(url).query)).get("page", "0")
    return int(value) if value.isdigit() else 0


def chain(url: str) -> str:
    """The listing a page belongs to: its URL without the page number."""
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"])
    return urlunsplit(parts._replace(query=query))


class ListingWalk:
    def __init__(self, config: CrawlConfig) -> None:
        self.deep = config.mode == "deep" or config.full_refresh
        self.walk = config.settings.walk
        self.source_id = config.source_id
        self.database_url = config.settings.database_url
        self.known_run: dict[str, int] = {}  # per listing: known, unchanged rows in a row so far
        self._catalog: Any = None
        self._bounded: bool | None = None  # has a whole-archive walk of this source completed?

    @staticmethod
    def paged(page: Page) -> bool:
        """A listing that links to its own next page."""
        return any(f.kind == page.kind for f in page.follow)

    def decide(self, page: Page) -> Decision:
        if self.deep or not self.paged(page):
            return Decision()
        if self._bounded is None:  # asked once per crawl
            with self._session() as s:
                self._bounded = archive_walked(s, self.source_id)
        if not self._bounded:
            self.deep = True  # until one walk of the whole archive has completed, every run reads it all
            return Decision()
        rows = [i for i in page.items if isinstance(i, DocumentItem)]
        known = self._known(page.kind, rows)
        key = chain(page.url)
        run = self.known_run.get(key, 0)
        for is_known in known:
            run = run + 1 if is_known else 0
        self.known_run[key] = run
        past_first = page_number(page.url) + 1 >= self.walk.first_pages
        return Decision(follow_next_page=not (past_first and run >= self.walk.stop_after_known),
                        skip={r.url for r, k in zip(rows, known, strict=True) if k and r.url})

    def _session(self) -> Any:
        if self._catalog is None:
            from storage.db import Catalog

            self._catalog = Catalog(self.database_url)
        return self._catalog.session()

    def _known(self, kind: str, rows: list[DocumentItem]) -> list[bool]:
        if not rows:
            return []
        with self._session() as s:
            return known_unchanged(s, self.source_id, kind, rows)

    def close(self) -> None:
        if self._catalog is not None:
            self._catalog.close()
