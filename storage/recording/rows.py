"""Table rows (agreements, reports, registry entries): added and changed, fields named."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select

from core.items import RecordItem
from storage import changes as ck
from storage import wording as say
from storage.models import (
    Record,
)
from storage.recording.base import RecorderBase


class RowRecorder(RecorderBase):
    # -- records (rows of monitored tables) ----------------------------------------------------
    def record_record(self, item: RecordItem) -> None:
        self.counters.items += 1
        digest = hashlib.sha256(json.dumps(item.fields, sort_keys=True, default=str).encode()).hexdigest()
        with self.catalog.session() as s:
            row = s.scalar(select(Record).where(Record.source_id == self.source_id, Record.table_name == item.table,
                                                Record.key == item.key))
            now = self.now()
            old = dict(row.fields or {}) if row is not None else {}
            old_hash = row.fields_hash if row is not None else None
            added = row is None or row.status == "removed"
            if row is None:
                row = Record(source_id=self.source_id, table_name=item.table, key=item.key, first_seen_at=now)
                s.add(row)
            row.label, row.title, row.fields, row.fields_hash = item.label, item.title, item.fields, digest
            row.page_url, row.url, row.status = item.page_url, item.url, "current"
            row.last_seen_at, row.last_run_id, row.missed_runs = now, self.run_id, 0
            if added:
                self._change(s, ck.RECORD_ADDED, (self.source_id, item.table, item.key, digest), item.title,
                             say.record_added(item.label, item.title, item.when),
                             details={"table": item.table, "key": item.key, "fields": item.fields})
            elif old_hash != digest:
                names = [k for k in sorted(set(old) | set(item.fields)) if old.get(k) != item.fields.get(k)]
                self._change(s, ck.RECORD_CHANGED, (self.source_id, item.table, item.key, digest), item.title,
                             say.record_changed(item.title, old, item.fields, names),
                             details={"table": item.table, "key": item.key, "fields": names,
                                      "before": {k: old.get(k) for k in names}})
