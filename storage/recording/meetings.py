"""Meetings and their deadlines: scheduled, moved, cancelled, agenda published; deadlines set and moved."""

from __future__ import annotations

from sqlalchemy import select

from core.items import DeadlineItem, MeetingItem
from storage import changes as ck
from storage import wording as say
from storage.models import (
    Deadline,
    Meeting,
)
from storage.recording.base import RecorderBase


class MeetingRecorder(RecorderBase):
    def record_meeting(self, item: MeetingItem) -> None:
        self.counters.items += 1
        with self.transaction() as s:
            meeting = s.get(Meeting, item.key)
            is_new = meeting is None or meeting.start_date is None and meeting.title is None
            meeting = self._meeting(s, item.key)
            before = (meeting.start_date, meeting.end_date, meeting.venue)
            meeting.title = item.title or meeting.title
            meeting.start_date = item.start_date or meeting.start_date
            meeting.end_date = item.end_date or meeting.end_date
            meeting.venue = item.venue or meeting.venue
            # the meeting's own page, once seen, rather than a list that mentions it (a session poll starts there)
            meeting.url = item.page_url if not item.listing else meeting.url or item.page_url
            meeting.last_seen_at = self.now()
            before_status = meeting.status
            if item.status in ("cancelled", "postponed", "tentative", "confirmed"):
                meeting.status = item.status
            elif meeting.start_date and (item.listing or before[0] is None) and meeting.status != "passed":
                # A list of meetings is authoritative: dates without a note mean confirmed.
                meeting.status = "confirmed"
            if meeting.end_date and meeting.end_date < self.now().date() and meeting.status != "cancelled":
                meeting.status = "passed"
            if item.details:
                meeting.details = {**(meeting.details or {}), **item.details}
            if item.listing:
                meeting.listed_on, meeting.last_listed_run_id, meeting.missed_runs = item.page_url, self.run_id, 0
            if item.conference:
                meeting.conference_key = self._conference(s, item)
            for ref in item.agenda:
                self._agenda_item(s, ref)
            after = (meeting.start_date, meeting.end_date, meeting.venue)
            if is_new:
                self._change(s, ck.MEETING_SCHEDULED, (item.key,), meeting.code,
                             say.meeting_scheduled(meeting.code, *after), meeting_key=item.key)
            elif before != after and before[0] is not None:
                self._change(s, ck.MEETING_MOVED, (item.key, *after), meeting.code,
                             say.meeting_moved(meeting.code, before, *after),
                             meeting_key=item.key, details={"before": [str(v) for v in before]})
            if meeting.status in ("cancelled", "postponed") and before_status != meeting.status:
                kind = ck.MEETING_CANCELLED if meeting.status == "cancelled" else ck.MEETING_POSTPONED
                self._change(s, kind, (item.key, meeting.status, str(meeting.start_date)), meeting.code,
                             say.meeting_status(meeting.code, meeting.status, *after), meeting_key=item.key)

    # -- deadlines --------------------------------------------------------------------------
    def record_deadline(self, item: DeadlineItem) -> None:
        self.counters.items += 1
        with self.transaction() as s:
            if item.meeting_key:
                self._meeting(s, item.meeting_key)
            deadline = s.scalar(select(Deadline).where(Deadline.key == item.key))
            if deadline is None:
                s.add(Deadline(key=item.key, kind=item.kind, meeting_key=item.meeting_key, title=item.title,
                               due_date=item.due_date, url=item.page_url, first_seen_at=self.now(),
                               last_seen_at=self.now()))
                self._change(s, ck.DEADLINE_SET, (item.key,), item.title,
                             say.deadline_set(item.title, item.kind, item.due_date),
                             meeting_key=item.meeting_key, details={"due": str(item.due_date), "url": item.page_url})
                return
            deadline.last_seen_at = self.now()
            deadline.title = item.title
            if item.due_date and deadline.due_date != item.due_date:
                previous = deadline.due_date
                deadline.due_date = item.due_date
                self._change(s, ck.DEADLINE_CHANGED, (item.key, str(item.due_date)), item.title,
                             say.deadline_changed(item.title, previous, item.due_date), meeting_key=item.meeting_key,
                             details={"previous": str(previous), "due": say.due(item.due_date)})
