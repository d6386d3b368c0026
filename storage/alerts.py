"""Time-driven alerts: countdowns before meetings and expected documents that are late (or arrive).

They depend on the date, not on a crawl, so they run after each crawl (``a6watch crawl``), in the
demo, and on demand (``a6watch alerts``); stable change ids make every alert fire exactly once."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.settings import ExpectedDocument
from storage import changes as ck
from storage.db import Catalog
from storage.models import Change, Document, Meeting, document_meeting

ACTIVE = ("tentative", "confirmed")


def add_alert(s: Session, now: datetime, kind: str, uid_parts: tuple[object, ...], subject: str, summary: str,
         **extra: Any) -> bool:
    return ck.add_change(s, now, kind, uid_parts, subject, summary, **extra) is not None


def meeting_documents(s: Session, key: str) -> list[Document]:
    return list(s.scalars(select(Document).join(document_meeting).where(document_meeting.c.meeting_key == key)
                          .order_by(Document.symbol)))


def _due_point(days_left: int, points: tuple[int, ...]) -> int | None:
    """The nearest configured point already reached: 5 days left with (28, 14, 7, 1) -> 7."""
    reached = [p for p in points if days_left <= p]
    return min(reached) if reached else None


def countdowns(s: Session, now: datetime, points: tuple[int, ...]) -> int:
    today = now.date()
    made = 0
    for meeting in s.scalars(select(Meeting).where(Meeting.start_date >= today, Meeting.status.in_(ACTIVE))
                             .order_by(Meeting.start_date, Meeting.key)):
        assert meeting.start_date is not None
        days_left = (meeting.start_date - today).days
        point = _due_point(days_left, points)
        if point is None:
            continue
        previous = s.scalar(select(Change).where(Change.kind == ck.COUNTDOWN, Change.meeting_key == meeting.key)
                            .order_by(Change.at.desc()).limit(1))
        since = previous.at if previous else None
        docs = meeting_documents(s, meeting.key)
        recent = s.scalars(select(Change).where(Change.meeting_key == meeting.key, Change.kind != ck.COUNTDOWN,
                                                *( [Change.at > since] if since else [])).order_by(Change.at)).all()
        out = ", ".join(d.symbol or d.title or d.key for d in docs[:12]) + (" …" if len(docs) > 12 else "")
        summary = (f"{meeting.code} starts in {days_left} day(s) ({meeting.start_date:%d %b %Y}, "
                   f"{meeting.venue or 'venue not given'}). Out: {len(docs)} document(s)"
                   + (f": {out}" if docs else "") + f". Changed since the last alert: {len(recent)}"
                   + (": " + "; ".join(c.summary for c in recent[:8]) if recent else "") + ".")
        if add_alert(s, now, ck.COUNTDOWN, (meeting.key, point, meeting.start_date), meeting.code, summary,
                meeting_key=meeting.key, details={"days": point, "days_left": days_left,
                                                  "documents": len(docs), "changes": len(recent)}):
            made += 1
    return made


def _matches(doc: Document, rule: ExpectedDocument) -> bool:
    if rule.role and doc.role == rule.role:
        return True
    return bool(rule.doc_type and (doc.doc_type or "").lower() == rule.doc_type.lower())


def expected_documents(s: Session, now: datetime, rules: tuple[ExpectedDocument, ...]) -> int:
    today = now.date()
    made = 0
    for rule in rules:
        for meeting in s.scalars(select(Meeting).where(Meeting.body == rule.body, Meeting.status.in_(ACTIVE),
                                                       or_(Meeting.end_date.is_(None), Meeting.end_date >= today))
                                 .order_by(Meeting.start_date, Meeting.key)):
            if meeting.start_date is None:
                continue
            due: date = meeting.start_date - timedelta(days=rule.days_before)
            found = [d for d in meeting_documents(s, meeting.key) if _matches(d, rule)]
            late_uid = (meeting.key, rule.label, meeting.start_date)
            if not found and today > due:
                if add_alert(s, now, ck.EXPECTED_LATE, late_uid, meeting.code,
                        f"{meeting.code}: the {rule.label} is not out {rule.days_before} days before the meeting "
                        f"(usually by {due:%d %b %Y}; meeting {meeting.start_date:%d %b %Y})",
                        meeting_key=meeting.key, details={"label": rule.label, "due": due.isoformat()}):
                    made += 1
            elif found:
                late = s.scalar(select(Change.id).where(Change.uid == ck.change_uid(ck.EXPECTED_LATE, *late_uid)))
                if late is not None and add_alert(
                        s, now, ck.EXPECTED_ARRIVED, late_uid, meeting.code,
                        f"{meeting.code}: the {rule.label} has arrived — {found[0].symbol or found[0].title}",
                        meeting_key=meeting.key, document_id=found[0].id, details={"label": rule.label}):
                    made += 1
    return made


def late_documents(s: Session, meeting_key: str) -> list[Change]:
    """Expected documents still late for a meeting (late and not arrived)."""
    late = s.scalars(select(Change).where(Change.kind == ck.EXPECTED_LATE, Change.meeting_key == meeting_key)).all()
    arrived = {c.details.get("label") for c in s.scalars(select(Change).where(
        Change.kind == ck.EXPECTED_ARRIVED, Change.meeting_key == meeting_key))}
    return [c for c in late if c.details.get("label") not in arrived]


def run_alerts(catalog: Catalog, now: datetime, points: tuple[int, ...],
               rules: tuple[ExpectedDocument, ...]) -> int:
    with catalog.session() as s:
        return countdowns(s, now, points) + expected_documents(s, now, rules)
