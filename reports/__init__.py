"""The next-morning report of a sitting meeting: what appeared or changed in the last 24 hours."""
