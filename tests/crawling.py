"""Helpers for end-to-end tests: run the real spider in a subprocess against the local sample site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from storage.db import Catalog
from storage.models import Change, CrawlRun
from tests.databases import database_url_for

ROOT = Path(__file__).resolve().parents[1]


def crawl_settings(data_dir: Path, source_id: str = "unfccc_documents") -> dict[str, object]:
    """Scrapy settings for a crawler built in process (scrapy.utils.test.get_crawler): a6watch's one
    typed setting, with the default configuration over ``data_dir``."""
    from core.settings import Settings
    from crawler.crawl_config import SETTING, CrawlConfig

    return {SETTING: CrawlConfig(Settings(data_dir=data_dir, database_url=database_url_for(data_dir)), source_id)}


def crawl(data_dir: Path, mirror: str, now: str, config: str = "", languages: str = "en,fr,es",
          source: str | tuple[str, ...] = "unfccc_documents", mode: str = "regular") -> int:
    """``python -m crawler.run SOURCE…`` (several sources: one process, one after the other)."""
    cfg = data_dir / "a6watch.toml"
    cfg.write_text(config)
    env = {**os.environ, "A6WATCH_CONFIG": str(cfg), "A6WATCH_DATA_DIR": str(data_dir),
           "A6WATCH_MIRROR_URL": mirror, "A6WATCH_NOW": now, "A6WATCH_LANGUAGES": languages,
           "A6WATCH_CRAWL_MODE": mode}
    env["A6WATCH_DATABASE_URL"] = database_url_for(data_dir)
    sources = [source] if isinstance(source, str) else list(source)
    proc = subprocess.run([sys.executable, "-m", "crawler.run", *sources], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr[-4000:]
    return proc.returncode


def last_run(data_dir: Path, with_watch_hits: bool = False) -> tuple[CrawlRun, list[tuple[str, str]]]:
    """The last run and its changes as (kind, subject); watchlist hits have their own tests and feeds."""
    catalog = Catalog(database_url_for(data_dir))
    try:
        with catalog.session() as s:
            run = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
            assert run is not None
            changes = sorted((c.kind, c.subject) for c in s.scalars(select(Change).where(Change.run_id == run.id))
                             if with_watch_hits or c.kind != "watch.hit")
            s.expunge(run)
            return run, changes
    finally:
        catalog.close()


STATE1, STATE2, LATER = "2026-05-25T06:00:00Z", "2026-06-05T06:00:00Z", "2026-06-05T12:00:00Z"


def assert_state2_reports_exactly(data_dir: Path, source: str, expected: list[tuple[str, str]]) -> None:
    """The sample site crawled as a user meets it: state 1 is one baseline; state 2 reports exactly
    ``expected``; state 2 again reports nothing. Every run complete."""
    from sample_site.build import build_site
    from sample_site.server import SampleServer

    with SampleServer(build_site(1)) as server:
        assert crawl(data_dir, server.url, STATE1, source=source) == 0
        run, changes = last_run(data_dir)
        assert run.status == "complete" and [kind for kind, _ in changes] == ["baseline"]
        server.set_site(build_site(2))
        assert crawl(data_dir, server.url, STATE2, source=source) == 0
        run, changes = last_run(data_dir)
        assert run.status == "complete" and changes == expected
        assert crawl(data_dir, server.url, LATER, source=source) == 0
        run, changes = last_run(data_dir)
        assert run.status == "complete" and changes == []
