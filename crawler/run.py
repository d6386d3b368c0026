"""Crawls of one or more sources in this process: ``python -m crawler.run [--results FILE] SOURCE [SOURCE …]``.

``a6watch crawl`` and the demo start one such process for all their sources (the Twisted reactor cannot
be restarted, so a process is needed, but one is enough): the sources are crawled one after the other in
one reactor, each by its own Scrapy crawler with its own settings, run record and lock, exactly as if
each had its own process, without paying for an interpreter and Scrapy's imports per source (each
crawler still has its own extraction workers, which start in a fraction of a second). The scheduler and
``a6watch worker`` start one process per source.

Exit status: 0 every crawl complete, 3 one was partial, 5 one was stopped at crawl_timeout_minutes,
2 configuration error, 4 one was already running
(the others still ran), 1 a crawl failed. ``--results FILE`` writes ``{source: status}`` as JSON.

Imports of Scrapy and the catalog stay inside the functions: the extraction workers are spawned
processes that import this module again, and must start in milliseconds."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from core.config import load_settings
from core.errors import A6WatchError
from core.settings import Settings
from core.sources import known_sources

if TYPE_CHECKING:
    from scrapy.crawler import CrawlerProcess

COMPLETE, FAILED, CONFIG_ERROR, PARTIAL, ALREADY_RUNNING, TIMED_OUT = 0, 1, 2, 3, 4, 5
MEANING = {COMPLETE: "complete", PARTIAL: "partial (see errors above; nothing was removed)",
           CONFIG_ERROR: "configuration error", ALREADY_RUNNING: "already running (not started again)",
           FAILED: "failed", TIMED_OUT: "stopped at crawl_timeout_minutes (not complete; nothing was removed)"}
USAGE = "usage: python -m crawler.run [--results FILE] SOURCE [SOURCE ...]   (sources: {})"


def run_status(reason: str, stats: dict[str, Any]) -> str:
    """complete only if the crawl finished with no error, no block and nothing skipped."""
    if reason != "finished":
        return "partial"
    troubles = ("a6watch/errors", "a6watch/fetch/blocked", "a6watch/fetch/skipped_backoff")
    return "partial" if any(stats.get(k, 0) for k in troubles) else "complete"


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
    from datetime import timedelta

    from sqlalchemy import select

    from core.clock import default_clock
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


MODES = ("regular", "deep", "session")


def crawl_mode() -> str:
    """``A6WATCH_CRAWL_MODE`` (set by ``a6watch crawl --deep/--session`` and the scheduler)."""
    mode = os.environ.get("A6WATCH_CRAWL_MODE") or "regular"
    if mode not in MODES:
        raise A6WatchError(f"A6WATCH_CRAWL_MODE: expected one of {', '.join(MODES)}, got {mode!r}")
    return mode


def session_urls(settings: Settings, source_id: str) -> tuple[str, ...]:
    """The pages of the meetings of the source's bodies that sit today: where a session poll starts."""
    from sqlalchemy import select

    from core.clock import default_clock
    from core.sources import SOURCES
    from storage.db import Catalog
    from storage.models import Meeting

    today = default_clock().now().date()
    catalog = Catalog(settings.database_url)
    try:
        with catalog.session() as s:
            urls = s.scalars(select(Meeting.url).where(
                Meeting.body.in_(SOURCES[source_id].bodies), Meeting.url.is_not(None),
                Meeting.start_date <= today, Meeting.status.in_(("tentative", "confirmed")),
                ((Meeting.end_date >= today) | (Meeting.end_date.is_(None) & (Meeting.start_date == today))))
                .order_by(Meeting.start_date)).all()
    finally:
        catalog.close()
    return tuple(dict.fromkeys(u for u in urls if u))


