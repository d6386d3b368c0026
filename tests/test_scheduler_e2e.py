"""The scheduler on the sample site: health alerts reach the webhook; SIGKILL mid-run loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from sample_site.build import EXPECTED_STATE2, build_site
from sample_site.server import SampleServer
from tests.databases import database_url_for, query
from tests.receivers import WebhookReceiver

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
LIST = "https://unfccc.int/node/471573"


def env_for(data_dir: Path, mirror: str, hook: str, now: str) -> dict[str, str]:
    cfg = data_dir / "a6watch.toml"
    cfg.write_text('sources = ["a64_sbm"]\n[cadence]\ntick_seconds = 0.5\n')
    return {**os.environ, "A6WATCH_CONFIG": str(cfg), "A6WATCH_DATA_DIR": str(data_dir), "A6WATCH_MIRROR_URL": mirror,
            "A6WATCH_WEBHOOK_URL": hook, "A6WATCH_NOW": now, "A6WATCH_LANGUAGES": "en",
            "A6WATCH_DATABASE_URL": database_url_for(data_dir)}


def once(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "a6watch.cli", "schedule", "--once"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def hook():
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


def test_a_broken_page_raises_health_alerts_that_reach_the_webhook(tmp_path, hook):
    with SampleServer(build_site(1)) as server:
        first = once(env_for(tmp_path, server.url, hook.url, "2026-05-25T06:00:00Z"))
        assert first.returncode == 0, first.stderr[-2000:]
        assert "Baseline" in hook.accepted()[0]["json"]["text"]
        server.set_site(build_site(2))
        page = server.site[LIST[8:]].body.replace(b"<th>Date and venue</th>", b"<th>When</th>")
        server.fault(LIST, ("body", page, "text/html"))
        second = once(env_for(tmp_path, server.url, hook.url, "2026-05-26T07:00:00Z"))
        assert second.returncode == 0
    digest = hook.accepted()[-1]["json"]["text"]
    assert "== Source health ==" in digest and "layout error" in digest
    assert query(tmp_path, "SELECT status FROM crawl_run ORDER BY id DESC LIMIT 1") == [("partial",)]
    assert query(tmp_path, "SELECT count(*) FROM change WHERE kind = 'meeting.cancelled'") == [(0,)]


def test_sigkill_in_the_middle_of_a_run_loses_and_duplicates_nothing(tmp_path, hook):
    with SampleServer(build_site(1)) as server:
        assert once(env_for(tmp_path, server.url, hook.url, "2026-05-25T06:00:00Z")).returncode == 0
        server.set_site(build_site(2))
        for url in list(server.site)[:40]:  # slow the site down so that the kill lands mid-run
            server.fault("https://" + url, ("sleep", 0.15))
        env = env_for(tmp_path, server.url, hook.url, "2026-06-05T06:00:00Z")
        proc = subprocess.Popen([sys.executable, "-m", "a6watch.cli", "schedule"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            rows = query(tmp_path, "SELECT count(*) FROM sighting WHERE last_run_id = (SELECT max(id) FROM crawl_run)"
                                   " AND (SELECT count(*) FROM crawl_run) = 2")
            if rows[0][0] >= 3:
                break
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)  # the scheduler and its crawl, mid-run
        proc.wait()
        assert query(tmp_path, "SELECT status FROM crawl_run ORDER BY id") == [("complete",), ("running",)]
        server.faults.clear()
        restarted = once(env_for(tmp_path, server.url, hook.url, "2026-06-06T07:00:00Z"))
        assert restarted.returncode == 0, restarted.stderr[-2000:]
    statuses = query(tmp_path, "SELECT status FROM crawl_run ORDER BY id")
    assert statuses == [("complete",), ("interrupted",), ("complete",)]
    changes = sorted(query(tmp_path, "SELECT kind, subject FROM change WHERE run_id IS NOT NULL AND kind NOT IN "
                                     "('baseline', 'watch.hit')"))
    assert changes == EXPECTED_STATE2["a64_sbm"]  # nothing lost, nothing twice (ids are unique in the log)
    delivered = [r["json"] for r in hook.accepted()]
    ids = [m["id"] for m in delivered]
    assert len(ids) == len(set(ids))
    sent = {c["id"] for m in delivered for c in m["changes"]}
    all_ids = {row[0] for row in query(tmp_path, "SELECT uid FROM change")}
    assert sent == all_ids  # every change reached the receiver


def test_sigterm_stops_cleanly_after_the_crawl_in_progress_closes(tmp_path, hook):
    with SampleServer(build_site(1)) as server:
        for url in list(server.site)[:40]:
            server.fault("https://" + url, ("sleep", 0.15))
        env = env_for(tmp_path, server.url, hook.url, "2026-05-25T06:00:00Z")
        proc = subprocess.Popen([sys.executable, "-m", "a6watch.cli", "schedule"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if query(tmp_path, "SELECT count(*) FROM sighting")[0][0] >= 3:
                    break
            except DBAPIError:
                pass  # the catalog is being created
            time.sleep(0.05)
            continue
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    # the crawl closed through Scrapy's shutdown: its run is recorded as partial, nothing left "running"
    assert query(tmp_path, "SELECT status, message FROM crawl_run") == [("partial", "shutdown")]
    assert query(tmp_path, "SELECT count(*) FROM change WHERE kind LIKE 'document.withdrawn'") == [(0,)]
