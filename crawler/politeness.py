"""Host back-off after repeated blocks, and retry delays. Time is injected, so both are tested
without waiting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from core.clock import Clock


@dataclass
class HostBackoff:
    """After ``threshold`` consecutive blocks from a host, leave it alone for ``minutes``."""

    clock: Clock
    threshold: int = 3
    minutes: float = 10.0
    _blocks: dict[str, int] = field(default_factory=dict)
    _until: dict[str, datetime] = field(default_factory=dict)

    def record_block(self, host: str) -> bool:
        """Count a block; True if the host is now backed off."""
        self._blocks[host] = self._blocks.get(host, 0) + 1
        if self._blocks[host] >= self.threshold:
            self._until[host] = self.clock.now() + timedelta(minutes=self.minutes)
            self._blocks[host] = 0
            return True
        return False

    def record_success(self, host: str) -> None:
        self._blocks.pop(host, None)

    def backed_off(self, host: str) -> bool:
        until = self._until.get(host)
        if until is None:
            return False
        if self.clock.now() >= until:
            del self._until[host]
            return False
        return True

    def remaining_seconds(self, host: str) -> float:
        until = self._until.get(host)
        return max(0.0, (until - self.clock.now()).total_seconds()) if until else 0.0


def retry_delay(attempt: int, base: float = 2.0, cap: float = 120.0, retry_after: str | None = None) -> float:
    """Seconds to wait before retry ``attempt`` (1, 2, ...): exponential, capped, Retry-After honoured."""
    if retry_after:
        try:
            return min(cap, max(0.0, float(retry_after.strip())))
        except ValueError:
            pass
    return min(cap, base * (2 ** max(0, attempt - 1)))
