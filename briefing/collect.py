"""What goes into a briefing pack, read from the catalog (the pack's writers only format it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from briefing.excerpt import first_paragraph
from core.brackets import History, history
from core.diffs import DraftDiff, diff_texts
from core.errors import A6WatchError
from core.meetings import Session, code_of_key, combined_names, session_of
from storage.alerts import late_documents, meeting_documents
from storage.models import Change, Deadline, Document, DocumentFile, Meeting, Sighting, WatchHit

VALID_SHOWN = 30  # sessions and meetings an error message lists
REVISION_KINDS = ("document.new", "document.revised", "document.corrected", "document.addendum",
                  "document.updated", "document.language", "document.metadata", "document.withdrawn",
                  "meeting.agenda", "meeting.annotations", "meeting.report")
NEW_KINDS = ("document.new", "meeting.agenda", "meeting.annotations", "meeting.report")
REVISED_KINDS = ("document.revised", "document.corrected", "document.addendum", "document.updated")


@dataclass
class Diff:
    change: Change
    diff: DraftDiff | None  # recomputed from the two stored texts; None when one is missing


@dataclass
class DocEntry:
    document: Document
    files: list[DocumentFile]
    changes: list[Change]  # since the body's previous meeting
    meeting: Meeting | None  # the pack's meeting it belongs to (for its body label)
    agenda_number: str = ""  # "12 (a)", "3.4"
    agenda_title: str = ""
    status: str = "current"  # new / revised / superseded / withdrawn / current
    date: date | None = None
    date_seen: bool = False  # the date is when it was first seen (the source gives none)
    link: str = ""
    pages: int | None = None
    excerpt: str = ""
    replaced_by: str = ""
    diffs: list[Diff] = field(default_factory=list)
    brackets: History | None = None
    iterations: list[str] = field(default_factory=list)  # "A6.4-SBM022-AA-A01 01.0 (2026-06-05)", oldest first

    @property
    def languages(self) -> list[str]:
        return sorted({f.language for f in self.files})

    @property
    def agenda(self) -> str:
        return f"{self.agenda_number} {self.agenda_title}".strip()

    @property
    def changed_since(self) -> str:
        return "; ".join(c.summary for c in self.changes)


@dataclass
class DeadlineEntry:
    deadline: Deadline
    days_left: int | None


@dataclass
class Brief:
    name: str  # "SBM 022", "SB 64", "COP 31"
    slug: str  # "sbm-022", "sb-64", "cop-31"
    meetings: list[Meeting]
    since: datetime | None  # the start of the body's previous meeting
    stem: str = ""  # "SBM022", "COP31": file names
    missing: list[str] = field(default_factory=list)  # keys of a combined session's meetings not in the catalog yet
    documents: list[DocEntry] = field(default_factory=list)
    deadlines: list[DeadlineEntry] = field(default_factory=list)
    hits: list[tuple[WatchHit, Document]] = field(default_factory=list)
    late: list[Change] = field(default_factory=list)
    generated: datetime = field(default_factory=lambda: datetime.now(UTC))


def resolve(s: DbSession, spec: str) -> tuple[Session, list[Meeting]]:
    """The session a spec names and its meetings in the catalog. A single meeting must be in the
    catalog; a combined session (SB64, COP31) is packed with whichever of its meetings are there (the
    pack says which are not yet), and needs at least a well-formed name."""
    try:
        session = session_of(spec)
    except A6WatchError:
        raise A6WatchError(f"not a meeting: {spec!r}; valid: {_valid(s)}") from None
    meetings = [m for m in (s.get(Meeting, k) for k in session.keys) if m is not None]
    conferences = {m.conference_key for m in meetings if m.conference_key}
    if session.combined and conferences:  # the catalog knows which sessions met together: take them all
        known = {m.key for m in meetings}
        meetings += [m for m in s.scalars(select(Meeting).where(Meeting.conference_key.in_(conferences))
                                          .order_by(Meeting.key)) if m.key not in known]
    if not meetings and not session.combined:
        raise A6WatchError(f"no meeting {spec!r} in the catalog; valid: {_valid(s)}")
    return session, meetings


def _valid(s: DbSession) -> str:
    """The sessions and meetings of the catalog, latest first (at most VALID_SHOWN of them)."""
    keys = list(s.scalars(select(Meeting.key).order_by(Meeting.start_date.desc().nulls_last(), Meeting.key)))
    names = list(dict.fromkeys(combined_names(keys) + [code_of_key(k).replace(" ", "") for k in keys]))
    if not names:
        return "none (crawl first: a6watch crawl)"
    more = len(names) - VALID_SHOWN
    return ", ".join(names[:VALID_SHOWN]) + (f", … ({more} more)" if more > 0 else "")


def _previous_start(s: DbSession, meeting: Meeting) -> datetime | None:
    prev = s.scalar(select(Meeting).where(Meeting.body == meeting.body, Meeting.number < meeting.number,
                                          Meeting.start_date.is_not(None)).order_by(Meeting.number.desc()).limit(1))
    if prev is None or prev.start_date is None:
        return None
    return datetime(prev.start_date.year, prev.start_date.month, prev.start_date.day, tzinfo=UTC)


def collect(s: DbSession, spec: str, now: datetime) -> Brief:
    session, meetings = resolve(s, spec)
    starts = [t for t in (_previous_start(s, m) for m in meetings) if t is not None]
    brief = Brief(session.name, session.slug, meetings, min(starts) if starts else None, stem=session.stem,
                  generated=now)
    found = {m.key for m in meetings}
    brief.missing = [k for k in session.keys if k not in found]
    seen: set[int] = set()
    for meeting in meetings:
        for doc in meeting_documents(s, meeting.key):
            if doc.id in seen:
                continue
            seen.add(doc.id)
            brief.documents.append(_entry(s, doc, meeting, brief.since))
        brief.late += late_documents(s, meeting.key)
    _mark_replaced(s, brief.documents)
    order = {m.key: i for i, m in enumerate(meetings)}
    brief.documents.sort(key=lambda e: (order.get(e.meeting.key, 99) if e.meeting else 99,
                                        agenda_order(e.agenda_number), e.document.symbol or e.document.title or ""))
    keys = [m.key for m in meetings]
    today = now.date()
    for d in s.scalars(select(Deadline).where(Deadline.meeting_key.in_(keys))
                       .order_by(Deadline.due_date, Deadline.title)):
        brief.deadlines.append(DeadlineEntry(d, (d.due_date - today).days if d.due_date else None))
    ids = [e.document.id for e in brief.documents]
    if ids:
        for hit in s.scalars(select(WatchHit).where(WatchHit.document_id.in_(ids))
                             .order_by(WatchHit.watchlist, WatchHit.document_id, WatchHit.page)):
            hit_doc = s.get(Document, hit.document_id)
            assert hit_doc is not None
            brief.hits.append((hit, hit_doc))
    return brief


def _entry(s: DbSession, doc: Document, meeting: Meeting, since: datetime | None) -> DocEntry:
    every = list(s.scalars(select(DocumentFile).where(DocumentFile.document_id == doc.id)
                           .order_by(DocumentFile.first_seen_at, DocumentFile.id)))
    files = sorted((f for f in every if f.is_current), key=lambda f: f.language)
    query = select(Change).where(Change.document_id == doc.id, Change.kind.in_(REVISION_KINDS))
    if since is not None:
        query = query.where(Change.at >= since)
    changes = list(s.scalars(query.order_by(Change.at, Change.id)))
    item = next((a for a in doc.agenda_items if a.meeting_key == meeting.key), None)
    entry = DocEntry(doc, files, changes, meeting, item.number if item else "", item.title if item else "")
    entry.status = _status(doc, changes)
    if doc.publication_date:
        entry.date = doc.publication_date
    elif every:
        entry.date, entry.date_seen = min(f.first_seen_at for f in every).date(), True
    main = _main_file(files)
    entry.link = _link(s, doc, main, meeting)
    entry.pages = main.pages if main else None
    entry.excerpt = first_paragraph(main.text if main else None, doc.title, doc.symbol)
    for c in changes:
        if c.file_id and c.previous_file_id:
            new, old = s.get(DocumentFile, c.file_id), s.get(DocumentFile, c.previous_file_id)
            computed = diff_texts(old.text, new.text) if old and new and old.text and new.text else None
            entry.diffs.append(Diff(c, computed))
        elif c.diff:
            entry.diffs.append(Diff(c, None))
    if doc.status == "current":
        _brackets(s, doc, entry, main.language if main else "en")
    return entry


def _status(doc: Document, changes: list[Change]) -> str:
    if doc.status in ("withdrawn", "superseded"):
        return doc.status
    kinds = {c.kind for c in changes}
    if kinds & set(REVISED_KINDS):
        return "revised"
    if kinds & set(NEW_KINDS):
        return "new"
    return "current"


def _main_file(files: list[DocumentFile]) -> DocumentFile | None:
    return next((f for f in files if f.language == "en"), files[0] if files else None)


def _link(s: DbSession, doc: Document, main: DocumentFile | None, meeting: Meeting) -> str:
    """The document's page, else its file, else the page it was listed on, else its meeting's page."""
    if doc.url and doc.url.startswith(("https://", "http://")):
        return doc.url
    if main is not None:
        return main.url
    page = s.scalar(select(Sighting.page_url).where(Sighting.document_id == doc.id)
                    .order_by(Sighting.first_seen_at).limit(1))
    return page or meeting.url or ""


def _mark_replaced(s: DbSession, entries: list[DocEntry]) -> None:
    for e in entries:
        if e.status == "superseded" and e.document.symbol:
            newer = s.scalar(select(Document.symbol).where(Document.parent_symbol == e.document.symbol,
                                                           Document.relation == "revision")
                             .order_by(Document.first_seen_at.desc()).limit(1))
            e.replaced_by = newer or ""


def _brackets(s: DbSession, doc: Document, entry: DocEntry, language: str) -> None:
    """The iterations of the draft (every stored text of the document and of the documents it revises,
    in one language, oldest first) and its bracket history when there are two or more."""
    family = [doc.id] if not doc.family else list(s.scalars(select(Document.id).where(Document.family == doc.family)))
    query = (select(DocumentFile, Document).join(Document, Document.id == DocumentFile.document_id)
             .where(DocumentFile.document_id.in_(family), DocumentFile.language == language,
                    DocumentFile.text.is_not(None))
             .order_by(DocumentFile.first_seen_at, DocumentFile.id))
    texts = [(f, d) for f, d in s.execute(query)]
    if len(texts) < 2 or not any("[" in (f.text or "") for f, _ in texts):
        return
    h = history([f.text or "" for f, _ in texts])
    if not h.passages:
        return
    entry.brackets = h
    entry.iterations = [" ".join(x for x in (d.symbol or d.title or "", d.version_label or "",
                                             f"({f.first_seen_at:%Y-%m-%d})") if x) for f, d in texts]


def agenda_order(number: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of agenda numbers: 2 before 10, 12 (a) before 12 (b), 3.4 before 3.10; no number last."""
    parts = re.findall(r"\d+|[A-Za-z]+", number)
    if not parts:
        return ((2, 0),)
    return tuple((0, int(p)) if p.isdigit() else (1, p.lower()) for p in parts)
