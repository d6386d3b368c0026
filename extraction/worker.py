"""What an extraction worker does with one file (it runs in a worker process of ``extract_pool``, under
its CPU, memory and wall-clock limits): {"status", "pages", "text", "error"}.
PDF text comes from pypdfium2 (fast, right reading order on two-column pages); DOCX from
python-docx; XLSX from openpyxl. A PDF without a text layer is marked ``needs_ocr``.
"""

from __future__ import annotations

from typing import Any

from core.sniff import DOCX, XLSX

MIN_CHARS_PER_PAGE = 20


def extract_pdf(path: str, max_pages: int) -> dict[str, Any]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            return {"status": "failed", "error": "encrypted PDF (password required)"}
        return {"status": "failed", "error": f"unreadable PDF: {message}"}
    try:
        n = len(pdf)
        if n > max_pages:
            return {"status": "failed", "pages": n, "error": f"too many pages: {n} > limit {max_pages}"}
        texts = []
        for i in range(n):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    # pdfium marks a hyphen that breaks a word at a line end with \x02 and joins the two halves:
    # dropping it restores the word ("authori\x02sation" -> "authorisation").
    text = "\n\f".join(t.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "") for t in texts)
    if len(text.strip()) < MIN_CHARS_PER_PAGE * max(n, 1) / 4:
        return {"status": "needs_ocr", "pages": n, "text": text, "error": "no text layer (scanned?)"}
    return {"status": "ok", "pages": n, "text": text}


def extract_docx(path: str) -> dict[str, Any]:
    import docx

    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return {"status": "ok", "pages": None, "text": "\n".join(parts)}


def extract_xlsx(path: str) -> dict[str, Any]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    lines = []
    for ws in wb.worksheets:
        lines.append(f"# {ws.title}")
        for row in ws.iter_rows(values_only=True):
            if any(v is not None for v in row):
                lines.append("\t".join("" if v is None else str(v) for v in row))
    wb.close()
    return {"status": "ok", "pages": len(wb.sheetnames), "text": "\n".join(lines)}


def extract(path: str, media_type: str, max_pages: int) -> dict[str, Any]:
    if media_type == "application/pdf":
        return extract_pdf(path, max_pages)
    if media_type == DOCX:
        return extract_docx(path)
    if media_type == XLSX:
        return extract_xlsx(path)
    if media_type == "text/plain":  # a watched page's text, as the page parser read it
        return {"status": "ok", "pages": 1, "text": open(path, encoding="utf-8", errors="replace").read()}
    return {"status": "failed", "error": f"no text extractor for {media_type}"}
