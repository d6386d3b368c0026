"""A pool of long-lived extraction workers, for crawls: no interpreter start per file, and still bounded.

Each worker is a separate process with an address-space limit set once; before each document its
CPU limit is set to what it has used plus the per-document allowance, and the parent waits no longer
than the wall-clock limit. A worker that overruns, crashes or runs out of memory is killed and
replaced; its document is recorded as failed with the reason, and the crawl goes on.

Only the *soft* CPU limit moves (the kernel sends SIGXCPU there): raising a hard limit needs
CAP_SYS_RESOURCE, which a normal user does not have, so a worker that lowered its hard limit for one
document could not raise it for the next. A worker that dies for no reason of the document's (it
crashed, not at a limit) is replaced and the document tried once more on the fresh worker; a
document that kills two workers is recorded as unreadable for now (the recorder has it read again by
the next runs, a few times, before it is left as the file's own doing).

A pool given watchlists also finds each text's watchlist hits in the worker, on a CPU allowance of
their own, so the crawl's own process (one core, also parsing and recording) does not spend its time
matching terms; a text whose hits could not be found in that allowance comes back without them (the
recorder then finds them itself, as it does for a text reused from the catalog)."""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import queue
import resource
import signal
import threading
from collections.abc import Mapping
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from core.items import RETRY_NEXT_RUN
from core.settings import Extraction
from core.sniff import DOCUMENT_TYPES
from core.watch import WatchHit
from extraction.engine import ExtractionResult

STARTUP_SECONDS = 120.0


def _worker(conn: Connection, memory_mb: int) -> None:
    import pypdfium2  # noqa: F401  (loaded before "ready", so start-up never counts against a document)

    from extraction.worker import extract

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        path, media_type, max_pages, cpu_seconds, watchlists = task
        _allow_cpu(cpu_seconds)
        try:
            result: dict[str, Any] = extract(path, media_type, max_pages)
        except MemoryError:
            result = {"status": "failed", "error": f"killed: memory limit of {memory_mb} MB reached"}
        except Exception as exc:  # a parser bug is a recorded reason, never a dead crawl
            result = {"status": "failed", "error": f"{type(exc).__name__}: {exc}"}
        if watchlists is not None and result.get("status") == "ok" and result.get("text"):
            _allow_cpu(cpu_seconds)
            result["hits"] = _hits(result["text"], watchlists)
        conn.send(result)


def _allow_cpu(cpu_seconds: int) -> None:
    """The soft CPU limit set to what this worker has used plus ``cpu_seconds`` (never above the hard one)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = spent + cpu_seconds if hard == resource.RLIM_INFINITY else min(spent + cpu_seconds, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))  # the hard limit is never touched


class _OutOfTime(Exception):
    pass


def _out_of_time(_signum: int, _frame: object) -> None:
    raise _OutOfTime


def _hits(text: str, watchlists: Mapping[str, tuple[str, ...]]) -> list[tuple[str, str, int, str, str]] | None:
    """The text's watchlist hits, each with the sha256 of its sentence's key, or None when they took more
    than their CPU allowance (SIGXCPU at the soft limit is caught here: the text is kept, and the
    recorder finds the hits itself)."""
    from core.watch import find_hits, sentence_key

    previous = signal.signal(signal.SIGXCPU, _out_of_time)
    try:
        return [(h.watchlist, h.term, h.page, h.sentence, hashlib.sha256(sentence_key(h.sentence).encode()).hexdigest())
                for h in find_hits(text, dict(watchlists))]
    except _OutOfTime:
        return None
    finally:
        signal.signal(signal.SIGXCPU, previous)


class _Worker:
    def __init__(self, ctx: Any, memory_mb: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child, memory_mb), daemon=True)
        self.process.start()
        child.close()
        # A busy machine can take seconds to start an interpreter: that is not the document's time.
        if not self.conn.poll(STARTUP_SECONDS) or self.conn.recv() != "ready":
            self.stop()
            raise RuntimeError("an extraction worker did not start")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class ExtractorPool:
    def __init__(self, limits: Extraction, size: int = 2,
                 watchlists: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.limits = limits
        self.watchlists = dict(watchlists) if watchlists is not None else None
        self.size = max(1, size)
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()
        self.replaced = 0

    def _take(self) -> _Worker:
        with self._lock:
            start = self._idle.empty() and self._started < self.size
            if start:
                self._started += 1
        if start:
            return self._new_worker()
        try:
            return self._idle.get(timeout=STARTUP_SECONDS + self.limits.wall_seconds)
        except queue.Empty:
            raise RuntimeError("no extraction worker came free") from None

    def _new_worker(self) -> _Worker:
        """A worker in a slot already counted; the slot is given back if it does not start."""
        try:
            return _Worker(self._ctx, self.limits.memory_mb)
        except BaseException:
            with self._lock:
                self._started -= 1
            raise

    def extract(self, path: Path, media_type: str) -> ExtractionResult:
        if media_type not in DOCUMENT_TYPES:
            return ExtractionResult("skipped", error=f"not a document type: {media_type}")
        result = self._attempt(path, media_type)
        if result is None:  # the worker crashed, not at a limit: maybe not the document's doing
            result = self._attempt(path, media_type)
        if result is None:
            return ExtractionResult("failed", error=f"{RETRY_NEXT_RUN} twice on this file (memory limit or a fault "
                                                    "in the reader); it is read again next run")
        return result

    def _attempt(self, path: Path, media_type: str) -> ExtractionResult | None:
        """One try on one worker; None when the worker died without reaching a limit."""
        worker = self._take()
        try:
            worker.conn.send((str(path), media_type, self.limits.max_pages, self.limits.cpu_seconds,
                              self.watchlists))
            if not worker.conn.poll(self.limits.wall_seconds):
                raise TimeoutError
            data = worker.conn.recv()
        except TimeoutError:
            self._replace(worker)
            return ExtractionResult("failed", error=f"killed: wall-clock limit of {self.limits.wall_seconds:g} s "
                                                    "reached")
        except (EOFError, OSError):
            worker.process.join(timeout=5)  # reap it, to read how it died
            code = worker.process.exitcode
            self._replace(worker)
            if code in (-9, -24):  # SIGKILL, SIGXCPU: the CPU limit
                return ExtractionResult("failed", error=f"killed: CPU limit of {self.limits.cpu_seconds} s reached")
            return None
        self._idle.put(worker)
        hits = data.get("hits")
        return ExtractionResult(data.get("status", "failed"), data.get("pages"), data.get("text"), data.get("error"),
                                hits=[(WatchHit(*h[:4]), h[4]) for h in hits] if hits is not None else None,
                                hits_for=self.watchlists if hits is not None else None)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        self.replaced += 1
        self._idle.put(self._new_worker())

    def close(self) -> None:
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.stop()
