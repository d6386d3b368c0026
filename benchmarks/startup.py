"""What a newcomer waits for: ``a6watch --help``, the demo, and one crawl pass over all sources.

Each figure has its baseline measured in the same run: ``--help`` against ``python -c pass`` (the
interpreter's own start), and a crawl pass in one process against the same pass with one process per
source (how a6watch crawled before: the cost of starting Python, Scrapy and extraction workers per
source)."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from briefing.pdf import CJK_FONTS
from core.sources import CODE_SOURCES

A6WATCH = Path(sys.executable).parent / "a6watch"


def _wall(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _median(cmd: list[str], runs: int) -> float:
    return statistics.median(_wall(cmd) for _ in range(runs))


def _crawl_pass(work: Path, mirror: str, per_source: bool) -> float:
    """One baseline crawl of every source into an empty catalog."""
    data_dir = work / ("per-source" if per_source else "one-process")
    shutil.rmtree(data_dir, ignore_errors=True)
    env = {**os.environ, "A6WATCH_DATA_DIR": str(data_dir), "A6WATCH_MIRROR_URL": mirror,
           "A6WATCH_CONFIG": str(data_dir / "none.toml"), "A6WATCH_NOW": "2026-05-25T06:00:00Z",
           "A6WATCH_LANGUAGES": "en,fr,es", "A6WATCH_DATABASE_URL": ""}
    started = time.perf_counter()
    batches = [[s] for s in CODE_SOURCES] if per_source else [list(CODE_SOURCES)]
    for batch in batches:
        subprocess.run([sys.executable, "-m", "crawler.run", *batch], env=env, check=True,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def bench_startup(work: Path, runs: int = 10, demo_runs: int = 3) -> dict[str, Any]:
    from sample_site.build import build_site
    from sample_site.server import SampleServer

    work.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {"runs": runs}
    plain = _median([sys.executable, "-c", "pass"], runs)
    out["python_c_pass_s"] = round(plain, 3)
    for args in (["--help"], ["crawl", "--help"], ["sql", "--help"], ["parse", "--help"]):
        t = _median([str(A6WATCH), *args], runs)
        name = "_".join(a.strip("-") for a in args)
        out[f"a6watch_{name}_s"] = round(t, 3)
        out[f"a6watch_{name}_vs_python"] = round(t / plain, 1)
    with SampleServer(build_site(1)) as server:
        per_source = [_crawl_pass(work, server.url, per_source=True) for _ in range(demo_runs)]
        together = [_crawl_pass(work, server.url, per_source=False) for _ in range(demo_runs)]
    out["crawl_pass_one_process_per_source_s"] = round(statistics.median(per_source), 2)
    out["crawl_pass_one_process_s"] = round(statistics.median(together), 2)
    out["crawl_pass_ratio"] = round(statistics.median(together) / statistics.median(per_source), 2)
    demo = []
    for _ in range(demo_runs):
        shutil.rmtree(work / "demo", ignore_errors=True)
        (work / "demo").mkdir()
        demo.append(_wall([str(A6WATCH), "demo"], cwd=work / "demo"))
    out["demo_wall_s"] = round(statistics.median(demo), 1)
    out["demo_vs_python_c_pass"] = round(statistics.median(demo) / plain)
    out["chromium"] = Path("/usr/bin/chromium").exists()
    out["japanese_font"] = any(Path(p).exists() for p in CJK_FONTS)
    return out
