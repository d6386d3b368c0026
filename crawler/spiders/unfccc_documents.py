"""UNFCCC session documents: the documents search, session pages and document pages."""

from crawler.spiders.base import SourceSpider


class UnfcccDocumentsSpider(SourceSpider):
    name = "unfccc_documents"
    source_id = "unfccc_documents"