def _prepare() -> Settings:
    """Settings read, folders made, the catalog upgraded before any crawl starts; A6WatchError if not."""
    settings = load_settings()
    settings.ensure_dirs()
    from storage.db import Catalog

    Catalog(settings.database_url).close()  # upgrades the schema before the crawl starts
    if settings.browser.hosts and not Path(settings.browser.executable_path).exists():
        raise A6WatchError(f"browser.executable_path {settings.browser.executable_path} not found: install "
                           "Debian's chromium (apt-get install chromium) or empty browser.hosts")
    if settings.distributed.redis_url:
        from crawler.distributed import redis_from
        from storage.db import display_url

        try:
            redis_from(settings.distributed.redis_url).ping()
        except Exception as exc:  # noqa: BLE001 - any failure to reach Redis is a configuration error here
            raise A6WatchError(f"cannot reach Redis at {display_url(settings.distributed.redis_url)} "
                               f"(distributed.redis_url): {exc}") from exc
    return settings


def _nothing_to_join(settings: Settings, source_id: str) -> bool:
    """``a6watch worker`` joins crawls under way and never opens one."""
    if not settings.distributed.redis_url or os.environ.get("A6WATCH_JOIN_ONLY") != "1":
        return False
    from crawler.distributed import SharedCrawl, redis_from

    return not SharedCrawl(redis_from(settings.distributed.redis_url), source_id, 1, 1).is_open()


def _crawl_one(process: CrawlerProcess, settings: Settings, source_id: str, state: dict[str, bool]) -> Any:
    """A Deferred that fires with the source's exit status when its crawl has closed; never an error.
    ``state`` says whether the reactor is installed yet (by the first crawler) and whether a signal
    stopped a crawl (then no more are started)."""
    from twisted.internet import defer

    lock: TextIO | None = None
    try:
        if _nothing_to_join(settings, source_id):
            print(f"a6watch: no crawl of {source_id} under way; nothing to join", file=sys.stderr)
            return defer.succeed(COMPLETE)
        # A distributed crawl is shared by design: its workers coordinate through Redis, not a file lock.
        if not settings.distributed.redis_url:
            lock = acquire_lock(settings.data_dir, source_id)
            if lock is None:
                print(f"a6watch: a crawl of {source_id} is already running; not starting another", file=sys.stderr)
                return defer.succeed(ALREADY_RUNNING)
        return _start(process, settings, source_id, state, lock)
    except Exception as exc:  # noqa: BLE001 - whatever stops a crawl from starting is said in one line
        if lock is not None:
            lock.close()
        print(f"a6watch: the crawl of {source_id} could not start: {type(exc).__name__}: {exc}", file=sys.stderr)
        return defer.succeed(FAILED)


def _start(process: CrawlerProcess, settings: Settings, source_id: str, state: dict[str, bool],
           lock: TextIO | None) -> Any:
    from scrapy.crawler import Crawler

    from crawler.settings import scrapy_settings
    from crawler.spiders.base import spider_for

    mode = crawl_mode()
    urls = session_urls(settings, source_id) if mode == "session" else ()
    if mode == "session" and not urls:
        from twisted.internet import defer

        print(f"a6watch: no meeting of {source_id}'s bodies sits today: no session poll", file=sys.stderr)
        if lock is not None:
            lock.close()
        return defer.succeed(COMPLETE)
    # a session poll never spends the periodic full refresh: that is for a walk of the whole archive
    full = mode != "session" and full_refresh_due(settings, source_id)
    options = scrapy_settings(settings, source_id, full, mode, urls)
    crawler = Crawler(spider_for(source_id), options, init_reactor=not state["reactor"])
    state["reactor"] = True
    timed_out = []

    def time_is_up() -> None:
        # a crawl past crawl_timeout_minutes is closed like Ctrl-C would close it (its run partial), and
        # the next source is crawled: one endless site never holds up the others
        timed_out.append(True)
        print(f"a6watch: the crawl of {source_id} ran past crawl_timeout_minutes "
              f"({settings.crawl_timeout_minutes:g}); stopping it", file=sys.stderr)
        crawler.stop()

    def status(_: Any) -> int:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        if timed_out:
            return TIMED_OUT
        state["stopped"] = stats.get("finish_reason") == "shutdown"  # Ctrl-C or SIGTERM: no more crawls
        if stats.get("a6watch/write_errors"):  # the catalog or the files could not be written
            print(f"a6watch: the crawl of {source_id} failed: {stats['a6watch/write_errors']} write error(s) "
                  "(disk full? catalog read-only?); what it could not write is fetched again next time",
                  file=sys.stderr)
            return FAILED
        return COMPLETE if run_status(stats.get("finish_reason", ""), stats) == "complete" else PARTIAL

    def failed(failure: Any) -> int:
        print(f"a6watch: the crawl of {source_id} failed: {failure.getErrorMessage()}", file=sys.stderr)
        return FAILED

    crawling = process.crawl(crawler)  # the first crawler installs the reactor: only now may it be imported
    from twisted.internet import reactor

    timer: Any = reactor.callLater(settings.crawl_timeout_minutes * 60, time_is_up)  # type: ignore[attr-defined,arg-type]

    def done(result: Any) -> Any:
        if timer.active():
            timer.cancel()
        if lock is not None:
            lock.close()
        return result

    return crawling.addCallbacks(status, failed).addBoth(done)


