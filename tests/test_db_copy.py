"""``a6watch db copy``: SQLite ⇄ PostgreSQL, verified row for row; a round trip leaves identical catalogs.

On the PostgreSQL lane (TEST_POSTGRESQL_URL) the copies cross databases: PostgreSQL → SQLite → PostgreSQL,
and the demo's SQLite catalog → PostgreSQL → SQLite. On the SQLite lane both ends are SQLite files.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from storage.copy import CopyError, copy_catalog, verify
from storage.db import Catalog
from storage.models import CrawlRun, Document
from storage.search import search
from tests.cli import a6watch
from tests.databases import database_url_for
from tests.test_recorder import doc, run, stored


@pytest.fixture
def filled(catalog, clock):
    """A catalog with runs, documents, versions with text, sightings and changes of every common kind."""
    run(catalog, clock, doc("FCCC/SBSTA/2026/2"), doc("FCCC/SBI/2026/3"),
        stored("FCCC/SBSTA/2026/2", "a", text="Corresponding adjustments under Article 6, paragraph 2."))
    run(catalog, clock, doc("FCCC/SBSTA/2026/2"), doc("FCCC/SBI/2026/3"), doc("FCCC/SBSTA/2026/2/Rev.1"),
        stored("FCCC/SBSTA/2026/2", "b", text="Revised: authorization of ITMOs \x00 and first transfers."),
        stored("FCCC/SBSTA/2026/2", "c", lang="fr", text="Ajustements correspondants"))
    return catalog


def _all_rows(url: str) -> dict[str, list[tuple]]:
    from storage.copy import tables

    catalog = Catalog(url)
    try:
        with catalog.engine.connect() as con:
            return {t.name: [tuple(r) for r in con.execute(select(t).order_by(*t.primary_key.columns))]
                    for t in tables()}
    finally:
        catalog.close()


def test_round_trip_leaves_an_identical_catalog_and_search_works_on_the_copy(filled, tmp_path):
    middle = f"sqlite:///{tmp_path / 'middle' / 'catalog.db'}"
    back = database_url_for(tmp_path / "back")
    first = copy_catalog(filled.url, middle)
    second = copy_catalog(middle, back)
    assert first.rows == second.rows > 10
    assert [t.digest for t in first.tables] == [t.digest for t in second.tables]
    before, after = _all_rows(filled.url), _all_rows(back)
    assert before == after and before["document_file"] and before["change"]
    for url in (middle, back):
        copy = Catalog(url)
        with copy.session() as s:
            assert [h.symbol for h in search(s, "authorization ITMOs")] == ["FCCC/SBSTA/2026/2"]
            # the next id continues after the copied ones (PostgreSQL sequences moved on)
            s.add(CrawlRun(source_id="unfccc_documents", started_at=s.scalar(select(CrawlRun.started_at)),
                           status="running"))
            s.flush()
            assert s.scalar(select(CrawlRun.id).order_by(CrawlRun.id.desc())) == len(before["crawl_run"]) + 1
        copy.close()


def test_a_target_that_holds_rows_is_refused_and_left_untouched(filled, tmp_path):
    other = Catalog(f"sqlite:///{tmp_path / 'other.db'}")
    with other.session() as s:
        s.execute(text("INSERT INTO source (id, title) VALUES ('cdm_eb', 'CDM EB')"))
    other.close()
    with pytest.raises(CopyError, match="already holds rows"):
        copy_catalog(filled.url, f"sqlite:///{tmp_path / 'other.db'}")
    assert _all_rows(f"sqlite:///{tmp_path / 'other.db'}")["source"][0][:2] == ("cdm_eb", "CDM EB")


def test_verification_names_the_table_and_row_that_differ(filled, tmp_path):
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    copy_catalog(filled.url, target)
    copy = Catalog(target)
    with copy.session() as s:
        s.execute(text("UPDATE document SET title = 'Tampered' WHERE symbol = 'FCCC/SBI/2026/3'"))
        doc_id = s.scalar(select(Document.id).where(Document.symbol == "FCCC/SBI/2026/3"))
    with pytest.raises(CopyError, match=rf"document: the row {{'id': {doc_id}}} differs"):
        verify(filled, copy)
    copy.close()


def test_cli_copy_with_a_bad_url_is_a_clear_error(tmp_path):
    proc = a6watch("db", "copy", "--to", "mysql://x/y", cwd=tmp_path,
                   env={"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": str(tmp_path / "none.toml")})
    assert proc.returncode != 0 and "not a catalog URL" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_the_demo_catalog_round_trips_through_the_other_database(demo_run, tmp_path):
    data_dir, _ = demo_run
    demo = f"sqlite:///{data_dir / 'catalog.db'}"
    middle = database_url_for(tmp_path / "middle")
    back = f"sqlite:///{tmp_path / 'back.db'}"
    proc = a6watch("db", "copy", "--from", demo, "--to", middle, cwd=tmp_path,
                   env={"A6WATCH_DATA_DIR": str(tmp_path / "data"), "A6WATCH_CONFIG": str(tmp_path / "none.toml")})
    assert proc.returncode == 0, proc.stderr
    assert "verified row for row" in proc.stdout
    password = make_url(middle).password
    assert not password or f":{password}@" not in proc.stdout  # a printed URL never shows the password
    copy_catalog(middle, back)
    assert _all_rows(demo) == _all_rows(back)
