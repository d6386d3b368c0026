"""``python -m benchmarks.crawl_process RUSAGE_FILE SOURCE…``: ``crawler.run`` as the benchmarks start it,
writing the crawl process's own CPU seconds and peak RSS (its extraction workers not counted) to
RUSAGE_FILE, so a benchmark can tell the crawl's one core from the workers' share of the other."""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from crawler.run import main as crawl

    out, sources = Path(argv[0]), argv[1:]
    try:
        return crawl(sources)
    finally:
        own = resource.getrusage(resource.RUSAGE_SELF)
        out.write_text(json.dumps({"cpu_s": own.ru_utime + own.ru_stime, "peak_rss_mb": own.ru_maxrss / 1024}))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
