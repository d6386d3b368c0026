"""One crawl of one source, in this process: ``python -m crawler.run SOURCE``.

``a6watch crawl`` starts this in a subprocess per source, because the Twisted reactor cannot be
restarted in one process. Exit status: 0 complete, 3 partial, 2 configuration error, 4 already running."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from scrapy.crawler import CrawlerProcess

from a6watch.config import KNOWN_SOURCES, Settings, load_settings
from a6watch.errors import A6WatchError
from crawler.settings import scrapy_settings
from crawler.spiders.base import spider_for

SPIDERS = {source: spider_for(source) for source in KNOWN_SOURCES}


def acquire_lock(data_dir: Path, source_id: str) -> TextIO | None:
    """One crawl of a source at a time, whoever starts it (scheduler, CLI): an advisory file lock that
    the operating system releases if the process dies, so a killed crawl never blocks the next one."""
    import fcntl

    (data_dir / "locks").mkdir(parents=True, exist_ok=True)
    handle = (data_dir / "locks" / f"{source_id}.lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def full_refresh_due(settings: Settings, source_id: str) -> bool:
    """A full refresh (validators ignored) when asked for, or when the last one is older than the period."""
    import os
    from datetime import timedelta

    from sqlalchemy import select

    from a6watch.clock import default_clock
    from storage.db import Catalog
    from storage.models import CrawlRun

    if os.environ.get("A6WATCH_FULL_REFRESH") == "1":
        return True
    if settings.full_refresh_days <= 0:
        return False
    catalog = Catalog(settings.database_url)
    try:
        with catalog.session() as s:
            runs = s.execute(select(CrawlRun.started_at, CrawlRun.stats).where(CrawlRun.source_id == source_id)
                             .order_by(CrawlRun.id.desc())).all()
    finally:
        catalog.close()
    if not runs:
        return False  # the first run fetches everything anyway
    last_full = next((started for started, stats in runs if (stats or {}).get("a6watch/full_refresh")), None)
    since = last_full or runs[-1][0]
    return default_clock().now() - since >= timedelta(days=settings.full_refresh_days)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in SPIDERS:
        print(f"usage: python -m crawler.run {{{','.join(SPIDERS)}}}", file=sys.stderr)
        return 2
    source_id = argv[0]
    try:
        settings = load_settings()
        settings.ensure_dirs()
        from storage.db import Catalog

        Catalog(settings.database_url).close()  # upgrades the schema before the crawl starts
        if settings.browser.hosts and not Path(settings.browser.executable_path).exists():
            raise A6WatchError(f"browser.executable_path {settings.browser.executable_path} not found: install "
                               "Debian's chromium (apt-get install chromium) or empty browser.hosts")
    except A6WatchError as exc:
        print(f"a6watch: {exc}", file=sys.stderr)
        return 2
    if settings.distributed.redis_url:
        from crawler.distributed import SharedCrawl, redis_from
        from storage.db import display_url

        server = redis_from(settings.distributed.redis_url)
        try:
            server.ping()
        except Exception as exc:  # noqa: BLE001 - any failure to reach Redis is a configuration error here
            print(f"a6watch: cannot reach Redis at {display_url(settings.distributed.redis_url)} "
                  f"(distributed.redis_url): {exc}", file=sys.stderr)
            return 2
        if os.environ.get("A6WATCH_JOIN_ONLY") == "1" and not SharedCrawl(server, source_id, 1, 1).is_open():
            print(f"a6watch: no crawl of {source_id} under way; nothing to join", file=sys.stderr)
            return 0
    # A distributed crawl is shared by design: its workers coordinate through Redis, not a file lock.
    lock = acquire_lock(settings.data_dir, source_id) if not settings.distributed.redis_url else True
    if lock is None:
        print(f"a6watch: a crawl of {source_id} is already running; not starting another", file=sys.stderr)
        return 4
    process = CrawlerProcess(scrapy_settings(settings, source_id, full_refresh_due(settings, source_id)))
    crawler = process.create_crawler(SPIDERS[source_id])
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    from pipelines.record import run_status

    return 0 if run_status(stats.get("finish_reason", ""), stats) == "complete" else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
