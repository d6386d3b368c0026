"""Downloader middlewares: safety (allow-list), the mirror, the bot wall and retry back-off."""

from __future__ import annotations

import asyncio
import ipaddress
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from core.clock import default_clock
from core.sniff import BLOCKED, classify
from crawler.crawl_config import crawl_config
from crawler.politeness import HostBackoff, retry_delay
from crawler.sources import host_of


def is_private_host(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_unspecified


class SafetyMiddleware:
    """Only http(s) URLs of configured source hosts; never private or loopback addresses (the mirror,
    applied later, is the one exception and never appears in a canonical URL)."""

    def __init__(self, crawler: Crawler) -> None:
        self.allowed = crawl_config(crawler.settings).allowed_hosts
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SafetyMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        reason = None
        if parts.scheme not in ("http", "https"):
            reason = f"scheme {parts.scheme!r} refused"
        elif is_private_host(host):
            reason = f"private or loopback address {host!r} refused"
        elif not any(host == h or host.endswith("." + h) for h in self.allowed):
            reason = f"host {host!r} is not a configured source host"
        if reason:
            assert self.stats is not None
            request.meta["a6watch_counted"] = True
            self.stats.inc_value("a6watch/fetch/refused")
            self.stats.inc_value("a6watch/errors")
            raise IgnoreRequest(f"{request.url}: {reason}")


class BlockWallMiddleware:
    """Classifies every response. A block (Incapsula) never reaches a parser or the catalog; it is
    counted, and repeated blocks back off from the host for minutes.

    In a distributed crawl a block is usually this worker's address, not the site's verdict on the
    crawl: the request goes back to the shared queue for another worker (counted as
    ``a6watch/distributed/handed_over``, not as trouble), and a worker that backs off stops taking
    work for the back-off period while another live worker is not blocked. Only when no other worker
    can take a request does a block count as one (and the run is partial)."""

    def __init__(self, crawler: Crawler) -> None:
        from crawler.distributed import SharedCrawl

        politeness = crawl_config(crawler.settings).settings.politeness
        self.crawler = crawler
        self.stats = crawler.stats
        self.backoff_seconds = politeness.block_backoff_minutes * 60
        self.backoff = HostBackoff(default_clock(), politeness.block_threshold, politeness.block_backoff_minutes)
        self.shared = SharedCrawl.of(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BlockWallMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = host_of(request.url)
        if self.backoff.backed_off(host):
            assert self.stats is not None
            request.meta["a6watch_counted"] = True
            if await self._hand_over(request):
                raise IgnoreRequest(f"{host} is backed off here; handed to another worker")
            self.stats.inc_value("a6watch/fetch/skipped_backoff")
            raise IgnoreRequest(f"{host} is backed off after repeated blocks")

    async def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        verdict = classify(response.status, response.body)
        host = host_of(response.url)
        assert self.stats is not None
        self.stats.inc_value("a6watch/body_bytes", len(response.body))
        if verdict.outcome == BLOCKED:
            request.meta["a6watch_counted"] = True
            if self.backoff.record_block(host):
                self.stats.inc_value("a6watch/fetch/backoffs")
                if self.shared is not None:  # this worker stops taking work while another one can
                    self.shared.set_blocked(self.backoff_seconds)
            if await self._hand_over(request):
                self.stats.inc_value("a6watch/fetch/blocked_handed_over")
                raise IgnoreRequest(f"blocked by the bot wall here; handed to another worker: {response.url}")
            self.stats.inc_value("a6watch/fetch/blocked")
            raise IgnoreRequest(f"blocked by the bot wall: {response.url}")
        self.backoff.record_success(host)
        return response

    async def _hand_over(self, request: Request) -> bool:
        """Put the request back in the shared queue when another live worker is not blocked."""
        if self.shared is None or self.crawler.engine is None or not self.shared.can_take_over():
            return False
        meta = {k: v for k, v in request.meta.items() if not k.startswith(("download_", "a6watch_counted"))}
        self.crawler.engine.crawl(request.replace(dont_filter=True, meta=meta))
        assert self.stats is not None
        self.stats.inc_value("a6watch/distributed/handed_over")
        return True


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (timeouts, 5xx, 429) with an exponential pause before each retry."""

    base_delay: float = 2.0

    def _retry(self, request: Request, reason: Any) -> Request | None:
        new = super()._retry(request, reason)
        if new is not None:
            attempt = int(new.meta.get("retry_times", 1))
            new.meta["a6watch_retry_delay"] = retry_delay(attempt, self.base_delay, 120.0,
                                                          new.meta.pop("a6watch_retry_after", None))
        return new

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Any:
        after = response.headers.get(b"Retry-After")
        if after:
            request.meta["a6watch_retry_after"] = after.decode("latin-1")
        return super().process_response(request, response)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        mw = super().from_crawler(crawler)
        mw.base_delay = crawl_config(crawler.settings).retry_base_delay
        return mw


class RetryDelayMiddleware:
    """Waits the delay that BackoffRetryMiddleware set on a retried request."""

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        delay = request.meta.pop("a6watch_retry_delay", 0)
        if delay:
            await asyncio.sleep(delay)


class LoopSafeRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, except that the redirected request bypasses the duplicate filter: a redirect
    back to a page already requested (a loop) is then cut at REDIRECT_MAX_TIMES and reported as an
    error, instead of being dropped silently as a duplicate while the page goes unseen."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Any:
        result = super().process_response(request, response)
        if isinstance(result, Request) and result is not request:
            return result.replace(dont_filter=True)
        return result
