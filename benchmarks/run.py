"""Reproducible benchmarks; each figure is a ratio against a baseline measured in the same run.

    python -m benchmarks.run crawl --docs 1000     # full crawl, unchanged re-crawl, 10 edits in place
    python -m benchmarks.run extraction           # pages/s against poppler's pdftotext, text agreement
    python -m benchmarks.run search --docs 100000 # full-text search p50/p95
    python -m benchmarks.run feeds --changes 10000
    python -m benchmarks.run urlwatch --docs 1000 # one monitoring cycle beside urlwatch
    python -m benchmarks.run distributed --docs 1000 [--interval 0.02]  # SQLite / PostgreSQL / 2 workers
    python -m benchmarks.run startup              # --help and the demo beside `python -c pass`; a crawl pass
    python -m benchmarks.run diffs                # paragraph diffs of 50 to 1,000 lightly edited paragraphs

Results go to benchmarks/results/<name>.json (and are summarised in BENCHMARKS.md)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.diffs import bench_diffs
from benchmarks.startup import bench_startup

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
    procs = [subprocess.Popen([sys.executable, "-m", "crawler.run", "unfccc_documents"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
    code = max(p.wait() for p in procs)
    wall = time.perf_counter() - started
    cpu1, rss = children_usage()
    from sqlalchemy import text

    from storage.db import make_engine

    engine = make_engine(database_url)
    with engine.connect() as con:
        run_id, status, requests, items, stats, changes = con.execute(text(
            "SELECT id, status, requests, items, stats, changes FROM crawl_run ORDER BY id DESC LIMIT 1")).one()
        kinds = dict(con.execute(text("SELECT kind, count(*) FROM change WHERE run_id = :r GROUP BY kind"),
                                 {"r": run_id}).all())
    engine.dispose()
    stats = json.loads(stats) if isinstance(stats, str) else stats
    extracted = sum(v for k, v in stats.items() if k.startswith("a6watch/extract/") and not k.endswith("reused"))
    return {"exit": code, "status": status, "wall_s": round(wall, 2), "cpu_s": round(cpu1 - cpu0, 2),
            "peak_rss_mb_max_child": round(rss / 1024, 1), "requests": requests, "items": items,
            "wire_bytes": stats.get("downloader/response_bytes", 0), "body_bytes": stats.get("a6watch/body_bytes", 0),
            "extracted": extracted, "not_modified": stats.get("a6watch/fetch/not_modified", 0), "changes": kinds}


def plain_fetch(mirror: str, urls: list[str]) -> float:
    """Baseline: the same URLs fetched with a plain HTTP client, one after another, nothing parsed."""
    started = time.perf_counter()
    with httpx.Client() as client:
        for url in urls:
            client.get(mirror + "/" + url.split("://", 1)[1])
    return time.perf_counter() - started


def bench_crawl(docs: int, port: int = 18090, first_only: bool = False) -> None:
    from benchmarks.site import Nginx, edit_in_place, generate

    site, urls = generate(WORK / f"site-{docs}", docs)
    data_dir = Path(tempfile.mkdtemp(prefix=f"crawl-{docs}-", dir=WORK))
    with Nginx(site, WORK / f"nginx-{docs}", port) as nginx:
        baseline = plain_fetch(nginx.url, urls)
        first = crawl_once(data_dir, nginx.url)
        if first_only:
            shutil.rmtree(data_dir, ignore_errors=True)
            save(f"crawl-{docs}", {"documents": docs, "urls": len(urls), "plain_fetch_s": round(baseline, 2),
                                   "first_crawl": first, "docs_per_s": round(docs / first["wall_s"], 1),
                                   "crawl_vs_plain_fetch": round(first["wall_s"] / baseline, 2)})
            return
        again = crawl_once(data_dir, nginx.url)
        edited = edit_in_place(site, urls, 10)
        cheap = crawl_once(data_dir, nginx.url)
        full = crawl_once(data_dir, nginx.url, full=True)
    shutil.rmtree(data_dir, ignore_errors=True)
    save(f"crawl-{docs}", {
        "documents": docs, "urls": len(urls), "plain_fetch_s": round(baseline, 2), "first_crawl": first,
        "docs_per_s": round(docs / first["wall_s"], 1), "crawl_vs_plain_fetch": round(first["wall_s"] / baseline, 2),
        "recrawl_unchanged": again,
        "recrawl_body_bytes_fraction": round(again["body_bytes"] / max(first["body_bytes"], 1), 4),
        "recrawl_wire_bytes_fraction": round(again["wire_bytes"] / max(first["wire_bytes"], 1), 4),
        "edited_in_place": len(edited), "after_edits_conditional_run": cheap, "after_edits_full_refresh": full,
    })


def bench_extraction() -> None:
    from core.config import Extraction
    from extraction.pool import ExtractorPool
    from tests.real_captures import capture

    samples = sorted(capture("samples", "cdm").glob("*.pdf"))
    if not samples:
        raise SystemExit(f"extraction: needs the real CDM PDFs in {capture('samples', 'cdm')} (A6WATCH_REAL_CAPTURES)")
    files = samples * 5
    pool = ExtractorPool(Extraction(), size=1)
    pool.extract(files[0], "application/pdf")  # warm the worker
    started = time.perf_counter()
    pages = 0
    texts = {}
    for f in files:
        r = pool.extract(f, "application/pdf")
        pages += r.pages or 0
        texts[f] = r.text or ""
    ours = time.perf_counter() - started
    pool.close()
    started = time.perf_counter()
    poppler = {}
    for f in files:
        poppler[f] = subprocess.run(["pdftotext", "-enc", "UTF-8", str(f), "-"], capture_output=True).stdout.decode()
    theirs = time.perf_counter() - started
    import re
    from collections import Counter

    agree = []
    for f in samples:
        ref = Counter(re.findall(r"\w+", poppler[f].lower()))
        got = Counter(re.findall(r"\w+", texts[f].lower()))
        agree.append(sum((ref & got).values()) / sum(ref.values()))
    save("extraction", {"files": len(files), "pages": pages, "a6watch_pages_per_s": round(pages / ours, 1),
                        "pdftotext_pages_per_s": round(pages / theirs, 1),
                        "ratio_vs_pdftotext": round((pages / ours) / (pages / theirs), 2),
                        "word_agreement_min": round(min(agree), 4)})


def bench_search(docs: int, pages: int) -> None:
    import random
    import statistics
    from datetime import UTC, datetime

    from sqlalchemy import text

    from storage.db import Catalog
    from storage.search import search

    data_dir = Path(tempfile.mkdtemp(prefix="search-", dir=WORK))
    catalog = Catalog(f"sqlite:///{data_dir / 'catalog.db'}")
    now = datetime(2026, 6, 1, tzinfo=UTC).isoformat()
    rng = random.Random(1)
    # A Zipf-like vocabulary of 30,000 words, as in real prose: a few words everywhere, most words rare.
    vocabulary = [f"w{n}" for n in range(30000)]
    weights = [1 / (n + 1) for n in range(30000)]
    # the terms searched for appear in a realistic share of documents
    moderate_share, common_share = 0.02, 0.3
    started = time.perf_counter()
    with catalog.engine.begin() as conn:
        for start in range(0, docs, 2000):
            rows = []
            for i in range(start, min(docs, start + 2000)):
                words = rng.choices(vocabulary, weights, k=pages * 450)
                if rng.random() < moderate_share:
                    words.insert(rng.randrange(len(words)), "reversals baseline contraction")
                if rng.random() < common_share:
                    words.insert(rng.randrange(len(words)), "corresponding adjustments share of proceeds")
                if rng.random() < 0.001:
                    words.append("a rare zebrafish levy")
                body = " ".join(words)
                rows.append({"i": i, "k": f"doc-{i}", "t": f"Technical paper {i}", "b": body, "now": now})
            conn.execute(text("INSERT INTO document (id, key, title, status, details, first_seen_at, last_seen_at) "
                              "VALUES (:i, :k, :t, 'current', '{}', :now, :now)"), rows)
            conn.execute(text("INSERT INTO document_file (id, document_id, language, url, media_type, size, sha256,"
                              " storage_path, text, extraction_status, is_current, first_seen_at, last_seen_at) "
                              "VALUES (:i, :i, 'en', 'u', 'application/pdf', 1, :k, '', :b, 'ok', 1, :now, :now)"),
                         rows)
            conn.execute(text("INSERT INTO document_text_fts (title, text, file_id, document_id) "
                              "VALUES (:t, :b, :i, :i)"), rows)
    load_s = time.perf_counter() - started
    queries = {"rare": "zebrafish", "moderate": "reversals baseline", "common": "corresponding adjustments",
               "phrase": '"share of proceeds"'}
    size = catalog.engine.connect().exec_driver_sql("SELECT sum(length(text)) FROM document_file").scalar()
    out: dict[str, Any] = {"documents": docs, "pages_per_document": pages, "load_s": round(load_s, 1),
                           "text_mb": round((size or 0) / 1e6)}
    with catalog.session() as s:
        for name, q in queries.items():
            times = []
            for _ in range(20):
                t0 = time.perf_counter()
                search(s, q, limit=20)
                times.append((time.perf_counter() - t0) * 1000)
            like = q.strip('"').split()[0]
            t0 = time.perf_counter()
            s.execute(text("SELECT id FROM document_file WHERE text LIKE :q LIMIT 20"), {"q": f"%{like}%"}).all()
            scan = (time.perf_counter() - t0) * 1000
            out[name] = {"p50_ms": round(statistics.median(times), 2),
                         "p95_ms": round(sorted(times)[int(len(times) * 0.95) - 1], 2),
                         "like_scan_ms": round(scan, 2)}
    catalog.close()
    shutil.rmtree(data_dir, ignore_errors=True)
    save(f"search-{docs}x{pages}", out)


def bench_feeds(changes: int) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import text

    from feeds.build import build_feeds
    from storage.db import Catalog

    data_dir = Path(tempfile.mkdtemp(prefix="feeds-", dir=WORK))
    catalog = Catalog(f"sqlite:///{data_dir / 'catalog.db'}")
    t0 = datetime(2026, 6, 1, tzinfo=UTC)
    with catalog.engine.begin() as conn:
        conn.execute(text("INSERT INTO source (id, title) VALUES ('unfccc_documents', 'UNFCCC')"))
        conn.execute(text("INSERT INTO change (uid, at, source_id, kind, subject, summary, details) VALUES "
                          "(:u, :at, 'unfccc_documents', 'document.new', :s, :m, '{}')"),
                     [{"u": f"u{i}", "at": (t0 + timedelta(minutes=i)).isoformat(), "s": f"FCCC/SBI/2026/{i}",
                       "m": f"New document FCCC/SBI/2026/{i}: a title"} for i in range(changes)])
    started = time.perf_counter()
    paths = build_feeds(catalog, data_dir / "feeds", "http://127.0.0.1:8765/", ())
    build = time.perf_counter() - started
    started = time.perf_counter()
    with catalog.session() as s:
        rows = s.execute(text("SELECT uid, subject, summary, at FROM change ORDER BY at DESC LIMIT 500")).all()
        json.dumps([list(map(str, r)) for r in rows])
    baseline = time.perf_counter() - started
    catalog.close()
    shutil.rmtree(data_dir, ignore_errors=True)
    save(f"feeds-{changes}", {"changes": changes, "feed_files": len(paths), "build_s": round(build, 3),
                              "baseline_query_and_json_s": round(baseline, 3),
                              "ratio_vs_baseline": round(build / max(baseline, 1e-6), 1)})


def bench_pack(docs: int) -> None:
    """A briefing pack for a meeting with ``docs`` documents, against copying the same files."""
    from datetime import UTC, datetime

    from sqlalchemy import text

    from benchmarks.fastpdf import make_pdf
    from benchmarks.site import doc_text
    from briefing.pack import build_pack
    from storage.blobs import store
    from storage.db import Catalog

    data_dir = Path(tempfile.mkdtemp(prefix="pack-", dir=WORK))
    catalog = Catalog(f"sqlite:///{data_dir / 'catalog.db'}")
    now = datetime(2026, 6, 1, tzinfo=UTC).isoformat()
    with catalog.engine.begin() as conn:
        conn.execute(text("INSERT INTO meeting (key, body, number, code, status, missed_runs, start_date, "
                          "first_seen_at, last_seen_at) VALUES ('sbm-022', 'SBM', 22, 'SBM 022', 'confirmed', 0, "
                          "'2026-06-17', :n, :n)"), {"n": now})
        for i in range(docs):
            pages = doc_text(i, pages=10)
            sha, rel = store(data_dir, make_pdf(pages))
            body = "\f".join("\n".join(p) for p in pages)
            conn.execute(text("INSERT INTO document (id, key, symbol, title, status, details, role, first_seen_at, "
                              "last_seen_at) VALUES (:i, :k, :k, :t, 'current', '{}', 'annex', :n, :n)"),
                         {"i": i + 1, "k": f"A6.4-SBM022-AA-A{i + 1:03d}", "t": f"Annex {i + 1}", "n": now})
            conn.execute(text("INSERT INTO document_meeting VALUES (:i, 'sbm-022')"), {"i": i + 1})
            conn.execute(text("INSERT INTO document_file (document_id, language, url, media_type, size, sha256, "
                              "storage_path, text, extraction_status, is_current, first_seen_at, last_seen_at) VALUES "
                              "(:i, 'en', 'u', 'application/pdf', 1, :s, :r, :b, 'ok', 1, :n, :n)"),
                         {"i": i + 1, "s": sha, "r": rel, "b": body, "n": now})
    started = time.perf_counter()
    pack = build_pack(catalog, data_dir, "SBM022", datetime(2026, 6, 1, tzinfo=UTC))
    build = time.perf_counter() - started
    started = time.perf_counter()
    copy_dir = data_dir / "copy"
    copy_dir.mkdir()
    for path in (data_dir / "files").rglob("*"):
        if path.is_file():
            shutil.copyfile(path, copy_dir / path.name)
    baseline = time.perf_counter() - started
    catalog.close()
    shutil.rmtree(data_dir, ignore_errors=True)
    save(f"pack-{docs}", {"documents": pack.documents, "files": pack.files, "build_s": round(build, 2),
                          "baseline_copy_files_s": round(baseline, 3),
                          "ratio_vs_copying_the_files": round(build / max(baseline, 1e-6), 1)})


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
        first = crawl_once(data_dir, nginx.url)
        before = nginx.bytes_served()
        second = crawl_once(data_dir, nginx.url)
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
                run = crawl_once(data_dir, nginx.url, database_url=url, extra_env=extra if db else
                                 {"A6WATCH_HOST_INTERVAL": str(interval)}, workers=workers)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("benchmark", choices=["crawl", "extraction", "search", "feeds", "urlwatch", "pack",
                                              "distributed", "startup", "diffs"])
    parser.add_argument("--interval", type=float, default=0.0, help="distributed: per-host gate, seconds")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=10000)
    parser.add_argument("--first-only", action="store_true", help="crawl: only the first full crawl")
    parser.add_argument("--pages", type=int, default=1, help="search: pages of text per document")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    runs = {
        "crawl": lambda: bench_crawl(args.docs, first_only=args.first_only),
        "extraction": bench_extraction,
        "search": lambda: bench_search(args.docs, args.pages),
        "feeds": lambda: bench_feeds(args.changes),
        "urlwatch": lambda: bench_urlwatch(args.docs),
        "pack": lambda: bench_pack(args.docs),
        "distributed": lambda: bench_distributed(args.docs, args.interval),
        "startup": lambda: save("startup", bench_startup(WORK / "startup")),
        "diffs": lambda: save("diffs", bench_diffs()),
    }
    runs[args.benchmark]()


if __name__ == "__main__":
    main()
