"""Files: versions, languages, unreadable files kept aside, watchlist hits, diffs, HTTP validators."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from core.diffs import diff_texts
from core.items import RETRY_NEXT_RUN
from core.watch import find_hits, sentence_key
from storage import changes as ck
from storage import wording as say
from storage.models import (
    Change,
    CrawlRun,
    Document,
    DocumentFile,
    HttpValidator,
    WatchHit,
)
from storage.recording.base import RecorderBase
from storage.recording.common import (
    FILE_LANGUAGES,
    MISSING_FILES,
    READ_ATTEMPTS,
    FoundHit,
    StoredFile,
)
from storage.search import index_file


class FileRecorder(RecorderBase):
    # -- files ------------------------------------------------------------------------------
    def record_file(self, f: StoredFile) -> None:
        with self.transaction() as s:
            doc = self.find_document(s, f.document_key)
            if doc is None:
                self.count("record/file_without_document")
                return
            now = self.now()
            self._file_is_back(doc, f.language)
            same = s.scalar(select(DocumentFile).where(DocumentFile.document_id == doc.id,
                                                       DocumentFile.language == f.language,
                                                       DocumentFile.sha256 == f.sha256))
            current = s.scalar(select(DocumentFile).where(DocumentFile.document_id == doc.id,
                                                          DocumentFile.language == f.language,
                                                          DocumentFile.is_current.is_(True)))
            if same is not None and same.is_current:
                same.last_seen_at = now
                same.etag, same.last_modified = f.etag or same.etag, f.last_modified or same.last_modified
                return
            if f.extraction_status == "failed" and current is not None:
                # An unreadable file never replaces a readable version; keep it on record only.
                self.count("record/unreadable_file_kept_aside")
                if same is None:
                    s.add(self._file_row(doc, f, now, current=False))
                return
            if same is not None:  # an earlier version came back, or one that could not be read before
                row = same
                row.is_current, row.superseded_at, row.last_seen_at = True, None, now
                if row.extraction_status == "failed" and f.extraction_status != "failed":
                    row.pages, row.text = f.pages, f.text
                    row.extraction_status, row.extraction_error = f.extraction_status, f.extraction_error
            else:
                row = self._file_row(doc, f, now, current=True)
                s.add(row)
            s.flush()
            if current is not None:
                current.is_current = False
                current.superseded_at = now
            if f.text and f.extraction_status == "ok":
                index_file(s, row.id, doc.id, doc.title or "", f.text,
                           replaces_file_id=current.id if current else None)
                self._watch(s, doc, row, f.hits if f.hits_for == self.watchlists and row.text == f.text else None)
            self._file_change(s, doc, row, current)

    def _read_again(self, item: StoredFile) -> bool:
        """A version the reader crashed on is read again by the next runs, READ_ATTEMPTS times in all;
        then it is the file's own doing, and it is left as unreadable (with its validator)."""
        if item.extraction_status != "failed" or not (item.extraction_error or "").startswith(RETRY_NEXT_RUN):
            return False
        with self.transaction() as s:
            row = s.scalar(select(DocumentFile).where(DocumentFile.sha256 == item.sha256,
                                                      DocumentFile.extraction_status == "failed").limit(1))
            if row is None:
                return True
            before = re.search(r"\(attempt (\d+) of", row.extraction_error or "")
            attempt = int(before.group(1)) + 1 if before else 1
            row.extraction_error = f"{item.extraction_error} (attempt {attempt} of {READ_ATTEMPTS})"
            return attempt < READ_ATTEMPTS

    # -- validators for conditional requests -------------------------------------------------
    def record_validator(self, url: str, etag: str | None, last_modified: str | None, sha256: str | None,
                         storage_path: str | None = None) -> None:
        with self.transaction() as s:
            if not etag and not last_modified:
                # the server stopped sending validators: ask unconditionally
                s.execute(delete(HttpValidator).where(HttpValidator.url == url))
                return
            values = {"url": url, "etag": etag, "last_modified": last_modified, "sha256": sha256,
                      "storage_path": storage_path, "checked_at": self.now()}
            # one statement, whether the URL is new or known (this is recorded for every page and file)
            upsert = (sqlite_insert if s.get_bind().dialect.name == "sqlite" else postgresql_insert)(HttpValidator)
            s.execute(upsert.values(**values).on_conflict_do_update(
                index_elements=[HttpValidator.url], set_={k: v for k, v in values.items() if k != "url"}),
                execution_options={"synchronize_session": False})
            known = s.identity_map.get(s.identity_key(HttpValidator, url))  # type: ignore[arg-type]
            if known is not None:
                s.expire(known)  # a copy loaded earlier in this transaction reads the new values

    @staticmethod
    def _file_is_back(doc: Document, language: str) -> None:
        """A file that answered 404 answers again (200, or 304 to its old validators): no longer missing."""
        missing = (doc.details or {}).get(MISSING_FILES, {})
        if language in missing:
            doc.details = {**doc.details, MISSING_FILES: {k: v for k, v in missing.items() if k != language}}

    def file_missing(self, document_key: str, language: str, url: str, status: int) -> None:
        """A file link that answers 404 or 410: noted on its document (``details.missing_files``); a file
        that existed and is gone is a change. Nothing else is judged from it, and the run goes on."""
        self.count("files/missing")
        with self.transaction() as s:
            doc = self.find_document(s, document_key)
            if doc is None:
                return
            missing = dict((doc.details or {}).get(MISSING_FILES, {}))
            since = missing.get(language, {}).get("since", self.now().isoformat())
            missing[language] = {"url": url, "status": status, "since": since}
            doc.details = {**(doc.details or {}), MISSING_FILES: missing}
            existed = s.scalar(select(DocumentFile.id).where(DocumentFile.document_id == doc.id,
                                                             DocumentFile.language == language,
                                                             DocumentFile.url == url,
                                                             DocumentFile.is_current.is_(True)))
            if existed is not None:
                name = say.describe(doc)
                self._change(s, ck.DOCUMENT_FILE_MISSING, (doc.key, language, url, since), name,
                             say.file_missing(name, language, status, url), document_id=doc.id,
                             details={"language": language, "url": url, "status": status})

    def file_not_modified(self, document_key: str, language: str, url: str) -> None:
        """A 304: the current version was seen again — no download, no extraction, no change."""
        self.count("files/not_modified")
        with self.transaction() as s:
            doc = self.find_document(s, document_key)
            if doc is None:
                return
            self._file_is_back(doc, language)
            row = s.scalar(select(DocumentFile).where(DocumentFile.document_id == doc.id,
                                                      DocumentFile.language == language, DocumentFile.url == url,
                                                      DocumentFile.is_current.is_(True)))
            if row is not None:
                row.last_seen_at = self.now()
            validator = s.get(HttpValidator, url)
            if validator is not None:
                validator.checked_at = self.now()

    def _watch(self, s: Session, doc: Document, row: DocumentFile, found: list[FoundHit] | None = None) -> None:
        """Record every watchlist hit (``found``: the hits of this very text with their sentence keys, found
        beside its extraction); a sentence not seen before in the document's family is news."""
        family = doc.family or doc.key
        if found is None:
            found = [(hit, hashlib.sha256(sentence_key(hit.sentence).encode()).hexdigest())
                     for hit in find_hits(row.text or "", self.watchlists)]
        if not found:
            return
        known = {(r[0], r[1]) for r in s.execute(select(WatchHit.watchlist, WatchHit.sentence_key)
                                                 .where(WatchHit.family == family))}  # one query per file
        in_file: set[tuple[str, str]] = set()
        rows: list[dict[str, Any]] = []
        now = self.now()
        for hit, key in found:
            if (hit.watchlist, key) in in_file:
                continue  # the same sentence twice in one file
            in_file.add((hit.watchlist, key))
            seen = (hit.watchlist, key) in known
            rows.append({"watchlist": hit.watchlist, "term": hit.term, "document_id": doc.id, "file_id": row.id,
                         "language": row.language, "page": hit.page, "sentence": hit.sentence[:2000],
                         "sentence_key": key, "family": family, "is_new": not seen, "first_seen_at": now})
            if not seen:
                self._change(s, ck.WATCH_HIT, (hit.watchlist, family, key), say.describe(doc),
                             say.watch_hit(hit.watchlist, doc, row.language, hit.page, hit.sentence),
                             document_id=doc.id, file_id=row.id,
                             details={"watchlist": hit.watchlist, "term": hit.term, "page": hit.page})
        if rows:
            s.execute(insert(WatchHit), rows)  # one statement for all of the file's hits, no object kept

    @staticmethod
    def _file_row(doc: Document, f: StoredFile, now: datetime, current: bool) -> DocumentFile:
        return DocumentFile(
            document_id=doc.id, language=f.language, url=f.url, media_type=f.media_type, size=f.size,
            etag=f.etag, last_modified=f.last_modified, sha256=f.sha256, storage_path=f.storage_path,
            pages=f.pages, text=f.text, extraction_status=f.extraction_status,
            extraction_error=f.extraction_error, is_current=current, first_seen_at=now, last_seen_at=now,
        )

    def _file_change(self, s: Session, doc: Document, row: DocumentFile, previous: DocumentFile | None) -> None:
        name = say.describe(doc)
        lang = row.language
        if previous is not None:
            # A re-issue already announced (v01.0 -> v01.1) and still waiting for its file, in this run or
            # in one that was killed before the file arrived: attach the file to it, never a second alert.
            reissue = s.scalar(select(Change).where(Change.document_id == doc.id, Change.kind == ck.DOCUMENT_UPDATED,
                                                    Change.file_id.is_(None)).order_by(Change.id.desc()).limit(1))
            announced_by = s.get(CrawlRun, reissue.run_id) if reissue is not None and reissue.run_id else None
            if (reissue is not None and (reissue.details or {}).get("previous_version") and announced_by is not None
                    and (announced_by.id == self.run_id or announced_by.status in ("running", "interrupted"))):
                reissue.file_id, reissue.previous_file_id = row.id, previous.id
                diff = self._diff(previous, row)
                if diff is not None:
                    reissue.diff = diff.render()
                return
        if previous is not None:
            diff = self._diff(previous, row)
            replaced = None
            if re.search(r"_adv|auv|advance", previous.url, re.I) and not re.search(r"_adv|auv|advance", row.url,
                                                                                      re.I):
                replaced = say.ADVANCE_REPLACED
            elif previous.url == row.url:
                replaced = say.SAME_URL
            summary = say.file_new_version(doc, lang, (previous.pages, row.pages), (previous.size, row.size),
                                           replaced, diff.headline() if diff is not None else None)
            self._change(s, ck.DOCUMENT_UPDATED, (doc.key, lang, row.sha256), name, summary,
                         document_id=doc.id, file_id=row.id, previous_file_id=previous.id,
                         diff=diff.render() if diff is not None else None,
                         details={"language": lang, "previous_sha256": previous.sha256, "sha256": row.sha256})
            return
        if doc.first_run_id == self.run_id:  # found in this run: its first files are part of its "new" alert
            self._diff_against_parent(s, doc, row)
            return
        first_run = s.get(CrawlRun, doc.first_run_id) if doc.first_run_id else None
        has_other_files = s.scalar(select(func.count()).select_from(DocumentFile).where(
            DocumentFile.document_id == doc.id, DocumentFile.id != row.id)) or 0
        listed_in = ((doc.details or {}).get(FILE_LANGUAGES) or {}).get(lang)
        if not has_other_files and first_run is not None and first_run.status in ("running", "interrupted"):
            # a new document's first files are part of its "new" alert, also when the run that found it
            # was killed before they arrived
            self._diff_against_parent(s, doc, row)
            return
        if listed_in is not None and listed_in == doc.first_run_id:
            # its link was listed when the document appeared; its bytes only came now (the fetch failed,
            # the run was partial): part of the document's arrival, not a new language — and a Rev's
            # comparison with what it revises is made now
            self.count("record/late_file")
            self._diff_against_parent(s, doc, row)
            return
        self._change(s, ck.DOCUMENT_LANGUAGE, (doc.key, lang), name, say.language_added(doc, lang),
                     document_id=doc.id, file_id=row.id, details={"language": lang})

    @staticmethod
    def _diff(previous: DocumentFile, row: DocumentFile) -> Any:
        if not previous.text or not row.text:
            return None
        diff = diff_texts(previous.text, row.text)
        return None if diff.is_empty else diff

    def _diff_against_parent(self, s: Session, doc: Document, row: DocumentFile) -> None:
        """A Rev or a new iteration: its text compared with the document it replaces, on its alert."""
        if doc.relation not in ("revision", "iteration") or not doc.parent_symbol or not row.text:
            return
        parent = self.find_document(s, doc.parent_symbol)
        if parent is None:
            return
        old = s.scalar(select(DocumentFile).where(DocumentFile.document_id == parent.id,
                                                  DocumentFile.language == row.language,
                                                  DocumentFile.is_current.is_(True)))
        change = s.scalar(select(Change).where(Change.document_id == doc.id, Change.kind == ck.DOCUMENT_REVISED))
        if old is None or change is None or change.diff:
            return
        diff = self._diff(old, row)
        if diff is not None:
            change.diff = diff.render()
            change.previous_file_id, change.file_id = old.id, row.id
            change.summary = say.with_comparison(change.summary, diff.headline())
