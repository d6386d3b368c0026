"""Reproducible benchmarks; each figure is a ratio against a baseline measured in the same run.

    python -m benchmarks.run crawl --docs 1000     # full crawl, unchanged re-crawl, 10 edits in place
    python -m benchmarks.run archive --docs 30000 # a long archive + 20 new, 5 revised: regular cycle vs deep walk
    python -m benchmarks.run first-alert          # a new in-meeting iteration to its feed entry, session cadence
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

from benchmarks.common import WORK, save
from benchmarks.crawling import bench_archive, bench_crawl, bench_distributed, bench_first_alert, bench_urlwatch
from benchmarks.diffs import bench_diffs
from benchmarks.outputs import bench_extraction, bench_feeds, bench_pack, bench_search
from benchmarks.startup import bench_startup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("benchmark", choices=["archive", "first-alert", "crawl", "extraction", "search", "feeds",
                                              "urlwatch", "pack", "distributed", "startup", "diffs"])
    parser.add_argument("--interval", type=float, default=0.0, help="distributed: per-host gate, seconds")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=10000)
    parser.add_argument("--first-only", action="store_true", help="crawl: only the first full crawl")
    parser.add_argument("--pages", type=int, default=1, help="search: pages of text per document")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    runs = {
        "crawl": lambda: bench_crawl(args.docs, first_only=args.first_only),
        "archive": lambda: bench_archive(args.docs),
        "first-alert": bench_first_alert,
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
