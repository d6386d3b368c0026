"""One extraction engine (text of PDF, DOCX, XLSX in a worker process), used by the crawl and by import."""
