"""Page parsers: pure functions (url, body) -> Page, one module per source."""
