"""Full-text search behind one function; nothing else knows which database it runs on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from core.text import has_cjk
from storage.db import FTS_TABLE

# How a hit is marked in a snippet: not square brackets, which in a draft text are text not yet agreed.
HIT_START, HIT_END = "«", "»"
CJK_TABLE = "document_text_cjk"  # trigram index of the files that hold Japanese, Chinese or Korean text


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
    """Index a current file's text (and drop the version it replaces). A file's row in each full-text
    table has the file's id as its rowid (migration 0010), so dropping one is a key lookup, not a scan
    of every indexed text (``file_id`` is an UNINDEXED column)."""
    if session.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL searches document_file.text directly
    for table in (FTS_TABLE, CJK_TABLE):
        if replaces_file_id is not None:
            session.execute(text(f"DELETE FROM {table} WHERE rowid = :f"), {"f": replaces_file_id})
        session.execute(text(f"DELETE FROM {table} WHERE rowid = :f"), {"f": file_id})
    row = {"t": title or "", "x": body_text or "", "f": file_id, "d": document_id}
    session.execute(text(f"INSERT INTO {FTS_TABLE}(rowid, title, text, file_id, document_id) "
                         "VALUES (:f, :t, :x, :f, :d)"), row)
    if has_cjk(title) or has_cjk(body_text):  # words inside running Japanese text: the trigram index
        session.execute(text(f"INSERT INTO {CJK_TABLE}(rowid, title, text, file_id, document_id) "
                             "VALUES (:f, :t, :x, :f, :d)"), row)


def reindex_all(session: Session) -> int:
    """Rebuild SQLite's full-text index from every current file with text (after ``db copy``)."""
    if session.get_bind().dialect.name != "sqlite":
        return 0
    session.execute(text(f"DELETE FROM {FTS_TABLE}"))
    session.execute(text(f"DELETE FROM {CJK_TABLE}"))
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


def _terms(query: str) -> list[str]:
    """The query's phrases and words, as the user wrote them."""
    phrases = re.findall(r'"([^"]+)"', query)
    return phrases + re.findall(r"\w+", re.sub(r'"[^"]*"', " ", query), re.UNICODE)


def _cjk_sql(dialect: str, terms: list[str], params: dict[str, object], where: str) -> str:
    """Every term found as a substring of the text or title: on SQLite a trigram MATCH for terms of
    three characters or more, and a plain substring test for shorter ones (FTS5's trigram LIKE finds
    nothing under three characters); on PostgreSQL ILIKE, served by pg_trgm's index where it exists."""
    names = [f"t{n}" for n in range(len(terms))]
    if dialect == "sqlite":
        params.update(zip(names, terms, strict=True))
        match = " AND ".join(f'"{t}"' for t in terms if len(t) >= 3)
        conditions = [f"(instr({CJK_TABLE}.text, :{n}) > 0 OR instr({CJK_TABLE}.title, :{n}) > 0)"
                      for n, t in zip(names, terms, strict=True) if len(t) < 3]
        if match:
            params["q"] = match
            conditions.insert(0, f"{CJK_TABLE} MATCH :q")
        return f"""
            SELECT d.id, d.symbol, d.title, d.doc_type, d.body, d.publication_date, f.language, f.url,
                   snippet({CJK_TABLE}, 1, '{HIT_START}', '{HIT_END}', ' … ', 24)
            FROM {CJK_TABLE} JOIN document_file f ON f.id = {CJK_TABLE}.file_id
            JOIN document d ON d.id = f.document_id
            WHERE {" AND ".join(conditions)}{where}
            ORDER BY d.publication_date DESC, d.id LIMIT :limit"""
    params.update({name: f"%{term}%" for name, term in zip(names, terms, strict=True)})
    conditions = [f"(f.text ILIKE :{n} OR d.title ILIKE :{n})" for n in names]
    params["first"] = terms[0]
    snippet = "substr(coalesce(f.text, ''), greatest(strpos(coalesce(f.text, ''), :first) - 30, 1), 90)"
    for n in names:  # each term marked in the snippet, as SQLite's snippet() marks it
        params[f"{n}_hit"] = terms[int(n[1:])]
        snippet = f"replace({snippet}, :{n}_hit, '{HIT_START}' || :{n}_hit || '{HIT_END}')"
    return f"""
        SELECT d.id, d.symbol, d.title, d.doc_type, d.body, d.publication_date, f.language, f.url,
               {snippet}
        FROM document_file f JOIN document d ON d.id = f.document_id
        WHERE f.is_current AND {" AND ".join(conditions)}{where}
        ORDER BY d.publication_date DESC NULLS LAST, d.id LIMIT :limit"""


def search(session: Session, query: str, *, body: str | None = None, meeting: str | list[str] | None = None,
           doc_type: str | None = None, since: date | None = None, until: date | None = None,
           limit: int = 20) -> list[Hit]:
    """Search current files' text and titles; filters narrow by body, meeting, type and date. A query
    with Japanese, Chinese or Korean words finds them inside running text (trigram matching)."""
    fts = _fts_query(query)
    if not fts:
        return []
    terms = _terms(query)
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
    dialect = session.get_bind().dialect.name
    if has_cjk(query):
        sql = _cjk_sql(dialect, terms, params, where)
    elif dialect == "sqlite":
        params["q"] = fts
        sql = f"""
            SELECT d.id, d.symbol, d.title, d.doc_type, d.body, d.publication_date, f.language, f.url,
                   snippet({FTS_TABLE}, 1, '{HIT_START}', '{HIT_END}', ' … ', 12)
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
                               'StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=20, MinWords=8')
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
