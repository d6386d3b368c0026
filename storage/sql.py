"""Read-only ad-hoc SQL for analysts, with a time limit and a row limit, on either catalog.

SQLite: a read-only connection, ``PRAGMA query_only``, an authorizer that refuses every write, ATTACH
and PRAGMA change, and a progress handler for the time limit.
PostgreSQL: a ``READ ONLY`` transaction opened before the query (the server refuses every write and a
later switch to read-write), ``statement_timeout`` for the time limit, and the extended query protocol,
which runs exactly one statement. Named queries answer the common questions on both.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import A6WatchError

# Each named query reads one of the views of migration 0008 (documented in docs/catalog.md), so the
# same question can be asked in psql, sqlite3 or Datasette without a6watch.
NAMED = {
    "meeting-documents": ("Documents of a meeting (and agenda item), newest first",
                          "SELECT symbol, title, doc_type, agenda_item, publication_date, version_label, status, url "
                          "FROM v_meeting_documents WHERE meeting_key = :meeting "
                          "AND (nullif(CAST(:item AS TEXT), '') IS NULL OR agenda_item = :item) "
                          "ORDER BY publication_date DESC, symbol"),
    "changes-since": ("What changed since a date",
                      "SELECT at, kind, subject, summary FROM v_changes WHERE at >= :since ORDER BY at DESC, id DESC"),
    "versions": ("All versions of a symbol (every language)",
                 "SELECT symbol, language, first_seen_at, superseded_at, is_current, pages, size, sha256, url "
                 "FROM v_versions WHERE symbol = :symbol OR family = :symbol ORDER BY symbol, language, first_seen_at"),
    "watch-hits": ("Watchlist hits, new sentences first",
                   "SELECT watchlist, symbol, language, page, sentence, is_new FROM v_watch_hits "
                   "WHERE (nullif(CAST(:watchlist AS TEXT), '') IS NULL OR watchlist = :watchlist) "
                   "ORDER BY is_new DESC, first_seen_at DESC"),
    "agreements": ("Bilateral agreements by party",
                   "SELECT table_name, title, agreement_status, fields FROM v_agreements WHERE status = 'current' "
                   "AND (nullif(CAST(:party AS TEXT), '') IS NULL OR title LIKE '%' || :party || '%') "
                   "ORDER BY title"),
    "late-documents": ("Expected documents that are late",
                       "SELECT meeting_key, label, summary, at FROM v_late_documents ORDER BY at DESC"),
}



def named_parameters(sql: str) -> list[tuple[str, bool]]:
    """A named query's parameters, in order, each with whether it is required (an optional one is
    written ``nullif(CAST(:name AS TEXT), '') IS NULL OR …``)."""
    optional = set(re.findall(r"nullif\(CAST\(:(\w+) AS TEXT\), ''\) IS NULL", sql))
    names = list(dict.fromkeys(re.findall(r"(?<!:):(\w+)", sql)))
    return [(name, name not in optional) for name in names]


MAX_VALUE_BYTES = 64 * 2**20  # the longest text or blob a query may make or read (extracted texts are smaller)
MAX_RESULT_BYTES = 256 * 2**20  # the most text a result may carry
MAX_TIMEOUT_S = 3600.0
_READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool


def _authorizer(action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
    if action in _READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg1 in ("table_info", "table_list", "index_list") and arg2 is None:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def run_query(database_url: str, sql: str, params: dict[str, Any] | None = None, *, max_rows: int = 1000,
              timeout_s: float = 10.0) -> Result:
    """Rows of one read-only statement; every refusal or failure is an A6WatchError that says why."""
    from storage.db import sqlite_path

    if max_rows < 1 or not 0 < timeout_s <= MAX_TIMEOUT_S:  # not NaN, not endless
        raise A6WatchError(f"limits: --max-rows must be at least 1 and --timeout between 0 and {MAX_TIMEOUT_S:g} s")
    path = sqlite_path(database_url)
    if path is not None:
        return _run_sqlite(path, sql, params, max_rows, timeout_s)
    return _run_postgresql(database_url, sql, params, max_rows, timeout_s)


def _run_postgresql(database_url: str, sql: str, params: dict[str, Any] | None, max_rows: int,
                    timeout_s: float) -> Result:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError, OperationalError, StatementError

    from storage.db import make_engine

    engine = make_engine(database_url, session_options="-c default_transaction_read_only=on "
                                                        f"-c statement_timeout={int(timeout_s * 1000)}")
    try:
        with engine.connect() as con:
            con.exec_driver_sql("START TRANSACTION READ ONLY")
            con.exec_driver_sql("SELECT 1")  # takes the snapshot: from here read-write cannot be set back
            try:
                cursor = con.execute(text(sql), params or {})
                rows = cursor.fetchmany(max_rows + 1) if cursor.returns_rows else []
                columns = list(cursor.keys()) if cursor.returns_rows else []
            finally:
                con.rollback()
    except OperationalError as exc:
        if "statement timeout" in str(exc.orig):
            raise A6WatchError(f"query stopped at the time limit of {timeout_s:g} s") from exc
        raise A6WatchError(f"cannot read the catalog: {exc.orig}") from exc
    except DBAPIError as exc:
        message = str(exc.orig).strip().splitlines()[0]
        if "read-only" in message or "multiple commands" in message or "read-write" in message:
            raise A6WatchError("refused: a6watch sql is read-only, one statement at a time "
                               f"(PostgreSQL said: {message})") from exc
        raise A6WatchError(f"SQL error: {message}") from exc
    except StatementError as exc:
        raise A6WatchError(f"SQL error: {exc.orig}") from exc
    finally:
        engine.dispose()
    return Result(columns, [tuple(r) for r in rows[:max_rows]], len(rows) > max_rows)


def _bounded_rows(cursor: Any, limit: int) -> list[tuple[Any, ...]]:
    """Up to ``limit`` rows, and no more than MAX_RESULT_BYTES of text and blobs in all."""
    rows: list[tuple[Any, ...]] = []
    size = 0
    for row in cursor:
        rows.append(row)
        size += sum(len(v) for v in row if isinstance(v, str | bytes))
        if size > MAX_RESULT_BYTES:
            raise A6WatchError(f"refused: the result passed {MAX_RESULT_BYTES // 2**20} MB; ask for fewer rows "
                               "or columns")
        if len(rows) >= limit:
            break
    return rows


def _run_sqlite(database: Path, sql: str, params: dict[str, Any] | None, max_rows: int, timeout_s: float) -> Result:
    if not database.exists():
        raise A6WatchError(f"no catalog at {database}")
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        con.execute("PRAGMA query_only = ON")
        # One function call is one step for the progress handler below (a printf of 500 MB ran 49 s):
        # no string or blob may grow past MAX_VALUE_BYTES, so no single step can take long.
        con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
        con.set_authorizer(_authorizer)
        deadline = time.monotonic() + timeout_s
        con.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)
        try:
            cursor = con.execute(sql, params or {})
            rows = _bounded_rows(cursor, max_rows + 1)
        except sqlite3.DatabaseError as exc:
            message = str(exc)
            if "too big" in message:
                raise A6WatchError(f"refused: a value of more than {MAX_VALUE_BYTES // 2**20} MB (made by the query "
                                   "or stored)") from exc
            if "interrupted" in message:
                raise A6WatchError(f"query stopped at the time limit of {timeout_s:g} s") from exc
            if "not authorized" in message or "readonly" in message:
                raise A6WatchError("refused: a6watch sql is read-only (no writes, ATTACH or PRAGMA changes)") from exc
            raise A6WatchError(f"SQL error: {message}") from exc
        columns = [d[0] for d in cursor.description or []]
        return Result(columns, rows[:max_rows], len(rows) > max_rows)
    finally:
        con.close()
