"""``a6watch import``: saved pages and files go through the same pipeline as fetched ones."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from a6watch.importing import import_file, import_page
from core.config import load_settings
from core.errors import A6WatchError
from sample_site.server import INCAPSULA_PAGE
from storage.models import CrawlRun, Document, DocumentFile
from tests.conftest import FIXTURES
from tests.pdfs import text_pdf

PAGE = FIXTURES / "unfccc_documents" / "document_622088.html"
URL = "https://unfccc.int/documents/622088"
FILE_URL = "https://unfccc.int/sites/default/files/resource/sbi2022_L21E.pdf"


def test_import_a_page_then_its_file(catalog, clock, tmp_path):
    settings = load_settings(None, env={"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": "/none"})
    result = import_page(catalog, URL, PAGE.read_bytes(), None, clock)
    assert result.kind == "document_page" and result.items == 1
    pdf = text_pdf(["Report of the Consultative Group of Experts", "Draft conclusions"])
    import_file(catalog, settings, FILE_URL, pdf, "FCCC/SBI/2022/L.21", "en", clock)
    with catalog.session() as s:
        doc = s.scalar(select(Document))
        file = s.scalar(select(DocumentFile))
        runs = s.scalars(select(CrawlRun.status)).all()
    assert doc.symbol == "FCCC/SBI/2022/L.21" and doc.doc_type == "Draft conclusions"
    assert file.extraction_status == "ok" and "Consultative Group" in file.text
    assert (tmp_path / file.storage_path).read_bytes() == pdf
    assert runs == ["partial", "partial"]  # an import never judges removals or makes a baseline


def test_a_saved_bot_wall_page_is_refused(catalog, clock):
    with pytest.raises(A6WatchError, match="bot-wall page"):
        import_page(catalog, URL, INCAPSULA_PAGE, None, clock)


def test_a_file_for_an_unknown_document_or_not_a_document_is_refused(catalog, clock, tmp_path):
    settings = load_settings(None, env={"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": "/none"})
    with pytest.raises(A6WatchError, match="import its page first"):
        import_file(catalog, settings, FILE_URL, text_pdf(["x"]), "FCCC/SBI/2022/L.21", "en", clock)
    with pytest.raises(A6WatchError, match="not a document"):
        import_file(catalog, settings, FILE_URL, b"<html><body>" + b"x" * 20000 + b"</body></html>",
                    "FCCC/SBI/2022/L.21", "en", clock)
