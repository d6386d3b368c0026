"""The configuration's schema: typed, frozen values, one class per TOML table.

Read from ``a6watch.toml`` and ``A6WATCH_*`` variables by ``core.config.load_settings``, which
validates every value and names the key in its errors. Every key is documented in
``a6watch.example.toml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from core.sources import known_sources
from core.watch import DEFAULT_WATCHLISTS
from core.watch_sources import WatchSource

UN_LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")


@dataclass(frozen=True)
class Politeness:
    download_delay: float = 2.0
    concurrent_per_host: int = 1
    autothrottle: bool = True
    retries: int = 3
    timeout_seconds: float = 60.0
    user_agent: str = (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0 Safari/537.36 a6watch/0.1"
    )
    block_threshold: int = 3
    block_backoff_minutes: float = 10.0


@dataclass(frozen=True)
class Extraction:
    cpu_seconds: int = 60
    memory_mb: int = 1024
    wall_seconds: float = 120.0
    max_pages: int = 3000
    workers: int = 2  # long-lived extraction processes during a crawl


@dataclass(frozen=True)
class Browser:
    hosts: tuple[str, ...] = ()
    executable_path: str = "/usr/bin/chromium"


@dataclass(frozen=True)
class Walk:
    """How far a regular crawl reads a paged listing (newest first): always its first ``first_pages``
    pages; past them, it stops after ``stop_after_known`` rows in a row that are known and unchanged.
    A deep crawl (``a6watch crawl --deep``, and the full refresh) reads the whole archive."""

    first_pages: int = 2
    stop_after_known: int = 40


@dataclass(frozen=True)
class Evidence:
    """Every response of every crawl kept in WARC files under <data_dir>/evidence (a6watch evidence)."""

    enabled: bool = True
    keep_days: float = 400.0  # files of crawls older than this are deleted; 0 keeps everything


@dataclass(frozen=True)
class Distributed:
    """Several crawler processes share one crawl through Redis (scrapy-redis queue and dupefilter)."""

    redis_url: str = ""  # empty: each crawl runs in one process
    host_interval_seconds: float = -1.0  # between two requests to one host, across all workers; -1: download_delay
    heartbeat_seconds: float = 10.0  # a worker silent this long is dead; its requests go back to the queue
    join_timeout_seconds: float = 60.0  # how long a worker waits to join the crawl it was started for


@dataclass(frozen=True)
class Cadence:
    """How often each source is crawled: daily, more often when a meeting of its bodies is near."""

    default_hours: float = 24.0
    approach_days: int = 14
    approach_hours: float = 3.0
    sitting_hours: float = 1.0
    tick_seconds: float = 60.0
    in_session_minutes: float = 15.0  # while a body meets: its in-session pages, polled (the archive is not)


@dataclass(frozen=True)
class Health:
    min_ratio: float = 0.5  # fewer items than this share of the recent median is an alert
    history: int = 5  # how many recent complete runs make the median
    blocked_threshold: int = 3  # blocked responses in one run
    max_age_hours: float = 48.0  # no successful run for longer than this is an alert


@dataclass(frozen=True)
class Notify:
    digest: str = "run"  # "run": after each run with changes; "daily": once a day at daily_at
    daily_at: str = "08:00"  # in the configured time zone
    email_host: str = ""
    email_port: int = 587
    email_tls: str = "starttls"  # starttls, ssl, none
    email_username: str = ""
    email_password: str = ""  # better: A6WATCH_SMTP_PASSWORD
    email_from: str = "a6watch@localhost"
    email_to: tuple[str, ...] = ()
    webhook_url: str = ""  # better: A6WATCH_WEBHOOK_URL
    webhook_format: str = "json"  # json, slack, teams
    max_attempts: int = 8


@dataclass(frozen=True)
class Report:
    """The next-morning report while a meeting of a followed body sits (``a6watch report``)."""

    hour: int = 8  # local hour at the meeting's venue from which the day's report is written
    languages: tuple[str, ...] = ("en",)  # en, ja: one report a language
    email: bool = True  # also queue it in the outbox when notify.email is set


@dataclass(frozen=True)
class ExpectedDocument:
    """A document usually out by ``days_before`` a meeting of ``body``: matched by role or type."""

    body: str  # SBM, EB, SBSTA, SBI, …
    label: str  # e.g. "annotated agenda"
    days_before: int
    role: str | None = None  # agenda, annotated_agenda, report …
    doc_type: str | None = None  # e.g. "Agendas and annotations"


DEFAULT_EXPECTED = (
    ExpectedDocument("SBM", "annotated agenda and its annexes", 28, role="annotated_agenda"),
    ExpectedDocument("EB", "annotations to the agenda", 14, role="annotated_agenda"),
    ExpectedDocument("SBSTA", "provisional agenda and annotations", 42, doc_type="Agendas and annotations"),
    ExpectedDocument("SBI", "provisional agenda and annotations", 42, doc_type="Agendas and annotations"),
)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    sources: tuple[str, ...] = field(default_factory=known_sources)  # every source: core/sources.py
    languages: tuple[str, ...] = ("en",)
    timezone: str = "UTC"
    mirror_url: str = ""
    public_base_url: str = "http://127.0.0.1:8765/"
    start_urls: dict[str, tuple[str, ...]] = field(default_factory=dict)
    politeness: Politeness = Politeness()
    extraction: Extraction = Extraction()
    browser: Browser = Browser()
    watchlists: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_WATCHLISTS))
    countdown_days: tuple[int, ...] = (28, 14, 7, 1)
    expected: tuple[ExpectedDocument, ...] = DEFAULT_EXPECTED
    serve_host: str = "127.0.0.1"
    serve_port: int = 8765
    retention_superseded_days: float = 0.0  # 0 = keep every old file version forever
    full_refresh_days: float = 7.0  # every so often, ignore validators and fetch everything
    crawl_timeout_minutes: float = 180.0  # a crawl of one source still running after this is stopped
    cadence: Cadence = Cadence()
    health: Health = Health()
    notify: Notify = Notify()
    report: Report = Report()
    distributed: Distributed = Distributed()
    evidence: Evidence = Evidence()
    walk: Walk = Walk()
    watch_sources: tuple[WatchSource, ...] = ()  # the configuration's own (core/watch_sources.py)

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def feeds_dir(self) -> Path:
        return self.data_dir / "feeds"

    def ensure_dirs(self) -> None:
        for path in (self.data_dir, self.files_dir, self.feeds_dir):
            path.mkdir(parents=True, exist_ok=True)

    def secrets(self) -> list[str]:
        """Every secret string of the configuration, longest first, to be masked wherever text leaves
        a6watch (logs, stored errors): the SMTP password, the webhook URL and its path and query (a
        Slack or Teams URL is itself the credential), and the passwords in the database and Redis URLs."""
        found = {self.notify.email_password}
        if self.notify.webhook_url:
            hook = urlsplit(self.notify.webhook_url)
            found |= {self.notify.webhook_url, hook.path + (f"?{hook.query}" if hook.query else ""), hook.query}
            # the parts of its path that look like tokens (not words such as "services" or "webhooks")
            found |= {part for part in hook.path.split("/")
                      if len(part) >= 16 or (len(part) >= 6 and any(c.isdigit() for c in part))}
        for url in (self.database_url, self.distributed.redis_url):
            password = urlsplit(url).password if "://" in url else None
            found.add(password or "")
        return sorted((s for s in found if s and len(s) >= 4 and s != "/"), key=len, reverse=True)
