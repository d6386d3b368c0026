"""Content-addressed file store under the data directory: files/<sha[:2]>/<sha256>.

A replaced file's previous version stays available (feeds link to it); a file is written once,
atomically, so a crash never leaves a half-written file under its final name."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def relative_path(sha256: str) -> str:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a sha256: {sha256!r}")
    return f"files/{sha256[:2]}/{sha256}"


def store(data_dir: Path, body: bytes) -> tuple[str, str]:
    """Write ``body`` once; return (sha256, path relative to the data directory)."""
    digest = sha256_of(body)
    rel = relative_path(digest)
    target = data_dir / rel
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return digest, rel
