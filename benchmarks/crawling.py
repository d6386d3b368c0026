"""Crawl benchmarks: full crawl and unchanged re-crawl, one cycle beside urlwatch, SQLite / PostgreSQL / two workers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import WORK, FailedRun, crawl_once, plain_fetch, require_complete, save


def bench_crawl(docs: int, port: int = 18090, first_only: bool = False) -> None:
    from benchmarks.site import Nginx, edit_in_place, generate

    site, urls = generate(WORK / f"site-{docs}", docs)
    data_dir = Path(tempfile.mkdtemp(prefix=f"crawl-{docs}-", dir=WORK))
    with Nginx(site, WORK / f"nginx-{docs}", port) as nginx:
        baseline = plain_fetch(nginx.url, urls)
        first = require_complete(crawl_once(data_dir, nginx.url), docs)
        if first_only:
            shutil.rmtree(data_dir, ignore_errors=True)
            save(f"crawl-{docs}", {"documents": docs, "urls": len(urls), "plain_fetch_s": round(baseline, 2),
                                   "first_crawl": first, "docs_per_s": round(docs / first["wall_s"], 1),
                                   "crawl_vs_plain_fetch": round(first["wall_s"] / baseline, 2)})
            return
        again = require_complete(crawl_once(data_dir, nginx.url), docs)
        edited = edit_in_place(site, urls, 10)
        cheap = require_complete(crawl_once(data_dir, nginx.url), docs)
        full = require_complete(crawl_once(data_dir, nginx.url, full=True), docs)
    shutil.rmtree(data_dir, ignore_errors=True)
    save(f"crawl-{docs}", {
        "documents": docs, "urls": len(urls), "plain_fetch_s": round(baseline, 2), "first_crawl": first,
        "docs_per_s": round(docs / first["wall_s"], 1), "crawl_vs_plain_fetch": round(first["wall_s"] / baseline, 2),
        "recrawl_unchanged": again,
        "recrawl_body_bytes_fraction": round(again["body_bytes"] / max(first["body_bytes"], 1), 4),
        "recrawl_wire_bytes_fraction": round(again["wire_bytes"] / max(first["wire_bytes"], 1), 4),
        "edited_in_place": len(edited), "after_edits_conditional_run": cheap, "after_edits_full_refresh": full,
    })


def bench_archive(docs: int, new: int = 20, revised: int = 5, port: int = 18094) -> None:
    """A long archive that grows by ``new`` documents and ``revised`` revisions: what a regular cycle
    fetches (it should be about new + revised + the first listing pages) and finds, and what a deep
    walk of the same change fetches and finds."""
    from sqlalchemy import text

    from benchmarks.site import Nginx, generate, publish
    from storage.db import make_engine

    site, urls = generate(WORK / f"site-{docs}", docs)
    data_dir = Path(tempfile.mkdtemp(prefix=f"archive-{docs}-", dir=WORK))
    deep_dir = Path(tempfile.mkdtemp(prefix=f"archive-deep-{docs}-", dir=WORK))
    work = Path(tempfile.mkdtemp(prefix="archive-site-", dir=WORK))
    work.chmod(0o755)  # nginx's workers must read it (mkdtemp makes it private)
    shutil.copytree(site, work / "site")
    site = work / "site"

    def found(directory: Path, symbols: list[str]) -> int:
        engine = make_engine(f"sqlite:///{directory / 'catalog.db'}")
        with engine.connect() as con:
            seen = set(con.execute(text("SELECT subject FROM change WHERE kind IN ('document.new', "
                                        "'document.revised')")).scalars())
        engine.dispose()
        return sum(1 for s in symbols if s in seen)

    with Nginx(site, WORK / f"nginx-archive-{docs}", port) as nginx:
        first = require_complete(crawl_once(data_dir, nginx.url), docs)
        shutil.rmtree(deep_dir)
        shutil.copytree(data_dir, deep_dir)
        published = publish(site, docs, new, revised)
        regular = require_complete(crawl_once(data_dir, nginx.url), docs + len(published))
        deep = require_complete(crawl_once(deep_dir, nginx.url, extra_env={"A6WATCH_CRAWL_MODE": "deep"}),
                                docs + len(published))
        found_regular, found_deep = found(data_dir, published), found(deep_dir, published)
    for directory in (data_dir, deep_dir, work):
        shutil.rmtree(directory, ignore_errors=True)
    if found_regular < len(published) or found_deep < len(published):
        raise FailedRun(f"no figure reported: a cycle missed documents (regular found {found_regular}, deep "
                        f"{found_deep} of {len(published)})")
    save(f"archive-{docs}", {
        "documents": docs, "published": len(published), "first_crawl_requests": first["requests"],
        "regular_cycle": regular, "regular_requests": regular["requests"], "regular_found": found_regular,
        "deep_walk": deep, "deep_requests": deep["requests"], "deep_found": found_deep,
        "regular_vs_deep_requests": round(regular["requests"] / max(deep["requests"], 1), 4),
    })


def bench_first_alert() -> None:
    """From a new in-meeting iteration on the site to its feed entry while the meeting sits: the
    session poll (meeting page, in-meeting page, the new file) and the outputs rebuilt, timed; the time
    to the first alert is at most the session cadence plus that."""
    import feedparser

    from core.settings import Cadence
    from sample_site.build import build_site
    from sample_site.server import SampleServer

    data_dir = Path(tempfile.mkdtemp(prefix="first-alert-", dir=WORK))
    env = {**os.environ, "A6WATCH_DATA_DIR": str(data_dir), "A6WATCH_CONFIG": str(data_dir / "none.toml"),
           "A6WATCH_DATABASE_URL": f"sqlite:///{data_dir / 'catalog.db'}", "A6WATCH_LANGUAGES": "en"}
    command = [sys.executable, "-m", "a6watch.cli", "crawl", "a64_sbm"]
    with SampleServer(build_site(1)) as server:
        env["A6WATCH_MIRROR_URL"] = server.url
        subprocess.run(command, env={**env, "A6WATCH_NOW": "2026-05-20T08:00:00Z"}, cwd=WORK, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server.set_site(build_site(2))  # among its changes: a new iteration of SBM 021's in-meeting document
        started = time.perf_counter()
        subprocess.run([*command, "--session"], env={**env, "A6WATCH_NOW": "2026-05-21T13:00:00Z"}, cwd=WORK,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        poll = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run(command, env={**env, "A6WATCH_NOW": "2026-05-21T14:00:00Z"}, cwd=WORK, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        regular = time.perf_counter() - started
    feed = feedparser.parse(data_dir / "feeds" / "all.atom")
    found = [e.title for e in feed.entries if "In-meeting document on the mechanism registry" in e.summary]
    shutil.rmtree(data_dir, ignore_errors=True)
    if not found:
        raise FailedRun("no figure reported: the session poll did not bring the new iteration to the feed")
    cadence = Cadence()
    save("first-alert", {
        "session_poll_and_outputs_s": round(poll, 2), "regular_crawl_and_outputs_s": round(regular, 2),
        "in_session_minutes": cadence.in_session_minutes, "sitting_hours": cadence.sitting_hours,
        "first_alert_worst_case_min": round(cadence.in_session_minutes + poll / 60, 2),
        "without_session_polls_worst_case_min": round(cadence.sitting_hours * 60 + regular / 60, 2),
        "entry": found[0],
    })


def bench_urlwatch(docs: int, port: int = 18091) -> None:
    from benchmarks.site import Nginx, generate

    site, urls = generate(WORK / f"site-{docs}", docs)
    pages = [u for u in urls if not u.endswith(".pdf")] + [u for u in urls if u.endswith(".pdf")]
    work = Path(tempfile.mkdtemp(prefix="urlwatch-", dir=WORK))
    with Nginx(site, WORK / f"nginx-uw-{docs}", port) as nginx:
        jobs = "\n---\n".join(f"url: {nginx.url}/{u.split('://', 1)[1]}" for u in pages)
        (work / "urls.yaml").write_text(jobs + "\n")
        urlwatch = shutil.which("urlwatch") or str(Path(sys.executable).parent / "urlwatch")
        cmd = [urlwatch, "--urls", str(work / "urls.yaml"), "--cache", str(work / "cache.db"),
               "--config", str(work / "urlwatch.yaml")]
        (work / "urlwatch.yaml").write_text("report:\n  stdout:\n    enabled: false\n")
        probe = subprocess.run(cmd, capture_output=True, text=True)
        if probe.returncode != 0:
            raise SystemExit(f"urlwatch failed: {probe.stderr[-500:]}")
        (work / "cache.db").unlink(missing_ok=True)
        cycles, served = [], []
        for _ in range(2):
            before = nginx.bytes_served()
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cycles.append(round(time.perf_counter() - t0, 2))
            after = nginx.bytes_served()
            served.append((after[0] - before[0], after[1] - before[1]))
        data_dir = work / "a6watch"
        data_dir.mkdir()
        first = require_complete(crawl_once(data_dir, nginx.url), docs)
        before = nginx.bytes_served()
        second = require_complete(crawl_once(data_dir, nginx.url), docs)
        after = nginx.bytes_served()
        ours = (after[0] - before[0], after[1] - before[1])
    shutil.rmtree(work, ignore_errors=True)
    save(f"urlwatch-{docs}", {"urls": len(pages), "urlwatch_first_s": cycles[0], "urlwatch_again_s": cycles[1],
                              "urlwatch_again_body_bytes": served[1][0], "urlwatch_again_wire_bytes": served[1][1],
                              "a6watch_first_s": first["wall_s"], "a6watch_again_s": second["wall_s"],
                              "a6watch_again_body_bytes": ours[0], "a6watch_again_wire_bytes": ours[1],
                              "ratio_again_seconds_a6watch_vs_urlwatch": round(second["wall_s"] / cycles[1], 2),
                              "ratio_again_body_bytes_a6watch_vs_urlwatch": round(ours[0] / max(served[1][0], 1), 3)})


def _postgresql_database(admin_url: str, name: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from storage.db import driver_url

    admin = create_engine(driver_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        con.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return make_url(driver_url(admin_url)).set(database=name).render_as_string(hide_password=False)


def bench_distributed(docs: int, interval: float, port: int = 18092) -> None:
    """One full crawl of the generated site: one process on SQLite (the baseline), one on PostgreSQL, two
    workers sharing the crawl through Redis on PostgreSQL; with the per-host gate at ``interval`` seconds,
    the host's request rate (requests / wall time) never goes above 1 / interval."""
    from benchmarks.site import Nginx, generate

    admin = os.environ.get("A6WATCH_BENCH_POSTGRESQL", "postgresql://a6watch:a6watch@127.0.0.1/a6watch")
    site, urls = generate(WORK / f"site-{docs}", docs)
    redis_dir = Path(tempfile.mkdtemp(prefix="redis-", dir=WORK))
    redis = subprocess.Popen(["redis-server", "--port", "18093", "--save", "", "--appendonly", "no", "--dir",
                              str(redis_dir)], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    results: dict[str, Any] = {}
    try:
        with Nginx(site, WORK / f"nginx-{docs}", port) as nginx:
            for label, db, workers in (("sqlite_1_worker", "", 1), ("postgresql_1_worker", "bench_pg1", 1),
                                       ("postgresql_2_workers", "bench_pg2", 2)):
                data_dir = Path(tempfile.mkdtemp(prefix=f"dist-{label}-", dir=WORK))
                url = _postgresql_database(admin, db) if db else ""
                extra = {"A6WATCH_REDIS_URL": "redis://127.0.0.1:18093/0", "A6WATCH_HOST_INTERVAL": str(interval)}
                run = require_complete(crawl_once(data_dir, nginx.url, database_url=url, extra_env=extra if db else
                                                  {"A6WATCH_HOST_INTERVAL": str(interval)}, workers=workers), docs)
                run["requests_per_s"] = round(run["requests"] / run["wall_s"], 1)
                results[label] = run
                shutil.rmtree(data_dir, ignore_errors=True)
    finally:
        redis.terminate()
        redis.wait()
    base = results["sqlite_1_worker"]["wall_s"]
    save(f"distributed-{docs}-{interval:g}", {
        "documents": docs, "urls": len(urls), "host_interval_s": interval, **results,
        "postgresql_vs_sqlite_wall": round(results["postgresql_1_worker"]["wall_s"] / base, 2),
        "two_workers_vs_one_wall": round(results["postgresql_2_workers"]["wall_s"]
                                         / results["postgresql_1_worker"]["wall_s"], 2),
        "max_host_rate_allowed": round(1 / interval, 1) if interval > 0 else None,
    })
