"""Spiders, page parsers and the router from URL to parser."""
