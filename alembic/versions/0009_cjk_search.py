"""Search that reads Japanese and Chinese: a trigram index beside the word index

SQLite's FTS5 ``unicode61`` tokenizer takes a run of kanji and kana for one word, so a word inside
running Japanese text is never found. Files whose title or text hold CJK characters are also indexed in
an FTS5 table with the ``trigram`` tokenizer (any substring of three characters or more is found).
PostgreSQL gets ``pg_trgm`` and a trigram GIN index on the text (where the extension may be created;
without it the same query scans).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE document_text_cjk USING fts5(title, text, file_id UNINDEXED, "
                   "document_id UNINDEXED, tokenize='trigram')")
        op.execute("INSERT INTO document_text_cjk(title, text, file_id, document_id) "
                   "SELECT coalesce(d.title, ''), f.text, f.id, f.document_id FROM document_file f "
                   "JOIN document d ON d.id = f.document_id WHERE f.is_current AND f.text IS NOT NULL "
                   "AND f.text GLOB '*[぀-ヿ㐀-䶿一-鿿豈-﫿가-힯]*'")
    elif bind.dialect.name == "postgresql":
        nested = bind.begin_nested()
        try:
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            op.execute("CREATE INDEX ix_document_file_text_trgm ON document_file USING gin (text gin_trgm_ops)")
            nested.commit()
        except Exception:  # noqa: BLE001 - no right to create the extension: the search scans instead
            nested.rollback()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS document_text_cjk")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_document_file_text_trgm")
