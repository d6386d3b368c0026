"""Logging for the long-running command (schedule): readable lines on stderr, with every secret
of the configuration masked in every record that reaches a handler, at any level and from any library
(httpx, for one, logs each request's full URL at INFO, and a webhook URL is a credential)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

MASK = "***"


class Redact(logging.Filter):
    """Masks the given strings in a record's message, arguments and traceback."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            self._mask_record(record)
        except Exception:  # noqa: BLE001 - a badly formed log call is logging's to report, not ours to raise
            pass
        return True

    def _mask_record(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        masked = self.mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)


def configure(secrets: Sequence[str], level: int = logging.INFO) -> None:
    """Readable logs on stderr; every handler of the root logger masks the secrets."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redact = Redact(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
