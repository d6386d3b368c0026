"""``a6watch import``: a page or file that an analyst saved by hand goes through the same stages as a
fetched one (bot-wall check, routing and parsing, normalising, storing, extracting, recording)."""

from __future__ import annotations

from dataclasses import dataclass

from core.clock import Clock
from core.errors import A6WatchError
from core.items import FetchedFile
from core.settings import Settings
from core.sniff import BLOCKED, CONTENT, FILE_TYPES, classify, media_type
from crawler.sources import SOURCES, route, source_for_host, url_kind
from pipelines.extract_stage import extract_into
from pipelines.normalise import NormalisePipeline
from pipelines.store_file import stored_file
from storage.db import Catalog
from storage.recorder import Recorder


@dataclass
class ImportResult:
    kind: str
    items: int
    changes: int
    run_id: int


def _recorder(catalog: Catalog, source_id: str, clock: Clock) -> Recorder:
    return Recorder(catalog, source_id, SOURCES[source_id].title, clock)


def _check(body: bytes, url: str) -> None:
    verdict = classify(200, body)
    if verdict.outcome == BLOCKED:
        raise A6WatchError(f"{url}: the saved file is a bot-wall page ({verdict.reason}), not the content; "
                           "save the page again from a browser that passed the challenge")
    if verdict.outcome != CONTENT or not body.strip():
        raise A6WatchError(f"{url}: the saved file is empty or not content")


def import_page(catalog: Catalog, url: str, body: bytes, kind: str | None, clock: Clock) -> ImportResult:
    _check(body, url)
    source_id, page_kind, parser = route(url, body, kind)
    page = parser(url, body)
    recorder = _recorder(catalog, source_id, clock)
    normalise = NormalisePipeline()
    for item in page.items:
        recorder.observe(normalise.process_item(item))
    # An import is one page, never a complete run: it cannot judge removals or make a baseline.
    changes = recorder.finish("partial", {"a6watch/imported_pages": 1}, message=f"import of {url}")
    return ImportResult(page_kind, len(page.items), changes, recorder.run_id)


def import_file(catalog: Catalog, settings: Settings, url: str, body: bytes, document: str, language: str,
                clock: Clock) -> ImportResult:
    _check(body, url)
    source_id = source_for_host((url.split("/")[2] if "://" in url else "").lower())
    if source_id is None or url_kind(url) != "file":
        raise A6WatchError(f"{url} is not a document file URL of a known source")
    mtype = media_type(body)
    if mtype not in FILE_TYPES:
        raise A6WatchError(f"{url}: the saved file is {mtype}, not a document (PDF, DOCX, XLSX)")
    recorder = _recorder(catalog, source_id, clock)
    with catalog.session() as s:
        doc = recorder.find_document(s, document)
        key = doc.key if doc else None
    if key is None:
        recorder.finish("partial", {}, message=f"import of {url}: unknown document")
        raise A6WatchError(f"unknown document {document!r}: import its page first")
    item = stored_file(settings.data_dir, FetchedFile(key, language, url, body, mtype))
    extract_into(settings.data_dir, item, settings.extraction)
    recorder.record_file(item)
    changes = recorder.finish("partial", {"a6watch/imported_files": 1}, message=f"import of {url}")
    return ImportResult("file", 1, changes, recorder.run_id)

