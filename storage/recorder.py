"""Turns observations (parsed items, fetched files, finished runs) into catalog rows and changes.

Every observation becomes 0..n Change rows, exactly as docs/changes.md says:
* a source's first complete run is its baseline: one summary change, no per-document alerts;
* only a document's first appearance is new; other sightings add provenance and fill fields;
* a metadata change is judged per sighting (the same page saying something else), so two pages
  that word a title differently never flap;
* a new file content (per language) is a new version; a language's first file is a new language;
* removals are judged only at the end of complete runs, on pages that parsed, after 2 misses.
Change ids are derived from what they are about, so re-recording the same observation (a
re-run after a crash) never duplicates a change.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from a6watch.clock import Clock
from a6watch.diffs import diff_texts
from a6watch.meetings import code_of_key
from a6watch.references import Reference, find_reference
from a6watch.symbols import try_parse_symbol
from a6watch.watch import DEFAULT_WATCHLISTS, find_hits, sentence_key
from crawler.items import AgendaRef, DeadlineItem, DocumentItem, MeetingItem, RecordItem
from crawler.pages.common import conference_key
from pipelines.extract import RETRY_NEXT_RUN
from storage import changes as ck
from storage.db import Catalog
from storage.models import (
    AgendaItem,
    Change,
    Conference,
    CrawlRun,
    Deadline,
    Document,
    DocumentAlias,
    DocumentFile,
    HttpValidator,
    Meeting,
    PageVisit,
    Record,
    Sighting,
    Source,
    WatchHit,
)
from storage.search import index_file

TRACKED_FIELDS = ("title", "doc_type", "publication_date", "agenda")
REMOVAL_MISSES = 2


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


@dataclass
class RunCounters:
    items: int = 0
    changes: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    return value


def document_key(item: DocumentItem) -> tuple[str, Any, Reference | None] | None:
    """(key, parsed symbol or None, reference or None). The key is the normalised symbol or
    reference, else the document's URL."""
    key = item.key()
    if not key:
        return None
    found = find_reference(item.symbol or "")
    return key, try_parse_symbol(item.symbol), found[0] if found and not found[1] else None


REFERENCE_BODIES = {"a64_meeting": "SBM", "a64_regulatory": "SBM", "cdm_eb": "EB"}
ROLE_KINDS = {"agenda": ck.MEETING_AGENDA, "annotated_agenda": ck.MEETING_ANNOTATIONS, "report": ck.MEETING_REPORT}
ROLE_WORDS = {ck.MEETING_AGENDA: "agenda published", ck.MEETING_ANNOTATIONS: "annotated agenda published",
              ck.MEETING_REPORT: "meeting report published"}


def _describe(doc: Document) -> str:
    return doc.symbol or doc.title or doc.key


def _label(field_name: str) -> str:
    return field_name.replace("_", " ").capitalize()


def _show(value: Any) -> str:
    if value in (None, "", []):
        return "(none)"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _size(n: int | None) -> str:
    n = n or 0
    return f"{n / 1_000_000:.2f} MB" if n >= 100_000 else f"{n / 1000:.1f} kB"


ITEMS_STAT = "a6watch/items_recorded"
WITHDRAWN_MARKED_ON = "withdrawn_marked_on"  # details key: the page that declared the withdrawal
READ_ATTEMPTS = 3  # runs that try to read a version the reader crashed on
FILE_LANGUAGES = "file_languages"  # details key: {language: the run that first listed its file link}


