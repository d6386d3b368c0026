"""Change kinds and the stable ids that make every alert fire exactly once (docs/changes.md)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Change

DOCUMENT_NEW = "document.new"
DOCUMENT_REVISED = "document.revised"
DOCUMENT_CORRECTED = "document.corrected"
DOCUMENT_ADDENDUM = "document.addendum"
DOCUMENT_UPDATED = "document.updated"
DOCUMENT_LANGUAGE = "document.language"
DOCUMENT_METADATA = "document.metadata"
DOCUMENT_WITHDRAWN = "document.withdrawn"
DOCUMENT_FILE_MISSING = "document.file_missing"
MEETING_SCHEDULED = "meeting.scheduled"
MEETING_MOVED = "meeting.moved"
MEETING_CANCELLED = "meeting.cancelled"
MEETING_POSTPONED = "meeting.postponed"
MEETING_AGENDA = "meeting.agenda"
MEETING_ANNOTATIONS = "meeting.annotations"
MEETING_REPORT = "meeting.report"
DEADLINE_SET = "deadline.set"
DEADLINE_CHANGED = "deadline.changed"
WATCH_HIT = "watch.hit"
COUNTDOWN = "countdown"
EXPECTED_LATE = "expected.late"
EXPECTED_ARRIVED = "expected.arrived"
RECORD_ADDED = "record.added"
RECORD_CHANGED = "record.changed"
RECORD_REMOVED = "record.removed"
BASELINE = "baseline"
SOURCE_BROKEN = "source.broken"
SOURCE_BLOCKED = "source.blocked"
SOURCE_STALE = "source.stale"
SOURCE_RECOVERED = "source.recovered"

KIND_LABELS = {
    DOCUMENT_NEW: "new document",
    DOCUMENT_REVISED: "revised",
    DOCUMENT_CORRECTED: "corrected",
    DOCUMENT_ADDENDUM: "addendum",
    DOCUMENT_UPDATED: "new version",
    DOCUMENT_LANGUAGE: "new language",
    DOCUMENT_METADATA: "details changed",
    DOCUMENT_WITHDRAWN: "withdrawn",
    DOCUMENT_FILE_MISSING: "file missing",
    MEETING_SCHEDULED: "meeting scheduled",
    MEETING_MOVED: "meeting moved",
    MEETING_CANCELLED: "meeting cancelled",
    MEETING_POSTPONED: "meeting postponed",
    MEETING_AGENDA: "agenda published",
    MEETING_ANNOTATIONS: "annotated agenda published",
    MEETING_REPORT: "report published",
    DEADLINE_SET: "deadline set",
    DEADLINE_CHANGED: "deadline changed",
    WATCH_HIT: "watchlist hit",
    COUNTDOWN: "countdown",
    EXPECTED_LATE: "expected document late",
    EXPECTED_ARRIVED: "late document arrived",
    RECORD_ADDED: "added",
    RECORD_CHANGED: "changed",
    RECORD_REMOVED: "removed",
    BASELINE: "baseline",
    SOURCE_BROKEN: "source broken",
    SOURCE_BLOCKED: "source blocked",
    SOURCE_STALE: "source stale",
    SOURCE_RECOVERED: "source recovered",
}

HEALTH_KINDS = (SOURCE_BROKEN, SOURCE_BLOCKED, SOURCE_STALE, SOURCE_RECOVERED)

# How a new document's symbol relation is announced.
RELATION_KINDS = {
    None: DOCUMENT_NEW,
    "revision": DOCUMENT_REVISED,
    "iteration": DOCUMENT_REVISED,
    "corrigendum": DOCUMENT_CORRECTED,
    "addendum": DOCUMENT_ADDENDUM,
}


def change_uid(kind: str, *parts: object) -> str:
    """A stable id derived from what the change is about, so a re-run never duplicates it."""
    text = "|".join([kind, *(str(p) for p in parts)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def add_change(session: Session, at: datetime, kind: str, uid_parts: tuple[object, ...], subject: str,
               summary: str, **extra: Any) -> Change | None:
    """Append a change unless one with the same stable id is already recorded (a re-run, a restart)."""
    uid = change_uid(kind, *uid_parts)
    if session.scalar(select(Change.id).where(Change.uid == uid)) is not None:
        return None
    change = Change(uid=uid, at=at, kind=kind, subject=subject, summary=summary,
                    details=extra.pop("details", {}), **extra)
    session.add(change)
    session.flush()
    return change
