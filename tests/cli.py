"""The CLI run in this process, as a user's shell would run it: its own environment and working
directory, stdout and stderr captured, the exit status returned. A subprocess proves nothing more for
most commands and costs an interpreter start; the tests that need a real process (the README's commands,
signals, a closed pipe) start one."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from pathlib import Path

from a6watch.cli import main


def a6watch(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``a6watch ARGS``; the environment and working directory are restored afterwards."""
    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["a6watch", *args], code, out.getvalue(), err.getvalue())
