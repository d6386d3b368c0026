"""Digests of changes, countdowns and health alerts, by email and webhook, through the catalog's outbox."""
