"""CDM Executive Board: the EB index and each meeting page with its documents."""

from crawler.spiders.base import SourceSpider


class CdmEbSpider(SourceSpider):
    name = "cdm_eb"
    source_id = "cdm_eb"
