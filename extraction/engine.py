"""Text extraction results, and one file extracted on its own (the crawl uses extract_pool.ExtractorPool)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.settings import Extraction
from core.sniff import DOCUMENT_TYPES
from core.watch import WatchHit


@dataclass
class ExtractionResult:
    status: str  # ok, needs_ocr, failed, skipped
    pages: int | None = None
    text: str | None = None
    error: str | None = None
    # the text's watchlist hits, each with the sha256 of its sentence's key, when the pool was asked for them
    hits: list[tuple[WatchHit, str]] | None = None
    hits_for: dict[str, tuple[str, ...]] | None = None  # the watchlists they were found for


def extract_file(path: Path, media_type: str, limits: Extraction) -> ExtractionResult:
    """Extract one file (``a6watch import``, tests) with the crawl's own engine: a pool of one bounded
    worker, so both ways in share one set of limits and one reading of why a worker died."""
    from extraction.pool import ExtractorPool

    if media_type not in DOCUMENT_TYPES:
        return ExtractionResult("skipped", error=f"not a document type: {media_type}")
    pool = ExtractorPool(limits, size=1)
    try:
        return pool.extract(path, media_type)
    finally:
        pool.close()
