"""Several crawler processes share one crawl of a source through Redis.

scrapy-redis holds the shared request queue and duplicate filter (so every URL is fetched once, by
whichever worker is free). What scrapy-redis does not do, and this module adds:

* **one host, one pace** — :class:`HostGate` spaces the requests to each host across *all* workers: a
  Lua script on the Redis server (using the server's clock) grants a send only when the host's last
  grant is ``interval`` old; :class:`GatedDownloadHandler` asks right before the request leaves, after
  Scrapy's own per-host slot, so a host sees one request per interval whatever the number of workers;
* **takeover** — a worker blocked by a bot wall (its address, usually) hands the request back and takes
  no more work while another worker can (``crawler.middlewares.BlockWallMiddleware``);
  :class:`ReliableQueue` moves each request it hands out into the worker's in-flight
  hash; it leaves when its callback has finished (:class:`AckMiddleware`). A worker that stops
  sending heartbeats (killed, or hung) is reaped by the others, which put its in-flight requests back
  in the queue;
* **one run** — every worker of a crawl records into the same ``crawl_run`` (:meth:`SharedCrawl.join_run`);
  a worker stays open while another is still busy (it may yet enqueue work), and the last one out
  closes the run with the merged statistics, so removals are judged once, on the whole crawl.

Keys live under ``a6watch:<source>:`` (gates under ``a6watch:gate:<host>``, shared by all sources).
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy_redis.queue import PriorityQueue

from core.errors import A6WatchError
from crawler.crawl_config import crawl_config

TOKEN = "a6watch_inflight"
INNER_HANDLER = "crawler.mirror.MirrorDownloadHandler"

# KEYS[1] gate of one host; ARGV[1] interval in microseconds. Grants a send now (returns 0) when the last
# grant is at least an interval old, by the Redis server's clock; otherwise returns the microseconds left.
_GATE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local left = last + tonumber(ARGV[1]) - now
if left > 0 then return left end
redis.call('SET', KEYS[1], tostring(now), 'PX', 3600000)
return 0
"""

# KEYS[1] queue (zset), KEYS[2] the worker's in-flight hash. Pops the best request and keeps a copy.
_POP = """
local got = redis.call('ZRANGE', KEYS[1], 0, 0)
if #got == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('HSET', KEYS[2], redis.sha1hex(got[1]), got[1])
return got[1]
"""

# KEYS[1] workers set, KEYS[2] queue; ARGV[1] key prefix. Puts dead workers' in-flight requests back.
_REAP = """
local requeued = 0
for _, w in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. 'alive:' .. w) == 0 then
    local inflight = ARGV[1] .. 'inflight:' .. w
    local items = redis.call('HVALS', inflight)
    for _, data in ipairs(items) do
      redis.call('ZADD', KEYS[2], -100, data)
      requeued = requeued + 1
    end
    redis.call('DEL', inflight, ARGV[1] .. 'idle:' .. w, ARGV[1] .. 'blocked:' .. w)
    redis.call('SREM', KEYS[1], w)
  end
end
return requeued
"""


