"""The ground floor: items, identifiers, the source registry, errors, clock, text and config types.

Imports nothing else of the project (checked by import-linter, see docs/architecture.md)."""
