"""What every benchmark shares: where results go, the machine's description, one timed crawl."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
WORK = Path(os.environ.get("A6WATCH_BENCH_DIR", "/tmp/a6bench"))


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}


def save(name: str, data: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"benchmark": name, "machine": machine(), "measured_at": time.strftime("%Y-%m-%d %H:%M"), **data}
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n")
    print(json.dumps(data, indent=1))


def children_usage() -> tuple[float, int]:
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime, u.ru_maxrss


def crawl_once(data_dir: Path, mirror: str, full: bool = False, database_url: str = "",
               extra_env: dict[str, str] | None = None, workers: int = 1) -> dict[str, Any]:
    cfg = data_dir / "a6watch.toml"
    cfg.write_text('[start_urls]\nunfccc_documents = ["https://unfccc.int/documents?f%5B0%5D=category%3AOfficial'
                   '%20documents"]\n[politeness]\nconcurrent_per_host = 8\n')
    database_url = database_url or f"sqlite:///{data_dir / 'catalog.db'}"
    env = {**os.environ, "A6WATCH_CONFIG": str(cfg), "A6WATCH_DATA_DIR": str(data_dir), "A6WATCH_MIRROR_URL": mirror,
           "A6WATCH_FULL_REFRESH": "1" if full else "0", "A6WATCH_DATABASE_URL": database_url, **(extra_env or {})}
    cpu0, _ = children_usage()
    started = time.perf_counter()
    usage = [data_dir / f"rusage-{n}.json" for n in range(workers)]
    procs = [subprocess.Popen([sys.executable, "-m", "benchmarks.crawl_process", str(usage[n]), "unfccc_documents"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for n in range(workers)]
    code = max(p.wait() for p in procs)
    wall = time.perf_counter() - started
    cpu1, rss = children_usage()
    own = [json.loads(u.read_text()) for u in usage if u.exists()]
    from sqlalchemy import text

    from storage.db import make_engine

    engine = make_engine(database_url)
    with engine.connect() as con:
        run_id, status, requests, items, stats, changes = con.execute(text(
            "SELECT id, status, requests, items, stats, changes FROM crawl_run ORDER BY id DESC LIMIT 1")).one()
        rows = con.execute(text("SELECT kind, count(*) FROM change WHERE run_id = :r GROUP BY kind"), {"r": run_id})
        kinds: dict[str, int] = dict(rows.all())
        documents = con.execute(text("SELECT count(*) FROM document")).scalar_one()
    engine.dispose()
    stats = json.loads(stats) if isinstance(stats, str) else stats
    extracted = sum(v for k, v in stats.items() if k.startswith("a6watch/extract/") and not k.endswith("reused"))
    return {"exit": code, "status": status, "wall_s": round(wall, 2), "cpu_s": round(cpu1 - cpu0, 2),
            # the crawl processes alone (parsing, recording, Scrapy), without their extraction workers
            "crawler_cpu_s": round(sum(u["cpu_s"] for u in own), 2),
            "crawler_peak_rss_mb": round(max((u["peak_rss_mb"] for u in own), default=0), 1),
            "crawler_peak_rss_mb_before_finish": round(max((u.get("before_finish_peak_rss_mb", 0) for u in own),
                                                           default=0), 1),
            # ru_maxrss of the children: includes this runner's own memory, carried across exec (see
            # benchmarks/crawl_process.py); kept for comparison with earlier results only
            "peak_rss_mb_max_child": round(rss / 1024, 1), "requests": requests, "items": items,
            "wire_bytes": stats.get("downloader/response_bytes", 0), "body_bytes": stats.get("a6watch/body_bytes", 0),
            "extracted": extracted, "not_modified": stats.get("a6watch/fetch/not_modified", 0), "changes": kinds,
            "documents_in_catalog": documents}


class FailedRun(SystemExit):
    """A benchmark whose crawl did not do its work reports no figure."""


def require_complete(result: dict[str, Any], documents: int | None = None) -> dict[str, Any]:
    """``result`` of crawl_once, if the crawl completed (and, when given, the catalog holds ``documents``);
    otherwise exit non-zero with the reason: a rate computed from a failed run is not a measurement."""
    problems = []
    if result["exit"] != 0 or result["status"] != "complete":
        problems.append(f"the crawl ended {result['status']!r} (exit {result['exit']}) after "
                        f"{result['requests']} requests and {result['items']} items")
    if documents is not None and result["documents_in_catalog"] < documents:
        problems.append(f"the catalog holds {result['documents_in_catalog']} documents; the site holds {documents}")
    if problems:
        raise FailedRun("no figure reported: " + "; ".join(problems))
    return result


def plain_fetch(mirror: str, urls: list[str]) -> float:
    """Baseline: the same URLs fetched with a plain HTTP client, one after another, nothing parsed."""
    started = time.perf_counter()
    with httpx.Client() as client:
        for url in urls:
            client.get(mirror + "/" + url.split("://", 1)[1])
    return time.perf_counter() - started
