"""Scrapy settings built from the a6watch configuration: polite, safe, and mirror-aware."""

from __future__ import annotations

import os
from typing import Any

from core.settings import Settings
from crawler.crawl_config import SETTING, CrawlConfig


def scrapy_settings(settings: Settings, source_id: str, full_refresh: bool = False, mode: str = "regular",
                    session_urls: tuple[str, ...] = ()) -> dict[str, Any]:
    pol = settings.politeness
    mirror = bool(settings.mirror_url)
    out: dict[str, Any] = {
        "BOT_NAME": "a6watch",
        "USER_AGENT": pol.user_agent,
        "ROBOTSTXT_OBEY": True,
        # Politeness is judged on the canonical host; the local mirror has a near-zero profile.
        "DOWNLOAD_DELAY": 0.0 if mirror else pol.download_delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": pol.concurrent_per_host,
        "CONCURRENT_REQUESTS": 8,
        "AUTOTHROTTLE_ENABLED": pol.autothrottle and not mirror,
        "AUTOTHROTTLE_START_DELAY": max(pol.download_delay, 1.0),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "RETRY_TIMES": pol.retries,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "DOWNLOAD_TIMEOUT": pol.timeout_seconds,
        "DOWNLOAD_MAXSIZE": 200 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 50 * 1024 * 1024,
        "REDIRECT_MAX_TIMES": 5,
        # Control surfaces off; no local file, s3, ftp or data: handler.
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "DOWNLOAD_HANDLERS": {"file": None, "s3": None, "ftp": None, "data": None,
                              "http": "crawler.mirror.MirrorDownloadHandler",
                              "https": "crawler.mirror.MirrorDownloadHandler"},
        "COOKIES_ENABLED": True,
        "HTTPCACHE_ENABLED": False,
        "LOG_LEVEL": os.environ.get("A6WATCH_LOG_LEVEL", "WARNING"),
        "LOG_INSTALL_ROOT_HANDLER": True,
        "DOWNLOAD_DELAY_JITTER": 0.0 if mirror else 0.5,
        "DOWNLOADER_MIDDLEWARES": {
            "crawler.middlewares.SafetyMiddleware": 40,
            "crawler.conditional.ConditionalRequestMiddleware": 520,
            "crawler.middlewares.RetryDelayMiddleware": 540,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.middlewares.BackoffRetryMiddleware": 550,
            "crawler.middlewares.BlockWallMiddleware": 560,
            "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
            "crawler.middlewares.LoopSafeRedirectMiddleware": 600,
            "crawler.evidence.EvidenceMiddleware": 950,  # next to the downloader: responses as received
        },
        "ITEM_PIPELINES": {
            "pipelines.normalise.NormalisePipeline": 100,
            "pipelines.store_file.StoreFilePipeline": 300,
            "pipelines.extract_stage.ExtractPipeline": 400,
            "pipelines.record.RecordPipeline": 900,
        },
        SETTING: CrawlConfig(settings, source_id, full_refresh=full_refresh,
                             join_only=os.environ.get("A6WATCH_JOIN_ONLY") == "1",  # set by a6watch worker
                             mode=mode, session_urls=session_urls),
    }
    dist = settings.distributed
    if dist.redis_url:
        make_distributed(out, dist.redis_url, source_id)
    if settings.browser.hosts:
        out["PLAYWRIGHT_BROWSER_TYPE"] = "chromium"
        out["PLAYWRIGHT_LAUNCH_OPTIONS"] = {
            "executable_path": settings.browser.executable_path,
            "headless": True,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        }
        out["PLAYWRIGHT_MAX_PAGES_PER_CONTEXT"] = 4
        out["PLAYWRIGHT_ABORT_REQUEST"] = None
    return out


def distributed_settings(redis_url: str, source_id: str) -> dict[str, Any]:
    """The Scrapy settings that turn a crawl into one worker of a shared crawl."""
    prefix = f"a6watch:{source_id}:"
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.distributed.ReliableQueue",
        "SCHEDULER_QUEUE_KEY": prefix + "requests",
        "SCHEDULER_DUPEFILTER_KEY": prefix + "dupefilter",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # a worker that leaves must not flush the others' queue; the last one clears
        "DOWNLOAD_DELAY": 0.0,  # the shared gate spaces requests per host; a local delay would add to it
        "AUTOTHROTTLE_ENABLED": False,
    }


def make_distributed(out: dict[str, Any], redis_url: str, source_id: str) -> None:
    """Turn the Scrapy settings of a crawl into those of one worker of a shared crawl (in place)."""
    out.update(distributed_settings(redis_url, source_id))
    out["DOWNLOAD_HANDLERS"] = {**out["DOWNLOAD_HANDLERS"], "http": "crawler.distributed.GatedDownloadHandler",
                                "https": "crawler.distributed.GatedDownloadHandler"}
    out["DOWNLOADER_MIDDLEWARES"] = {**out["DOWNLOADER_MIDDLEWARES"], "crawler.distributed.AckMiddleware": 10}
    out["SPIDER_MIDDLEWARES"] = {**out.get("SPIDER_MIDDLEWARES", {}), "crawler.distributed.AckMiddleware": 1}
    out["EXTENSIONS"] = {**out.get("EXTENSIONS", {}), "crawler.distributed.DistributedCrawlExtension": 100}
