"""The recorder's ground: the run it records into, its clock and counters, how a change is written,
and the lookups every part uses (documents, meetings, agenda items, conferences)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.items import AgendaRef, MeetingItem
from core.meetings import code_of_key, conference_key
from core.watch import DEFAULT_WATCHLISTS
from storage import changes as ck
from storage.db import Catalog
from storage.models import (
    AgendaItem,
    Change,
    Conference,
    CrawlRun,
    Document,
    DocumentAlias,
    Meeting,
    Source,
)
from storage.recording.common import (
    RunCounters,
)

MODE_STAT = "a6watch/mode"  # in a run's stats: regular, deep or session


class RecorderBase:
    """Records one crawl run of one source (the parts below add what they record)."""

    catalog: Catalog
    watchlists: dict[str, tuple[str, ...]]
    source_id: str
    clock: Clock
    counters: RunCounters
    run_id: int
    is_baseline: bool

    def __init__(self, catalog: Catalog, source_id: str, source_title: str, clock: Clock,
                 watchlists: dict[str, tuple[str, ...]] | None = None, run_id: int | None = None,
                 mode: str = "regular") -> None:
        self.catalog = catalog
        self._open: Session | None = None  # the transaction of the observation being recorded
        self.mode = mode  # regular, deep or session: kept on the run from its start (a killed run has it too)
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
                           is_baseline=self.is_baseline, stats={MODE_STAT: mode})
            s.add(run)
            s.flush()
            self.run_id = run.id

    def now(self) -> datetime:
        return self.clock.now()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """The transaction of one observation: every part recorded for it (a page's validator and visit;
        a file's version, hits, index and validator) commits together or not at all. A part called on
        its own opens and commits its own."""
        if self._open is not None:
            yield self._open
            return
        with self.catalog.session() as s:
            self._open = s
            try:
                yield s
            finally:
                self._open = None

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

    # -- the end of a run -------------------------------------------------------------------
    def count(self, what: str, n: int = 1) -> None:
        self.counters.extra[what] = self.counters.extra.get(what, 0) + n

    # -- documents --------------------------------------------------------------------------
    def find_document(self, s: Session, key: str) -> Document | None:
        alias = s.get(DocumentAlias, key)
        if alias is not None:
            return s.get(Document, alias.document_id)
        return s.scalar(select(Document).where(Document.key == key))

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
