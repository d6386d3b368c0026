"""Source health: a crawler that fails silently is worse than none.

After each run: zero items, far fewer items than the median of recent complete runs, blocked
responses past a threshold, layout errors; at any time: a source with no complete run for longer
than its allowed age. Each is a change (``source.broken``, ``.blocked``, ``.stale``) in the health
feed and the notifications; the first good run after trouble is ``source.recovered``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.settings import Health
from storage import changes as ck
from storage.alerts import add_alert
from storage.models import Change, CrawlRun

HEALTH_KINDS = ck.HEALTH_KINDS


def _problems(s: Session, run: CrawlRun, health: Health) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if run.status in ("complete", "partial") and run.items == 0:
        problems.append((ck.SOURCE_BROKEN, f"run {run.id} found no items at all"))
    elif run.status == "complete":
        recent = s.scalars(select(CrawlRun.items).where(CrawlRun.source_id == run.source_id,
                                                        CrawlRun.status == "complete", CrawlRun.id < run.id)
                           .order_by(CrawlRun.id.desc()).limit(health.history)).all()
        if recent and run.items < health.min_ratio * median(recent):
            problems.append((ck.SOURCE_BROKEN, f"run {run.id} found {run.items} items, far fewer than the median "
                                               f"{median(recent):g} of the last {len(recent)} runs"))
    fetch_errors = int((run.stats or {}).get("a6watch/errors", 0)) - int((run.stats or {}).get(
        "a6watch/layout_errors", 0))
    if run.status == "partial" and fetch_errors > 0:
        problems.append((ck.SOURCE_BROKEN, f"run {run.id} is partial: {fetch_errors} page(s) or file(s) could not "
                                           "be fetched (nothing was removed; the next run completes the work)"))
    if run.blocked >= health.blocked_threshold:
        problems.append((ck.SOURCE_BLOCKED, f"run {run.id} was blocked {run.blocked} times by the bot wall"))
    return problems  # layout errors are reported by the recorder, page by page (source.broken)


def check_run(s: Session, run: CrawlRun, health: Health, now: datetime) -> int:
    """Health changes for a finished run; returns how many were added."""
    made = 0
    problems = _problems(s, run, health)
    for kind, why in problems:
        made += add_alert(s, now, kind, (run.source_id, run.id, why), run.source_id,
                     f"Source {run.source_id}: {why}", source_id=run.source_id, run_id=run.id,
                     details={"run": run.id})
    layout = sum(int((run.stats or {}).get(k, 0)) for k in ("a6watch/layout_errors", "a6watch/pages/shrunk"))
    if not problems and not layout and run.status == "complete":
        last = s.scalar(select(Change).where(Change.source_id == run.source_id, Change.kind.in_(HEALTH_KINDS))
                        .order_by(Change.id.desc()).limit(1))
        if last is not None and last.kind != ck.SOURCE_RECOVERED:
            made += add_alert(s, now, ck.SOURCE_RECOVERED, (run.source_id, run.id), run.source_id,
                         f"Source {run.source_id} recovered: run {run.id} complete with {run.items} items",
                         source_id=run.source_id, run_id=run.id)
    return made


def check_stale(s: Session, sources: list[str], health: Health, now: datetime) -> int:
    made = 0
    for source in sources:
        last_ok = s.scalar(select(CrawlRun.finished_at).where(CrawlRun.source_id == source,
                                                              CrawlRun.status == "complete")
                           .order_by(CrawlRun.id.desc()).limit(1))
        first = s.scalar(select(CrawlRun.started_at).where(CrawlRun.source_id == source).order_by(CrawlRun.id)
                         .limit(1))
        since = last_ok or first
        if since is None or now - since <= timedelta(hours=health.max_age_hours):
            continue
        made += add_alert(s, now, ck.SOURCE_STALE, (source, since.isoformat()), source,
                     f"Source {source} has not completed a run since {since:%Y-%m-%d %H:%M} UTC "
                     f"(allowed: {health.max_age_hours:g} h)", source_id=source)
    return made


@dataclass
class SourceStatus:
    source: str
    last_success: datetime | None
    last_status: str
    items: int
    changes: int
    blocked: int
    errors: int
    next_run: datetime | None


def status_rows(s: Session, sources: list[str], next_runs: dict[str, datetime]) -> list[SourceStatus]:
    rows = []
    for source in sources:
        last = s.scalar(select(CrawlRun).where(CrawlRun.source_id == source).order_by(CrawlRun.id.desc()).limit(1))
        ok = s.scalar(select(CrawlRun.finished_at).where(CrawlRun.source_id == source,
                                                         CrawlRun.status == "complete")
                      .order_by(CrawlRun.id.desc()).limit(1))
        rows.append(SourceStatus(source, ok, last.status if last else "never run", last.items if last else 0,
                                 last.changes if last else 0, last.blocked if last else 0,
                                 last.errors if last else 0, next_runs.get(source)))
    return rows