def crawl_all(settings: Settings, sources: Sequence[str], progress: bool = False) -> dict[str, int]:
    """Crawl the sources one after the other in one reactor; {source: exit status}."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings as ScrapySettings
    from twisted.internet import defer

    from crawler.settings import scrapy_settings

    results: dict[str, int] = {}
    # The process's own settings (logging) at the lowest priority: Scrapy merges a runner's settings
    # into every crawler it runs, and each source's crawler must keep its own.
    process_settings = ScrapySettings()
    process_settings.setdict({k: v for k, v in scrapy_settings(settings, sources[0]).items() if k.startswith("LOG_")},
                             priority="default")
    process = CrawlerProcess(process_settings)
    state = {"reactor": False, "stopped": False}

    @defer.inlineCallbacks
    def one_after_another() -> Any:
        for source_id in sources:
            if state["stopped"]:
                break
            if progress:
                print(f"crawling {source_id} …", file=sys.stderr, flush=True)
            results[source_id] = yield _crawl_one(process, settings, source_id, state)
            if progress:
                print(f"{source_id}: {MEANING[results[source_id]]}", file=sys.stderr, flush=True)

    def stop(result: Any) -> Any:
        from twisted.internet import reactor

        if reactor.running:  # type: ignore[attr-defined]
            reactor.stop()  # type: ignore[attr-defined,misc]
        return result

    done = one_after_another()
    done.addBoth(stop)
    if not done.called:
        process.start(stop_after_crawl=False)
    return results


def exit_status(results: dict[str, int], sources: Sequence[str] = ()) -> int:
    """The process's exit status: the worst of its sources' (a source never reported: failed)."""
    codes = set(results.values()) | ({FAILED} if set(sources) - set(results) else set())
    for code in (FAILED, CONFIG_ERROR, TIMED_OUT, PARTIAL, ALREADY_RUNNING):
        if code in codes:
            return code
    return COMPLETE


def main(argv: list[str]) -> int:
    results_file = None
    if argv[:1] == ["--results"] and len(argv) >= 2:
        results_file, argv = Path(argv[1]), argv[2:]
    progress = os.environ.get("A6WATCH_CRAWL_PROGRESS") == "1"
    if not argv or len(set(argv)) != len(argv):
        print(USAGE.format(", ".join(known_sources())), file=sys.stderr)
        return CONFIG_ERROR
    try:
        settings = _prepare()  # reads the configuration: its watch sources are known from here on
        if unknown := [source for source in argv if source not in known_sources()]:
            raise A6WatchError(f"unknown source {unknown[0]!r}; known: {', '.join(known_sources())}")
    except A6WatchError as exc:
        print(f"a6watch: {exc}", file=sys.stderr)
        results = dict.fromkeys(argv, CONFIG_ERROR)
    else:
        results = crawl_all(settings, argv, progress)
    if results_file is not None:
        results_file.write_text(json.dumps(results))
    return exit_status(results, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
