"""Full-text search behind one function; nothing else knows which database it runs on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from storage.db import FTS_TABLE


@dataclass
class Hit:
    document_id: int
    symbol: str | None
    title: str | None
    doc_type: str | None
    body: str | None
    publication_date: date | None
    language: str
    url: str | None
    snippet: str


def index_file(session: Session, file_id: int, document_id: int, title: str, body_text: str,
               replaces_file_id: int | None = None) -> None:
    """Index a current file's text (and drop the version it replaces)."""
    if session.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL searches document_file.text directly
    if replaces_file_id is not None:
        session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE file_id = :f"), {"f": replaces_file_id})
    session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE file_id = :f"), {"f": file_id})
    session.execute(
        text(f"INSERT INTO {FTS_TABLE}(title, text, file_id, document_id) VALUES (:t, :x, :f, :d)"),
        {"t": title or "", "x": body_text or "", "f": file_id, "d": document_id},
    )


def reindex_all(session: Session) -> int:
    """Rebuild SQLite's full-text index from every current file with text (after ``db copy``)."""
    if session.get_bind().dialect.name != "sqlite":
        return 0
    session.execute(text(f"DELETE FROM {FTS_TABLE}"))
    rows = session.execute(text(
        "SELECT f.id, f.document_id, coalesce(d.title, ''), f.text FROM document_file f "
        "JOIN document d ON d.id = f.document_id "
        "WHERE f.is_current AND f.extraction_status = 'ok' AND f.text IS NOT NULL AND f.text != ''")).all()
    for file_id, document_id, title, body_text in rows:
        index_file(session, file_id, document_id, title, body_text)
    return len(rows)


def _fts_query(query: str) -> str:
    """User words -> an FTS5 query: quoted phrases kept, every other word a term (AND)."""
    phrases = re.findall(r'"([^"]+)"', query)
    rest = re.sub(r'"[^"]*"', " ", query)
    words = re.findall(r"\w+", rest, re.UNICODE)
    terms = [f'"{p}"' for p in phrases] + [f'"{w}"' for w in words]
    return " ".join(terms)


def search(session: Session, query: str, *, body: str | None = None, meeting: str | list[str] | None = None,
           doc_type: str | None = None, since: date | None = None, until: date | None = None,
           limit: int = 20) -> list[Hit]:
    """Search current files' text and titles; filters narrow by body, meeting, type and date."""
    fts = _fts_query(query)
    if not fts:
        return []
    filters = []
    params: dict[str, object] = {"limit": limit}
    if body:
        filters.append("d.body LIKE :body")
        params["body"] = f"%{body.upper()}%"
    if doc_type:
        filters.append("lower(d.doc_type) = lower(:doc_type)")
        params["doc_type"] = doc_type
    if since:
        filters.append("d.publication_date >= :since")
        params["since"] = since
    if until:
        filters.append("d.publication_date <= :until")
        params["until"] = until
    if meeting:
        keys = [meeting] if isinstance(meeting, str) else meeting
        names = [f"m{n}" for n in range(len(keys))]
        filters.append("d.id IN (SELECT document_id FROM document_meeting WHERE meeting_key IN ("
                       + ", ".join(f":{name}" for name in names) + "))")
        params.update(zip(names, keys, strict=True))
    where = "".join(f" AND {f}" for f in filters)
    if session.get_bind().dialect.name == "sqlite":
        params["q"] = fts
        sql = f"""
            SELECT d.id, d.symbol, d.title, d.doc_type, d.body, d.publication_date, f.language, f.url,
                   snippet({FTS_TABLE}, 1, '[', ']', ' … ', 12)
            FROM {FTS_TABLE} JOIN document_file f ON f.id = {FTS_TABLE}.file_id
            JOIN document d ON d.id = f.document_id
            WHERE {FTS_TABLE} MATCH :q{where}
            ORDER BY rank LIMIT :limit"""
    else:
        # The expressions match the GIN indexes of migration 0007 word for word, so they are used.
        params["q"] = query
        text_tsv = "to_tsvector('english', coalesce(f.text, ''))"
        title_tsv = "to_tsvector('english', coalesce(d.title, ''))"
        sql = f"""
            SELECT d.id, d.symbol, d.title, d.doc_type, d.body, d.publication_date, f.language, f.url,
                   ts_headline('english', coalesce(f.text, ''), q,
                               'StartSel=[, StopSel=], MaxWords=20, MinWords=8')
            FROM document_file f JOIN document d ON d.id = f.document_id,
                 websearch_to_tsquery('english', :q) AS q
            WHERE f.is_current AND ({text_tsv} @@ q OR {title_tsv} @@ q){where}
            ORDER BY ts_rank({text_tsv}, q) + ts_rank({title_tsv}, q) DESC, d.id
            LIMIT :limit"""
    rows = session.execute(text(sql), params).all()
    hits = []
    for r in rows:
        pub = r[5]
        if isinstance(pub, str):
            pub = date.fromisoformat(pub)
        hits.append(Hit(r[0], r[1], r[2], r[3], r[4], pub, r[6], r[7], r[8] or ""))
    return hits
