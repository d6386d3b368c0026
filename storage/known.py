"""Which rows of a listing the catalog already holds unchanged: what a regular crawl may stop at."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.items import DocumentItem
from storage.models import CrawlRun, Document, DocumentFile, HttpValidator, Sighting
from storage.recording.base import MODE_STAT
from storage.recording.common import sighting_fields

COMPARED = ("title", "doc_type", "publication_date", "version")


def archive_walked(s: Session, source_id: str) -> bool:
    """Whether a crawl of the source that read its archives whole (every run before the first bounded
    one, and every deep one) has completed: until then a regular run reads everything too."""
    for stats in s.scalars(select(CrawlRun.stats).where(CrawlRun.source_id == source_id,
                                                        CrawlRun.status == "complete")):
        if (stats or {}).get(MODE_STAT) != "session":
            return True
    return False


def known_unchanged(s: Session, source_id: str, page_kind: str, items: Sequence[DocumentItem]) -> list[bool]:
    """For each listing row: True if its document is in the catalog, a page of the same kind said the
    same of it (title, type, date, version), its own page was read (a detail page that failed once is
    fetched again), and every file it links to was fetched before. One query per table for the whole
    page, whatever the size of the catalog."""
    keys = {item.key() for item in items} - {None}
    said: dict[str, list[dict[str, object]]] = {}
    if keys:
        for key, fields in s.execute(select(Document.key, Sighting.fields).join(Sighting)
                                     .where(Document.key.in_(keys), Sighting.source_id == source_id,
                                            Sighting.page_kind == page_kind)):
            said.setdefault(key, []).append(fields or {})
    pages = {item.url for item in items if item.url}
    read: set[tuple[str, str]] = set()
    if keys and pages:
        read = {(key, url) for key, url in s.execute(select(Document.key, Sighting.page_url).join(Sighting)
                                                     .where(Document.key.in_(keys), Sighting.page_url.in_(pages)))}
    urls = {f.url for item in items for f in item.files}
    fetched: set[str] = set()
    if urls:
        fetched = set(s.scalars(select(HttpValidator.url).where(HttpValidator.url.in_(urls))))
        fetched |= set(s.scalars(select(DocumentFile.url).where(DocumentFile.url.in_(urls - fetched))))
    out = []
    for item in items:
        now = sighting_fields(item)
        same = any(all(not now[f] or before.get(f) == now[f] for f in COMPARED)
                   for before in said.get(item.key() or "", ()))
        page_read = not item.url or (item.key() or "", item.url) in read
        out.append(same and page_read and all(f.url in fetched for f in item.files))
    return out
