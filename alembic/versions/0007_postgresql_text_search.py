"""PostgreSQL: GIN indexes for full-text search, and SQLite's json_extract for portable SQL

SQLite searches its FTS5 table (made in 0001); PostgreSQL matches ``to_tsvector('english', …)`` of a
file's text and of its document's title, and these expression indexes make that an index scan.
``json_extract(json, '$.a.b')`` (SQLite's spelling) lets the named queries of ``a6watch sql`` and an
analyst's saved SQL run unchanged on both catalogs.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_document_file_text_tsv ON document_file "
                   "USING gin (to_tsvector('english', coalesce(text, '')))")
        op.execute("CREATE INDEX ix_document_title_tsv ON document "
                   "USING gin (to_tsvector('english', coalesce(title, '')))")
        op.execute("CREATE FUNCTION json_extract(doc json, path text) RETURNS text LANGUAGE sql IMMUTABLE "
                   "AS $$ SELECT doc #>> string_to_array(substr(path, 3), '.') $$")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS json_extract(json, text)")
        op.execute("DROP INDEX IF EXISTS ix_document_title_tsv")
        op.execute("DROP INDEX IF EXISTS ix_document_file_text_tsv")
