"""Extraction in a bounded worker: real PDFs agree with poppler; bad files are recorded, not fatal."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
from collections import Counter

import docx
import openpyxl
import pytest

from a6watch.config import Extraction
from pipelines.extract import extract_file
from pipelines.sniff import DOCX, XLSX
from tests.pdfs import blank_pdf, runaway_pdf, text_pdf
from tests.real_captures import capture

LIMITS = Extraction(cpu_seconds=20, memory_mb=1024, wall_seconds=30, max_pages=3000)
CDM = capture("samples", "cdm")


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_text_pdf_is_extracted(tmp_path):
    path = _write(tmp_path, "a.pdf", text_pdf(["Corresponding adjustments apply to ITMOs.", "Second line."]))
    result = extract_file(path, "application/pdf", LIMITS)
    assert result.status == "ok" and result.pages == 1
    assert "Corresponding adjustments apply to ITMOs." in result.text


def test_truncated_pdf_is_recorded_with_its_reason(tmp_path):
    data = text_pdf(["Some text"] * 40)
    path = _write(tmp_path, "t.pdf", data[: len(data) // 3])
    result = extract_file(path, "application/pdf", LIMITS)
    assert result.status == "failed" and "unreadable PDF" in result.error


def test_encrypted_pdf_is_recorded_as_encrypted(tmp_path):
    path = _write(tmp_path, "e.pdf", text_pdf(["secret"], encrypt="s3cret"))
    result = extract_file(path, "application/pdf", LIMITS)
    assert result.status == "failed" and "encrypted" in result.error


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    result = extract_file(_write(tmp_path, "b.pdf", blank_pdf(3)), "application/pdf", LIMITS)
    assert result.status == "needs_ocr" and result.pages == 3


def test_runaway_pdf_is_killed_at_its_wall_clock_limit(tmp_path):
    path = _write(tmp_path, "r.pdf", runaway_pdf())
    started = time.monotonic()
    result = extract_file(path, "application/pdf", Extraction(cpu_seconds=30, memory_mb=1024, wall_seconds=0.5,
                                                              max_pages=100000))
    assert result.status == "failed" and "wall-clock limit" in result.error
    assert time.monotonic() - started < 10


def test_page_limit_refuses_huge_documents(tmp_path):
    path = _write(tmp_path, "r.pdf", runaway_pdf(pages=50, glyphs_per_page=25))
    result = extract_file(path, "application/pdf", Extraction(max_pages=10))
    assert result.status == "failed" and "too many pages: 50 > limit 10" in result.error


def test_docx_and_xlsx_are_extracted(tmp_path):
    d = docx.Document()
    d.add_paragraph("Initial report of Ghana under Article 6, paragraph 2")
    buf = io.BytesIO()
    d.save(buf)
    result = extract_file(_write(tmp_path, "a.docx", buf.getvalue()), DOCX, LIMITS)
    assert result.status == "ok" and "Initial report of Ghana" in result.text
    wb = openpyxl.Workbook()
    wb.active.title = "Bilateral Agreements"
    wb.active.append(["Japan", "Senegal", "MoU"])
    buf = io.BytesIO()
    wb.save(buf)
    result = extract_file(_write(tmp_path, "a.xlsx", buf.getvalue()), XLSX, LIMITS)
    assert result.status == "ok" and "Japan\tSenegal\tMoU" in result.text


def test_html_is_not_extracted_as_a_document(tmp_path):
    result = extract_file(_write(tmp_path, "x.pdf", b"<html></html>"), "text/html", LIMITS)
    assert result.status == "skipped"


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


@pytest.mark.skipif(not CDM.is_dir() or shutil.which("pdftotext") is None,
                    reason=f"needs the real CDM PDFs ({CDM}; set A6WATCH_REAL_CAPTURES) and poppler's pdftotext")
@pytest.mark.parametrize("name", ["pdd-1636.pdf", "pdd-226.pdf", "pdd-893.pdf"])
def test_real_pdfs_agree_with_pdftotext_on_99_percent_of_words(name):
    path = CDM / name
    ours = extract_file(path, "application/pdf", LIMITS)
    assert ours.status == "ok"
    poppler = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    reference = _words(poppler.stdout.decode("utf-8"))
    shared = sum((reference & _words(ours.text)).values())
    assert shared / sum(reference.values()) >= 0.99


def test_the_pool_kills_a_runaway_and_goes_on_with_a_fresh_worker(tmp_path):
    from pipelines.extract_pool import ExtractorPool

    runaway = _write(tmp_path, "r.pdf", runaway_pdf())
    good = _write(tmp_path, "g.pdf", text_pdf(["Share of proceeds for adaptation."]))
    pool = ExtractorPool(Extraction(cpu_seconds=30, memory_mb=1024, wall_seconds=1, max_pages=100000), size=1)
    try:
        assert pool.extract(good, "application/pdf").status == "ok"
        killed = pool.extract(runaway, "application/pdf")
        assert killed.status == "failed" and "wall-clock limit of 1 s" in killed.error
        after = pool.extract(good, "application/pdf")
        assert after.status == "ok" and "Share of proceeds" in after.text
        assert pool.replaced == 1
    finally:
        pool.close()


def test_the_pool_enforces_the_cpu_limit_per_document(tmp_path):
    from pipelines.extract_pool import ExtractorPool

    runaway = _write(tmp_path, "r.pdf", runaway_pdf())
    pool = ExtractorPool(Extraction(cpu_seconds=1, memory_mb=1024, wall_seconds=60, max_pages=100000), size=1)
    try:
        result = pool.extract(runaway, "application/pdf")
        assert result.status == "failed" and "CPU limit" in result.error
    finally:
        pool.close()
