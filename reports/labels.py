"""The report's words in English and Japanese (titles and the catalog's change sentences stay in the
language they were written in)."""

from __future__ import annotations

LABELS = {
    "en": {
        "title": "Next-morning report", "window": "What appeared or changed between", "and": "and",
        "local": "local time at the venue", "zone_fallback": "venue not known: configured time zone",
        "meeting": "Meeting", "dates": "Dates", "venue": "Venue", "no_agenda": "Not under an agenda item",
        "meeting_news": "The meeting and its deadlines", "symbol": "Symbol", "doc_title": "Title",
        "what": "What changed", "at": "At", "first": "First substantive paragraph",
        "action": "Action requested", "diff": "Paragraphs changed", "hits": "Watchlist hits",
        "deadlines": "Deadlines in the next 7 days", "none": "None", "nothing": "Nothing appeared or changed.",
        "days_left": "{n} day(s) left", "today": "today", "page": "page", "pdf": "PDF version", "link": "Link",
        "generated": "Generated", "body": "Body",
    },
    "ja": {
        "title": "翌朝報告", "window": "新規・変更の対象期間", "and": "～",
        "local": "開催地の現地時間", "zone_fallback": "開催地不明のため設定のタイムゾーン",
        "meeting": "会合", "dates": "日程", "venue": "開催地", "no_agenda": "議題に属さないもの",
        "meeting_news": "会合と期限", "symbol": "文書記号", "doc_title": "表題",
        "what": "変更内容", "at": "日時", "first": "最初の実質的な段落",
        "action": "求められる行動", "diff": "変更された段落", "hits": "ウォッチリストの該当箇所",
        "deadlines": "今後7日以内の期限", "none": "なし", "nothing": "新規・変更はありません。",
        "days_left": "{n}日後", "today": "本日", "page": "頁", "pdf": "PDF版", "link": "リンク",
        "generated": "作成日時", "body": "機関",
    },
}

KIND_LABELS_JA = {
    "document.new": "新規文書", "document.revised": "改訂", "document.corrected": "訂正",
    "document.addendum": "追補", "document.updated": "新版", "document.language": "新たな言語版",
    "document.metadata": "書誌情報の変更", "document.withdrawn": "撤回", "document.file_missing": "ファイル欠落",
    "meeting.scheduled": "会合の予定", "meeting.moved": "会合日程の変更", "meeting.cancelled": "会合の中止",
    "meeting.postponed": "会合の延期", "meeting.agenda": "議題の公表", "meeting.annotations": "注釈付き議題の公表",
    "meeting.report": "会合報告書の公表", "deadline.set": "期限の設定", "deadline.changed": "期限の変更",
    "countdown": "開催までの日数", "expected.late": "予定文書の遅延", "expected.arrived": "遅延文書の公表",
    "record.added": "追加", "record.changed": "変更", "record.removed": "削除",
}

BODY_NAMES_JA = {
    "SBM": "6条4項監督機関", "EB": "CDM理事会", "SBSTA": "科学上及び技術上の助言に関する補助機関",
    "SBI": "実施に関する補助機関", "COP": "締約国会議", "CMP": "京都議定書締約国会合", "CMA": "パリ協定締約国会合",
}

BODY_NAMES_EN = {
    "SBM": "Article 6.4 Supervisory Body", "EB": "CDM Executive Board",
    "SBSTA": "Subsidiary Body for Scientific and Technological Advice", "SBI": "Subsidiary Body for Implementation",
    "COP": "Conference of the Parties",
    "CMP": "Conference of the Parties serving as the meeting of the Parties to the Kyoto Protocol",
    "CMA": "Conference of the Parties serving as the meeting of the Parties to the Paris Agreement",
}
