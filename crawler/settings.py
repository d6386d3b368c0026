"""Scrapy settings built from the a6watch configuration: polite, safe, and mirror-aware."""

from __future__ import annotations

import os
from typing import Any

from a6watch.config import Settings
from a6watch.sources import SOURCES


def scrapy_settings(settings: Settings, source_id: str, full_refresh: bool = False) -> dict[str, Any]:
    pol = settings.politeness
    mirror = bool(settings.mirror_url)
    hosts = sorted({h for spec in SOURCES.values() for h in spec.hosts})
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
        "A6WATCH_ALLOWED_HOSTS": hosts,
        "A6WATCH_MIRROR_URL": settings.mirror_url,
        "A6WATCH_DATA_DIR": str(settings.data_dir),
        "A6WATCH_DATABASE_URL": settings.database_url,
        "A6WATCH_LANGUAGES": list(settings.languages),
        "A6WATCH_START_URLS": list(settings.start_urls.get(source_id, ())),
        "A6WATCH_BLOCK_THRESHOLD": pol.block_threshold,
        "A6WATCH_BLOCK_BACKOFF_MINUTES": pol.block_backoff_minutes,
        "A6WATCH_RETRY_BASE_DELAY": 0.0 if mirror else 2.0,
        "A6WATCH_EXTRACT_CPU_SECONDS": settings.extraction.cpu_seconds,
        "A6WATCH_EXTRACT_MEMORY_MB": settings.extraction.memory_mb,
        "A6WATCH_EXTRACT_WALL_SECONDS": settings.extraction.wall_seconds,
        "A6WATCH_EXTRACT_MAX_PAGES": settings.extraction.max_pages,
        "A6WATCH_EXTRACT_WORKERS": settings.extraction.workers,
        "A6WATCH_BROWSER_HOSTS": list(settings.browser.hosts),
        "A6WATCH_PROGRESS": True,
        "A6WATCH_FULL_REFRESH": full_refresh,
        "A6WATCH_EVIDENCE": settings.evidence.enabled,
        "A6WATCH_EVIDENCE_KEEP_DAYS": settings.evidence.keep_days,
        "A6WATCH_WATCHLISTS": {name: list(terms) for name, terms in settings.watchlists.items()},
    }
    dist = settings.distributed
    if dist.redis_url:
        from crawler.distributed import make_distributed

        make_distributed(out, dist.redis_url, dist.host_interval_seconds, dist.heartbeat_seconds,
                         dist.join_timeout_seconds, source_id)
        out["A6WATCH_JOIN_ONLY"] = os.environ.get("A6WATCH_JOIN_ONLY") == "1"  # set by a6watch worker
    if settings.browser.hosts:
        out["A6WATCH_INNER_HANDLER"] = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
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
