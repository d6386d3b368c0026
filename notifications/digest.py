"""Digests: the changes not yet sent on a channel, grouped by meeting and body, queued in the outbox
in the same transaction that advances the channel's cursor (so nothing is lost or sent twice)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.meetings import code_of_key
from core.settings import Settings
from storage.changes import KIND_LABELS
from storage.models import Change, Outbox


def channels(settings: Settings) -> list[str]:
    out = []
    if settings.notify.email_host and settings.notify.email_to:
        out.append("email")
    if settings.notify.webhook_url:
        out.append("webhook")
    return out


def _group(change: Change) -> str:
    if change.meeting_key:
        return code_of_key(change.meeting_key)
    if change.kind.startswith("source."):
        return "Source health"
    if change.kind == "watch.hit":
        return "Watchlists"
    return f"Source {change.source_id}" if change.source_id else "Other"


def _due_daily(s: Session, channel: str, settings: Settings, now: datetime) -> bool:
    tz = ZoneInfo(settings.timezone)
    local = now.astimezone(tz)
    hour, minute = (int(x) for x in settings.notify.daily_at.split(":"))
    if (local.hour, local.minute) < (hour, minute):
        return False
    # digests only (a digest names its changes; a next-morning report queued today is not today's digest)
    last = s.scalar(select(func.max(Outbox.created_at)).where(Outbox.channel == channel,
                                                               Outbox.last_change_id.is_not(None)))
    return last is None or last.astimezone(tz).date() < local.date()


def payload(fmt: str, message_id: str, subject: str, text: str, changes: list[Change]) -> dict[str, Any]:
    if fmt == "slack":
        return {"text": f"*{subject}*\n{text}"}
    if fmt == "teams":
        return {"@type": "MessageCard", "@context": "https://schema.org/extensions", "summary": subject,
                "title": subject, "text": text.replace("\n", "<br>")}
    return {"id": message_id, "subject": subject, "text": text,
            "changes": [{"id": c.uid, "kind": c.kind, "subject": c.subject, "summary": c.summary,
                         "at": c.at.isoformat(), "meeting": c.meeting_key} for c in changes]}


def queue_digests(s: Session, settings: Settings, now: datetime) -> int:
    """Queue one digest per channel with the changes after the channel's cursor; returns how many."""
    queued = 0
    tz = ZoneInfo(settings.timezone)
    for channel in channels(settings):
        if settings.notify.digest == "daily" and not _due_daily(s, channel, settings, now):
            continue
        cursor = s.scalar(select(func.max(Outbox.last_change_id)).where(Outbox.channel == channel)) or 0
        changes = list(s.scalars(select(Change).where(Change.id > cursor).order_by(Change.id)))
        if not changes:
            continue
        groups: dict[str, list[Change]] = defaultdict(list)
        for change in changes:
            groups[_group(change)].append(change)
        lines = []
        for name in sorted(groups):
            lines.append(f"== {name} ==")
            for c in groups[name]:
                lines.append(f"- {c.at.astimezone(tz):%d %b %Y %H:%M} [{KIND_LABELS.get(c.kind, c.kind)}] {c.summary}")
            lines.append("")
        first, last = changes[0].id, changes[-1].id
        message_id = f"<a6watch-{channel}-{first}-{last}@a6watch.invalid>"
        subject = f"a6watch: {len(changes)} change(s) — " + ", ".join(sorted(groups))[:150]
        text = "\n".join(lines)
        s.add(Outbox(message_id=message_id, channel=channel, subject=subject, body=text,
                     payload=payload(settings.notify.webhook_format, message_id, subject, text, changes)
                     if channel == "webhook" else {},
                     first_change_id=first, last_change_id=last, status="pending", attempts=0,
                     next_attempt_at=now, created_at=now))
        s.flush()
        queued += 1
    return queued
