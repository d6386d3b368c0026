"""Every crawl subprocess has a wall limit (``crawl_timeout_minutes``): a site that never finishes
answering is stopped, its run is not complete, and the other sources and the scheduler go on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from a6watch.commands.crawl import crawl_sources
from core.config import load_settings
from crawler.run import TIMED_OUT
from sample_site.build import build_site
from sample_site.server import SampleServer
from tests.databases import database_url_for, query

pytestmark = pytest.mark.slow
STATE1 = "2026-05-25T06:00:00Z"


@pytest.fixture
def stalled(tmp_path):
    """The sample site, with the registries' start page answering only after a minute."""
    with SampleServer(build_site(1)) as server:
        server.fault("https://cdm.unfccc.int/Registry/vc_attest/index.html", ("sleep", 60))
        config = tmp_path / "a6watch.toml"
        config.write_text("[politeness]\ntimeout_seconds = 5\n")
        env = {"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_MIRROR_URL": server.url, "A6WATCH_NOW": STATE1,
               "A6WATCH_CONFIG": str(config), "A6WATCH_DATABASE_URL": database_url_for(tmp_path)}
        yield tmp_path, env


def test_a_crawl_past_its_wall_limit_is_stopped_and_the_next_source_is_crawled(stalled):
    data_dir, env = stalled
    codes = crawl_sources(["registries", "a6ip"], {**env, "A6WATCH_CRAWL_TIMEOUT_MINUTES": "0.05"}, quiet=True,
                          timeout_minutes=0.05)  # 3 s each
    assert codes == {"registries": TIMED_OUT, "a6ip": 0}
    runs = dict(query(data_dir, "SELECT source_id, status FROM crawl_run"))
    assert runs["registries"] != "complete" and runs["a6ip"] == "complete"


def test_a_crawl_process_past_its_backstop_is_killed(stalled):
    """A crawl whose process cannot even stop itself (a parser busy in the reactor's thread) is killed
    from outside at the limit of all its sources plus five minutes; here the inner limit is 180 min."""
    import a6watch.commands.crawl as crawl_command

    _data_dir, env = stalled
    original = crawl_command.BACKSTOP_SECONDS
    crawl_command.BACKSTOP_SECONDS = 0
    try:
        codes = crawl_sources(["registries"], env, quiet=True, timeout_minutes=0.05)
    finally:
        crawl_command.BACKSTOP_SECONDS = original
    assert codes == {"registries": TIMED_OUT}


def test_the_scheduler_stops_a_crawl_past_its_wall_limit_and_goes_on(stalled, monkeypatch):
    from a6watch.scheduling import Scheduler

    _data_dir, env = stalled
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = replace(load_settings(), crawl_timeout_minutes=0.1)
    scheduler = Scheduler(settings)
    try:
        assert scheduler.crawl("registries") == TIMED_OUT
        scheduler.settings = replace(settings, crawl_timeout_minutes=5)  # room for a loaded machine
        assert scheduler.crawl("a6ip") == 0  # the next source is crawled as usual
    finally:
        scheduler.catalog.close()


def test_a_crawl_that_cannot_start_is_a_failure_in_one_line_not_a_success(tmp_path):
    """Whatever stops a crawl before it starts (here its lock cannot be made) fails it: exit 1, one
    line, no traceback (it once escaped as a traceback with exit 0)."""
    import os
    import subprocess
    import sys

    from crawler.run import FAILED

    with SampleServer(build_site(1)) as server:
        env = {**os.environ, "A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_MIRROR_URL": server.url,
               "A6WATCH_NOW": STATE1, "A6WATCH_CONFIG": str(tmp_path / "none.toml"),
               "A6WATCH_DATABASE_URL": database_url_for(tmp_path)}
        (tmp_path / "locks").write_text("not a folder")
        proc = subprocess.run([sys.executable, "-m", "crawler.run", "registries"], env=env, capture_output=True,
                              text=True, timeout=120)
    assert proc.returncode == FAILED, proc.stderr[-2000:]
    assert "the crawl of registries could not start" in proc.stderr and "Traceback" not in proc.stderr
