"""The SQLite catalog opens in Datasette with the project's metadata: descriptions and canned queries."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import inspect

from storage.datasette import metadata, table_descriptions
from storage.db import Catalog
from storage.sql import NAMED
from tests.cli import a6watch
from tests.test_recorder import doc, run
from tests.test_recorder_meetings import mdoc, meeting


def test_every_table_and_column_has_a_description_from_the_catalog_doc(tmp_path):
    catalog = Catalog(f"sqlite:///{tmp_path / 'catalog.db'}")
    described = metadata()["databases"]["catalog"]["tables"]
    with catalog.engine.connect() as con:
        insp = inspect(con)
        views = insp.get_view_names()
        assert len(views) == 6
        for table in insp.get_table_names() + views:
            if table == "alembic_version" or table.startswith(("document_text_fts", "document_text_cjk")):
                continue
            assert described[table]["description"], table
            for column in insp.get_columns(table):
                assert described[table]["columns"].get(column["name"]), (table, column["name"])
    catalog.close()


def test_a_table_row_naming_two_columns_describes_both():
    tables = table_descriptions("## crawl_run\nOne row per crawl.\n\n| column | meaning |\n|---|---|\n"
                                "| started_at / finished_at | start and end |\n")
    assert tables["crawl_run"] == {"description": "One row per crawl.",
                                   "columns": {"started_at": "start and end", "finished_at": "start and end"}}


def test_datasette_serves_the_descriptions_and_the_named_queries_as_canned_queries(tmp_path, clock):
    datasette = pytest.importorskip("datasette.app")
    catalog = Catalog(f"sqlite:///{tmp_path / 'catalog.db'}")
    run(catalog, clock, doc("FCCC/SBI/2026/3"), meeting(), listing=False)
    run(catalog, clock, mdoc("A6.4-SBM022-AA", "Annotated agenda", role="annotated_agenda"), listing=False)
    catalog.close()
    out = tmp_path / "datasette.json"
    proc = a6watch("sql", "--datasette", str(out), cwd=tmp_path,
                   env={"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": str(tmp_path / "none.toml")})
    assert proc.returncode == 0, proc.stderr
    assert "datasette serve -i" in proc.stdout
    ds = datasette.Datasette(files=[str(tmp_path / "catalog.db")], immutables=[],
                             metadata=json.loads(out.read_text()))

    async def fetch(path: str) -> dict:
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    async def main() -> tuple[dict, dict, dict]:
        meta = await fetch("/-/metadata.json")
        query = await fetch("/catalog/meeting-documents.json?_shape=objects&meeting=sbm-022&item=")
        listing = await fetch("/catalog.json")
        return meta, query, listing

    meta, query, listing = asyncio.run(main())
    assert meta["databases"]["catalog"]["tables"]["change"]["columns"]["kind"]
    assert [row["symbol"] for row in query["rows"]] == ["A6.4-SBM022-AA"]  # a blank item means any item
    assert {q["name"] for q in listing["queries"]} == set(NAMED)
