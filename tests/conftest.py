"""Shared fixtures: fixture pages with their metadata, a temporary catalog, a frozen clock."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.clock import FrozenClock
from storage.db import Catalog
from tests.databases import database_url_for, drop_test_databases, on_postgresql

FIXTURES = Path(__file__).parent / "fixtures"


@functools.cache
def fixture_pages(source: str) -> list[tuple[str, dict, bytes, dict]]:
    """(name, meta, body, expected) for every saved page of a source (read once per session)."""
    out = []
    for meta_path in sorted((FIXTURES / source).glob("*.meta.json")):
        name = meta_path.name.removesuffix(".meta.json")
        meta = json.loads(meta_path.read_text())
        body = (FIXTURES / source / meta.get("file", f"{name}.html")).read_bytes()
        expected = json.loads((FIXTURES / source / f"{name}.expected.json").read_text())
        out.append((name, meta, body, expected))
    return out


def fixture_page(source: str, name: str) -> tuple[dict, bytes, dict]:
    """(meta, body, expected) of one saved page."""
    return next((meta, body, expected) for n, meta, body, expected in fixture_pages(source) if n == name)


def parse_fixture(source: str, parser, name: str):
    """One saved page through a parser, at its real URL (``partial(parse_fixture, source)`` per test module)."""
    meta, body, _expected = fixture_page(source, name)
    return parser(meta["url"], body)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 5, 25, 6, 0, tzinfo=UTC))


@pytest.fixture
def catalog(tmp_path: Path):
    cat = Catalog(database_url_for(tmp_path))
    yield cat
    cat.close()


def pytest_report_header(config) -> str:
    return "catalog: PostgreSQL (TEST_POSTGRESQL_URL)" if on_postgresql() else "catalog: SQLite"


CHECKOUT = Path(__file__).resolve().parents[1]
_MADE_BY_TOOLS = ("__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".venv", "build")


def _stray_files() -> set[str]:
    """What is in the checkout besides the tracked files and the tools' own caches."""
    proc = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], cwd=CHECKOUT,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return set()
    paths = {line[3:] for line in proc.stdout.splitlines() if line[:2] in ("??", "!!")}
    return {p for p in paths
            if not any(part in _MADE_BY_TOOLS or part.endswith(".egg-info") for part in Path(p).parts)}


def pytest_sessionstart(session) -> None:
    session.config._a6watch_stray = _stray_files()


def pytest_sessionfinish(session, exitstatus) -> None:
    drop_test_databases()
    before = getattr(session.config, "_a6watch_stray", None)
    if before is None or session.config.getoption("collectonly"):
        return
    left = sorted(_stray_files() - before)
    if left:  # a test wrote into the checkout instead of its tmp_path
        print(f"\ntests left files in the checkout: {', '.join(left[:10])}", file=sys.stderr)
        session.exitstatus = 1



def a6watch_command() -> list[str]:
    """The installed ``a6watch`` script beside this Python (as the README runs it), else the module."""
    script = Path(sys.executable).parent / "a6watch"
    return [str(script)] if script.exists() else [sys.executable, "-m", "a6watch.cli"]


def run_demo_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``a6watch demo ARGS`` as a user runs it, from ``cwd``, with none of our settings in the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("A6WATCH_")}
    return subprocess.run([*a6watch_command(), "demo", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """The README's demo, run once per test session from an empty folder: (data dir, its output)."""
    cwd = tmp_path_factory.mktemp("demo")
    proc = run_demo_cli(cwd)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return cwd / "demo-data", proc.stdout


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis server (Debian's redis-server) on a free port, for this test session only."""
    import shutil
    import socket
    import time

    if not shutil.which("redis-server"):
        pytest.skip("needs Debian's redis-server")
    import redis

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(200):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)
