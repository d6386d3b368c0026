"""Article 6.4 Supervisory Body: meetings list, meeting pages, in-meeting documents, calls for input, rules."""

from crawler.spiders.base import SourceSpider


class A64SbmSpider(SourceSpider):
    name = "a64_sbm"
    source_id = "a64_sbm"
