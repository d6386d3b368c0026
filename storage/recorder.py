"""Turns observations (parsed items, fetched files, finished runs) into catalog rows and changes.

Every observation becomes 0..n Change rows, exactly as docs/changes.md says:
* a source's first complete run is its baseline: one summary change, no per-document alerts;
* only a document's first appearance is new; other sightings add provenance and fill fields;
* a metadata change is judged per sighting (the same page saying something else), so two pages
  that word a title differently never flap;
* a new file content (per language) is a new version; a language's first file is a new language;
* removals are judged only at the end of complete runs, on pages that parsed, after 2 misses.
Change ids are derived from what they are about, so re-recording the same observation (a
re-run after a crash) never duplicates a change. The recorder decides whether a change is made and
of what kind; how it reads (its subject and summary) is written by ``storage.wording``.
"""

from __future__ import annotations

from core.items import DeadlineItem, DocumentItem, FileMissing, FileNotModified, MeetingItem, PageReport, RecordItem
from storage.recording.common import (
    ITEMS_STAT,
    StoredFile,
    document_key,
)
from storage.recording.documents import DocumentRecorder
from storage.recording.files import FileRecorder
from storage.recording.meetings import MeetingRecorder
from storage.recording.rows import RowRecorder
from storage.recording.runs import RunRecorder

__all__ = ["ITEMS_STAT", "Recorder", "StoredFile", "document_key"]


class Recorder(RunRecorder, DocumentRecorder, FileRecorder, MeetingRecorder, RowRecorder):
    """Records one crawl run of one source: one entry point for every observation."""

    def observe(self, item: object) -> str | None:
        """Record one observation of a crawl, whatever its kind: the one dispatch, in one transaction (a
        table row, recorded by its own part, has its own). Returns a progress line for the pages and files
        that have one."""
        if isinstance(item, RecordItem):
            self.record_record(item)
            return None
        with self.transaction():
            return self._observe(item)

    def _observe(self, item: object) -> str | None:
        if isinstance(item, PageReport):
            return self._observe_page(item)
        if isinstance(item, FileNotModified):
            self.file_not_modified(item.document_key, item.language, item.url)
        elif isinstance(item, FileMissing):
            self.file_missing(item.document_key, item.language, item.url, item.status)
            return f"file {item.language} {item.url} [missing: HTTP {item.status}]"
        elif isinstance(item, DocumentItem):
            self.record_document(item)
        elif isinstance(item, MeetingItem):
            self.record_meeting(item)
        elif isinstance(item, DeadlineItem):
            self.record_deadline(item)
        elif isinstance(item, StoredFile):
            self._observe_file(item)
            return f"file {item.language} {item.url} [{item.extraction_status}" + (
                f": {item.extraction_error}" if item.extraction_error else "") + "]"
        return None

    def _observe_page(self, item: PageReport) -> str:
        if item.not_modified:
            self.count("pages/not_modified")
        else:  # the page's validators, and its stored body (to re-parse it after a 304) if it has one
            self.record_validator(item.url, item.etag if item.sha256 else None,
                                  item.last_modified if item.sha256 else None, item.sha256, item.storage_path)
        if item.error:
            self.record_layout_error(item.url, item.kind, item.error)
            return f"LAYOUT ERROR {item.url}: {item.error}"
        self.record_page(item.url, item.kind, item.items, item.complete_listing)
        return f"{item.kind}: {item.url} ({item.items} items)"

    def _observe_file(self, item: StoredFile) -> None:
        self.record_file(item)
        if self._read_again(item):
            # the reader crashed on it: no validator, so the next run fetches and reads it again
            # instead of being told "304, nothing new" about a version nobody could read
            self.record_validator(item.url, None, None, None)
            self.count("files/extraction_to_retry")
        else:
            self.record_validator(item.url, item.etag, item.last_modified, item.sha256)
