"""How often a source is crawled: it rises as a meeting of its bodies approaches, and while it sits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.settings import Cadence
from core.sources import SOURCES


def source_bodies(source: str) -> tuple[str, ...]:
    """Which meetings make a source urgent (by meeting body): declared with each source."""
    spec = SOURCES.get(source)
    return spec.bodies if spec is not None else ()


@dataclass(frozen=True)
class MeetingWindow:
    body: str
    start: date
    end: date


def interval(source: str, now: datetime, meetings: Iterable[MeetingWindow], cadence: Cadence) -> timedelta:
    """The time between two crawls of ``source`` at ``now``."""
    today = now.date()
    bodies = source_bodies(source)
    hours = cadence.default_hours
    for m in meetings:
        if m.body not in bodies:
            continue
        if m.start <= today <= m.end:
            hours = min(hours, cadence.sitting_hours)
        elif today < m.start and (m.start - today).days <= cadence.approach_days:
            hours = min(hours, cadence.approach_hours)
    return timedelta(hours=hours)


def sitting(source: str, today: date, meetings: Iterable[MeetingWindow]) -> bool:
    """Whether a meeting of the source's bodies sits today (and the source has in-session pages)."""
    if not SOURCES[source].session_kinds:
        return False
    bodies = source_bodies(source)
    return any(m.body in bodies and m.start <= today <= m.end for m in meetings)


def next_poll(source: str, last_poll: datetime | None, now: datetime, meetings: Iterable[MeetingWindow],
              cadence: Cadence) -> datetime | None:
    """When the source's in-session pages are next polled: every ``in_session_minutes`` while a meeting
    of its bodies sits; None when none sits."""
    if not sitting(source, now.date(), meetings):
        return None
    if last_poll is None:
        return now
    return last_poll + timedelta(minutes=cadence.in_session_minutes)


def next_run(source: str, last_started: datetime | None, now: datetime, meetings: Iterable[MeetingWindow],
             cadence: Cadence) -> datetime:
    """When ``source`` is next due: now if it never ran, else its last start plus the current interval."""
    if last_started is None:
        return now
    return last_started + interval(source, now, meetings, cadence)
