"""Spiders route only: which URLs, in which order. Parsing lives in crawler/pages/."""
