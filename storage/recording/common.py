"""What the recorder's parts share: the stored-file item, run counters, constants (their wording is
``storage.wording``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from core.items import DocumentItem
from core.references import Reference
from core.watch import WatchHit
from storage import changes as ck

TRACKED_FIELDS = ("title", "doc_type", "publication_date", "agenda")
REMOVAL_MISSES = 2
# A complete listing page that yields fewer items than this share of its recent visits is suspect (a
# changed template read in part): it raises a health alert and nothing is judged missing from it.
PAGE_SHRINK_RATIO = 0.5
PAGE_HISTORY = 5
SHRINK_PATIENCE = 3  # alerts in a row, after which a listing's smaller size is taken as its real size


FoundHit = tuple[WatchHit, str]  # a watchlist hit and the sha256 of its sentence's key (core.watch.sentence_key)


@dataclass
class StoredFile:
    """A fetched file as stored on disk, with its extraction result."""

    document_key: str
    language: str
    url: str
    media_type: str
    size: int
    sha256: str
    storage_path: str
    etag: str | None = None
    last_modified: str | None = None
    pages: int | None = None
    text: str | None = None
    extraction_status: str = "ok"  # ok, needs_ocr, failed
    extraction_error: str | None = None
    # the text's watchlist hits with their sentence keys, found beside its extraction (off the crawl's
    # process), and the lists they were found for; None: the recorder finds them itself
    hits: list[FoundHit] | None = None
    hits_for: dict[str, tuple[str, ...]] | None = None


@dataclass
class RunCounters:
    items: int = 0
    changes: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    return value


def sighting_fields(item: DocumentItem) -> dict[str, Any]:
    """What a page says of a document, as its sighting keeps it (metadata changes are judged on it)."""
    return {
        "title": _norm(item.title),
        "doc_type": _norm(item.doc_type),
        "publication_date": item.publication_date.isoformat() if item.publication_date else None,
        "agenda": sorted(f"{a.meeting_key} {a.number}" for a in item.agenda_items),
        "version": item.version,
    }


def document_key(item: DocumentItem) -> tuple[str, Any, Reference | None] | None:
    """(key, parsed symbol or None, reference or None). The key is the normalised symbol or
    reference, else the document's URL."""
    identity = item.identity()
    if not identity.key:
        return None
    return identity.key, identity.symbol, identity.reference


REFERENCE_BODIES = {"a64_meeting": "SBM", "a64_regulatory": "SBM", "cdm_eb": "EB"}
ROLE_KINDS = {"agenda": ck.MEETING_AGENDA, "annotated_agenda": ck.MEETING_ANNOTATIONS, "report": ck.MEETING_REPORT}

ITEMS_STAT = "a6watch/items_recorded"
MISSING_FILES = "missing_files"  # details key: language -> the file link that answered 404/410
WITHDRAWN_MARKED_ON = "withdrawn_marked_on"  # details key: the page that declared the withdrawal
READ_ATTEMPTS = 3  # runs that try to read a version the reader crashed on
FILE_LANGUAGES = "file_languages"  # details key: {language: the run that first listed its file link}

