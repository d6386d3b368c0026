"""Alembic environment: the catalog's models are the target; FTS tables are not models."""

from __future__ import annotations

from typing import Any

from sqlalchemy import engine_from_config, pool

from alembic import context
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    # FTS5 virtual tables and their shadow tables are created by raw SQL, not by models.
    if type_ == "table" and name and name.startswith(("document_text_fts", "document_text_cjk")):
        return False
    # PostgreSQL's GIN indexes on tsvector expressions (0007) and trigrams (0009) are made by raw SQL too.
    if type_ == "index" and name and name.endswith(("_tsv", "_trgm")):
        return False
    return True


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True, include_name=include_name)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        connectable = engine_from_config(config.get_section(config.config_ini_section, {}),
                                         prefix="sqlalchemy.", poolclass=pool.NullPool)
        with connectable.connect() as connection:
            _run(connection)
    else:
        _run(connectable)


def _run(connection: Any) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", include_name=include_name,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
