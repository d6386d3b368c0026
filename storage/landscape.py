"""The credit landscape: the facts the watch sources' tables give about programmes and methodologies —
CCP approval (ICVCM), CORSIA eligibility (with its compliance period), Article 6.4 transition status,
JCM — read from the catalog's rows.

Two shapes. ``landscape_facts``, an SQL view (one row per fact: what it is, about whom, its value, when
it was last seen, where), made again from the configuration whenever the outputs are rebuilt, so any
SQL client (``a6watch sql``, Datasette, psql) reads it. And the wide table (one row per programme or
methodology, one column group per fact) that the XLSX and CSV show, joined on a name's key: the acronym
in its parentheses ("Global Carbon Council (GCC)" → GCC), else a methodology number (ACM0002, AMS-I.D.,
VM0048, ID_AM004), else the name's words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, false, func, literal, select, text, union_all
from sqlalchemy.orm import Session

from core.sources import SOURCES
from core.watch_sources import LANDSCAPE_FACTS, WatchPage
from storage.db import Catalog
from storage.models import Record

VIEW = "landscape_facts"
FACT_LABELS = {  # the column groups of the wide table, in LANDSCAPE_FACTS order
    "ccp": "CCP (ICVCM)",
    "corsia": "CORSIA eligible",
    "a64_transition": "Article 6.4 transition",
    "jcm": "JCM",
}
ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9+&.-]{1,11})\)\s*$")
METHODOLOGY = re.compile(r"\b(?:A?CM\d{4}|AM\d{4}|AMS-[IVX]+\.[A-Z]+\.?|AR-[A-Z]+\d{4}|VM\d{4}|VMR\d{4}"
                         r"|[A-Z]{2}_AM\d{3}|(?:EN-[SR]|IN|AG|WA|FO)-\d{3})\b")


def landscape_pages() -> list[tuple[str, WatchPage]]:
    """Every watched table that gives a landscape fact: (source id, page)."""
    return [(spec.id, page) for spec in SOURCES.values() for page in spec.watch if page.landscape]


def facts_query() -> Any:
    """The facts, one per current row of every landscape table (a SELECT for the view)."""
    parts = []
    for source_id, page in landscape_pages():
        value = Record.fields[page.landscape_value].as_string() if page.landscape_value else literal("")
        parts.append(select(
            literal(page.landscape, String).label("fact"),
            Record.fields[page.landscape_name].as_string().label("name"),
            value.label("value"),
            literal(page.landscape_value, String).label("value_column"),
            Record.last_seen_at.label("last_seen_at"),
            func.coalesce(Record.url, Record.page_url).label("url"),
            Record.page_url.label("page_url"),
            literal(source_id, String).label("source_id"),
        ).where(and_(Record.source_id == source_id, Record.table_name == page.table_id,
                     Record.status == "current")))
    if not parts:
        return select(literal("", String).label("fact"), literal("", String).label("name")).where(false())
    return parts[0] if len(parts) == 1 else union_all(*parts)


def replace_view(catalog: Catalog) -> None:
    """(Re)create the view from the watch sources known now (the configuration may have changed)."""
    sql = str(facts_query().compile(dialect=catalog.engine.dialect, compile_kwargs={"literal_binds": True}))
    with catalog.engine.begin() as conn:
        conn.execute(text(f"DROP VIEW IF EXISTS {VIEW}"))
        conn.execute(text(f"CREATE VIEW {VIEW} AS {sql}"))


def join_key(name: str) -> str:
    """What a programme or methodology is called across sources: its acronym, its number, its words."""
    name = " ".join(name.split())
    if found := ACRONYM.search(name):
        return found.group(1).upper()
    if found := METHODOLOGY.search(name):
        return found.group(0).rstrip(".").upper()
    return re.sub(r"[^\w]+", " ", name).strip().casefold()


@dataclass
class Fact:
    value: str
    column: str  # e.g. "First phase (2024-2026)": the compliance period of a CORSIA fact
    last_seen_at: datetime
    url: str
    source_id: str


@dataclass
class LandscapeRow:
    name: str  # as the first source to name it wrote it
    key: str
    facts: dict[str, list[Fact]] = field(default_factory=dict)


def landscape_rows(s: Session) -> list[LandscapeRow]:
    """The wide table: one row per programme or methodology, its facts by kind, sorted by name."""
    rows: dict[str, LandscapeRow] = {}
    for fact in s.execute(facts_query()).mappings():
        name = (fact["name"] or "").strip()
        if not name:
            continue
        key = join_key(name)
        row = rows.setdefault(key, LandscapeRow(name, key))
        row.facts.setdefault(fact["fact"], []).append(Fact(
            (fact["value"] or "").strip(), fact["value_column"] or "", fact["last_seen_at"], fact["url"],
            fact["source_id"]))
    return sorted(rows.values(), key=lambda r: r.name.casefold())


__all__ = ["FACT_LABELS", "LANDSCAPE_FACTS", "VIEW", "Fact", "LandscapeRow", "join_key", "landscape_rows",
           "replace_view"]