def redis_from(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


class HostGate:
    """Send times for one host, ``interval`` seconds apart across every worker that shares the Redis."""

    def __init__(self, server: Any, interval_s: float) -> None:
        self.server = server
        self.interval_us = int(interval_s * 1_000_000)
        self._script = server.register_script(_GATE)

    def try_send(self, host: str) -> float:
        """0 if a request to the host may leave now (and the host's clock restarts), else the seconds to wait.

        A grant is taken right before the request leaves, never reserved ahead: a worker whose event loop
        stalls cannot let a backlog of pre-booked send times go off together."""
        if self.interval_us <= 0:
            return 0.0
        return int(self._script(keys=[f"a6watch:gate:{host}"], args=[self.interval_us])) / 1_000_000


class SharedCrawl:
    """One worker's view of the crawl of a source that it shares with others."""

    def __init__(self, server: Any, source_id: str, heartbeat_s: float, join_timeout_s: float,
                 worker: str | None = None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.server = server
        self.source_id = source_id
        self.prefix = f"a6watch:{source_id}:"
        self.worker = worker or f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.heartbeat_s = heartbeat_s
        self.join_timeout_s = join_timeout_s
        self.clock, self.sleep = clock, sleep
        self._reap = server.register_script(_REAP)

    # keys
    @property
    def queue_key(self) -> str:
        return self.prefix + "requests"

    @property
    def dupefilter_key(self) -> str:
        return self.prefix + "dupefilter"

    @property
    def inflight_key(self) -> str:
        return self.prefix + f"inflight:{self.worker}"

    def _key(self, name: str) -> str:
        return self.prefix + name

    # membership
    def enter(self) -> None:
        self.server.sadd(self._key("workers"), self.worker)
        self.beat()

    def beat(self) -> None:
        self.server.set(self._key(f"alive:{self.worker}"), 1, px=int(self.heartbeat_s * 1000))

    def set_idle(self, idle: bool) -> None:
        if idle:
            self.server.set(self._key(f"idle:{self.worker}"), 1)
        else:
            self.server.delete(self._key(f"idle:{self.worker}"))

    def reap_dead(self) -> int:
        """Put the in-flight requests of every worker that stopped its heartbeat back in the queue."""
        return int(self._reap(keys=[self._key("workers"), self.queue_key], args=[self.prefix]))

    def pending(self) -> int:
        return int(self.server.zcard(self.queue_key))

    def set_blocked(self, seconds: float) -> None:
        """This worker is behind a bot wall: it takes no more work while another worker can."""
        self.server.set(self._key(f"blocked:{self.worker}"), 1, px=max(1, int(seconds * 1000)))

    def is_blocked(self) -> bool:
        return bool(self.server.exists(self._key(f"blocked:{self.worker}")))

    def _another_live_worker_without(self, flag: str) -> bool:
        for raw in self.server.smembers(self._key("workers")):
            other = raw.decode()
            if other != self.worker and self.server.exists(self._key(f"alive:{other}")) \
                    and not self.server.exists(self._key(f"{flag}:{other}")):
                return True
        return False

    def can_take_over(self) -> bool:
        """Whether another live worker is not blocked (and can take this worker's requests)."""
        return self._another_live_worker_without("blocked")

    def others_busy(self) -> bool:
        """Whether another live worker is still at work (and may yet queue more)."""
        return self._another_live_worker_without("idle")

    def ack(self, token: str) -> None:
        self.server.hdel(self.inflight_key, token)

    # the run
    def join_run(self, open_run: Callable[[], int], join_only: bool = False) -> tuple[int, bool]:
        """The id of the crawl's run: opened by the first worker (``open_run``), joined by the others.
        ``join_only`` (``a6watch worker``) never opens a crawl: it raises if none is under way."""
        if not join_only and self.server.set(self._key("run_lock"), self.worker, nx=True):
            existing = self.server.get(self._key("run"))
            if existing is None:
                # A new crawl starts afresh: nothing queued or remembered from an earlier one survives.
                self.server.delete(*(self._key(k) for k in ("requests", "dupefilter", "stats")))
                run_id = open_run()
                self.server.set(self._key("run"), run_id)
                return run_id, True
            return int(existing), False
        deadline = self.clock() + (0 if join_only else self.join_timeout_s)
        while True:
            existing = self.server.get(self._key("run"))
            if existing is not None:
                return int(existing), False
            if self.clock() >= deadline:
                break
            self.sleep(0.05)
        if join_only:
            raise A6WatchError(f"the crawl of {self.source_id} ended before this worker could join it")
        raise A6WatchError(f"no run of {self.source_id} to join after {self.join_timeout_s:g} s: the worker that "
                           f"took the lock ({self._key('run_lock')}) died; delete that key and start again")

    def is_open(self) -> bool:
        return bool(open_crawls(self.server, [self.source_id]))

    def leave(self, stats: dict[str, Any], finished: bool) -> dict[str, Any] | None:
        """Add this worker's statistics and leave. The last worker out gets the merged statistics (and
        clears the crawl's keys, so the next crawl starts afresh); the others get None."""
        pipe = self.server.pipeline()
        for key, value in stats.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                pipe.hincrbyfloat(self._key("stats"), key, value)
        if not finished:
            pipe.hincrbyfloat(self._key("stats"), "a6watch/distributed/workers_unfinished", 1)
        pipe.hincrbyfloat(self._key("stats"), "a6watch/distributed/workers", 1)
        pipe.hincrbyfloat(self._key("stats"), f"a6watch/distributed/worker_requests/{self.worker}",
                          stats.get("downloader/request_count", 0))
        pipe.delete(self._key(f"alive:{self.worker}"), self._key(f"idle:{self.worker}"),
                    self._key(f"blocked:{self.worker}"), self.inflight_key)
        pipe.srem(self._key("workers"), self.worker)
        pipe.execute()
        self.reap_dead()
        if self.server.scard(self._key("workers")):
            return None
        merged = {k.decode(): float(v) for k, v in self.server.hgetall(self._key("stats")).items()}
        merged = {k: int(v) if v.is_integer() else v for k, v in merged.items()}
        merged["a6watch/distributed/left_in_queue"] = self.pending()
        self.server.delete(*(self._key(k) for k in ("stats", "run", "run_lock", "requests", "dupefilter",
                                                       "workers")))
        return merged

    @classmethod
    def of(cls, crawler: Crawler) -> SharedCrawl | None:
        shared: SharedCrawl | None = getattr(crawler, "a6watch_shared", None)
        dist = crawl_config(crawler.settings).settings.distributed
        if shared is None and dist.redis_url:
            source = crawler.spider.name if crawler.spider else str(crawler.spidercls.name)  # the source id
            shared = cls(redis_from(dist.redis_url), source, dist.heartbeat_seconds, dist.join_timeout_seconds)
            crawler.a6watch_shared = shared  # type: ignore[attr-defined]
        return shared


def open_crawls(server: Any, sources: Iterable[str]) -> list[str]:
    """The sources whose shared crawl is under way (a run is open and work is queued or in hand)."""
    out = []
    for source in sources:
        prefix = f"a6watch:{source}:"
        if server.exists(prefix + "run") and (server.zcard(prefix + "requests") or server.scard(prefix + "workers")):
            out.append(source)
    return out


class ReliableQueue(PriorityQueue):
    """scrapy-redis's priority queue, but a popped request stays in the worker's in-flight hash until
    its callback is done, so a dead worker's requests are not lost."""

    def __init__(self, server: Any, spider: Spider, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        shared = SharedCrawl.of(spider.crawler)
        assert shared is not None
        self.shared = shared
        self._pop = server.register_script(_POP)

    def pop(self, timeout: int = 0) -> Request | None:
        if self.shared.is_blocked() and self.shared.can_take_over():
            return None  # behind a bot wall: leave the queue to the workers that can fetch
        data = self._pop(keys=[self.key, self.shared.inflight_key])
        if not data:
            return None
        self.shared.set_idle(False)
        request = self._decode_request(data)
        request.meta[TOKEN] = hashlib.sha1(data).hexdigest()
        return request


class AckMiddleware:
    """Spider and downloader middleware: a request leaves the in-flight hash when its callback's
    output is exhausted, or when it failed for good."""

    def __init__(self, crawler: Crawler) -> None:
        shared = SharedCrawl.of(crawler)
        if shared is None:
            raise NotConfigured
        self.shared = shared

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AckMiddleware:
        return cls(crawler)

    def _ack(self, request: Request | None) -> None:
        token = request.meta.get(TOKEN) if request is not None else None
        if token:
            self.shared.ack(token)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in result:
            yield item
        self._ack(response.request)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        yield from result
        self._ack(response.request)

    def process_spider_exception(self, response: Response, exception: Exception) -> None:
        self._ack(response.request)

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._ack(request)  # outermost downloader middleware: no retry took the request back


class DistributedCrawlExtension:
    """Heartbeat, takeover of dead workers' requests, and staying open while another worker is busy."""

    def __init__(self, crawler: Crawler) -> None:
        shared = SharedCrawl.of(crawler)
        if shared is None:
            raise NotConfigured
        self.shared = shared
        self.crawler = crawler
        self._beat: Any = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedCrawlExtension:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        from twisted.internet import task

        self.shared.enter()
        self._beat = task.LoopingCall(self._tick)
        self._beat.start(max(0.2, self.shared.heartbeat_s / 3), now=False)

    def _tick(self) -> None:
        self.shared.beat()
        requeued = self.shared.reap_dead()
        if requeued and self.crawler.stats:
            self.crawler.stats.inc_value("a6watch/distributed/requeued", requeued)

    def spider_idle(self, spider: Spider) -> None:
        self.shared.set_idle(True)
        self._tick()
        if self.shared.pending() or self.shared.others_busy():
            raise DontCloseSpider  # more work may come: from the queue, or from a busy worker

    def spider_closed(self, spider: Spider) -> None:
        if self._beat is not None and self._beat.running:
            self._beat.stop()


class GatedDownloadHandler:
    """The download handler of a distributed crawl: waits for the host's turn, then downloads through
    the usual handler (the mirror-aware one, which delegates to HTTP/1.1 or Playwright)."""

    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        import asyncio

        self._asyncio = asyncio
        dist = crawl_config(crawler.settings).settings.distributed
        self.gate = HostGate(redis_from(dist.redis_url), dist.host_interval_seconds)
        self.stats = crawler.stats
        self.inner: Any = build_from_crawler(load_object(INNER_HANDLER), crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GatedDownloadHandler:
        return cls(crawler)

    async def download_request(self, request: Request) -> Response:
        host = urlsplit(request.url).hostname or ""
        while (wait := self.gate.try_send(host)) > 0:
            if self.stats:
                self.stats.inc_value("a6watch/distributed/gate_waits")
            await self._asyncio.sleep(wait)
        response: Response = await self.inner.download_request(request)
        return response

    async def close(self) -> None:
        await self.inner.close()
