"""Which rows of a listing the catalog already holds unchanged: what a regular crawl may stop at."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.items import DocumentItem
from storage.models import Document, DocumentFile, HttpValidator, Sighting
from storage.recording.common import sighting_fields

COMPARED = ("title", "doc_type", "publication_date", "version")


def known_unchanged(s: Session, source_id: str, page_kind: str, items: Sequence[DocumentItem]) -> list[bool]:
    """For each listing row: True if its document is in the catalog, a page of the same kind said the
    same of it (title, type, date, version), and every file it links to was fetched before. One query
    per table for the whole page, whatever the size of the catalog."""
    keys = {item.key() for item in items} - {None}
    said: dict[str, list[dict[str, object]]] = {}
    if keys:
        for key, fields in s.execute(select(Document.key, Sighting.fields).join(Sighting)
                                     .where(Document.key.in_(keys), Sighting.source_id == source_id,
                                            Sighting.page_kind == page_kind)):
            said.setdefault(key, []).append(fields or {})
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
        out.append(same and all(f.url in fetched for f in item.files))
    return out
