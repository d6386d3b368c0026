"""One crawl of one source, in this process: ``python -m crawler.run SOURCE``.

``a6watch crawl`` starts this in a subprocess per source, because the Twisted reactor cannot be
restarted in one process. Exit status: 0 complete, 3 partial, 2 configuration error."""

from __future__ import annotations

import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess

from a6watch.config import KNOWN_SOURCES, load_settings
from a6watch.errors import A6WatchError
from crawler.settings import scrapy_settings
from crawler.spiders.base import spider_for

SPIDERS = {source: spider_for(source) for source in KNOWN_SOURCES}


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
    process = CrawlerProcess(scrapy_settings(settings, source_id))
    crawler = process.create_crawler(SPIDERS[source_id])
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    from pipelines.record import run_status

    return 0 if run_status(stats.get("finish_reason", ""), stats) == "complete" else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
