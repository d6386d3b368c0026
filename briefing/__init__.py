"""Pre-meeting briefing packs: one folder and one zip per meeting (HTML, PDF, XLSX/CSV, the files)."""
