"""Datasette metadata for the SQLite catalog: every table's and column's description, taken from
docs/catalog.md (which a test keeps complete), and the named queries of ``a6watch sql`` as canned
queries (their ``:parameters`` become Datasette's form fields; a blank field means "any")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from core.errors import A6WatchError
from core.resources import DOCS, read_text
from storage.sql import NAMED


def table_descriptions(markdown: str) -> dict[str, dict[str, Any]]:
    """{table: {"description": first paragraph, "columns": {column: meaning}}} from docs/catalog.md."""
    tables: dict[str, dict[str, Any]] = {}
    for block in re.split(r"^## ", markdown, flags=re.M)[1:]:
        heading, _, body = block.partition("\n")
        names = [n.strip().strip("`") for n in heading.split(",")]  # one section may describe two tables
        if not all(re.fullmatch(r"\w+", n) for n in names):
            continue
        paragraph = body.strip().split("\n\n", 1)[0]
        description = "" if paragraph.startswith("|") else " ".join(paragraph.split())
        columns: dict[str, str] = {}
        for row in re.findall(r"^\|(.+)\|(.+)\|\s*$", body, flags=re.M):
            cells, meaning = row[0].strip(), row[1].strip()
            if cells in ("column", "---") or set(cells) <= {"-"}:
                continue
            for column in cells.split(" / "):
                columns[column.strip().strip("`")] = meaning
        for name in names:
            tables[name] = {"description": description, "columns": columns}
    return tables


def metadata(database: str = "catalog", doc: Path | None = None) -> dict[str, Any]:
    """The metadata, from ``doc`` or else the catalog documentation shipped with a6watch."""
    if doc is not None and not doc.exists():
        raise A6WatchError(f"{doc} not found: the Datasette metadata is built from the catalog documentation")
    markdown = doc.read_text(encoding="utf-8") if doc is not None else read_text(DOCS, "catalog.md")
    return {
        "title": "a6watch catalog",
        "description": "UNFCCC, Article 6 and CDM documents, their versions and every change (docs/catalog.md)",
        "databases": {database: {
            "tables": table_descriptions(markdown),
            "queries": {name: {"title": title, "sql": sql} for name, (title, sql) in NAMED.items()},
        }},
    }
