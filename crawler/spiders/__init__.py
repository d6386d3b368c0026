"""Spiders route only: which URLs, in which order. Parsing lives in crawler/pages/<source>.py.

Every source's spider is ``spider_for(source_id)`` from ``crawler/spiders/base.py``: the source
registry (crawler/sources.py) gives its hosts and start URLs, the router its parsers."""
