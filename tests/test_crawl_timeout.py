"""Every crawl subprocess has a wall limit (``crawl_timeout_minutes``): a site that never finishes
answering is stopped, its run is not complete, and the other sources and the scheduler go on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from a6watch.commands.crawl import crawl_sources
from a6watch.config import load_settings
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
        env = {"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_MIRROR_URL": server.url, "A6WATCH_NOW": STATE1,
               "A6WATCH_CONFIG": str(tmp_path / "none.toml"), "A6WATCH_DATABASE_URL": database_url_for(tmp_path)}
        yield tmp_path, env


def test_a_crawl_past_its_wall_limit_is_stopped_and_its_run_is_not_complete(stalled):
    data_dir, env = stalled
    codes = crawl_sources(["registries"], env, quiet=True, timeout_minutes=0.1)  # 6 s
    assert codes == {"registries": TIMED_OUT}
    assert ("complete",) not in query(data_dir, "SELECT status FROM crawl_run")


def test_the_scheduler_stops_a_crawl_past_its_wall_limit_and_goes_on(stalled, monkeypatch):
    from scheduler import Scheduler

    _data_dir, env = stalled
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = replace(load_settings(), crawl_timeout_minutes=0.1)
    scheduler = Scheduler(settings)
    try:
        assert scheduler.crawl("registries") == TIMED_OUT
        assert scheduler.crawl("a6ip") == 0  # the next source is crawled as usual
    finally:
        scheduler.catalog.close()
