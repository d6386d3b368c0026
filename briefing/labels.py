"""Headings of the briefing pack in English and Japanese (the delegation reports in Japanese)."""

LABELS = {
    "en": {
        "title": "Briefing pack", "generated": "Generated", "meeting": "Meeting", "dates": "Dates",
        "venue": "Venue", "status": "Status", "since": "Changes since the body's previous meeting (from",
        "documents": "Documents by agenda item", "no_agenda": "Other documents", "symbol": "Symbol",
        "doc_title": "Title", "type": "Type", "agenda": "Agenda item", "date": "Date", "version": "Version",
        "languages": "Languages", "link": "Link", "file": "File", "changed": "What changed",
        "diff": "Differences from the previous version", "hits": "Watchlist hits", "watchlist": "Watchlist",
        "page": "Page", "sentence": "Sentence", "late": "Expected documents not yet out", "none": "None",
        "spreadsheet": "Spreadsheet", "pdf": "PDF version",
    },
    "ja": {
        "title": "ブリーフィング資料", "generated": "作成日時", "meeting": "会合", "dates": "日程", "venue": "開催地",
        "status": "状況", "since": "前回会合以降の変更（基準日", "documents": "議題別の文書",
        "no_agenda": "その他の文書",
        "symbol": "文書記号", "doc_title": "表題", "type": "種別", "agenda": "議題", "date": "日付", "version": "版",
        "languages": "言語", "link": "リンク", "file": "ファイル", "changed": "変更内容", "diff": "前版との差分",
        "hits": "ウォッチリストの該当箇所", "watchlist": "ウォッチリスト", "page": "頁", "sentence": "該当文",
        "late": "未公表の予定文書", "none": "なし", "spreadsheet": "一覧表", "pdf": "PDF版",
    },
}
