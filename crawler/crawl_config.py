"""What a6watch's own parts of a crawl read (spider, middlewares, download handlers, pipelines): the
typed configuration (``core.config.Settings``, validated once when it was loaded) and the facts of this
crawl, handed to Scrapy as one setting, ``A6WATCH``, rather than flattened into many keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.errors import ConfigError
from core.settings import Settings
from core.sources import SOURCES, host_variants

SETTING = "A6WATCH"
PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"


@dataclass(frozen=True)
class CrawlConfig:
    settings: Settings
    source_id: str = ""
    full_refresh: bool = False  # ignore stored validators: fetch everything
    progress: bool = True  # one line per run on stderr
    join_only: bool = False  # a worker that may only join an open shared crawl (a6watch worker)
    # "regular": what changed; "deep": the whole archive; "session": only the in-session pages of the
    # meetings sitting now, from their own pages (``session_urls``)
    mode: str = "regular"
    session_urls: tuple[str, ...] = ()

    def __repr__(self) -> str:  # Scrapy logs its settings; the configuration holds secrets
        return f"CrawlConfig(source_id={self.source_id!r}, mode={self.mode!r}, full_refresh={self.full_refresh})"

    @property
    def mirrored(self) -> bool:
        return bool(self.settings.mirror_url)

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """The hosts of every known source, with and without ``www.``: the only ones a crawl may fetch from."""
        return frozenset(v for spec in SOURCES.values() for h in spec.hosts for v in host_variants(h))

    @property
    def start_urls(self) -> tuple[str, ...]:
        """Where the crawl starts: the sitting meetings' pages in a session poll; else the configured
        start URLs (empty: the registry's)."""
        if self.mode == "session":
            return self.session_urls
        return tuple(self.settings.start_urls.get(self.source_id, ()))

    def follows(self, kind: str | None) -> bool:
        """Whether a link to a page of ``kind`` is followed: in a session poll, only in-session pages."""
        return self.mode != "session" or kind in SOURCES[self.source_id].session_kinds

    @property
    def retry_base_delay(self) -> float:
        """The first retry's delay in seconds (none against the local mirror)."""
        return 0.0 if self.mirrored else 2.0

    @property
    def inner_handler(self) -> str | None:
        """The download handler behind the mirror: Playwright when some hosts need a browser."""
        return PLAYWRIGHT_HANDLER if self.settings.browser.hosts else None


def crawl_config(settings: Any) -> CrawlConfig:
    """The crawl's configuration from Scrapy's settings; a clear error when the crawl was not set up by
    ``crawler.settings.scrapy_settings`` (so no part ever runs on guessed defaults)."""
    value = settings.get(SETTING)
    if not isinstance(value, CrawlConfig):
        raise ConfigError(f"this crawl has no {SETTING} setting: start it with crawler.settings.scrapy_settings")
    return value
