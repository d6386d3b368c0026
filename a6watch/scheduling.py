"""The unattended scheduler (APScheduler): crawl each source when it is due, more often as its
meetings approach; then check health, rebuild the outputs, queue and deliver the digests.

Jobs are derived on start from the config and the catalog (run history lives in crawl_run, so
nothing pickled has to survive a code change). Each crawl runs in its own subprocess; a per-source
lock (crawler/run.py) forbids overlapping runs; a tick coalesces missed runs; SIGTERM stops after
the crawl in progress has closed cleanly (Scrapy's own graceful shutdown), leaving no half-written
rows, and SIGKILL loses nothing either: every row is written in its own transaction and every
change has a stable id, so the next run completes the work without duplicating it."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from a6watch.outputs import refresh
from core.cadence import MeetingWindow, next_poll, next_run
from core.clock import Clock, default_clock
from core.settings import Settings
from crawler.run import TIMED_OUT
from notifications.deliver import deliver
from notifications.digest import queue_digests
from reports.morning import due_reports
from storage.db import Catalog
from storage.health import check_run, check_stale
from storage.models import Change, CrawlRun, Meeting

log = logging.getLogger("a6watch.scheduler")


@dataclass
class TickResult:
    crawled: dict[str, int] = field(default_factory=dict)  # source -> exit code
    polled: dict[str, int] = field(default_factory=dict)  # session polls: source -> exit code
    changes: int = 0
    alerts: int = 0
    queued: int = 0
    sent: int = 0
    reports: list[str] = field(default_factory=list)  # next-morning reports written (their HTML paths)


class Scheduler:
    def __init__(self, settings: Settings, clock: Clock | None = None, env: dict[str, str] | None = None) -> None:
        self.settings = settings
        self.clock = clock or default_clock()
        self.env = env or {}
        self.catalog = Catalog(settings.database_url)
        self.child: subprocess.Popen[bytes] | None = None
        self.stopping = False

    def meetings(self) -> list[MeetingWindow]:
        with self.catalog.session() as s:
            rows = s.execute(select(Meeting.body, Meeting.start_date, Meeting.end_date)
                             .where(Meeting.start_date.is_not(None), Meeting.status.in_(("tentative", "confirmed",
                                                                                         "passed")))).all()
        return [MeetingWindow(b, start, end or start) for b, start, end in rows if start is not None]

    def _last_started(self) -> tuple[dict[str, datetime], dict[str, datetime]]:
        """Per source: the start of its last regular (or deep) crawl, and of its last session poll."""
        regular: dict[str, datetime] = {}
        polls: dict[str, datetime] = {}
        with self.catalog.session() as s:
            for source in self.settings.sources:
                for started, stats in s.execute(select(CrawlRun.started_at, CrawlRun.stats)
                                                .where(CrawlRun.source_id == source)
                                                .order_by(CrawlRun.id.desc()).limit(200)):
                    found = polls if (stats or {}).get("a6watch/mode") == "session" else regular
                    found.setdefault(source, started)
                    if source in regular and source in polls:
                        break
        return regular, polls

    def next_runs(self, now: datetime) -> dict[str, datetime]:
        meetings = self.meetings()
        last, _polls = self._last_started()
        cadence = self.settings.cadence
        return {src: next_run(src, last.get(src), now, meetings, cadence) for src in self.settings.sources}

    def next_polls(self, now: datetime) -> dict[str, datetime]:
        """The sources whose in-session pages are to be polled (a meeting of their bodies sits), and when."""
        meetings = self.meetings()
        _last, polls = self._last_started()
        cadence = self.settings.cadence
        due = {src: next_poll(src, polls.get(src), now, meetings, cadence) for src in self.settings.sources}
        return {src: when for src, when in due.items() if when is not None}

    def crawl(self, source: str, mode: str = "regular") -> int:
        """One crawl in its own subprocess (the Twisted reactor cannot restart in one process)."""
        env = {**os.environ, **self.env, "A6WATCH_CRAWL_MODE": mode}
        self.child = subprocess.Popen([sys.executable, "-m", "crawler.run", source], env=env)
        try:
            return self.child.wait(timeout=self.settings.crawl_timeout_minutes * 60)
        except subprocess.TimeoutExpired:
            # One hostile or endless site must not hold up the others: the crawl is stopped (killed:
            # what it recorded stays, its run is never complete, so nothing is judged on it).
            log.error("the crawl of %s ran past crawl_timeout_minutes (%g) and was stopped", source,
                      self.settings.crawl_timeout_minutes)
            self.child.kill()
            self.child.wait()
            return TIMED_OUT
        finally:
            self.child = None

    def tick(self) -> TickResult:
        result = TickResult()
        now = self.clock.now()
        with self.catalog.session() as s:
            before = s.scalar(select(func.max(Change.id))) or 0
            last_run = s.scalar(select(func.max(CrawlRun.id))) or 0
        for source, due in sorted(self.next_runs(now).items(), key=lambda kv: kv[1]):
            if self.stopping:
                break
            if due <= now:
                log.info("crawling %s (due %s)", source, due.isoformat())
                result.crawled[source] = self.crawl(source)
        for source, due in sorted(self.next_polls(self.clock.now()).items(), key=lambda kv: kv[1]):
            if self.stopping:
                break
            if due <= self.clock.now():
                log.info("polling the in-session pages of %s (due %s)", source, due.isoformat())
                result.polled[source] = self.crawl(source, mode="session")
        now = self.clock.now()
        with self.catalog.session() as s:
            for run in s.scalars(select(CrawlRun).where(CrawlRun.id > last_run, CrawlRun.status != "running")):
                check_run(s, run, self.settings.health, now)
            check_stale(s, list(self.settings.sources), self.settings.health, now)
            result.changes = s.scalar(select(func.count()).select_from(Change).where(Change.id > before)) or 0
        if result.crawled or result.polled or result.changes:
            outputs = refresh(self.settings, self.catalog, now)
            result.alerts = outputs.alerts
        try:  # the next-morning reports of the sitting meetings, once a day from report.hour at the venue
            result.reports = [str(w.html) for w in due_reports(self.catalog, self.settings, now)]
        except Exception:  # noqa: BLE001 - a report that cannot be written must not stop the digests
            log.exception("the next-morning report could not be written")
        with self.catalog.session() as s:
            result.queued = queue_digests(s, self.settings, now)
        result.sent = deliver(self.catalog, self.settings, now)
        log.info("tick: crawled %s, polled %s, %d change(s), %d digest(s) queued, %d sent",
                 result.crawled or "nothing", result.polled or "nothing",
                 result.changes, result.queued, result.sent)
        return result

    def stop(self, *_args: object) -> None:
        """SIGTERM/SIGINT: let the crawl in progress close cleanly (Scrapy's graceful shutdown), then stop."""
        self.stopping = True
        if self.child is not None and self.child.poll() is None:
            self.child.send_signal(signal.SIGTERM)

    def run_forever(self) -> None:
        from apscheduler.schedulers.blocking import BlockingScheduler

        scheduler = BlockingScheduler(timezone=self.settings.timezone)
        tick = self.settings.cadence.tick_seconds
        scheduler.add_job(self.tick, "interval", seconds=tick, id="tick", max_instances=1, coalesce=True,
                          misfire_grace_time=int(tick * 5), next_run_time=datetime.now().astimezone())

        def shutdown(signum: int, frame: object) -> None:
            self.stop()
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, shutdown)
        signal.signal(signal.SIGINT, shutdown)
        log.info("scheduler started: sources %s, tick every %gs", ", ".join(self.settings.sources),
                 self.settings.cadence.tick_seconds)
        scheduler.start()
        self.catalog.close()