class Recorder:
    """Records one crawl run of one source."""

    def __init__(self, catalog: Catalog, source_id: str, source_title: str, clock: Clock,
                 watchlists: dict[str, tuple[str, ...]] | None = None, run_id: int | None = None) -> None:
        self.catalog = catalog
        self.watchlists = DEFAULT_WATCHLISTS if watchlists is None else watchlists
        self.source_id = source_id
        self.clock = clock
        self.counters = RunCounters()
        if run_id is not None:  # a worker of a distributed crawl joins the run another worker opened
            with catalog.session() as s:
                joined = s.get(CrawlRun, run_id)
                if joined is None or joined.source_id != source_id:
                    raise ValueError(f"no run {run_id} of {source_id} to join")
                self.run_id, self.is_baseline = run_id, joined.is_baseline
            return
        with catalog.session() as s:
            source = s.get(Source, source_id)
            if source is None:
                source = Source(id=source_id, title=source_title)
                s.add(source)
                s.flush()
            self.is_baseline = source.baseline_at is None
            # One run per source at a time: a run still "running" was killed; say so.
            for stale in s.scalars(select(CrawlRun).where(CrawlRun.source_id == source_id,
                                                          CrawlRun.status == "running")):
                stale.status = "interrupted"
            run = CrawlRun(source_id=source_id, started_at=self.now(), status="running",
                           is_baseline=self.is_baseline, stats={})
            s.add(run)
            s.flush()
            self.run_id = run.id

    def now(self) -> datetime:
        return self.clock.now()

    # -- changes ---------------------------------------------------------------------------
    def _change(self, s: Session, kind: str, uid_parts: tuple[object, ...], subject: str, summary: str,
                **extra: Any) -> Change | None:
        if self.is_baseline and kind != ck.BASELINE and not kind.startswith("source."):
            return None
        change = ck.add_change(s, self.now(), kind, uid_parts, subject, summary, run_id=self.run_id,
                               source_id=self.source_id, **extra)
        if change is not None:
            self.counters.changes += 1
        return change

    # -- pages ------------------------------------------------------------------------------
    def record_page(self, page_url: str, page_kind: str, items: int, complete_listing: bool) -> None:
        if not complete_listing:
            return
        with self.catalog.session() as s:
            exists = s.scalar(select(PageVisit.id).where(PageVisit.run_id == self.run_id,
                                                         PageVisit.page_url == page_url))
            if exists is None:
                s.add(PageVisit(run_id=self.run_id, page_url=page_url, page_kind=page_kind, items=items))

    def record_layout_error(self, page_url: str, page_kind: str, error: str) -> None:
        """A page that no longer parses is a loud health entry, never an empty success."""
        self.count("layout_errors")
        with self.catalog.session() as s:
            self._change(s, ck.SOURCE_BROKEN, (self.source_id, page_url, error), self.source_id,
                         f"Source {self.source_id} broken: {error}", details={"page": page_url, "kind": page_kind})

    def observe(self, item: DocumentItem | MeetingItem | DeadlineItem | RecordItem | StoredFile) -> None:
        """Record one parsed item or stored file, whatever its kind."""
        if isinstance(item, DocumentItem):
            self.record_document(item)
        elif isinstance(item, MeetingItem):
            self.record_meeting(item)
        elif isinstance(item, DeadlineItem):
            self.record_deadline(item)
        elif isinstance(item, RecordItem):
            self.record_record(item)
        else:
            self.record_file(item)
            if self._read_again(item):
                # the reader crashed on it: no validator, so the next run fetches and reads it again
                # instead of being told "304, nothing new" about a version nobody could read
                self.record_validator(item.url, None, None, None)
                self.count("files/extraction_to_retry")
            else:
                self.record_validator(item.url, item.etag, item.last_modified, item.sha256)

    def _read_again(self, item: StoredFile) -> bool:
        """A version the reader crashed on is read again by the next runs, READ_ATTEMPTS times in all;
        then it is the file's own doing, and it is left as unreadable (with its validator)."""
        if item.extraction_status != "failed" or not (item.extraction_error or "").startswith(RETRY_NEXT_RUN):
            return False
        with self.catalog.session() as s:
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
        with self.catalog.session() as s:
            row = s.get(HttpValidator, url)
            if not etag and not last_modified:
                if row is not None:
                    s.delete(row)  # the server stopped sending validators: ask unconditionally
                return
            if row is None:
                row = HttpValidator(url=url, checked_at=self.now())
                s.add(row)
            row.etag, row.last_modified, row.sha256, row.storage_path = etag, last_modified, sha256, storage_path
            row.checked_at = self.now()

    def file_not_modified(self, document_key: str, language: str, url: str) -> None:
        """A 304: the current version was seen again — no download, no extraction, no change."""
        self.count("files/not_modified")
        with self.catalog.session() as s:
            doc = self.find_document(s, document_key)
            if doc is None:
                return
            row = s.scalar(select(DocumentFile).where(DocumentFile.document_id == doc.id,
                                                      DocumentFile.language == language, DocumentFile.url == url,
                                                      DocumentFile.is_current.is_(True)))
            if row is not None:
                row.last_seen_at = self.now()
            validator = s.get(HttpValidator, url)
            if validator is not None:
                validator.checked_at = self.now()

    # -- meetings ---------------------------------------------------------------------------
    def _meeting(self, s: Session, key: str) -> Meeting:
        meeting = s.get(Meeting, key)
        if meeting is None:
            body, _, number = key.partition("-")
            meeting = Meeting(key=key, body=body.upper(), number=int(number), code=code_of_key(key),
                              status="tentative", missed_runs=0, first_seen_at=self.now(),
                              last_seen_at=self.now())
            s.add(meeting)
            s.flush()
        return meeting

    def _agenda_item(self, s: Session, ref: AgendaRef) -> AgendaItem:
        self._meeting(s, ref.meeting_key)
        item = s.scalar(select(AgendaItem).where(AgendaItem.meeting_key == ref.meeting_key,
                                                 AgendaItem.number == ref.number))
        if item is None:
            position = s.scalar(select(func.count()).select_from(AgendaItem)
                                .where(AgendaItem.meeting_key == ref.meeting_key)) or 0
            item = AgendaItem(meeting_key=ref.meeting_key, number=ref.number, title=ref.title, position=position)
            s.add(item)
            s.flush()
        elif ref.title and item.title != ref.title:
            item.title = ref.title
        return item

    def _conference(self, s: Session, item: MeetingItem) -> str | None:
        key = conference_key(item.conference)
        if key is None:
            return None
        conference = s.get(Conference, key)
        if conference is None:
            conference = Conference(key=key, title=item.conference or key)
            s.add(conference)
        conference.venue = conference.venue or item.venue
        if item.start_date and (conference.start_date is None or item.start_date < conference.start_date):
            conference.start_date = item.start_date
        if item.end_date and (conference.end_date is None or item.end_date > conference.end_date):
            conference.end_date = item.end_date
        s.flush()
        return key

    def record_meeting(self, item: MeetingItem) -> None:
        self.counters.items += 1
        with self.catalog.session() as s:
            meeting = s.get(Meeting, item.key)
            is_new = meeting is None or meeting.start_date is None and meeting.title is None
            meeting = self._meeting(s, item.key)
            before = (meeting.start_date, meeting.end_date, meeting.venue)
            meeting.title = item.title or meeting.title
            meeting.start_date = item.start_date or meeting.start_date
            meeting.end_date = item.end_date or meeting.end_date
            meeting.venue = item.venue or meeting.venue
            meeting.url = meeting.url or item.page_url
            meeting.last_seen_at = self.now()
            before_status = meeting.status
            if item.status in ("cancelled", "postponed", "tentative", "confirmed"):
                meeting.status = item.status
            elif meeting.start_date and (item.listing or before[0] is None) and meeting.status != "passed":
                # A list of meetings is authoritative: dates without a note mean confirmed.
                meeting.status = "confirmed"
            if meeting.end_date and meeting.end_date < self.now().date() and meeting.status != "cancelled":
                meeting.status = "passed"
            if item.details:
                meeting.details = {**(meeting.details or {}), **item.details}
            if item.listing:
                meeting.listed_on, meeting.last_listed_run_id, meeting.missed_runs = item.page_url, self.run_id, 0
            if item.conference:
                meeting.conference_key = self._conference(s, item)
            for ref in item.agenda:
                self._agenda_item(s, ref)
            after = (meeting.start_date, meeting.end_date, meeting.venue)
            when = f"{meeting.start_date or '?'} to {meeting.end_date or '?'}, {meeting.venue or 'venue not given'}"
            if is_new:
                self._change(s, ck.MEETING_SCHEDULED, (item.key,), meeting.code,
                             f"{meeting.code} scheduled: {when}", meeting_key=item.key)
            elif before != after and before[0] is not None:
                self._change(s, ck.MEETING_MOVED, (item.key, *after), meeting.code,
                             f"{meeting.code} moved: was {before[0]} to {before[1]}, {before[2]}; now {when}",
                             meeting_key=item.key, details={"before": [str(v) for v in before]})
            if meeting.status in ("cancelled", "postponed") and before_status != meeting.status:
                kind = ck.MEETING_CANCELLED if meeting.status == "cancelled" else ck.MEETING_POSTPONED
                self._change(s, kind, (item.key, meeting.status, str(meeting.start_date)), meeting.code,
                             f"{meeting.code} {meeting.status} (was {when})", meeting_key=item.key)

    # -- records (rows of monitored tables) ----------------------------------------------------
    def record_record(self, item: RecordItem) -> None:
        self.counters.items += 1
        digest = hashlib.sha256(json.dumps(item.fields, sort_keys=True, default=str).encode()).hexdigest()
        with self.catalog.session() as s:
            row = s.scalar(select(Record).where(Record.source_id == self.source_id, Record.table_name == item.table,
                                                Record.key == item.key))
            now = self.now()
            old = dict(row.fields or {}) if row is not None else {}
            old_hash = row.fields_hash if row is not None else None
            added = row is None or row.status == "removed"
            if row is None:
                row = Record(source_id=self.source_id, table_name=item.table, key=item.key, first_seen_at=now)
                s.add(row)
            row.label, row.title, row.fields, row.fields_hash = item.label, item.title, item.fields, digest
            row.page_url, row.url, row.status = item.page_url, item.url, "current"
            row.last_seen_at, row.last_run_id, row.missed_runs = now, self.run_id, 0
            if added:
                self._change(s, ck.RECORD_ADDED, (self.source_id, item.table, item.key, digest), item.title,
                             f"New {item.label}: {item.title}" + (f", {item.when}" if item.when else ""),
                             details={"table": item.table, "key": item.key, "fields": item.fields})
            elif old_hash != digest:
                names = [k for k in sorted(set(old) | set(item.fields)) if old.get(k) != item.fields.get(k)]
                parts = [f"{_label(k)} changed: {item.title}, {_show(old.get(k))} → {_show(item.fields.get(k))}"
                         for k in names]
                self._change(s, ck.RECORD_CHANGED, (self.source_id, item.table, item.key, digest), item.title,
                             "; ".join(parts), details={"table": item.table, "key": item.key, "fields": names,
                                                       "before": {k: old.get(k) for k in names}})

    # -- deadlines --------------------------------------------------------------------------
    def record_deadline(self, item: DeadlineItem) -> None:
        self.counters.items += 1
        with self.catalog.session() as s:
            if item.meeting_key:
                self._meeting(s, item.meeting_key)
            deadline = s.scalar(select(Deadline).where(Deadline.key == item.key))
            due = item.due_date.strftime("%d %b %Y") if item.due_date else "no date given"
            if deadline is None:
                s.add(Deadline(key=item.key, kind=item.kind, meeting_key=item.meeting_key, title=item.title,
                               due_date=item.due_date, url=item.page_url, first_seen_at=self.now(),
                               last_seen_at=self.now()))
                verb = "opened" if item.kind == "call_for_input" else "set"
                self._change(s, ck.DEADLINE_SET, (item.key,), item.title, f"{item.title}: {verb}, due {due}",
                             meeting_key=item.meeting_key, details={"due": str(item.due_date), "url": item.page_url})
                return
            deadline.last_seen_at = self.now()
            deadline.title = item.title
            if item.due_date and deadline.due_date != item.due_date:
                previous = deadline.due_date
                deadline.due_date = item.due_date
                self._change(s, ck.DEADLINE_CHANGED, (item.key, str(item.due_date)), item.title,
                             f"{item.title}: deadline moved from {previous} to {item.due_date}",
                             meeting_key=item.meeting_key, details={"previous": str(previous), "due": str(due)})

    # -- documents --------------------------------------------------------------------------
    def find_document(self, s: Session, key: str) -> Document | None:
        alias = s.get(DocumentAlias, key)
        if alias is not None:
            return s.get(Document, alias.document_id)
        return s.scalar(select(Document).where(Document.key == key))

    def record_document(self, item: DocumentItem) -> str | None:
        """Record a document sighting; returns its key, or None if the item has no identity."""
        identity = document_key(item)
        if identity is None:
            self.count("record/no_identity")
            return None
        key, symbol, ref = identity
        if item.symbol and symbol is None and ref is None:
            self.count("record/bad_symbol")
        self.counters.items += 1
        with self.catalog.session() as s:
            doc = self.find_document(s, key)
            if doc is None and symbol is not None and symbol.is_joint:
                for part in symbol.parts:
                    doc = self.find_document(s, part.text)
                    if doc:
                        break
            fields = self._fields(item)
            if doc is None:
                doc = self._new_document(s, key, symbol, ref, item)
            else:
                self._update_document(s, doc, item, fields)
            if symbol is not None:
                for alias in {symbol.text, *(p.text for p in symbol.parts)}:
                    if s.get(DocumentAlias, alias) is None:
                        s.add(DocumentAlias(alias=alias, document_id=doc.id))
            for meeting_key in item.meetings:
                meeting = self._meeting(s, meeting_key)
                if meeting not in doc.meetings:
                    doc.meetings.append(meeting)
            for agenda_ref in item.agenda_items:
                agenda = self._agenda_item(s, agenda_ref)
                if agenda not in doc.agenda_items:
                    doc.agenda_items.append(agenda)
            if item.status == "withdrawn" and doc.status != "withdrawn":
                doc.status = "withdrawn"
                doc.details = {**(doc.details or {}), WITHDRAWN_MARKED_ON: item.page_url}
                self._change(s, ck.DOCUMENT_WITHDRAWN, (doc.key,), _describe(doc),
                             f"{_describe(doc)} withdrawn (the page marks it withdrawn): {doc.title or ''}",
                             document_id=doc.id)
            self._note_file_languages(doc, item)
            self._sighting(s, doc, item, fields)
            return doc.key

    def _note_file_languages(self, doc: Document, item: DocumentItem) -> None:
        """Remember in which run each language's file link was first listed: a file whose link was
        listed when the document first appeared belongs to that arrival, however late its bytes come."""
        known = dict((doc.details or {}).get(FILE_LANGUAGES) or {})
        new = {f.language: self.run_id for f in item.files if f.language not in known}
        if new:
            doc.details = {**(doc.details or {}), FILE_LANGUAGES: {**known, **new}}

    @staticmethod
    def _fields(item: DocumentItem) -> dict[str, Any]:
        return {
            "title": _norm(item.title),
            "doc_type": _norm(item.doc_type),
            "publication_date": item.publication_date.isoformat() if item.publication_date else None,
            "agenda": sorted(f"{a.meeting_key} {a.number}" for a in item.agenda_items),
            "version": item.version,
        }

    def _new_document(self, s: Session, key: str, symbol: Any, ref: Reference | None,
                      item: DocumentItem) -> Document:
        now = self.now()
        text: str | None
        family: str | None
        body: str | None
        parts: dict[str, Any] | None
        if symbol is not None:
            text, parts, family, body = symbol.text, symbol.to_dict(), symbol.family, "/".join(symbol.bodies)
        elif ref is not None:
            parts = {"reference": ref.text, "scheme": ref.scheme, "meeting": ref.meeting_key, "part": ref.part,
                     "annex": ref.annex, "kind": ref.kind, "role": ref.role}
            text, family, body = ref.text, ref.text, REFERENCE_BODIES[ref.scheme]
        else:
            text, parts, family = _norm(item.symbol) or None, None, None
            body = item.meetings[0].split("-")[0].upper() if item.meetings else None
        doc = Document(
            key=key, symbol=text, symbol_parts=parts, family=family,
            relation=symbol.relation if symbol else None, parent_symbol=symbol.parent if symbol else None,
            title=_norm(item.title), doc_type=_norm(item.doc_type), body=body,
            publication_date=item.publication_date, version_label=item.version,
            role=item.role or (ref.role if ref else None), status="current", url=item.url, details=item.details,
            first_seen_at=now, first_run_id=self.run_id, last_seen_at=now,
        )
        s.add(doc)
        s.flush()
        relation = symbol.relation if symbol else None
        parent = self.find_document(s, symbol.parent) if symbol and symbol.parent else None
        if relation in ("revision", "iteration") and parent is not None and parent.status == "current":
            parent.status = "superseded"
        meeting_key = item.meetings[0] if item.meetings else None
        if meeting_key:
            self._meeting(s, meeting_key)
        label = ROLE_KINDS.get(doc.role or "", ck.RELATION_KINDS[relation])
        self._change(s, label, (doc.key,), _describe(doc), self._new_summary(doc, label, symbol, meeting_key),
                     document_id=doc.id, meeting_key=meeting_key,
                     details={"parent": symbol.parent if symbol else None, "version": item.version})
        return doc

    @staticmethod
    def _new_summary(doc: Document, label: str, symbol: Any, meeting_key: str | None) -> str:
        name = _describe(doc)
        code = code_of_key(meeting_key) if meeting_key else ""
        version = f" (version {doc.version_label})" if doc.version_label else ""
        meta = ", ".join(x for x in (doc.doc_type, doc.publication_date and doc.publication_date.strftime(
            "%d %b %Y")) if x)
        if label in ROLE_WORDS:
            return f"{code}: {ROLE_WORDS[label]} — {name}: {doc.title or ''}{version}"
        if label != ck.DOCUMENT_NEW:
            verb = {ck.DOCUMENT_REVISED: "revises", ck.DOCUMENT_CORRECTED: "corrects",
                    ck.DOCUMENT_ADDENDUM: "adds to"}[label]
            return f"{name} {verb} {symbol.parent}: {doc.title or ''}" + (f" ({meta})" if meta else "")
        if doc.role == "annex":
            return f"New annex for {code}: {name} — {doc.title or ''}{version}"
        if doc.role == "in_meeting":
            return f"New in-meeting document for {code}: {doc.title or ''} (version {doc.version_label})"
        if not doc.symbol:
            return f"New document: {doc.title or doc.key}" + (f" ({meta})" if meta else "")
        return f"New document {name}: {doc.title or ''}" + (f" ({meta})" if meta else "") + version

    def _update_document(self, s: Session, doc: Document, item: DocumentItem, fields: dict[str, Any]) -> None:
        doc.last_seen_at = self.now()
        doc.title = doc.title or fields["title"]
        doc.doc_type = doc.doc_type or fields["doc_type"]
        doc.publication_date = doc.publication_date or item.publication_date
        doc.url = doc.url or item.url
        if item.details:
            doc.details = {**(doc.details or {}), **item.details}
        if doc.status == "withdrawn" and item.status != "withdrawn":
            # A withdrawal the document's own page declared is undone only by that page; a listing that
            # still shows the document (seen before or after, in whatever order a crawl takes) is not news.
            marked_on = (doc.details or {}).get(WITHDRAWN_MARKED_ON)
            if marked_on is None or marked_on == item.page_url:
                doc.status = "current"
                doc.details = {k: v for k, v in (doc.details or {}).items() if k != WITHDRAWN_MARKED_ON}
        sighting = s.scalar(select(Sighting).where(Sighting.document_id == doc.id,
                                                   Sighting.page_url == item.page_url))
        if sighting is None:
            return
        old = sighting.fields or {}
        reissued = self._version_change(s, doc, item, old.get("version"))
        changed = [f for f in TRACKED_FIELDS if f in old and fields.get(f) and old.get(f) != fields.get(f)
                   and not (reissued and f == "publication_date")]  # a new iteration's date is part of it
        if not changed:
            return
        for name in changed:
            if name == "publication_date":
                doc.publication_date = item.publication_date
            elif name in ("title", "doc_type"):
                setattr(doc, name, fields[name])
        parts = [f"{n.replace('_', ' ')}: {old.get(n)!r} → {fields.get(n)!r}" for n in changed]
        self._change(s, ck.DOCUMENT_METADATA, (doc.key, item.page_url, *(repr(fields[n]) for n in changed)),
                     _describe(doc), f"{_describe(doc)} details changed — " + "; ".join(parts),
                     document_id=doc.id, details={"fields": changed, "page": item.page_url})

    def _version_change(self, s: Session, doc: Document, item: DocumentItem, before: str | None) -> bool:
        """A standard re-issued (v01.0 -> v01.1) or a new in-meeting iteration: one change naming both."""
        if not item.version or not before or item.version == before:
            return False
        doc.version_label = item.version
        doc.publication_date = item.publication_date or doc.publication_date
        name = _describe(doc)
        if doc.role == "in_meeting":
            summary = f"New iteration of {doc.title} ({code_of_key(item.meetings[0]) if item.meetings else ''}): " \
                      f"version {before} → {item.version}"
        else:
            summary = f"{name} re-issued: version {before} → {item.version}: {doc.title or ''}"
        self._change(s, ck.DOCUMENT_UPDATED, (doc.key, "version", item.version), name, summary,
                     document_id=doc.id, meeting_key=item.meetings[0] if item.meetings else None,
                     details={"previous_version": before, "version": item.version})
        return True

    def _sighting(self, s: Session, doc: Document, item: DocumentItem, fields: dict[str, Any]) -> None:
        now = self.now()
        sighting = s.scalar(select(Sighting).where(Sighting.document_id == doc.id,
                                                   Sighting.page_url == item.page_url))
        if sighting is None:
            s.add(Sighting(document_id=doc.id, source_id=self.source_id, page_url=item.page_url,
                           page_kind=item.page_kind, fields=fields, first_seen_at=now, last_seen_at=now,
                           last_run_id=self.run_id, missed_runs=0))
        else:
            merged = dict(sighting.fields or {})
            merged.update({k: v for k, v in fields.items() if v})
            sighting.fields = merged
            sighting.last_seen_at = now
            sighting.last_run_id = self.run_id
            sighting.missed_runs = 0

    # -- files ------------------------------------------------------------------------------
    def record_file(self, f: StoredFile) -> None:
        with self.catalog.session() as s:
            doc = self.find_document(s, f.document_key)
            if doc is None:
                self.count("record/file_without_document")
                return
            now = self.now()
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
                self._watch(s, doc, row)
            self._file_change(s, doc, row, current)

    def _watch(self, s: Session, doc: Document, row: DocumentFile) -> None:
        """Record every watchlist hit; a sentence not seen before in the document's family is news."""
        family = doc.family or doc.key
        hits = find_hits(row.text or "", self.watchlists)
        if not hits:
            return
        known = {(r[0], r[1]) for r in s.execute(select(WatchHit.watchlist, WatchHit.sentence_key)
                                                 .where(WatchHit.family == family))}  # one query per file
        in_file: set[tuple[str, str]] = set()
        for hit in hits:
            key = hashlib.sha256(sentence_key(hit.sentence).encode()).hexdigest()
            if (hit.watchlist, key) in in_file:
                continue  # the same sentence twice in one file
            in_file.add((hit.watchlist, key))
            seen = (hit.watchlist, key) in known
            s.add(WatchHit(watchlist=hit.watchlist, term=hit.term, document_id=doc.id, file_id=row.id,
                           language=row.language, page=hit.page, sentence=hit.sentence[:2000], sentence_key=key,
                           family=family, is_new=not seen, first_seen_at=self.now()))
            if not seen:
                name = _describe(doc)
                self._change(s, ck.WATCH_HIT, (hit.watchlist, family, key), name,
                             f"{hit.watchlist}: {name} ({row.language}) p. {hit.page}: “{hit.sentence[:400]}”",
                             document_id=doc.id, file_id=row.id,
                             details={"watchlist": hit.watchlist, "term": hit.term, "page": hit.page})

    @staticmethod
    def _file_row(doc: Document, f: StoredFile, now: datetime, current: bool) -> DocumentFile:
        return DocumentFile(
            document_id=doc.id, language=f.language, url=f.url, media_type=f.media_type, size=f.size,
            etag=f.etag, last_modified=f.last_modified, sha256=f.sha256, storage_path=f.storage_path,
            pages=f.pages, text=f.text, extraction_status=f.extraction_status,
            extraction_error=f.extraction_error, is_current=current, first_seen_at=now, last_seen_at=now,
        )

    def _file_change(self, s: Session, doc: Document, row: DocumentFile, previous: DocumentFile | None) -> None:
        name = _describe(doc)
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
            notes = []
            if previous.pages != row.pages:
                notes.append(f"{previous.pages or '?'} → {row.pages or '?'} pages")
            notes.append(f"{_size(previous.size)} → {_size(row.size)}")
            if re.search(r"_adv|auv|advance", previous.url, re.I) and not re.search(r"_adv|auv|advance", row.url,
                                                                                      re.I):
                notes.append("advance version replaced by the final text")
            elif previous.url == row.url:
                notes.append("file replaced under the same URL")
            if diff is not None:
                notes.append(diff.headline())
            self._change(s, ck.DOCUMENT_UPDATED, (doc.key, lang, row.sha256), name,
                         f"New version of {name} ({lang}): " + "; ".join(notes),
                         document_id=doc.id, file_id=row.id, previous_file_id=previous.id,
                         diff=diff.render() if diff is not None else None,
                         details={"language": lang, "previous_sha256": previous.sha256, "sha256": row.sha256})
            return
        first_run = s.get(CrawlRun, doc.first_run_id) if doc.first_run_id else None
        has_other_files = s.scalar(select(func.count()).select_from(DocumentFile).where(
            DocumentFile.document_id == doc.id, DocumentFile.id != row.id)) or 0
        listed_in = ((doc.details or {}).get(FILE_LANGUAGES) or {}).get(lang)
        if doc.first_run_id == self.run_id or (
                not has_other_files and first_run is not None and first_run.status in ("running", "interrupted")):
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
        self._change(s, ck.DOCUMENT_LANGUAGE, (doc.key, lang), name,
                     f"{name} is now available in {LANGUAGE_NAMES.get(lang, lang)}: {doc.title or ''}",
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
            change.summary += f" — {diff.headline()}"

    # -- the end of a run -------------------------------------------------------------------
    def count(self, what: str, n: int = 1) -> None:
        self.counters.extra[what] = self.counters.extra.get(what, 0) + n

    def finish(self, status: str, stats: dict[str, Any], message: str | None = None) -> int:
        """Close the run. Removals and the baseline are judged only when the run is complete."""
        with self.catalog.session() as s:
            run = s.get(CrawlRun, self.run_id)
            assert run is not None
            if status == "complete":
                self._judge_removals(s)
                if self.is_baseline:
                    self._baseline_summary(s)
            run.status = status
            run.finished_at = self.now()
            run.requests = int(stats.get("downloader/request_count", 0))
            run.bytes = int(stats.get("downloader/response_bytes", 0))
            run.items = int(stats.get(ITEMS_STAT, self.counters.items))  # all workers' items, when shared
            run.blocked = int(stats.get("a6watch/fetch/blocked", 0))
            run.errors = int(stats.get("a6watch/errors", 0))
            run.changes = s.scalar(select(func.count()).select_from(Change).where(Change.run_id == self.run_id)) or 0
            run.stats = {k: v for k, v in stats.items() if isinstance(v, (int, float, str))}
            run.stats.update({f"a6watch/{k}": v for k, v in self.counters.extra.items()})
            run.message = message
            return run.changes

    def _judge_removals(self, s: Session) -> None:
        pages = s.scalars(select(PageVisit.page_url).where(PageVisit.run_id == self.run_id)).all()
        for record in s.scalars(select(Record).where(Record.source_id == self.source_id,
                                                     Record.page_url.in_(pages), Record.status == "current",
                                                     Record.last_run_id != self.run_id)):
            record.missed_runs += 1
            if record.missed_runs < REMOVAL_MISSES:
                continue
            record.status = "removed"
            self._change(s, ck.RECORD_REMOVED, (self.source_id, record.table_name, record.key, self.run_id),
                         record.title, f"Removed {record.label}: {record.title} (no longer on {record.page_url})",
                         details={"table": record.table_name, "key": record.key})
        today = self.now().date()
        for meeting in s.scalars(select(Meeting).where(Meeting.listed_on.in_(pages),
                                                       Meeting.last_listed_run_id != self.run_id)):
            meeting.missed_runs += 1
            upcoming = meeting.start_date is None or meeting.start_date > today
            if meeting.missed_runs < REMOVAL_MISSES or not upcoming or meeting.status in ("cancelled", "passed"):
                continue
            meeting.status = "cancelled"
            self._change(s, ck.MEETING_CANCELLED, (meeting.key, "vanished", str(meeting.start_date)), meeting.code,
                         f"{meeting.code} no longer listed on {meeting.listed_on} before its date "
                         f"({meeting.start_date or 'no date'}): cancelled or postponed", meeting_key=meeting.key)
        for page_url in pages:
            missing = s.scalars(select(Sighting).where(Sighting.page_url == page_url,
                                                       Sighting.last_run_id != self.run_id)).all()
            for sighting in missing:
                sighting.missed_runs += 1
                doc = s.get(Document, sighting.document_id)
                if doc is None or sighting.missed_runs < REMOVAL_MISSES or doc.status == "withdrawn":
                    continue
                doc.status = "withdrawn"
                self._change(s, ck.DOCUMENT_WITHDRAWN, (doc.key,), _describe(doc),
                             f"{_describe(doc)} withdrawn: no longer listed on {page_url} "
                             f"({sighting.missed_runs} complete runs): {doc.title or ''}",
                             document_id=doc.id, details={"page": page_url})

    def _baseline_summary(self, s: Session) -> None:
        docs = s.scalar(select(func.count(func.distinct(Sighting.document_id)))
                        .where(Sighting.source_id == self.source_id)) or 0
        seen = select(Sighting.document_id).where(Sighting.source_id == self.source_id)
        files = s.scalar(select(func.count()).select_from(DocumentFile)
                         .where(DocumentFile.document_id.in_(seen), DocumentFile.is_current.is_(True))) or 0
        rows = s.scalar(select(func.count()).select_from(Record).where(Record.source_id == self.source_id,
                                                                        Record.status == "current")) or 0
        source = s.get(Source, self.source_id)
        assert source is not None
        counted = f"{docs} documents, {files} files" + (f", {rows} table rows" if rows else "")
        self._change(s, ck.BASELINE, (self.source_id, self.run_id), source.title,
                     f"Baseline: {counted} recorded for {source.title}",
                     details={"documents": docs, "files": files, "rows": rows})
        source.baseline_at = self.now()
        source.baseline_run_id = self.run_id


LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "zh": "Chinese",
                  "ru": "Russian"}
