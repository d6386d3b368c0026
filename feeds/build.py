"""Atom 1.0 and RSS 2.0 feeds from the change log: one entry per change, newest first.

Each entry's id is a ``tag:`` URI derived from the change's stable uid, so a rebuilt feed keeps its
entry ids and a feed reader never shows a change twice. Text is cleaned for XML; only http(s)
links are written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import default_clock
from core.sources import SOURCES
from core.text import clean_text
from core.watch import DEFAULT_WATCHLISTS
from feeds.entry_body import ArchivedLink, NextDeadline, entry_html, summary_line
from storage.changes import DEADLINE_CHANGED, DEADLINE_SET, HEALTH_KINDS, KIND_LABELS, WATCH_HIT
from storage.db import Catalog
from storage.models import Change, Deadline, Document, DocumentFile, Meeting, Record, document_meeting

FEED_SIZE = 500
TAG_AUTHORITY = "a6watch.invalid,2026"


@dataclass(frozen=True)
class FeedSpec:
    name: str  # path under feeds/ without extension: "all", "unfccc_documents", "bodies/sbm", "meetings/sbm-022"
    title: str
    source_id: str | None = None
    body: str | None = None
    meeting_key: str | None = None
    watchlist: str | None = None
    kinds: tuple[str, ...] | None = None


def entry_id(uid: str) -> str:
    return f"tag:{TAG_AUTHORITY}:change/{uid}"


def safe_link(url: str | None) -> str | None:
    if not url:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def feed_specs(session: Session, watchlists: Iterable[str] = ()) -> list[FeedSpec]:
    """All changes; one feed per source; per body and per meeting that changes concern; per watchlist
    (watchlist hits only go to their own feed, so that they never flood the others)."""
    specs = [FeedSpec("all", "a6watch: all changes"),
             FeedSpec("health", "a6watch: source health", kinds=HEALTH_KINDS)]
    specs += [FeedSpec(spec.id, f"a6watch: {spec.title}", spec.id) for spec in SOURCES.values()]
    meetings = session.execute(select(Meeting.key, Meeting.body, Meeting.code)
                               .where(Meeting.key.in_(select(Change.meeting_key).distinct()))
                               .order_by(Meeting.key)).all()
    for body in sorted({row.body for row in meetings}):
        specs.append(FeedSpec(f"bodies/{body.lower()}", f"a6watch: {body} meetings", body=body))
    specs += [FeedSpec(f"meetings/{row.key}", f"a6watch: {row.code}", meeting_key=row.key) for row in meetings]
    specs += [FeedSpec(f"watch/{name}", f"a6watch watchlist: {name}", watchlist=name) for name in watchlists]
    return specs


def _changes(session: Session, spec: FeedSpec) -> list[Change]:
    query = select(Change).order_by(Change.at.desc(), Change.id.desc()).limit(FEED_SIZE)
    if spec.source_id:
        query = query.where(Change.source_id == spec.source_id)
    if spec.body:
        query = query.where(Change.meeting_key.in_(select(Meeting.key).where(Meeting.body == spec.body)))
    if spec.meeting_key:
        query = query.where(Change.meeting_key == spec.meeting_key)
    if spec.kinds:
        query = query.where(Change.kind.in_(spec.kinds))
    if spec.watchlist:
        query = query.where(Change.kind == WATCH_HIT, Change.details["watchlist"].as_string() == spec.watchlist)
    else:
        query = query.where(Change.kind != WATCH_HIT)
    return list(session.scalars(query))


Link = tuple[str, str, str]  # (rel, href, title)


def render(session: Session, spec: FeedSpec, public_base_url: str,
           deadlines: UpcomingDeadlines | None = None) -> tuple[FeedGenerator, list[list[Link]]]:
    """The feed of ``spec``; ``deadlines``: those still ahead (by default, of the clock's today)."""
    deadlines = deadlines or UpcomingDeadlines(session, default_clock().now().date())
    changes = _changes(session, spec)
    fg = FeedGenerator()
    self_url = f"{public_base_url}feeds/{spec.name}.atom"
    fg.id(entry_id(f"feed/{spec.name}"))
    fg.title(spec.title)
    fg.subtitle("New and revised documents, versions, languages and withdrawals")
    fg.link(href=self_url, rel="self")
    fg.link(href=public_base_url, rel="alternate")
    fg.language("en")
    newest: datetime | None = changes[0].at if changes else None
    if newest is None:
        newest = datetime(2026, 1, 1).astimezone()
    fg.updated(newest)
    fg.lastBuildDate(newest)
    entry_links: list[list[Link]] = []
    for change in changes:
        fe = fg.add_entry(order="append")
        fe.id(entry_id(change.uid))
        fe.guid(entry_id(change.uid), permalink=False)
        label = KIND_LABELS.get(change.kind, change.kind)
        fe.title(clean_text(f"{change.subject} — {label}"))
        fe.updated(change.at)
        fe.published(change.at)
        fe.category(term=change.kind)
        doc = session.get(Document, change.document_id) if change.document_id else None
        file = session.get(DocumentFile, change.file_id) if change.file_id else None
        previous = session.get(DocumentFile, change.previous_file_id) if change.previous_file_id else None
        links: list[Link] = []
        archived: ArchivedLink | None = None
        if doc is not None and safe_link(doc.url):
            links.append(("alternate", doc.url or "", "document page"))
        if file is not None and safe_link(file.url):
            links.append(("alternate" if not links else "related", file.url, f"file ({file.language})"))
        if previous is not None:
            archived = ArchivedLink(f"{public_base_url}{previous.storage_path}", "Previous version (archived)")
            links.append(("related", archived.href, "previous version (archived)"))
        if not links:
            links.extend(_thing_itself(session, change, doc))
        if not links:
            links.append(("alternate", public_base_url, "a6watch"))
        for rel, href, title in links:
            fe.link(href=href, rel=rel, title=title)
        entry_links.append(links)
        summary = clean_text(summary_line(change.summary, change.diff))
        fe.summary(summary)  # Atom: type "text", the one line, shown as written
        deadline = deadlines.of(change)
        if deadline is not None and change.kind in (DEADLINE_SET, DEADLINE_CHANGED) and (
                deadline.title == change.subject):
            deadline = None  # the entry is that deadline
        body = clean_text(entry_html(change.summary, change.diff, deadline, archived))
        # RSS readers take a description as HTML; feedgen's description() also sets the Atom content,
        # which is then declared HTML: the same body, every piece of text in it escaped
        fe.description(body)
        fe.content(body, type="html")
    return fg, entry_links


class UpcomingDeadlines:
    """The nearest deadline not yet past of each meeting, and each document's meetings, read once per
    build (two queries), so that each entry's lookup costs nothing."""

    def __init__(self, session: Session, today: date) -> None:
        self.by_meeting: dict[str, NextDeadline] = {}
        for title, due, key, code in session.execute(
                select(Deadline.title, Deadline.due_date, Deadline.meeting_key, Meeting.code)
                .join(Meeting, Meeting.key == Deadline.meeting_key)
                .where(Deadline.due_date >= today).order_by(Deadline.due_date.desc(), Deadline.title.desc())):
            if key is not None and due is not None:  # the earliest is written last
                self.by_meeting[key] = NextDeadline(code, clean_text(title), due)
        self.meetings_of: dict[int, set[str]] = {}
        for document_id, key in session.execute(select(document_meeting.c.document_id, document_meeting.c.meeting_key)
                                                .where(document_meeting.c.meeting_key.in_(list(self.by_meeting)))):
            self.meetings_of.setdefault(document_id, set()).add(key)

    def of(self, change: Change) -> NextDeadline | None:
        """The nearest deadline not yet past of the meeting the change concerns, or of a meeting its
        document belongs to."""
        keys = self.meetings_of.get(change.document_id or 0, set()) | ({change.meeting_key} if change.meeting_key
                                                                         else set())
        found = [self.by_meeting[k] for k in keys if k in self.by_meeting]
        return min(found, key=lambda d: (d.due, d.title)) if found else None


def _thing_itself(session: Session, change: Change, doc: Document | None) -> list[Link]:
    """Where an entry without a document page or file of its own leads: the document's current file,
    the table row's page, the deadline's or the meeting's page, the page a health alert is about."""
    if doc is not None:
        current = session.scalars(select(DocumentFile.url).where(DocumentFile.document_id == doc.id,
                                                                 DocumentFile.is_current.is_(True))
                                  .order_by(DocumentFile.language != "en", DocumentFile.language)).first()
        if safe_link(current):
            return [("alternate", current or "", "file")]
    details = change.details or {}
    if details.get("table") and details.get("key"):
        page = session.scalar(select(Record.page_url).where(Record.source_id == change.source_id,
                                                            Record.table_name == details["table"],
                                                            Record.key == details["key"]))
        if safe_link(page):
            return [("alternate", page or "", "table")]
    for key in ("url", "page"):
        if safe_link(details.get(key)):
            return [("alternate", str(details[key]), "page")]
    if change.kind in (DEADLINE_SET, DEADLINE_CHANGED):
        url = session.scalar(select(Deadline.url).where(Deadline.title == change.subject,
                                                        Deadline.meeting_key == change.meeting_key).limit(1))
        if safe_link(url):
            return [("alternate", url or "", "deadline")]
    if change.meeting_key:
        url = session.scalar(select(Meeting.url).where(Meeting.key == change.meeting_key))
        if safe_link(url):
            return [("alternate", url or "", "meeting page")]
    if change.source_id in SOURCES and SOURCES[change.source_id].start_urls:  # a baseline, a source's health
        return [("alternate", SOURCES[change.source_id].start_urls[0], "source")]
    return []


def _atom_with_link_relations(atom: bytes, entry_links: list[list[Link]]) -> bytes:
    """feedgen 1.0.0 writes entry links without their rel and title attributes (a variable is
    shadowed in FeedEntry.atom_entry); put them back, in the order they were added."""
    from lxml import etree

    ns = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring(atom)
    for entry, links in zip(root.iter(f"{ns}entry"), entry_links, strict=True):
        for element, (rel, href, title) in zip(entry.findall(f"{ns}link"), links, strict=True):
            assert element.get("href") == href
            element.set("rel", rel)
            element.set("title", title)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` whole (a temporary file, then a rename) unless the file already holds exactly it:
    an unchanged feed keeps its modification time, and so its Last-Modified, for every reader."""
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def build_feeds(catalog: Catalog, out_dir: Path, public_base_url: str,
                watchlists: Iterable[str] = DEFAULT_WATCHLISTS, now: datetime | None = None) -> list[Path]:
    """Write <name>.atom and <name>.rss for every feed; return the paths written. ``now`` (default: the
    clock, which A6WATCH_NOW freezes) decides which meeting deadlines are still ahead."""
    out_dir.mkdir(parents=True, exist_ok=True)
    today = (now or default_clock().now()).astimezone(UTC).date()
    written = []
    with catalog.session() as session:
        deadlines = UpcomingDeadlines(session, today)
        for spec in feed_specs(session, watchlists):
            fg, entry_links = render(session, spec, public_base_url, deadlines)
            outputs = {"atom": _atom_with_link_relations(fg.atom_str(pretty=True), entry_links),
                       "rss": fg.rss_str(pretty=True)}
            for ext, data in outputs.items():
                path = out_dir / f"{spec.name}.{ext}"
                write_if_changed(path, data)
                written.append(path)
    return written
