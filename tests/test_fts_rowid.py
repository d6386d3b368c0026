"""A file's full-text row is keyed by the file (rowid = file id, migration 0010): replacing a version's
text drops the old row by key, and a catalog indexed before 0010 is re-keyed and still searchable."""

from sqlalchemy import text

from alembic import command
from storage import db
from storage.search import index_file, search


def _catalog_at(tmp_path, revision):
    url = f"sqlite:///{tmp_path / 'catalog.db'}"
    command.upgrade(db.alembic_config(url), revision)
    return url


def _document_with_file(con, file_id, body):
    con.execute(text("INSERT OR IGNORE INTO document (id, key, symbol, title, status, details, first_seen_at, "
                     "last_seen_at) VALUES (1, 'FCCC/SBI/2026/4', 'FCCC/SBI/2026/4', 'Budget', 'current', '{}', "
                     "'2026-05-25', '2026-05-25')"))
    con.execute(text("UPDATE document_file SET is_current = 0"))
    con.execute(text("INSERT INTO document_file (id, document_id, language, url, media_type, size, sha256, "
                     "storage_path, text, extraction_status, is_current, first_seen_at, last_seen_at) VALUES "
                     f"({file_id}, 1, 'en', 'https://x/{file_id}.pdf', 'application/pdf', 1, '{file_id}', 'p', "
                     f"'{body}', 'ok', 1, '2026-05-25', '2026-05-25')"))


def test_an_index_made_before_0010_is_rekeyed_and_a_new_version_replaces_the_old_row(tmp_path):
    url = _catalog_at(tmp_path, "0009")
    engine = db.make_engine(url)
    with engine.begin() as con:
        _document_with_file(con, 7, "corresponding adjustments")
        # as index_file wrote rows before 0010: rowids of their own, unrelated to the file's id
        con.execute(text("INSERT INTO document_text_fts(rowid, title, text, file_id, document_id) "
                         "VALUES (500, 'Budget', 'corresponding adjustments', 7, 1)"))
    engine.dispose()
    catalog = db.Catalog(url)  # upgrades to the newest schema
    with catalog.session() as s:
        assert s.execute(text("SELECT rowid, file_id FROM document_text_fts")).all() == [(7, 7)]
        assert [h.document_id for h in search(s, "adjustments")] == [1]
    with catalog.session() as s:  # a new version of the file: its old text is no longer found
        _document_with_file(s.connection(), 8, "share of proceeds")
        index_file(s, 8, 1, "Budget", "share of proceeds", replaces_file_id=7)
    with catalog.session() as s:
        assert search(s, "adjustments") == []
        assert [h.document_id for h in search(s, "proceeds")] == [1]
        assert s.execute(text("SELECT count(*) FROM document_text_fts")).scalar() == 1
    catalog.close()
