"""What goes into a next-morning report, read from the catalog: the changes of the last 24 hours that
concern the meeting (its own, and those of its documents) by body and agenda item, each document's
first substantive paragraph and bracket history (as the briefing pack finds them: ``briefing.collect``),
the new watchlist hits in its documents, and the deadlines of its bodies in the next 7 days, in the
report's language. Times are the venue's local time; the writers only format this."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from briefing.collect import DocEntry, collect
from briefing.words import words_for
from core.diffs import paragraphs
from core.errors import A6WatchError
from core.meetings import parse_meeting
from reports.venues import zone_for
from reports.wording import bracket_line, change_words, kind_label, local_time
from storage.changes import BASELINE, HEALTH_KINDS, WATCH_HIT
from storage.models import Change, Conference, Deadline, Document, Meeting, WatchHit, document_meeting

WINDOW = timedelta(hours=24)
AHEAD_DAYS = 7
LEFT_OUT = (WATCH_HIT, BASELINE, *HEALTH_KINDS)  # hits have their own section; the rest is not about a meeting


@dataclass
class ChangeLine:
    kind: str
    label: str  # the kind, in the report's language
    summary: str  # one line in the report's language, the diff's counts once
    at: datetime  # local
    when: str  # ``at`` as the report's language writes it
    diff: str | None


@dataclass
class Entry:
    """A document with what happened to it in the window, or one change of the meeting itself."""

    symbol: str
    title: str
    link: str | None
    changes: list[ChangeLine]
    lead: str = ""
    lead_is_action: bool = False
    type: str = ""  # the document's type in the report's language
    brackets: str = ""  # "1 bracket(s) resolved, 0 removed, 1 new since iteration 2; 1 still open"


@dataclass
class Group:
    agenda: str  # "3.4 Methodologies", or "" for the documents under no item, "meeting" for the meeting's news
    order: tuple[int, ...]
    entries: list[Entry] = field(default_factory=list)


@dataclass
class BodySection:
    body: str
    groups: list[Group] = field(default_factory=list)


@dataclass
class Hit:
    watchlist: str
    term: str
    symbol: str
    page: int
    sentence: str


@dataclass
class DueDeadline:
    meeting: str
    title: str
    due: date
    days_left: int
    url: str | None


@dataclass
class MorningReport:
    name: str  # "SBM 022", "SB 64"
    slug: str  # "sbm-022", "sb-64"
    lang: str
    meetings: list[Meeting]
    at: datetime  # local, at the venue
    since: datetime  # local
    zone: str
    zone_known: bool  # False: the venue is not in the table, the configured time zone was used
    sections: list[BodySection] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    deadlines: list[DueDeadline] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return [e for section in self.sections for g in section.groups for e in g.entries]

    @property
    def date(self) -> date:
        return self.at.date()


def resolve_meetings(s: Session, spec: str) -> tuple[str, str, list[Meeting]]:
    """The meetings ``spec`` names (SB64 = SBSTA 64 + SBI 64), or a one-line error naming the known ones."""
    keys = parse_meeting(spec)
    meetings = [m for m in (s.get(Meeting, k) for k in keys) if m is not None]
    if not meetings:
        known = list(s.scalars(select(Meeting.key).order_by(Meeting.start_date.desc(), Meeting.key).limit(12)))
        raise A6WatchError(f"no meeting {spec!r} in the catalog; known: {', '.join(known) or 'none yet (crawl first)'}")
    if len(keys) > 1:
        return f"SB {meetings[0].number}", f"sb-{meetings[0].number}", meetings
    return meetings[0].code, meetings[0].key, meetings


def meeting_venue(s: Session, meeting: Meeting) -> str | None:
    """The meeting's venue, or when the meeting page names none its conference's venue or title (the
    "Belém Climate Change Conference - November 2025" is in Belém)."""
    if meeting.venue or not meeting.conference_key:
        return meeting.venue
    conference = s.get(Conference, meeting.conference_key)
    return (conference.venue or conference.title) if conference is not None else None


def _agenda_order(number: str) -> tuple[int, ...]:
    """Natural order of agenda numbers: 3.4 before 3.10, 12 (a) before 12 (b)."""
    parts = re.findall(r"\d+|[a-z]", number.lower())
    return tuple(int(p) if p.isdigit() else 1000 + ord(p) for p in parts) or (10**6,)


_ACTION_HEADING = re.compile(r"\baction", re.I)


def under_action_heading(text: str | None, excerpt: str) -> bool:
    """Whether the excerpt (``briefing.excerpt``'s choice) is the paragraph after an "Action requested"
    (or "Proposed action", …) heading rather than the document's first substantive paragraph."""
    if not text or not excerpt:
        return False
    start = excerpt.removesuffix(" …")[:80]
    paras = paragraphs(text)
    at = next((i for i, p in enumerate(paras) if p.startswith(start)), None)
    if at is None:
        return False
    return at > 0 and len(paras[at - 1].split()) <= 12 and bool(_ACTION_HEADING.search(paras[at - 1]))


def _main_text(entry: DocEntry) -> str | None:
    """The text of the file the excerpt was taken from: the English one, else the first language's."""
    main = next((f for f in entry.files if f.language == "en"), entry.files[0] if entry.files else None)
    return main.text if main is not None else None


def collect_report(s: Session, spec: str, at: datetime, fallback_zone: str, lang: str = "en") -> MorningReport:
    name, slug, meetings = resolve_meetings(s, spec)
    zone, known = zone_for(meeting_venue(s, meetings[0]), fallback_zone)
    at_utc = at.astimezone(UTC)
    since_utc = at_utc - WINDOW
    report = MorningReport(name, slug, lang, meetings, at_utc.astimezone(zone), since_utc.astimezone(zone),
                           str(zone.key), known)
    w = words_for(lang)
    keys = [m.key for m in meetings]
    body_of = {m.key: m.body for m in meetings}
    doc_meeting = dict(s.execute(select(document_meeting.c.document_id, document_meeting.c.meeting_key)
                                 .where(document_meeting.c.meeting_key.in_(keys))
                                 .order_by(document_meeting.c.meeting_key.desc())).all())
    changes = list(s.scalars(select(Change).where(
        Change.at >= since_utc, Change.at <= at_utc, Change.kind.not_in(LEFT_OUT),
        or_(Change.meeting_key.in_(keys), Change.document_id.in_(list(doc_meeting) or [-1])))
        .order_by(Change.at, Change.id)))
    sections: dict[str, BodySection] = {}
    groups: dict[tuple[str, str], Group] = {}
    by_document: dict[int, Entry] = {}
    packed: dict[int, DocEntry] = {}  # the pack's view of each document: its excerpt, link and brackets
    if any(c.document_id in doc_meeting for c in changes):
        packed = {e.document.id: e for e in collect(s, spec, at_utc).documents}

    def group(body: str, agenda: str, order: tuple[int, ...]) -> Group:
        section = sections.setdefault(body, BodySection(body))
        if (body, agenda) not in groups:
            groups[(body, agenda)] = Group(agenda, order)
            section.groups.append(groups[(body, agenda)])
        return groups[(body, agenda)]

    for change in changes:
        local = change.at.astimezone(zone)
        label, said = kind_label(w, change.kind), change_words(w, change)
        line = ChangeLine(change.kind, label, "" if said == label else said, local, local_time(w, local), change.diff)
        doc = s.get(Document, change.document_id) if change.document_id in doc_meeting else None
        if doc is None:
            body = body_of.get(change.meeting_key or "", meetings[0].body)
            group(body, "meeting", (10**7,)).entries.append(Entry(change.subject, "", None, [line]))  # after the items
            continue
        if doc.id in by_document:
            by_document[doc.id].changes.append(line)
            continue
        meeting_key = doc_meeting[doc.id]
        item = next((a for a in doc.agenda_items if a.meeting_key == meeting_key), None)
        entry = Entry(doc.symbol or doc.title or "", doc.title or "", doc.url, [line],
                      type=w.doc_type(doc.doc_type, doc.role))
        if doc.id in packed:
            seen = packed[doc.id]
            entry.link, entry.lead = seen.link or doc.url, seen.excerpt
            entry.lead_is_action = under_action_heading(_main_text(seen), seen.excerpt)
            entry.brackets = bracket_line(w, seen.brackets) if seen.brackets is not None else ""
        by_document[doc.id] = entry
        agenda = f"{item.number} {item.title}".strip() if item is not None else ""
        group(body_of[meeting_key], agenda, _agenda_order(item.number) if item is not None else (10**6,)
              ).entries.append(entry)
    order = {m.body: i for i, m in enumerate(meetings)}
    report.sections = sorted(sections.values(), key=lambda b: order.get(b.body, len(order)))
    for section in report.sections:
        section.groups.sort(key=lambda g: g.order)
    if doc_meeting:
        for hit, symbol, title in s.execute(
                select(WatchHit, Document.symbol, Document.title).join(Document, Document.id == WatchHit.document_id)
                .where(WatchHit.document_id.in_(list(doc_meeting)), WatchHit.is_new.is_(True),
                       WatchHit.first_seen_at >= since_utc, WatchHit.first_seen_at <= at_utc)
                .order_by(WatchHit.watchlist, Document.symbol, WatchHit.page)):
            report.hits.append(Hit(hit.watchlist, hit.term, symbol or title or "", hit.page, hit.sentence))
    today = report.at.date()
    bodies = sorted({m.body for m in meetings})
    for title, due, url, code in s.execute(
            select(Deadline.title, Deadline.due_date, Deadline.url, Meeting.code)
            .join(Meeting, Meeting.key == Deadline.meeting_key)
            .where(or_(Meeting.body.in_(bodies), Deadline.meeting_key.in_(keys)),
                   Deadline.due_date >= today, Deadline.due_date <= today + timedelta(days=AHEAD_DAYS))
            .order_by(Deadline.due_date, Deadline.title)):
        if due is not None:
            report.deadlines.append(DueDeadline(code, title, due, (due - today).days, url))
    return report
