"""Runs and pages: a page seen or broken, and the end of a run (removals judged, the baseline summed up)."""

from __future__ import annotations

from statistics import median
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage import changes as ck
from storage import wording as say
from storage.models import (
    Change,
    CrawlRun,
    Document,
    DocumentFile,
    Meeting,
    PageVisit,
    Record,
    Sighting,
    Source,
)
from storage.recording.base import MODE_STAT, RecorderBase
from storage.recording.common import (
    ITEMS_STAT,
    PAGE_HISTORY,
    PAGE_SHRINK_RATIO,
    REMOVAL_MISSES,
    SHRINK_PATIENCE,
)


class RunRecorder(RecorderBase):
    # -- pages ------------------------------------------------------------------------------
    def record_page(self, page_url: str, page_kind: str, items: int, complete_listing: bool) -> None:
        """A listing page read whole is the basis for judging removals, unless it yields far fewer items
        than its recent visits: then it is a health alert and nothing is judged missing from it."""
        if not complete_listing:
            return
        with self.transaction() as s:
            exists = s.scalar(select(PageVisit.id).where(PageVisit.run_id == self.run_id,
                                                         PageVisit.page_url == page_url))
            if exists is not None:
                return
            recent = s.scalars(select(PageVisit.items).where(PageVisit.page_url == page_url)
                               .order_by(PageVisit.id.desc()).limit(PAGE_HISTORY)).all()
            if recent and items < PAGE_SHRINK_RATIO * median(recent):
                if not self._shrink_accepted(s, page_url):
                    self.count("pages/shrunk")
                    self._change(s, ck.SOURCE_BROKEN, (self.source_id, page_url, "shrank", items, self.run_id),
                                 self.source_id, say.page_shrank(self.source_id, page_url, items, median(recent)),
                                 details={"page": page_url, "kind": page_kind, "items": items,
                                          "usual": median(recent)})
                    return
                s.execute(delete(PageVisit).where(PageVisit.page_url == page_url))  # its history starts again
            s.add(PageVisit(run_id=self.run_id, page_url=page_url, page_kind=page_kind, items=items))

    def _shrink_accepted(self, s: Session, page_url: str) -> bool:
        """A listing that has stayed small through ``SHRINK_PATIENCE`` alerts in a row has really shrunk
        (a site that moved part of it elsewhere): it is read as usual again, its new size the norm."""
        last_visit = s.scalar(select(func.max(PageVisit.run_id)).where(PageVisit.page_url == page_url)) or 0
        alerts = s.scalars(select(Change.details).where(Change.kind == ck.SOURCE_BROKEN, Change.run_id > last_visit,
                                                        Change.source_id == self.source_id))
        return sum(1 for d in alerts if (d or {}).get("page") == page_url and "usual" in (d or {})) >= SHRINK_PATIENCE

    def forget_page(self, page_url: str) -> None:
        """The page was not read to its end after all (its callback failed half-way, one of its items could
        not be recorded): nothing is judged missing from it in this run."""
        with self.transaction() as s:
            s.execute(delete(PageVisit).where(PageVisit.run_id == self.run_id, PageVisit.page_url == page_url))

    def record_layout_error(self, page_url: str, page_kind: str, error: str) -> None:
        """A page that no longer parses is a loud health entry, never an empty success."""
        self.count("layout_errors")
        self.forget_page(page_url)
        with self.transaction() as s:
            self._change(s, ck.SOURCE_BROKEN, (self.source_id, page_url, error), self.source_id,
                         say.source_broken(self.source_id, error), details={"page": page_url, "kind": page_kind})

    def finish(self, status: str, stats: dict[str, Any], message: str | None = None) -> int:
        """Close the run. Removals are judged page by page, on the listings read completely in this run
        and the one before, whatever happened to unrelated URLs — unless the crawl was stopped before its
        end (``message``: a time limit, a shutdown), when what it read may not all have been recorded.
        The baseline is summed up only when the run is complete."""
        with self.transaction() as s:
            run = s.get(CrawlRun, self.run_id)
            assert run is not None
            if status in ("complete", "partial") and message is None:
                self._judge_removals(s)
            if status == "complete" and self.is_baseline:
                self._baseline_summary(s)
            run.status = status
            run.finished_at = self.now()
            run.requests = int(stats.get("downloader/request_count", 0))
            run.bytes = int(stats.get("downloader/response_bytes", 0))
            run.items = int(stats.get(ITEMS_STAT, self.counters.items))  # all workers' items, when shared
            run.blocked = int(stats.get("a6watch/fetch/blocked", 0))
            run.errors = int(stats.get("a6watch/errors", 0))
            run.changes = s.scalar(select(func.count()).select_from(Change).where(Change.run_id == self.run_id)) or 0
            run.stats = {MODE_STAT: self.mode, **{k: v for k, v in stats.items() if isinstance(v, (int, float, str))}}
            run.stats.update({f"a6watch/{k}": v for k, v in self.counters.extra.items()})
            run.message = message
            return run.changes

    def _pages_read_before(self, s: Session) -> set[str]:
        """The listings read completely in this source's previous run of the kind that reads them: for a
        regular or deep run, the previous regular or deep run (a session poll in between reads only the
        sitting meetings' pages and neither breaks nor fakes the row); for a session poll, the previous run."""
        for run_id, stats in s.execute(select(CrawlRun.id, CrawlRun.stats).where(
                CrawlRun.source_id == self.source_id, CrawlRun.id < self.run_id).order_by(CrawlRun.id.desc())):
            if self.mode != "session" and (stats or {}).get(MODE_STAT) == "session":
                continue
            return set(s.scalars(select(PageVisit.page_url).where(PageVisit.run_id == run_id)))
        return set()

    def _judge_removals(self, s: Session) -> None:
        """Whatever a listing read completely no longer shows has missed a run; it is gone when it has
        missed ``REMOVAL_MISSES`` runs in a row in which that listing was read completely (a run that
        could not read the listing breaks the row: the count starts again)."""
        pages = s.scalars(select(PageVisit.page_url).where(PageVisit.run_id == self.run_id)).all()
        before = self._pages_read_before(s)

        def missed(count: int, page_url: str | None) -> int:
            return count + 1 if page_url in before else 1

        for record in s.scalars(select(Record).where(Record.source_id == self.source_id,
                                                     Record.page_url.in_(pages), Record.status == "current",
                                                     Record.last_run_id != self.run_id)):
            record.missed_runs = missed(record.missed_runs, record.page_url)
            if record.missed_runs < REMOVAL_MISSES:
                continue
            record.status = "removed"
            self._change(s, ck.RECORD_REMOVED, (self.source_id, record.table_name, record.key, self.run_id),
                         record.title, say.record_removed(record.label, record.title, record.page_url),
                         details={"table": record.table_name, "key": record.key})
        today = self.now().date()
        for meeting in s.scalars(select(Meeting).where(Meeting.listed_on.in_(pages),
                                                       Meeting.last_listed_run_id != self.run_id)):
            meeting.missed_runs = missed(meeting.missed_runs, meeting.listed_on)
            upcoming = meeting.start_date is None or meeting.start_date > today
            if meeting.missed_runs < REMOVAL_MISSES or not upcoming or meeting.status in ("cancelled", "passed"):
                continue
            meeting.status = "cancelled"
            self._change(s, ck.MEETING_CANCELLED, (meeting.key, "vanished", str(meeting.start_date)), meeting.code,
                         say.meeting_unlisted(meeting.code, meeting.listed_on, meeting.start_date),
                         meeting_key=meeting.key)
        for page_url in pages:
            missing = s.scalars(select(Sighting).where(Sighting.page_url == page_url,
                                                       Sighting.last_run_id != self.run_id)).all()
            for sighting in missing:
                sighting.missed_runs = missed(sighting.missed_runs, page_url)
                doc = s.get(Document, sighting.document_id)
                if doc is None or sighting.missed_runs < REMOVAL_MISSES or doc.status == "withdrawn":
                    continue
                doc.status = "withdrawn"
                self._change(s, ck.DOCUMENT_WITHDRAWN, (doc.key,), say.describe(doc),
                             say.document_unlisted(doc, page_url, sighting.missed_runs),
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
        self._change(s, ck.BASELINE, (self.source_id, self.run_id), source.title,
                     say.baseline(source.title, docs, files, rows),
                     details={"documents": docs, "files": files, "rows": rows})
        source.baseline_at = self.now()
        source.baseline_run_id = self.run_id
