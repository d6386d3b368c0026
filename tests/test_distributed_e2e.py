"""Distributed crawling on scrapy-redis, end to end: two crawler processes share one crawl through a real
Redis server (started here from Debian's redis-server) and one catalog (PostgreSQL on the
TEST_POSTGRESQL_URL lane). They fetch every URL once, never send two requests to one host closer than
the interval, and leave the same documents, versions and changes as a single-process crawl; a worker
killed in the middle of a request has that request taken over by the other."""

from __future__ import annotations

import bisect
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from sample_site.build import build_site
from sample_site.common import RESOURCE
from sample_site.server import SampleServer
from tests.crawling import ROOT, crawl, last_run
from tests.databases import database_url_for, query

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not shutil.which("redis-server"), reason="needs Debian's redis-server")]
STATE1, STATE2 = "2026-05-25T06:00:00Z", "2026-06-05T06:00:00Z"
INTERVAL = 0.15  # seconds between two requests to one host, all workers together


def _env(data_dir: Path, mirror: str, now: str, redis_url: str, heartbeat: float = 10.0,
         politeness: str = "") -> dict[str, str]:
    cfg = data_dir / "a6watch.toml"
    cfg.write_text(f"[distributed]\nheartbeat_seconds = {heartbeat}\n[politeness]\n{politeness}")
    return {**os.environ, "A6WATCH_CONFIG": str(cfg), "A6WATCH_DATA_DIR": str(data_dir),
            "A6WATCH_MIRROR_URL": mirror, "A6WATCH_NOW": now, "A6WATCH_LANGUAGES": "en,fr,es",
            "A6WATCH_DATABASE_URL": database_url_for(data_dir), "A6WATCH_REDIS_URL": redis_url,
            "A6WATCH_HOST_INTERVAL": str(INTERVAL)}


