"""Text extraction in a worker process bounded in CPU time, memory and wall-clock time."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from a6watch.config import Extraction
from pipelines.sniff import DOCUMENT_TYPES

RETRY_NEXT_RUN = "killed: the extraction worker crashed"  # an error not surely the file's: read again next run


@dataclass
class ExtractionResult:
    status: str  # ok, needs_ocr, failed, skipped
    pages: int | None = None
    text: str | None = None
    error: str | None = None


def _limits(cpu_seconds: int, memory_mb: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def extract_file(path: Path, media_type: str, limits: Extraction) -> ExtractionResult:
    """Extract one stored file; a slow, huge or hostile file is killed at its limit and recorded."""
    if media_type not in DOCUMENT_TYPES:
        return ExtractionResult("skipped", error=f"not a document type: {media_type}")
    cmd = [sys.executable, "-m", "pipelines.extract_worker", str(path), media_type, str(limits.max_pages)]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=limits.wall_seconds, check=False,
                              preexec_fn=_limits(limits.cpu_seconds, limits.memory_mb),
                              cwd=Path(__file__).resolve().parent.parent)
    except subprocess.TimeoutExpired:
        return ExtractionResult("failed", error=f"killed: wall-clock limit of {limits.wall_seconds:g} s reached")
    if proc.returncode != 0:
        if proc.returncode in (-9, -24, 152):  # SIGKILL / SIGXCPU
            return ExtractionResult("failed", error=f"killed: CPU limit of {limits.cpu_seconds} s reached")
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        if "MemoryError" in tail[0] or "memory" in tail[0].lower():
            return ExtractionResult("failed", error=f"killed: memory limit of {limits.memory_mb} MB reached")
        return ExtractionResult("failed", error=f"worker exited with {proc.returncode}: {tail[0][:300]}")
    try:
        data = json.loads(proc.stdout.decode("utf-8"))
    except ValueError:
        return ExtractionResult("failed", error="worker returned no result")
    return ExtractionResult(data.get("status", "failed"), data.get("pages"), data.get("text"), data.get("error"))
