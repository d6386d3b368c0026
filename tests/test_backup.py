"""Backup, restore and retention of the catalog and its files."""

from __future__ import annotations

import tarfile
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from a6watch.commands.backup import backup, prune, restore
from core.errors import A6WatchError
from storage.blobs import store
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


def _catalog_bytes(url: str) -> bytes:
    from storage.db import sqlite_path

    path = sqlite_path(url)
    assert path is not None
    return path.read_bytes()


@sqlite_only
def test_a_data_folder_of_links_is_backed_up_with_the_bytes_and_restores(catalog, clock, tmp_path):
    """Files kept on another disk and linked into the data folder: the archive holds their bytes."""
    run(catalog, clock, doc("FCCC/SBI/2026/4"))
    elsewhere = tmp_path / "other-disk"
    _sha, rel = store(elsewhere, b"%PDF-1.4 linked budget")
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rel).symlink_to(elsewhere / rel)
    archive = tmp_path / "backup.tar.gz"
    assert backup(tmp_path, catalog.url, archive) == 1
    with tarfile.open(archive) as tar:
        member = tar.getmember(rel)
        assert member.isfile() and member.size == len(b"%PDF-1.4 linked budget")
    target = tmp_path / "restored"
    assert restore(target, f"sqlite:///{target / 'catalog.db'}", archive, force=False) == 1
    assert (target / rel).read_bytes() == b"%PDF-1.4 linked budget" and not (target / rel).is_symlink()


def _archive_with(tmp_path, name: str, *entries: tuple[str, bytes | None, str]) -> object:
    """An archive of (name, bytes or None, kind) entries, kind "file", "symlink" or "dir"."""
    import io

    path = tmp_path / name
    with tarfile.open(path, "w:gz") as tar:
        for entry, data, kind in entries:
            info = tarfile.TarInfo(entry)
            if kind == "symlink":
                info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
                tar.addfile(info)
            elif kind == "dir":
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(data or b"")
                tar.addfile(info, io.BytesIO(data or b""))
    return path


@sqlite_only
@pytest.mark.parametrize("bad", ["link after the catalog", "escape after the catalog", "truncated", "not sqlite",
                                 "no catalog"])
def test_restore_checks_the_whole_archive_before_touching_the_catalog(catalog, clock, tmp_path, bad):
    run(catalog, clock, doc("FCCC/SBI/2026/4"))
    good = tmp_path / "good.tar.gz"
    backup(tmp_path, catalog.url, good)
    from storage.db import sqlite_path

    real_catalog = sqlite_path(catalog.url).read_bytes()  # type: ignore[union-attr]
    if bad == "link after the catalog":
        archive = _archive_with(tmp_path, "a.tar.gz", ("catalog.db", real_catalog, "file"),
                                ("files/ab/x", None, "symlink"))
    elif bad == "escape after the catalog":
        archive = _archive_with(tmp_path, "a.tar.gz", ("catalog.db", real_catalog, "file"),
                                ("files/../../x", b"x", "file"))
    elif bad == "truncated":
        archive = tmp_path / "a.tar.gz"
        archive.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    elif bad == "not sqlite":
        archive = _archive_with(tmp_path, "a.tar.gz", ("catalog.db", b"x", "file"))
    else:
        archive = _archive_with(tmp_path, "a.tar.gz", ("files/ab/x", b"x", "file"))
    catalog.close()
    before = _catalog_bytes(catalog.url)
    with pytest.raises(A6WatchError, match="nothing was restored"):
        restore(tmp_path, catalog.url, archive, force=True)
    assert _catalog_bytes(catalog.url) == before  # the previous catalog, untouched
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".restore-")]


@sqlite_only
def test_restore_force_replaces_a_catalog_in_use_by_its_own_backup(catalog, clock, tmp_path):
    run(catalog, clock, doc("FCCC/SBI/2026/4"))
    archive = tmp_path / "backup.tar.gz"
    backup(tmp_path, catalog.url, archive)
    run(catalog, clock, doc("FCCC/SBI/2026/5"))  # a change after the backup, then the backup restored
    catalog.close()
    restore(tmp_path, catalog.url, archive, force=True)
    again = Catalog(catalog.url)
    with again.session() as s:
        assert sorted(s.scalars(select(Document.symbol))) == ["FCCC/SBI/2026/4"]
    again.close()
