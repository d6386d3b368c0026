"""Lookups by key: full-text rows keyed by their file (rowid = file_id), and indexes for the recorder's
lookups that scanned a table growing with the catalog

``file_id`` is an UNINDEXED column of the FTS5 tables, so dropping a file's text (``WHERE file_id =``)
read every indexed text: each new file cost a scan of the whole index, and a first crawl slowed down as
the catalog grew. From now on a file's row has the file's id as its rowid, and is dropped by key.
Existing rows are re-keyed (one copy of each file's row; a file indexed twice keeps its newest row).

Each listing page visit looked up its recent visits by URL (page_visit.page_url); judging removals
looks up each listing page's sightings (sighting.page_url); a new version looks for the re-issue
announced for its document (change.document_id); a regular run asks which of a listing's file links
were fetched before (document_file.url). Each was a scan of a table that grows with every document.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

TABLES = ("document_text_fts", "document_text_cjk")
INDEXES = (("ix_page_visit_page_url", "page_visit", "page_url"), ("ix_sighting_page_url", "sighting", "page_url"),
           ("ix_change_document_id", "change", "document_id"), ("ix_document_file_url", "document_file", "url"))


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column], unique=False)
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL searches document_file.text directly
    for table in TABLES:
        op.execute(f"CREATE TEMP TABLE rekey AS SELECT title, text, file_id, document_id FROM {table} "
                   f"WHERE rowid IN (SELECT max(rowid) FROM {table} GROUP BY file_id)")
        op.execute(f"DELETE FROM {table}")
        op.execute(f"INSERT INTO {table}(rowid, title, text, file_id, document_id) "
                   "SELECT file_id, title, text, file_id, document_id FROM rekey")
        op.execute("DROP TABLE rekey")


def downgrade() -> None:
    # full-text rows keyed by file id are still valid rows for the revision before
    for name, table, _column in INDEXES:
        op.drop_index(name, table_name=table)
