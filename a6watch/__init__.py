"""a6watch: monitoring crawler for Article 6 and CDM negotiation documents."""

__version__ = "0.1.0"
