"""Which catalog a test uses: SQLite by default; PostgreSQL when ``TEST_POSTGRESQL_URL`` names a server.

``TEST_POSTGRESQL_URL`` is a URL whose role may create databases (``.ci/run`` starts a server and sets
it for its second pass). Each data directory then gets its own database, copied from a template that
was migrated once per test session, and dropped when the session ends.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.db import Catalog, driver_url

POSTGRESQL_URL = os.environ.get("TEST_POSTGRESQL_URL", "")
SESSION = f"a6w_{os.getpid()}"  # two test sessions on one server never touch each other's databases
TEMPLATE = f"{SESSION}_template"
_created: set[str] = set()
_template_file: Path | None = None


def on_postgresql() -> bool:
    return bool(POSTGRESQL_URL)


sqlite_only = pytest.mark.skipif(bool(POSTGRESQL_URL), reason="a SQLite-only feature (the file backup)")


def _admin():
    return create_engine(driver_url(POSTGRESQL_URL), isolation_level="AUTOCOMMIT", future=True)


def _url_of(database: str) -> str:
    return make_url(driver_url(POSTGRESQL_URL)).set(database=database).render_as_string(hide_password=False)


def _create_database(name: str, template: str | None = None) -> None:
    """A new database (replacing one of that name), empty or copied from a template."""
    admin = _admin()
    try:
        with admin.connect() as con:
            con.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            con.execute(text(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else "")))
    finally:
        admin.dispose()
    _created.add(name)


def _sqlite_template() -> Path:
    """A SQLite catalog migrated once per test session; each test's catalog starts as a copy of it
    (the migrations themselves are tested from an empty file in test_migrations.py)."""
    global _template_file
    if _template_file is None:
        folder = Path(tempfile.mkdtemp(prefix="a6watch-test-template-"))
        atexit.register(shutil.rmtree, folder, True)
        Catalog(f"sqlite:///{folder / 'catalog.db'}").close()  # every migration, once
        _template_file = folder / "catalog.db"
    return _template_file


def database_url_for(data_dir: Path) -> str:
    """The catalog URL of a data directory: its catalog.db (a copy of the migrated template when it does
    not exist yet), or its own PostgreSQL database (a copy of the migrated template database)."""
    if not on_postgresql():
        catalog = data_dir / "catalog.db"
        if not catalog.exists():
            catalog.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_sqlite_template(), catalog)
        return f"sqlite:///{catalog}"
    name = f"{SESSION}_" + hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    if name not in _created:
        if TEMPLATE not in _created:
            _create_database(TEMPLATE)
            Catalog(_url_of(TEMPLATE)).close()  # runs every migration once
        _create_database(name, TEMPLATE)
    return _url_of(name)


def empty_database_url(data_dir: Path) -> str:
    """A catalog URL with no schema at all (for migration tests): a new file, or a new empty database."""
    if not on_postgresql():
        return f"sqlite:///{data_dir / 'empty.db'}"
    name = f"{SESSION}_empty_" + hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:12]
    _create_database(name)
    return _url_of(name)


def _drop(con: object, name: str) -> None:
    """Drop one test database. An autovacuum worker (the server's own role, which the test role may not
    terminate) can hold it for a moment: wait and try again; a database left behind is warned about,
    never a failed test session."""
    import time
    import warnings

    from sqlalchemy.exc import DBAPIError

    for attempt in range(10):
        try:
            con.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))  # type: ignore[attr-defined]
            return
        except DBAPIError as exc:
            if attempt == 9:
                warnings.warn(f"test database {name} not dropped: {str(exc).splitlines()[0]}", stacklevel=2)
                return
            time.sleep(0.5)


def drop_test_databases() -> None:
    if not on_postgresql() or not _created:
        return
    admin = _admin()
    try:
        with admin.connect() as con:
            for name in sorted(_created):
                _drop(con, name)
    finally:
        admin.dispose()
    _created.clear()


def query(data_dir: Path, sql: str) -> list[tuple]:
    """Rows of a plain SQL query on a data directory's catalog (either database)."""
    from storage.db import make_engine

    engine = make_engine(database_url_for(data_dir))
    try:
        with engine.connect() as con:
            return [tuple(row) for row in con.execute(text(sql))]
    finally:
        engine.dispose()
