"""Alembic owns the schema: upgrade, no drift against the models, downgrade to base and back."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from alembic import command
from storage import db
from storage.models import Base
from tests.databases import empty_database_url


def test_upgrade_check_downgrade_upgrade(tmp_path):
    url = empty_database_url(tmp_path)
    cfg = db.alembic_config(url)
    command.upgrade(cfg, "head")
    engine = db.make_engine(url)
    with engine.connect() as conn:
        mc = MigrationContext.configure(conn, opts={"include_name": _include, "compare_type": True})
        assert compare_metadata(mc, Base.metadata) == []
        assert ("document_text_fts" in inspect(conn).get_table_names()) == (conn.dialect.name == "sqlite")
    command.check(cfg)  # alembic check: no drift (FTS tables filtered)
    command.downgrade(cfg, "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    command.upgrade(cfg, "head")
    assert db.is_current(engine)
    engine.dispose()


def _include(name, type_, parent_names):
    if type_ == "index" and name and name.endswith(("_tsv", "_trgm")):
        return False  # PostgreSQL's text-search indexes (0007, 0009) are raw SQL, not models
    return not (type_ == "table" and name and name.startswith(("document_text_fts", "document_text_cjk")))


def test_a_first_open_upgrades_by_itself(tmp_path):
    url = empty_database_url(tmp_path)
    catalog = db.Catalog(url)
    assert db.is_current(catalog.engine)
    catalog.close()


def test_upgrade_from_the_first_revision_keeps_rows(tmp_path):
    from sqlalchemy import text

    url = empty_database_url(tmp_path)
    cfg = db.alembic_config(url)
    command.upgrade(cfg, "0001")
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO meeting (key, body, number, code, status, first_seen_at, last_seen_at) "
                          "VALUES ('sbsta-64', 'SBSTA', 64, 'SBSTA 64', 'confirmed', '2026-05-25', '2026-05-25')"))
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        row = conn.execute(text("SELECT code, status, missed_runs FROM meeting")).one()
    assert tuple(row) == ("SBSTA 64", "confirmed", 0)
    command.downgrade(cfg, "0001")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT code FROM meeting")).scalar() == "SBSTA 64"
    engine.dispose()


REVISIONS = ["0001", "0002", "0003", "0004", "0005", "0006", "0007"]


@pytest.mark.parametrize("revision", REVISIONS)
def test_upgrade_from_every_earlier_revision_keeps_its_rows_and_round_trips(tmp_path, revision):
    from sqlalchemy import text

    url = empty_database_url(tmp_path)
    cfg = db.alembic_config(url)
    command.upgrade(cfg, revision)
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO source (id, title) VALUES ('unfccc_documents', 'UNFCCC')"))
        conn.execute(text("INSERT INTO document (key, symbol, title, status, details, first_seen_at, last_seen_at) "
                          "VALUES ('FCCC/SBI/2026/4', 'FCCC/SBI/2026/4', 'Budget', 'current', '{}', "
                          "'2026-05-25', '2026-05-25')"))
        conn.execute(text("INSERT INTO change (uid, at, source_id, kind, subject, summary, details) VALUES "
                          "('u1', '2026-05-25', 'unfccc_documents', 'document.new', 'FCCC/SBI/2026/4', 'New', '{}')"))
    command.upgrade(cfg, "head")
    command.downgrade(cfg, revision)
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT symbol, title FROM document")).one() == ("FCCC/SBI/2026/4", "Budget")
        assert conn.execute(text("SELECT uid, kind FROM change")).one() == ("u1", "document.new")
    engine.dispose()


def _open(url: str) -> None:
    db.Catalog(url).close()


def test_processes_opening_a_new_catalog_together_migrate_it_once(tmp_path):
    """Workers started together on a new catalog: one migrates, the others wait and find it current."""
    import multiprocessing

    url = empty_database_url(tmp_path)
    procs = [multiprocessing.get_context("spawn").Process(target=_open, args=(url,)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    engine = db.make_engine(url)
    assert db.is_current(engine)
    engine.dispose()
