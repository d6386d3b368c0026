"""Read-only views of the catalog: Atom/RSS change feeds."""
