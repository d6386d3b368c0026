"""``a6watch backup`` / ``a6watch restore``: the catalog and every stored file, in one archive."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from pathlib import Path

from a6watch.commands import settings_from
from core.errors import A6WatchError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["backup", "restore", "prune"],
                   help="prune: delete old file versions past retention.superseded_days")
    p.add_argument("archive", nargs="?", help="the .tar.gz to write (backup) or read (restore)")
    p.add_argument("--force", action="store_true", help="restore over an existing catalog")


def _sqlite_file(database_url: str) -> Path:
    from storage.db import sqlite_path

    db = sqlite_path(database_url)
    if db is None:
        raise A6WatchError("backup and restore cover the SQLite catalog; for PostgreSQL use pg_dump and "
                           "pg_restore (docs/deployment.md)")
    return db


def backup(data_dir: Path, database_url: str, archive: Path) -> int:
    from storage.archive import backup as write_archive

    return write_archive(data_dir, _sqlite_file(database_url), archive)


def restore(data_dir: Path, database_url: str, archive: Path, force: bool) -> int:
    from storage.archive import restore as read_archive

    return read_archive(data_dir, _sqlite_file(database_url), archive, force)


def prune(data_dir: Path, database_url: str, days: float, now: datetime) -> int:
    """Delete the stored bytes of versions superseded more than ``days`` ago (rows stay, marked)."""
    from sqlalchemy import select

    from storage.db import Catalog
    from storage.models import DocumentFile

    if days <= 0:
        return 0
    catalog = Catalog(database_url)
    removed = 0
    try:
        with catalog.session() as s:
            keep = set(s.scalars(select(DocumentFile.storage_path).where(DocumentFile.is_current.is_(True))))
            for row in s.scalars(select(DocumentFile).where(DocumentFile.is_current.is_(False),
                                                            DocumentFile.superseded_at < now - timedelta(days=days),
                                                            DocumentFile.storage_path != "")):
                if row.storage_path not in keep:
                    (data_dir / row.storage_path).unlink(missing_ok=True)
                    removed += 1
                row.storage_path = ""
    finally:
        catalog.close()
    return removed


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.action == "prune":
        from core.clock import default_clock

        n = prune(settings.data_dir, settings.database_url, settings.retention_superseded_days,
                  default_clock().now())
        print(f"pruned {n} old file version(s) (retention.superseded_days = {settings.retention_superseded_days:g})")
        return 0
    if not args.archive:
        raise A6WatchError("an archive path is needed for backup and restore")
    archive = Path(args.archive)
    if args.action == "backup":
        n = backup(settings.data_dir, settings.database_url, archive)
        print(f"backed up the catalog and {n} files to {archive}")
    else:
        if not archive.is_file():
            raise A6WatchError(f"no such archive: {archive}")
        n = restore(settings.data_dir, settings.database_url, archive, args.force)
        print(f"restored the catalog and {n} files from {archive} into {settings.data_dir}")
    return 0
