"""The pack as the reader sees it, in one language: plain strings and rows that the HTML, the PDF and
the spreadsheet lay out alike (so the three say the same thing, and a Japanese pack is Japanese in all)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from briefing.collect import Brief, DocEntry
from briefing.words import Words, change_sentence
from storage.models import Meeting


@dataclass
class MeetingView:
    name: str  # "SBSTA 64" / "第64回科学上及び技術上の助言に関する補助機関（SBSTA）"
    body: str
    dates: str
    venue: str
    status: str
    countdown: str
    link: str


@dataclass
class DeadlineView:
    kind: str
    title: str
    meeting: str
    due: str
    left: str
    link: str
    closed: bool


@dataclass
class DiffView:
    headline: str
    lines: list[tuple[str, str, str]]  # (mark: changed/added/removed, its label, text)


@dataclass
class BracketView:
    line: str
    iterations: list[str]
    rows: list[tuple[str, str, str, str]]  # passage, appeared, left, outcome


@dataclass
class DocView:
    entry: DocEntry
    symbol: str
    title: str
    type: str
    date: str
    version: str
    status_key: str
    status: str  # the visible word: new, revised, superseded, withdrawn, current
    pages: str
    languages: str
    link: str
    excerpt: str
    changed: str
    replaced_by: str = ""  # "superseded by FCCC/SBSTA/2026/2/Rev.1"
    files: list[tuple[str, str]] = field(default_factory=list)  # (language label, path inside the pack)
    diffs: list[DiffView] = field(default_factory=list)
    brackets: BracketView | None = None


@dataclass
class SectionView:
    heading: str
    body: str
    docs: list[DocView]


@dataclass
class PackView:
    title: str
    lang: str
    generated: str
    since: str
    missing: str
    meetings: list[MeetingView]
    deadlines: list[DeadlineView]
    late: list[str]
    sections: list[SectionView]
    hits: list[tuple[str, str, str, str, str]]  # watchlist, symbol, language, page, sentence
    files: dict[str, str]  # "pdf", "xlsx", "csv" -> file name


def file_name(entry: DocEntry, language: str) -> str:
    base = (entry.document.symbol or entry.document.title or str(entry.document.id))
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in base)[:80]
    return f"files/{safe}.{language}.pdf"


def output_names(brief: Brief, lang: str) -> dict[str, str]:
    """File names that say what they hold: COP31-brief-ja.pdf, COP31-documents-ja.xlsx, …-documents-ja.csv."""
    suffix = "" if lang == "en" else f"-{lang}"
    return {"pdf": f"{brief.stem}-brief{suffix}.pdf", "xlsx": f"{brief.stem}-documents{suffix}.xlsx",
            "csv": f"{brief.stem}-documents{suffix}.csv"}


def countdown(w: Words, m: Meeting, today: date) -> str:
    if m.start_date is None:
        return w.say("countdown.undated")
    end = m.end_date or m.start_date
    if today < m.start_date:
        return w.say("countdown.before", days=(m.start_date - today).days)
    if today == m.start_date:
        return w.say("countdown.today")
    if today <= end:
        return w.say("countdown.during", day=(today - m.start_date).days + 1, length=(end - m.start_date).days + 1)
    return w.say("countdown.after", days=(today - end).days)


def build_view(brief: Brief, w: Words) -> PackView:
    today = brief.generated.date()
    meetings = [MeetingView(w.meeting_name(m.body, m.number), w.body(m.body), w.days(m.start_date, m.end_date),
                            m.venue or "", w.meeting_status(m.status), countdown(w, m, today), m.url or "")
                for m in brief.meetings]
    codes = {m.key: w.meeting_name(m.body, m.number) for m in brief.meetings}
    deadlines = []
    for d in brief.deadlines:
        left = ("" if d.days_left is None else w.say("deadline.left", days=d.days_left) if d.days_left > 0
                else w.say("deadline.today") if d.days_left == 0 else w.say("deadline.closed", days=-d.days_left))
        deadlines.append(DeadlineView(w.deadline_kind(d.deadline.kind), d.deadline.title,
                                      codes.get(d.deadline.meeting_key or "", ""), w.day(d.deadline.due_date), left,
                                      d.deadline.url or "", d.days_left is not None and d.days_left < 0))
    late = [w.say("late", label=w.expected(str(c.details.get("label", ""))), due=w.day(_date(c.details.get("due"))))
            for c in brief.late]
    sections = []
    for (meeting_key, number), group in groupby(brief.documents, key=lambda e: (
            e.meeting.key if e.meeting else "", e.agenda_number)):
        entries = list(group)
        first = entries[0]
        meeting = codes.get(meeting_key, "")
        item = f"{w['agenda']} {first.agenda}" if number else w["no_agenda"]
        body = w.body(first.meeting.body) if first.meeting else ""
        heading = f"{meeting} · {item}"
        sections.append(SectionView(heading, "" if body in heading else body, [_doc(e, w) for e in entries]))
    hits = [(h.watchlist, d.symbol or d.title or "", w.language(h.language), str(h.page or ""), h.sentence)
            for h, d in brief.hits]
    return PackView(f"{w['title']}: {brief.name}", w.lang, f"{brief.generated:%Y-%m-%d %H:%M} UTC",
                    w.label("since", date=w.day(brief.since.date())) if brief.since else "",
                    w.label("not_in_catalog", codes=_names(w, brief.missing)) if brief.missing else "",
                    meetings, deadlines, late, sections, hits, output_names(brief, w.lang))


def _names(w: Words, keys: list[str]) -> str:
    names = []
    for key in keys:
        body, _, number = key.partition("-")
        names.append(w.meeting_name(body, int(number)) if number.isdigit() else key)
    return ("、" if w.lang == "ja" else ", ").join(names)


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _doc(e: DocEntry, w: Words) -> DocView:
    d = e.document
    shown_date = w.day(e.date) if e.date else ""
    if e.date and e.date_seen:
        shown_date = w.label("first_seen", date=shown_date)
    status = w.doc_status(e.status)
    replaced = w.label("replaced_by", symbol=e.replaced_by) if e.replaced_by else ""
    changed = "; ".join(change_sentence(w, c.kind, c.details or {}, c.summary) for c in e.changes)
    view = DocView(e, d.symbol or "", d.title or "", w.doc_type(d.doc_type, d.role), shown_date, d.version_label or "",
                   e.status, status, str(e.pages or ""), w.languages(e.languages), e.link, e.excerpt, changed,
                   replaced, [(w.language(f.language), file_name(e, f.language)) for f in e.files])
    for diff in e.diffs:
        if diff.diff is None:
            if w.lang == "en" and diff.change.diff:
                view.diffs.append(DiffView(diff.change.diff.splitlines()[0], []))
            continue
        dd = diff.diff
        lines = [("changed", w.mark("changed"), f"{old}\n→ {new}") for old, new in dd.changed]
        lines += [("added", w.mark("added"), p) for p in dd.added]
        lines += [("removed", w.mark("removed"), p) for p in dd.removed]
        view.diffs.append(DiffView(w.say("diff.headline", added=len(dd.added), removed=len(dd.removed),
                                         changed=len(dd.changed), before=dd.brackets_before,
                                         after=dd.brackets_after), lines))
    if e.brackets is not None:
        h = e.brackets
        since = max(1, h.iterations - 1)
        resolved, removed, new = h.counts_since(since)
        rows = []
        for p in h.passages:
            outcome = "open" if p.open else "resolved" if p.resolved else "removed"
            rows.append((p.short(), w.label("iteration", n=p.appeared),
                         w.label("iteration", n=p.left) if p.left else "", w.outcome(outcome)))
        line = w.say("brackets.line", resolved=resolved, removed=removed, new=new, since=since, open=h.still_open)
        iterations = [f"{w.label('iteration', n=i)}: {label}" for i, label in enumerate(e.iterations, 1)]
        view.brackets = BracketView(line, iterations, rows)
    return view
