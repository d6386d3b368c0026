"""Exceptions that the CLI turns into clear messages (never a traceback)."""


class A6WatchError(Exception):
    """Base class for errors shown to the user as one clear line."""


class ConfigError(A6WatchError):
    """A configuration value is missing or wrong; the message names the key."""


class LayoutError(A6WatchError):
    """A parser did not find the anchor that proves it is looking at its page kind."""

    def __init__(self, url: str, kind: str, detail: str) -> None:
        super().__init__(f"layout error: {url} is not a {kind!r} page as expected ({detail})")
        self.url = url
        self.kind = kind
        self.detail = detail


class SymbolError(A6WatchError, ValueError):
    """A document symbol does not follow the UNFCCC grammar."""
