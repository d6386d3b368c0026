"""Backup, restore and retention of the catalog and its files."""

from __future__ import annotations

import tarfile
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from a6watch.commands.backup import backup, prune, restore
from a6watch.errors import A6WatchError
from pipelines.store import store
from storage.db import Catalog
from storage.models import Document, DocumentFile
from tests.databases import sqlite_only
from tests.test_recorder import doc, run, stored


@sqlite_only
def test_backup_then_restore_gives_the_same_catalog_and_files(catalog, clock, tmp_path):
    data = tmp_path
    _sha, rel = store(data, b"%PDF-1.4 budget")
    run(catalog, clock, doc("FCCC/SBI/2026/4"))
    archive = tmp_path / "backup.tar.gz"
    assert backup(data, catalog.url, archive) == 1
    target = tmp_path / "restored"
    url = f"sqlite:///{target / 'catalog.db'}"
    restore(target, url, archive, force=False)
    restored = Catalog(url)
    with restored.session() as s:
        assert s.scalar(select(Document.symbol)) == "FCCC/SBI/2026/4"
    restored.close()
    assert (target / rel).read_bytes() == b"%PDF-1.4 budget"
    with pytest.raises(A6WatchError, match="without --force"):
        restore(target, url, archive, force=False)


def test_restore_refuses_archives_with_unexpected_or_escaping_entries(tmp_path):
    evil = tmp_path / "evil.tar.gz"
    (tmp_path / "x").write_text("x")
    with tarfile.open(evil, "w:gz") as tar:
        tar.add(tmp_path / "x", "../../etc/cron.d/x")
    with pytest.raises(A6WatchError, match="unexpected entry"):
        restore(tmp_path / "data", f"sqlite:///{tmp_path / 'data' / 'catalog.db'}", evil, force=False)


def test_prune_deletes_only_old_superseded_versions(catalog, clock, tmp_path):
    old_sha, old_rel = store(tmp_path, b"%PDF old")
    new_sha, new_rel = store(tmp_path, b"%PDF new")
    run(catalog, clock, doc("FCCC/SBI/2026/4"), stored("FCCC/SBI/2026/4", "a"))
    run(catalog, clock, doc("FCCC/SBI/2026/4"), stored("FCCC/SBI/2026/4", "b"))
    with catalog.session() as s:
        rows = {f.sha256[0]: f for f in s.scalars(select(DocumentFile))}
        rows["a"].storage_path, rows["b"].storage_path = old_rel, new_rel
    now = clock.now()
    assert prune(tmp_path, catalog.url, 30, now) == 0  # superseded an hour ago: kept
    assert prune(tmp_path, catalog.url, 30, now + timedelta(days=31)) == 1
    assert not (tmp_path / old_rel).exists() and (tmp_path / new_rel).exists()
    assert prune(tmp_path, catalog.url, 0, datetime(2030, 1, 1, tzinfo=UTC)) == 0  # 0 = keep forever


def test_backup_and_restore_of_a_postgresql_catalog_say_to_use_pg_dump(tmp_path):
    with pytest.raises(A6WatchError, match="pg_dump"):
        backup(tmp_path, "postgresql://a6watch@localhost/a6watch", tmp_path / "b.tar.gz")
    with pytest.raises(A6WatchError, match="pg_dump"):
        restore(tmp_path, "postgresql://a6watch@localhost/a6watch", tmp_path / "b.tar.gz", force=True)
