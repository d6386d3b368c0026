"""``python -m benchmarks.crawl_process RUSAGE_FILE SOURCE…``: ``crawler.run`` as the benchmarks start it,
writing the crawl process's own CPU seconds and peak RSS (its extraction workers not counted) to
RUSAGE_FILE, so a benchmark can tell the crawl's one core from the workers' share of the other.

The peak RSS is the kernel's high-water mark of this process's own memory (``VmHWM``), not
``ru_maxrss``: Linux carries the parent's high-water mark into ``ru_maxrss`` across the exec that
starts a subprocess, so ``ru_maxrss`` (and RUSAGE_CHILDREN's) reported the benchmark runner's own
memory (the generated site, the plain fetch) as the crawler's.

With ``A6WATCH_BENCH_TRACEMALLOC=FILE`` it also traces Python allocations and writes to FILE the
largest allocation sites of the moment the traced memory was largest (sampled every 10 s): what grows."""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any


def _trace(out: Path, stop: threading.Event) -> None:
    import tracemalloc

    best: tuple[int, Any] = (0, None)
    while not stop.wait(float(os.environ.get("A6WATCH_BENCH_TRACE_EVERY", "10"))):
        size = tracemalloc.get_traced_memory()[0]
        if size > best[0]:
            best = (size, tracemalloc.take_snapshot())
        lines = [f"traced now {size / 2**20:.1f} MB, largest {best[0] / 2**20:.1f} MB at its snapshot:"]
        if best[1] is not None:
            for stat in best[1].statistics("traceback")[:25]:
                lines.append(f"{stat.size / 2**20:8.2f} MB {stat.count:8d} blocks")
                lines.extend(f"      {line}" for line in stat.traceback.format()[-8:])
        out.write_text("\n".join(lines) + "\n")


def main(argv: list[str]) -> int:
    from crawler.run import main as crawl

    out, sources = Path(argv[0]), argv[1:]
    traced = os.environ.get("A6WATCH_BENCH_TRACEMALLOC")
    stop = threading.Event()
    if traced:
        import tracemalloc

        tracemalloc.start(12)
        threading.Thread(target=_trace, args=(Path(traced), stop), daemon=True).start()
    started = time.perf_counter()
    marks = _mark_finish()
    try:
        return crawl(sources)
    finally:
        stop.set()
        own = resource.getrusage(resource.RUSAGE_SELF)
        out.write_text(json.dumps({"cpu_s": own.ru_utime + own.ru_stime, "peak_rss_mb": high_water_mb(),
                                   "ru_maxrss_mb": own.ru_maxrss / 1024,
                                   "wall_s": time.perf_counter() - started, **marks}))


def high_water_mb() -> float:
    """This process's peak resident memory since it started (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _mark_finish() -> dict[str, float]:
    """The peak RSS and CPU seconds when the run's closing (Recorder.finish) starts and ends: whether the
    crawl itself or the judging at its end costs the memory."""
    from storage.recorder import Recorder

    marks: dict[str, float] = {}
    finish = Recorder.finish

    def timed(self: Recorder, *args: Any, **kwargs: Any) -> int:
        def mark(name: str) -> None:
            own = resource.getrusage(resource.RUSAGE_SELF)
            marks[f"{name}_peak_rss_mb"] = high_water_mb()
            marks[f"{name}_cpu_s"] = own.ru_utime + own.ru_stime

        mark("before_finish")
        try:
            return finish(self, *args, **kwargs)
        finally:
            mark("after_finish")

    Recorder.finish = timed  # type: ignore[method-assign]
    return marks


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