def _worker(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "crawler.run", "unfccc_documents"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _two_workers(data_dir: Path, server: SampleServer, now: str, redis_url: str,
                 second: list[str] | None = None, politeness: str = "") -> list[tuple[float, str]]:
    """Two workers crawl one source together; the second is another crawler.run (both may open the crawl:
    one does, the other joins), or the given command (``a6watch worker``, which only ever joins)."""
    start = len(server.arrivals)
    env = _env(data_dir, server.url, now, redis_url, politeness=politeness)
    workers = [_worker(env)]
    time.sleep(0.3)
    if second is None:
        workers.append(_worker(env))
    else:
        workers.append(subprocess.Popen([sys.executable, "-m", "a6watch.cli", *second], cwd=ROOT,
                                        env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, start_new_session=True))
    for w in workers:
        _out, err = w.communicate(timeout=300)
        assert "Traceback" not in err, err[-4000:]
        assert w.returncode == 0, err[-4000:]
    return server.arrivals[start:]


def _state(data_dir: Path) -> tuple[list, list, list]:
    docs = sorted(query(data_dir, "SELECT key, status, title, version_label FROM document"))
    files = sorted(query(data_dir, "SELECT d.key, f.language, f.sha256, f.is_current, f.pages FROM document_file f "
                                   "JOIN document d ON d.id = f.document_id"))
    changes = sorted(query(data_dir, "SELECT uid, kind, subject, summary FROM change WHERE kind != 'baseline'"))
    return docs, files, changes


def _assert_polite(arrivals: list[tuple[float, str]], window: float = 1.0) -> None:
    """In any one-second window a host sees at most window / INTERVAL + 2 requests: the gate spaces the send
    times exactly; the + 2 allows for a request that left its worker's event loop a few ms late."""
    by_host: dict[str, list[float]] = defaultdict(list)
    for at, key in arrivals:
        by_host[key.split("/", 1)[0]].append(at)
    for host, times in by_host.items():
        times.sort()
        busiest = max(bisect.bisect_right(times, t + window) - i for i, t in enumerate(times))
        assert busiest <= window / INTERVAL + 2, (host, busiest)
        span = times[-1] - times[0]
        assert span >= (len(times) - 1) * INTERVAL * 0.9, (host, len(times), span)  # the pace held throughout


def _hold_until_both_are_in(server: SampleServer, seconds: float = 4.0) -> None:
    """Each worker first asks for the host's robots.txt; answering both only after a few seconds lets
    the second worker start (an interpreter and Scrapy: seconds on a busy 2-core machine) before the
    first could finish the small site alone, so both take part, whatever the load."""
    server.fault("https://unfccc.int/robots.txt", ("sleep", seconds), ("sleep", seconds))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The same two states crawled by one process."""
    data_dir = tmp_path_factory.mktemp("single")
    with SampleServer(build_site(1)) as server:
        assert crawl(data_dir, server.url, STATE1) == 0
        server.set_site(build_site(2))
        assert crawl(data_dir, server.url, STATE2) == 0
    return _state(data_dir)


def test_two_workers_fetch_each_url_once_politely_and_record_what_one_process_records(tmp_path, redis_url,
                                                                                     reference):
    with SampleServer(build_site(1)) as server:
        _hold_until_both_are_in(server)
        first = _two_workers(tmp_path, server, STATE1, redis_url)
        run, _ = last_run(tmp_path)
        assert run.status == "complete" and run.is_baseline
        server.set_site(build_site(2))
        _hold_until_both_are_in(server)
        second = _two_workers(tmp_path, server, STATE2, redis_url,
                              second=["worker", "--once", "--wait", "30", "--poll", "0.2"])
    for arrivals in (first, second):
        fetched = Counter(key for _at, key in arrivals if not key.endswith("/robots.txt"))
        assert fetched and max(fetched.values()) == 1, fetched.most_common(3)  # every URL once
        _assert_polite(arrivals)
    run, changes = last_run(tmp_path)
    assert run.status == "complete" and changes
    per_worker = [v for k, v in run.stats.items() if k.startswith("a6watch/distributed/worker_requests/")]
    assert len(per_worker) == 2 and all(n > 0 for n in per_worker)  # both workers did part of the work
    assert len(query(tmp_path, "SELECT id FROM crawl_run")) == 2  # one run per crawl, shared by both workers
    assert _state(tmp_path) == reference


def test_a_killed_workers_request_in_flight_is_taken_over(tmp_path, redis_url, reference):
    with SampleServer(build_site(1)) as server:
        assert crawl(tmp_path, server.url, STATE1, config="") == 0
        server.set_site(build_site(2))
        slow = RESOURCE + "sbsta2026_L02E.pdf"
        server.fault(slow, ("sleep", 60))
        doomed = _worker(_env(tmp_path, server.url, STATE2, redis_url, heartbeat=1.0))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # the doomed worker holds the slow request, the rest is done
            quiet = server.arrivals and time.monotonic() - server.arrivals[-1][0] > 1.5
            if quiet and any(key.endswith("sbsta2026_L02E.pdf") for _at, key in server.arrivals):
                break
            time.sleep(0.1)
        os.killpg(doomed.pid, signal.SIGKILL)
        doomed.wait()
        survivor = _worker(_env(tmp_path, server.url, STATE2, redis_url, heartbeat=1.0))
        _out, err = survivor.communicate(timeout=300)
        assert survivor.returncode == 0 and "Traceback" not in err, err[-4000:]
    run, _ = last_run(tmp_path)
    assert run.status == "complete" and run.stats.get("a6watch/distributed/requeued", 0) >= 1
    assert _state(tmp_path) == reference


def test_a_worker_blocked_by_the_bot_wall_hands_its_requests_to_the_other(tmp_path, redis_url, reference):
    with SampleServer(build_site(1)) as server:
        assert crawl(tmp_path, server.url, STATE1) == 0
        server.set_site(build_site(2))
        # both workers are in before the host answers (its robots.txt takes 3 s) …
        server.fault("https://unfccc.int/robots.txt", ("sleep", 3), ("sleep", 3))
        server.fault("https://unfccc.int/event/sbi-64", ("block",))  # … then whichever asks first is blocked
        # … and backs off from unfccc.int at once: from then on the other worker does that host's work
        _two_workers(tmp_path, server, STATE2, redis_url, politeness="block_threshold = 1\n")
    run, _ = last_run(tmp_path)
    assert run.stats.get("a6watch/fetch/blocked_handed_over") == 1 and run.stats.get("a6watch/fetch/backoffs") == 1
    assert run.stats.get("a6watch/distributed/handed_over", 0) >= 1
    assert run.status == "complete" and run.blocked == 0  # nothing went unseen: the run can judge removals
    assert _state(tmp_path) == reference
