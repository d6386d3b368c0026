"""Move a catalog between databases (SQLite ⇄ PostgreSQL), then verify it row for row.

Both catalogs are opened through :class:`storage.db.Catalog`, so both are at the newest schema (the
target's tables are made by the same Alembic migrations). Tables are copied parent before child, in
primary-key order, in batches; PostgreSQL's id sequences are moved past the copied ids; a SQLite
target's full-text index is rebuilt from the current files' text. The verification reads every table
of both catalogs back through the same column types and compares them value for value.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import zip_longest
from typing import Any

from sqlalchemy import Connection, Table, func, select, text

from core.errors import A6WatchError
from storage.db import Catalog, display_url
from storage.models import Base
from storage.search import reindex_all

BATCH = 1000


class CopyError(A6WatchError):
    """The target is not empty, or what was copied differs from the source."""


@dataclass
class TableReport:
    name: str
    rows: int
    digest: str


@dataclass
class CopyReport:
    source: str
    target: str
    tables: list[TableReport] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def tables() -> list[Table]:
    """Every catalog table, parents before children (the FTS index is rebuilt, not copied)."""
    return list(Base.metadata.sorted_tables)


def _rows(con: Connection, table: Table) -> Iterator[dict[str, Any]]:
    order = [table.c[c.name] for c in table.primary_key]
    result = con.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    for row in result.mappings():
        yield dict(row)


def _canonical(value: Any) -> Any:
    """One spelling per value whatever the database gave back (JSON key order, date types)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def _ensure_empty(con: Connection, url: str) -> None:
    for table in tables():
        if con.execute(select(func.count()).select_from(table)).scalar():
            raise CopyError(f"the target catalog {display_url(url)} already holds rows (table {table.name}); "
                            "copy into a new, empty database")


def _reset_sequences(con: Connection) -> None:
    for table in tables():
        pk = list(table.primary_key)
        if len(pk) == 1 and pk[0].autoincrement is not False and pk[0].type.python_type is int:
            con.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                             f"coalesce((SELECT max({pk[0].name}) FROM {table.name}), 0) + 1, false)"))


def copy_catalog(source_url: str, target_url: str, *,
                 progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy every row of the source catalog into an empty target catalog, then verify the copy."""
    if source_url == target_url:
        raise CopyError("source and target are the same catalog")
    source, target = Catalog(source_url), Catalog(target_url)
    report = CopyReport(display_url(source_url), display_url(target_url))
    try:
        with source.engine.connect() as src, target.engine.begin() as dst:
            _ensure_empty(dst, target_url)
            for table in tables():
                batch: list[dict[str, Any]] = []
                copied = 0
                for row in _rows(src, table):
                    batch.append(row)
                    if len(batch) >= BATCH:
                        dst.execute(table.insert(), batch)
                        copied += len(batch)
                        batch = []
                if batch:
                    dst.execute(table.insert(), batch)
                    copied += len(batch)
                if progress:
                    progress(table.name, copied)
            if dst.dialect.name == "postgresql":
                _reset_sequences(dst)
        if target.engine.dialect.name == "sqlite":
            with target.session() as s:
                reindex_all(s)
        report.tables = verify(source, target)
    finally:
        source.close()
        target.close()
    return report


def verify(source: Catalog, target: Catalog) -> list[TableReport]:
    """Compare both catalogs row for row; the first difference is a CopyError that names its table and key."""
    reports = []
    with source.engine.connect() as a, target.engine.connect() as b:
        for table in tables():
            digest = hashlib.sha256()
            count = 0
            for left, right in zip_longest(_rows(a, table), _rows(b, table)):
                if left is None or right is None:
                    side = "source" if right is None else "target"
                    raise CopyError(f"{table.name}: the {side} has more rows")
                values = [_canonical(left[c.name]) for c in table.columns]
                if values != [_canonical(right[c.name]) for c in table.columns]:
                    key = {c.name: left[c.name] for c in table.primary_key}
                    raise CopyError(f"{table.name}: the row {key} differs between source and target")
                digest.update(json.dumps(values, ensure_ascii=False, default=str).encode())
                count += 1
            reports.append(TableReport(table.name, count, digest.hexdigest()))
    return reports
