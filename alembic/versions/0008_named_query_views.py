"""Views for the common questions (the named queries of ``a6watch sql`` read them)

The same SQL on SQLite and PostgreSQL (``json_extract`` exists on both since 0007), so an analyst's
``SELECT … FROM v_meeting_documents WHERE meeting_key = 'sbm-022'`` runs on either catalog, in
``psql``, ``sqlite3``, Datasette or ``a6watch sql``.

A later migration that alters a table these views read with ``batch_alter_table`` (SQLite copies and
renames the table) must drop the views first and create them again after (import VIEWS from here).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

AGREEMENT_TABLES = "('a6_pipeline_bilateral', 'singapore_ias', 'foen_agreements', 'mofa_jcm')"

VIEWS = {
    "v_meeting_documents": (
        "SELECT dm.meeting_key, a.number AS agenda_item, d.symbol, d.title, d.doc_type, d.publication_date, "
        "d.version_label, d.status, d.url, d.id AS document_id FROM document d "
        "JOIN document_meeting dm ON dm.document_id = d.id "
        "LEFT JOIN document_agenda_item da ON da.document_id = d.id "
        "LEFT JOIN agenda_item a ON a.id = da.agenda_item_id AND a.meeting_key = dm.meeting_key"),
    "v_changes": (
        "SELECT c.id, c.at, c.kind, c.subject, c.summary, c.meeting_key, c.source_id, c.document_id "
        "FROM change c WHERE c.kind != 'watch.hit'"),
    "v_versions": (
        "SELECT d.symbol, d.family, f.language, f.first_seen_at, f.superseded_at, f.is_current, f.pages, f.size, "
        "f.sha256, f.url, f.extraction_status, f.id AS file_id FROM document_file f "
        "JOIN document d ON d.id = f.document_id"),
    "v_watch_hits": (
        "SELECT h.watchlist, h.term, d.symbol, h.language, h.page, h.sentence, h.is_new, h.first_seen_at "
        "FROM watch_hit h JOIN document d ON d.id = h.document_id"),
    "v_agreements": (
        "SELECT r.table_name, r.title, json_extract(r.fields, '$.status') AS agreement_status, r.fields, "
        "r.status, r.first_seen_at, r.page_url FROM record r WHERE r.table_name IN " + AGREEMENT_TABLES),
    "v_late_documents": (
        "SELECT l.meeting_key, l.summary, l.at, json_extract(l.details, '$.label') AS label FROM change l "
        "WHERE l.kind = 'expected.late' AND NOT EXISTS (SELECT 1 FROM change a WHERE a.kind = 'expected.arrived' "
        "AND a.meeting_key = l.meeting_key "
        "AND json_extract(a.details, '$.label') = json_extract(l.details, '$.label'))"),
}


def upgrade() -> None:
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
