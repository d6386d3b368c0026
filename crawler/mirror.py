"""The mirror: one setting maps every source host onto a local server, while items keep their exact
canonical URLs. A download handler (so offsite, robots and politeness all see the canonical URL and
host) rewrites Scrapy's requests; for browser pages, Playwright route interception sends the page's
own sub-requests to the mirror too."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.misc import build_from_crawler, load_object

from crawler.crawl_config import crawl_config

HTTP11 = "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler"


def to_mirror(mirror: str, url: str) -> str:
    """https://unfccc.int/documents?page=1 -> <mirror>/unfccc.int/documents?page=1"""
    parts = urlsplit(url)
    return f"{mirror.rstrip('/')}/{parts.hostname}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


def to_canonical(mirror: str, url: str, scheme: str = "https") -> str | None:
    """The inverse, for redirects that the mirror answers with its own URLs."""
    prefix = mirror.rstrip("/") + "/"
    if url.startswith("/"):
        url = mirror.rstrip("/") + url
    if not url.startswith(prefix):
        return None
    return f"{scheme}://{url[len(prefix):]}"


class MirrorDownloadHandler:
    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        config = crawl_config(crawler.settings)
        self.mirror = config.settings.mirror_url.rstrip("/")
        self.hosts = set(config.allowed_hosts)
        inner = load_object(config.inner_handler or HTTP11)
        self.inner: Any = build_from_crawler(inner, crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MirrorDownloadHandler:
        return cls(crawler)

    async def download_request(self, request: Request) -> Response:
        if not self.mirror:
            return await self.inner.download_request(request)
        if request.meta.get("playwright"):
            request.meta["playwright_page_init_callback"] = self._route_to_mirror
            return await self.inner.download_request(request)
        response: Response = await self.inner.download_request(request.replace(url=to_mirror(self.mirror,
                                                                                              request.url)))
        headers = response.headers.copy()
        location = headers.get(b"Location")
        if location:
            back = to_canonical(self.mirror, location.decode("latin-1"), urlsplit(request.url).scheme)
            if back:
                headers[b"Location"] = back.encode("latin-1")
        return response.replace(url=request.url, headers=headers)

    async def _route_to_mirror(self, page: Any, request: Request) -> None:
        async def handle(route: Any) -> None:
            host = urlsplit(route.request.url).hostname or ""
            if host in self.hosts:
                fetched = await route.fetch(url=to_mirror(self.mirror, route.request.url))
                await route.fulfill(response=fetched)
            else:
                await route.abort()  # the mirror serves source hosts only; nothing else leaves

        await page.route("**/*", handle)

    async def close(self) -> None:
        closing = getattr(self.inner, "close", None)
        if closing is not None:
            result = closing()
            if hasattr(result, "__await__"):
                await result
