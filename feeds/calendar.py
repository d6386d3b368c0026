"""ICS calendars (icalendar) of every known meeting, deadline and A6IP event: combined and per body.

A cancelled meeting stays in the calendar, marked CANCELLED; reminders come as VALARMs."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.build import write_if_changed
from storage.db import Catalog
from storage.models import Deadline, Meeting, Record

STATUS = {"tentative": "TENTATIVE", "confirmed": "CONFIRMED", "passed": "CONFIRMED", "cancelled": "CANCELLED",
          "postponed": "CANCELLED"}
STAMP = datetime(2026, 1, 1)


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//a6watch//calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _alarm(days: int, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", timedelta(days=-days))
    return alarm


def meeting_event(m: Meeting) -> Event | None:
    if m.start_date is None:
        return None
    ev = Event()
    ev.add("uid", f"meeting-{m.key}@a6watch")
    ev.add("dtstamp", STAMP)
    ev.add("summary", f"{m.code}" + (f" — {m.title}" if m.title and m.title != m.code else "")
           + (f" ({m.status.upper()})" if m.status in ("cancelled", "postponed") else ""))
    ev.add("dtstart", m.start_date)
    ev.add("dtend", (m.end_date or m.start_date) + timedelta(days=1))
    if m.venue:
        ev.add("location", m.venue)
    if m.url:
        ev.add("url", m.url)
    ev.add("status", STATUS.get(m.status, "TENTATIVE"))
    ev.add("categories", [m.body])
    ev.add_component(_alarm(7, f"{m.code} starts in a week"))
    return ev


def deadline_event(d: Deadline) -> Event | None:
    if d.due_date is None:
        return None
    ev = Event()
    ev.add("uid", f"deadline-{hashlib.sha1(d.key.encode()).hexdigest()[:16]}@a6watch")
    ev.add("dtstamp", STAMP)
    ev.add("summary", f"Deadline: {d.title}")
    ev.add("dtstart", d.due_date)
    ev.add("dtend", d.due_date + timedelta(days=1))
    if d.url:
        ev.add("url", d.url)
    ev.add_component(_alarm(3, f"Deadline in 3 days: {d.title}"))
    return ev


def a6ip_event(r: Record) -> Event | None:
    f = r.fields or {}
    if not f.get("date"):
        return None
    ev = Event()
    ev.add("uid", f"a6ip-{r.key}@a6watch")
    ev.add("dtstamp", STAMP)
    ev.add("summary", f"A6IP: {r.title}")
    if f.get("start_utc") and f.get("end_utc"):
        ev.add("dtstart", datetime.fromisoformat(f["start_utc"].replace("Z", "+00:00")))
        ev.add("dtend", datetime.fromisoformat(f["end_utc"].replace("Z", "+00:00")))
    else:
        day = date.fromisoformat(f["date"])
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))
    ev.add("description", f"{f.get('times', '')}\n{f.get('theme', '')}")
    if r.url:
        ev.add("url", r.url)
    ev.add_component(_alarm(1, f"A6IP tomorrow: {r.title}"))
    return ev


def _events(s: Session) -> dict[str, list[Event]]:
    by_body: dict[str, list[Event]] = {}
    for m in s.scalars(select(Meeting).order_by(Meeting.start_date, Meeting.key)):
        ev = meeting_event(m)
        if ev is not None:
            by_body.setdefault(m.body.lower(), []).append(ev)
    for d in s.scalars(select(Deadline).order_by(Deadline.due_date)):
        ev = deadline_event(d)
        if ev is not None:
            body = (d.meeting_key or "other").split("-")[0]
            by_body.setdefault(body, []).append(ev)
    for r in s.scalars(select(Record).where(Record.table_name == "a6ip_events", Record.status == "current")):
        ev = a6ip_event(r)
        if ev is not None:
            by_body.setdefault("a6ip", []).append(ev)
    return by_body


def build_calendars(catalog: Catalog, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    with catalog.session() as s:
        by_body = _events(s)
    written = []
    combined = _calendar("a6watch: all meetings and deadlines")
    for body, events in sorted(by_body.items()):
        cal = _calendar(f"a6watch: {body.upper()}")
        for ev in events:
            cal.add_component(ev)
            combined.add_component(ev)
        path = out_dir / f"{body}.ics"
        write_if_changed(path, cal.to_ical())
        written.append(path)
    path = out_dir / "all.ics"
    write_if_changed(path, combined.to_ical())
    return [path, *written]
