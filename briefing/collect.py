"""What goes into a briefing pack, read from the catalog (the pack's writers only format it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import A6WatchError
from core.meetings import parse_meeting
from storage.alerts import late_documents, meeting_documents
from storage.models import Change, Document, DocumentFile, Meeting, WatchHit

REVISION_KINDS = ("document.new", "document.revised", "document.corrected", "document.addendum",
                  "document.updated", "document.language", "document.metadata", "document.withdrawn",
                  "meeting.agenda", "meeting.annotations", "meeting.report")


@dataclass
class DocEntry:
    document: Document
    files: list[DocumentFile]
    changes: list[Change]  # since the body's previous meeting
    agenda: str  # "3.4 Methodologies" or ""

    @property
    def languages(self) -> list[str]:
        return sorted({f.language for f in self.files})

    @property
    def changed_since(self) -> str:
        return "; ".join(c.summary for c in self.changes)


@dataclass
class Brief:
    name: str  # "SBM 022", "SB 64"
    slug: str  # "sbm-022", "sb-64"
    meetings: list[Meeting]
    since: datetime | None  # the start of the body's previous meeting
    documents: list[DocEntry] = field(default_factory=list)
    hits: list[tuple[WatchHit, Document]] = field(default_factory=list)
    late: list[Change] = field(default_factory=list)
    generated: datetime = field(default_factory=lambda: datetime.now(UTC))


def resolve(s: Session, spec: str) -> tuple[str, str, list[Meeting]]:
    keys = parse_meeting(spec)
    meetings = [m for m in (s.get(Meeting, k) for k in keys) if m is not None]
    if not meetings:
        raise A6WatchError(f"no meeting {spec!r} in the catalog (known keys look like sbm-022, eb-129, sbsta-64)")
    if len(keys) > 1:
        name = f"SB {meetings[0].number}"
        return name, f"sb-{meetings[0].number}", meetings
    return meetings[0].code, meetings[0].key, meetings


def _previous_start(s: Session, meeting: Meeting) -> datetime | None:
    prev = s.scalar(select(Meeting).where(Meeting.body == meeting.body, Meeting.number < meeting.number,
                                          Meeting.start_date.is_not(None)).order_by(Meeting.number.desc()).limit(1))
    if prev is None or prev.start_date is None:
        return None
    return datetime(prev.start_date.year, prev.start_date.month, prev.start_date.day, tzinfo=UTC)


def collect(s: Session, spec: str, now: datetime) -> Brief:
    name, slug, meetings = resolve(s, spec)
    starts = [t for t in (_previous_start(s, m) for m in meetings) if t is not None]
    brief = Brief(name, slug, meetings, min(starts) if starts else None, generated=now)
    seen: set[int] = set()
    for meeting in meetings:
        for doc in meeting_documents(s, meeting.key):
            if doc.id in seen:
                continue
            seen.add(doc.id)
            files = list(s.scalars(select(DocumentFile).where(DocumentFile.document_id == doc.id,
                                                              DocumentFile.is_current.is_(True))
                                   .order_by(DocumentFile.language)))
            query = select(Change).where(Change.document_id == doc.id, Change.kind.in_(REVISION_KINDS))
            if brief.since is not None:
                query = query.where(Change.at >= brief.since)
            agenda = next((f"{a.number} {a.title}".strip() for a in doc.agenda_items
                           if a.meeting_key == meeting.key), "")
            brief.documents.append(DocEntry(doc, files, list(s.scalars(query.order_by(Change.at))), agenda))
        brief.late += late_documents(s, meeting.key)
    brief.documents.sort(key=lambda e: (_agenda_order(e.agenda), e.document.symbol or e.document.title or ""))
    ids = [e.document.id for e in brief.documents]
    if ids:
        for hit in s.scalars(select(WatchHit).where(WatchHit.document_id.in_(ids))
                             .order_by(WatchHit.watchlist, WatchHit.document_id, WatchHit.page)):
            hit_doc = s.get(Document, hit.document_id)
            assert hit_doc is not None
            brief.hits.append((hit, hit_doc))
    return brief


def _agenda_order(agenda: str) -> tuple[int, ...]:
    import re

    numbers = re.findall(r"\d+", agenda.split(" ")[0]) if agenda else []
    return tuple(int(n) for n in numbers) or (999,)
