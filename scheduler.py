"""The unattended scheduler, as a script: ``python scheduler.py [--once]`` is ``a6watch schedule``.

The scheduler itself lives in the application layer (``a6watch/scheduling.py``): it decides when each
source is crawled, then rebuilds the outputs and delivers the digests."""

from __future__ import annotations

import sys

from a6watch.cli import main

if __name__ == "__main__":
    sys.exit(main(["schedule", *sys.argv[1:]]))
