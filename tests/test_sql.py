"""`a6watch sql` is read-only, limited in time and rows, and answers the named questions."""

from __future__ import annotations

import pytest

from core.errors import A6WatchError
from storage.sql import NAMED, run_query
from tests.test_recorder import doc, run
from tests.test_recorder_meetings import mdoc, meeting


@pytest.fixture
def db(catalog, clock) -> str:
    run(catalog, clock, doc("FCCC/SBI/2026/3"), meeting(), listing=False)
    run(catalog, clock, mdoc("A6.4-SBM022-AA", "Annotated agenda", role="annotated_agenda"), listing=False)
    return catalog.url


@pytest.mark.parametrize("sql", [
    "DELETE FROM document", "UPDATE document SET title = 'x'", "INSERT INTO source (id, title) VALUES ('a', 'b')",
    "DROP TABLE change", "CREATE TABLE x (a)", "ATTACH DATABASE '/tmp/x.db' AS x", "PRAGMA query_only = OFF",
    "PRAGMA journal_mode = DELETE", "SELECT 1; DELETE FROM document", "COMMIT; DELETE FROM document",
    "WITH gone AS (DELETE FROM document RETURNING id) SELECT count(*) FROM gone",
    "SET TRANSACTION READ WRITE", "SELECT set_config('transaction_read_only', 'off', false)",
    "SELECT 1; SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM document",
])
def test_writes_attach_and_pragma_changes_are_refused(db, sql):
    with pytest.raises(A6WatchError):
        run_query(db, sql)
    assert run_query(db, "SELECT count(*) FROM document").rows == [(2,)]


def test_time_and_row_limits(db):
    with pytest.raises(A6WatchError, match="time limit"):
        run_query(db, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
                  timeout_s=0.3)
    result = run_query(db, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 50) "
                           "SELECT x FROM n", max_rows=10)
    assert len(result.rows) == 10 and result.truncated


def test_named_queries_with_parameters(db):
    sql = NAMED["meeting-documents"][1]
    result = run_query(db, sql, {"meeting": "sbm-022", "item": None})
    assert [r[0] for r in result.rows] == ["A6.4-SBM022-AA"]
    changes = run_query(db, NAMED["changes-since"][1], {"since": "2026-01-01"})
    assert [r[1] for r in changes.rows] == ["meeting.annotations", "baseline"]


@pytest.mark.parametrize("name", sorted(NAMED))
def test_every_named_query_runs_with_its_optional_parameters_left_out(db, name):
    import re

    sql = NAMED[name][1]
    params = dict.fromkeys(re.findall(r":(\w+)", sql))
    params.update({k: v for k, v in {"meeting": "sbm-022", "since": "2026-01-01", "symbol": "FCCC/SBI/2026/3"}.items()
                   if k in params})
    result = run_query(db, sql, params)
    assert result.columns and not result.truncated
    if name == "meeting-documents":
        assert [r[0] for r in result.rows] == ["A6.4-SBM022-AA"]


@pytest.mark.timeout(60)  # a hang guard: one printf of 500 MB once ran 49 s past a 1 s limit
@pytest.mark.parametrize("sql", ["SELECT printf('%.500000000c', 'x')", "SELECT zeroblob(500000000)",
                                 "SELECT randomblob(300000000)",
                                 "SELECT replace(printf('%.40000000c', 'x'), 'x', 'yy')"])
def test_one_huge_function_call_is_refused_not_run_past_the_limits(db, sql):
    from tests.databases import on_postgresql

    if on_postgresql():
        pytest.skip("SQLite's functions (PostgreSQL bounds a statement with statement_timeout)")
    try:
        result = run_query(db, sql, timeout_s=1)
    except A6WatchError as exc:
        assert "more than 64 MB" in str(exc)
    else:  # SQLite's printf gives NULL rather than a value past the limit
        assert result.rows == [(None,)]


def test_a_result_of_too_many_megabytes_is_refused(db):
    from tests.databases import on_postgresql

    if on_postgresql():
        pytest.skip("SQLite's printf")
    sql = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 40) "
           "SELECT printf('%.10000000c', 'x') FROM n")
    with pytest.raises(A6WatchError, match="passed 256 MB"):
        run_query(db, sql, timeout_s=30)


@pytest.mark.parametrize("limits", [{"max_rows": -1}, {"max_rows": 0}, {"timeout_s": -5}, {"timeout_s": 0},
                                    {"timeout_s": float("nan")}, {"timeout_s": float("inf")}])
def test_negative_zero_and_endless_limits_are_refused(db, limits):
    with pytest.raises(A6WatchError, match="limits"):
        run_query(db, "SELECT 1", **limits)


@pytest.mark.parametrize("args", [["--max-rows", "-1"], ["--timeout", "-5"], ["--timeout", "nan"],
                                  ["--timeout", "inf"], ["--max-rows", "many"]])
def test_the_cli_refuses_bad_limits_in_one_line(args, tmp_path):
    from tests.cli import a6watch

    proc = a6watch("sql", "SELECT 1", *args, env={"A6WATCH_DATA_DIR": str(tmp_path),
                                                   "A6WATCH_CONFIG": str(tmp_path / "none.toml")})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.count("error:") == 1


def test_named_queries_say_their_parameters_and_refuse_a_missing_or_unknown_one(tmp_path):
    """A named query run without its parameter once printed an empty table with exit 0."""
    from tests.cli import a6watch

    env = {"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": str(tmp_path / "none.toml")}
    listed = a6watch("sql", "--list", env=env).stdout
    assert "-p meeting=… [-p item=…]" in listed and "[-p party=…]" in listed
    missing = a6watch("sql", "meeting-documents", env=env)
    assert missing.returncode == 2 and missing.stderr.strip() == (
        "a6watch: meeting-documents needs -p meeting=VALUE (its parameters: meeting, item (optional))")
    unknown = a6watch("sql", "versions", "-p", "symbl=FCCC/SBI/2026/3", env=env)
    assert unknown.returncode == 2 and "has no parameter 'symbl'; its parameters: symbol" in unknown.stderr


def test_an_unknown_change_kind_is_a_one_line_error_listing_the_kinds(tmp_path):
    from tests.cli import a6watch

    proc = a6watch("changes", "--kind", "revised", env={"A6WATCH_DATA_DIR": str(tmp_path),
                                                         "A6WATCH_CONFIG": str(tmp_path / "none.toml")})
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
    assert "unknown change kind 'revised'; known: document.new, document.revised" in proc.stderr
