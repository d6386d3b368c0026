"""Benchmarks of what is built from the catalog: extraction, search, feeds, briefing packs."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import WORK, save


def bench_extraction() -> None:
    from core.settings import Extraction
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
