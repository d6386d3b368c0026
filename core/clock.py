"""Injectable time. Production uses the real clock; the demo and tests freeze it.

`A6WATCH_NOW` (ISO 8601, e.g. ``2026-05-25T09:00:00Z``) freezes the clock for a whole process,
which is how the demo runs its crawl subprocesses on the sample site's as-of dates.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from core.errors import ConfigError


class Clock(Protocol):
    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass
class FrozenClock:
    """A clock that only moves when told to (``advance``); ``sleep`` advances it instantly."""

    current: datetime
    mono: float = field(default=0.0)

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return self.mono

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)
        self.mono += seconds


def parse_instant(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ConfigError(f"A6WATCH_NOW: not an ISO 8601 date-time: {value!r}") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def default_clock() -> Clock:
    frozen = os.environ.get("A6WATCH_NOW")
    if frozen:
        return FrozenClock(parse_instant(frozen))
    return SystemClock()
