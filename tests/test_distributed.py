"""The pieces of a shared crawl against a real Redis: the per-host gate, joining one run, reaping a dead
worker's in-flight requests, and the last worker out getting the merged statistics."""

from __future__ import annotations

import pytest

from core.errors import A6WatchError
from crawler.distributed import HostGate, SharedCrawl, open_crawls, redis_from


@pytest.fixture
def server(redis_url):
    client = redis_from(redis_url)
    client.flushdb()
    yield client
    client.flushdb()


class Ticks:
    """An injectable monotonic clock: sleeping advances it, nothing waits."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.t += s


def worker(server, name: str, ticks: Ticks | None = None) -> SharedCrawl:
    ticks = ticks or Ticks()
    return SharedCrawl(server, "unfccc_documents", heartbeat_s=10, join_timeout_s=2, worker=name,
                       clock=ticks, sleep=ticks.sleep)


def test_the_gate_grants_one_send_per_interval_per_host_and_hosts_are_independent(server):
    gate_a, gate_b = HostGate(server, 5.0), HostGate(server, 5.0)  # two workers, one Redis
    assert gate_a.try_send("unfccc.int") == 0
    wait = gate_b.try_send("unfccc.int")
    assert 4.9 < wait <= 5.0  # the other worker must wait out the interval
    assert gate_b.try_send("cdm.unfccc.int") == 0  # another host has its own pace
    assert HostGate(server, 0).try_send("unfccc.int") == 0  # no interval: no gate


def test_the_first_worker_opens_the_run_and_the_others_join_it(server):
    opened = []
    first = worker(server, "a").join_run(lambda: opened.append(1) or 41)
    second = worker(server, "b").join_run(lambda: opened.append(1) or 42)
    assert first == (41, True) and second == (41, False) and opened == [1]


def test_a_join_only_worker_never_opens_a_crawl(server):
    with pytest.raises(A6WatchError, match="ended before this worker could join"):
        worker(server, "w").join_run(lambda: 7, join_only=True)
    assert server.get("a6watch:unfccc_documents:run") is None


def test_a_worker_waits_for_the_opener_then_gives_up_with_the_key_to_delete(server):
    server.set("a6watch:unfccc_documents:run_lock", "dead-opener")
    ticks = Ticks()
    with pytest.raises(A6WatchError, match="run_lock"):
        worker(server, "b", ticks).join_run(lambda: 7)
    assert ticks.t >= 2  # it waited the join timeout (on the injected clock), no longer


def test_a_dead_workers_requests_in_flight_go_back_to_the_queue(server):
    a, b = worker(server, "a"), worker(server, "b")
    a.enter()
    b.enter()
    server.hset(a.inflight_key, "tok", b"encoded request")
    assert b.reap_dead() == 0  # a is alive
    server.delete("a6watch:unfccc_documents:alive:a")  # its heartbeat lapsed
    assert b.reap_dead() == 1
    assert server.zrange(b.queue_key, 0, -1) == [b"encoded request"]
    assert not server.exists(a.inflight_key) and server.smembers("a6watch:unfccc_documents:workers") == {b"b"}


def test_only_the_last_worker_out_gets_the_merged_statistics_and_the_keys_are_cleared(server):
    a, b = worker(server, "a"), worker(server, "b")
    a.join_run(lambda: 5)
    a.enter()
    b.enter()
    assert open_crawls(server, ["unfccc_documents", "cdm_eb"]) == ["unfccc_documents"]
    assert b.others_busy()  # a is alive and not idle
    a.set_idle(True)
    assert not b.others_busy()
    assert a.leave({"downloader/request_count": 30, "a6watch/errors": 0, "note": "x"}, finished=True) is None
    merged = b.leave({"downloader/request_count": 12, "a6watch/errors": 1}, finished=False)
    assert merged is not None
    assert merged["downloader/request_count"] == 42 and merged["a6watch/errors"] == 1
    assert merged["a6watch/distributed/workers"] == 2 and merged["a6watch/distributed/workers_unfinished"] == 1
    assert merged["a6watch/distributed/worker_requests/a"] == 30
    assert not server.keys("a6watch:unfccc_documents:*")
    assert open_crawls(server, ["unfccc_documents"]) == []


def _run(args: list[str], tmp_path, **env: str):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    return subprocess.run([sys.executable, "-m", *args], cwd=root, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "A6WATCH_DATA_DIR": str(tmp_path),
                               "A6WATCH_CONFIG": str(tmp_path / "none.toml"), **env})


def test_an_unreachable_redis_is_a_one_line_configuration_error(tmp_path):
    proc = _run(["crawler.run", "unfccc_documents"], tmp_path, A6WATCH_REDIS_URL="redis://:secret@127.0.0.1:1/0")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "cannot reach Redis at redis://:***@127.0.0.1:1/0" in proc.stderr


def test_a_worker_without_redis_says_what_to_set(tmp_path):
    proc = _run(["a6watch.cli", "worker", "--once"], tmp_path)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr and "distributed.redis_url" in proc.stderr
