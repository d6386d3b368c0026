"""The user's configuration reaches every crawl, whatever folder a6watch runs from: ``./a6watch.toml``,
``--config FILE`` (also through the scheduler) and ``--data-dir``. Crawls once ran in the install folder
with default settings: they ignored the user's config, went to the real sites and wrote to
``<install>/data``."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from sample_site.build import build_site
from sample_site.server import SampleServer
from tests.cli import a6watch

pytestmark = pytest.mark.slow
NOW = {"A6WATCH_NOW": "2026-05-25T06:00:00Z"}


@pytest.fixture
def mirror():
    with SampleServer(build_site(1)) as server:
        yield server.url


def _config(folder: Path, mirror: str, data_dir: str = "catalog-here") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "a6watch.toml"
    path.write_text(f'data_dir = "{data_dir}"\nmirror_url = "{mirror}"\nsources = ["registries"]\n')
    return path


def _runs(data_dir: Path) -> list[tuple]:
    """The runs in the SQLite catalog these configs name (on either test lane: they set no database_url)."""
    if not (data_dir / "catalog.db").exists():
        return []
    with contextlib.closing(sqlite3.connect(data_dir / "catalog.db")) as con:
        return con.execute("SELECT source_id, status FROM crawl_run").fetchall()


def test_the_config_file_in_the_working_folder_reaches_the_crawl(tmp_path, mirror):
    _config(tmp_path / "work", mirror)
    proc = a6watch("crawl", cwd=tmp_path / "work", env=NOW)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _runs(tmp_path / "work" / "catalog-here") == [("registries", "complete")]


def test_config_given_on_the_command_line_reaches_the_crawl_from_any_folder(tmp_path, mirror):
    config = _config(tmp_path / "etc", mirror)
    (tmp_path / "elsewhere").mkdir()
    proc = a6watch("--config", str(config), "crawl", cwd=tmp_path / "elsewhere", env=NOW)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _runs(tmp_path / "etc" / "catalog-here") == [("registries", "complete")]
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_config_given_to_the_scheduler_reaches_its_crawls(tmp_path, mirror):
    config = _config(tmp_path / "etc", mirror)
    (tmp_path / "elsewhere").mkdir()
    proc = a6watch("--config", str(config), "schedule", "--once", cwd=tmp_path / "elsewhere", env=NOW)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _runs(tmp_path / "etc" / "catalog-here") == [("registries", "complete")]


def test_data_dir_on_the_command_line_reaches_the_crawl(tmp_path, mirror):
    _config(tmp_path / "work", mirror)
    proc = a6watch("--data-dir", str(tmp_path / "chosen"), "crawl", cwd=tmp_path / "work", env=NOW)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _runs(tmp_path / "chosen") == [("registries", "complete")]
    assert not (tmp_path / "work" / "catalog-here").exists()
