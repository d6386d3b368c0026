"""``a6watch backup`` / ``a6watch restore``: the catalog and every stored file, in one archive."""

from __future__ import annotations

import argparse
import sqlite3
import tarfile
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from a6watch.commands import settings_from
from a6watch.errors import A6WatchError


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
    db = _sqlite_file(database_url)
    if not db.exists():
        raise A6WatchError(f"no catalog at {db}")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "catalog.db"
        src, dst = sqlite3.connect(db), sqlite3.connect(copy)
        with dst:
            src.backup(dst)  # a consistent copy, even while a crawl writes
        src.close()
        dst.close()
        count = 0
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(copy, "catalog.db")
            for sub in ("files", "feeds", "calendars", "briefs"):
                if (data_dir / sub).exists():
                    tar.add(data_dir / sub, sub)
                    count += sum(1 for p in (data_dir / sub).rglob("*") if p.is_file())
    return count


def restore(data_dir: Path, database_url: str, archive: Path, force: bool) -> None:
    db = _sqlite_file(database_url)
    if db.exists() and not force:
        raise A6WatchError(f"{db} exists; restore refuses to overwrite it without --force")
    data_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            if member.name != "catalog.db" and member.name.split("/")[0] not in ("files", "feeds", "calendars",
                                                                                  "briefs"):
                raise A6WatchError(f"unexpected entry in the archive: {member.name}")
        tar.extractall(data_dir, filter="data")  # no absolute paths, no .., no links out
    if (data_dir / "catalog.db").resolve() != db.resolve():
        (data_dir / "catalog.db").replace(db)


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
        from a6watch.clock import default_clock

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
        restore(settings.data_dir, settings.database_url, archive, args.force)
        print(f"restored {archive} into {settings.data_dir}")
    return 0
