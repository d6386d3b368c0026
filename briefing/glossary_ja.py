"""The Japanese glossary of the briefing pack: labels, statuses, document types, body names and the
sentences that say what changed, with the official Japanese names the Government of Japan (MOFA, MOE)
uses for the bodies and terms. Same keys as ``briefing.labels`` (English); titles, symbols and quoted
sentences are data and stay in their original language."""

from __future__ import annotations

LABELS = {
    "title": "ブリーフィング資料", "generated": "作成日時", "meeting": "会合", "body": "機関", "dates": "日程",
    "venue": "開催地", "status": "状況", "countdown": "開催までの日数",
    "since": "当該機関の前回会合以降の変更（基準日 {date}）",
    "deadlines": "期限", "deadline": "期限の種類", "left_header": "残り日数", "due": "期限日", "no_date": "日付未定",
    "documents": "議題別の文書", "no_agenda": "その他の文書", "symbol": "文書記号",
    "doc_title": "表題", "type": "種別", "agenda": "議題", "date": "日付",
    "first_seen": "{date}（初確認日）", "version": "版", "languages": "言語", "link": "リンク",
    "file": "ファイル", "files": "ファイル", "pages": "頁数", "doc_status": "文書の状態", "excerpt": "冒頭の段落",
    "changed": "変更内容", "diff": "前版との差分", "hits": "ウォッチリストの該当箇所",
    "watchlist": "ウォッチリスト", "page": "頁", "sentence": "該当文", "late": "未公表の予定文書",
    "none": "なし", "spreadsheet": "一覧表", "pdf": "PDF版", "csv": "CSV形式",
    "not_in_catalog": "未収集の会合：{codes}", "replaced_by": "{symbol} により差し替え",
    "brackets": "角括弧（ブラケット）の推移", "passage": "角括弧内の文言", "appeared": "出現した版",
    "left": "解消した版", "outcome": "結果", "iteration": "第{n}版", "iterations": "版の一覧",
    "page_number": "{n} / {total} 頁", "diff_in_html": "段落ごとの差分は index.html を参照。",
    "subject": "{name} の文書・期限・変更",
}

DOC_STATUS = {"new": "新規", "revised": "改訂", "superseded": "差し替え済み（旧版）", "withdrawn": "撤回",
              "current": "現行"}
MEETING_STATUS = {"tentative": "暫定", "confirmed": "確定", "passed": "終了", "cancelled": "中止",
                  "postponed": "延期"}
BRACKET_OUTCOME = {"open": "未解消", "resolved": "解消（文言を維持）", "removed": "削除（文言ごと削除）"}
DEADLINE_KINDS = {"call_for_input": "意見募集（コール・フォー・インプット）",
                  "observer_registration": "オブザーバー登録", "submission": "意見提出（サブミッション）"}
DIFF_MARKS = {"changed": "変更", "added": "追加", "removed": "削除"}

SENTENCES = {
    "countdown.before": "開始まで{days}日",
    "countdown.today": "本日開始",
    "countdown.during": "会期中（{length}日間のうち{day}日目）",
    "countdown.after": "{days}日前に終了",
    "countdown.undated": "日程未定",
    "deadline.left": "残り{days}日",
    "deadline.today": "本日締切",
    "deadline.closed": "{days}日前に締切",
    "brackets.line": "第{since}版以降、角括弧の解消{resolved}件・削除{removed}件・新規{new}件（未解消{open}件）",
    "diff.headline": "段落の追加{added}件・削除{removed}件・変更{changed}件、角括弧 {before} → {after}",
    "late": "{label}：未公表（通常の公表期限 {due}）",
    # what changed, by change kind ({parent}, {language}, {before}, {after} filled in where known)
    "change.document.new": "新規文書",
    "change.document.revised": "{parent} の改訂版",
    "change.document.corrected": "{parent} の正誤表",
    "change.document.addendum": "{parent} の追補",
    "change.document.updated": "ファイルの更新（{language}）",
    "change.document.updated.version": "版の更新（{before} → {after}）",
    "change.document.language": "{language}版を追加",
    "change.document.metadata": "書誌情報の変更",
    "change.document.withdrawn": "撤回",
    "change.meeting.agenda": "議題案の公表",
    "change.meeting.annotations": "注釈付き議題の公表",
    "change.meeting.report": "会合報告書の公表",
    "change.other": "変更あり",
}

# Bodies: the official Japanese names (MOFA/MOE usage), the abbreviation kept as analysts write it.
BODIES = {
    "COP": "締約国会議（COP）",
    "CMP": "京都議定書締約国会合（CMP）",
    "CMA": "パリ協定締約国会合（CMA）",
    "SBSTA": "科学上及び技術上の助言に関する補助機関（SBSTA）",
    "SBI": "実施に関する補助機関（SBI）",
    "SB": "補助機関（SB）",
    "SBM": "6条4項監督機関（SBM）",
    "EB": "CDM理事会（EB）",
    "A6IP": "パリ協定6条実施パートナーシップ（A6IP）",
}
MEETING_NAME = "第{number}回{body}"

# Document types as the sources write them, and the documents' roles at a meeting.
DOC_TYPES = {
    "agendas and annotations": "議題及び注釈",
    "pre-session documents": "会期前文書",
    "synthesis reports": "統合報告書",
    "progress reports": "進捗報告書",
    "meeting documents": "会議文書",
    "draft conclusions": "結論案",
    "draft decisions": "決定案",
    "draft decision": "決定案",
    "decisions": "決定",
    "reports": "報告書",
    "technical papers": "技術ペーパー",
    "information documents": "情報文書",
    "submissions": "意見提出（サブミッション）",
    "standard": "基準",
    "draft standard": "基準案",
    "procedure": "手続",
    "draft procedure": "手続案",
    "tool": "ツール",
    "form": "様式",
    "guideline": "ガイドライン",
    "information note": "情報ノート",
    "concept note": "コンセプトノート",
    "in-meeting document": "会期中文書",
    "slides": "スライド",
    "summary": "概要",
    "annotated agenda": "注釈付き議題",
    "agenda": "議題案",
    "report": "会合報告書",
}
ROLES = {
    "agenda": "議題案", "annotated_agenda": "注釈付き議題", "annex": "附属書", "report": "会合報告書",
    "report_annex": "会合報告書附属書", "regulatory": "規則文書", "in_meeting": "会期中文書", "slides": "スライド",
    "summary": "概要",
}
LANGUAGES = {"en": "英語", "fr": "フランス語", "es": "スペイン語", "ar": "アラビア語", "zh": "中国語", "ru": "ロシア語",
             "ja": "日本語"}
# The configured expected documents (settings.expected), by their English label.
EXPECTED = {
    "annotated agenda and its annexes": "注釈付き議題及びその附属書",
    "annotations to the agenda": "議題の注釈",
    "provisional agenda and annotations": "仮議題及び注釈",
}
# Terms analysts read in sentences and headings (reference for the pack's wording).
TERMS = {
    "corresponding adjustment": "相当調整",
    "ITMO": "国際的に移転される緩和成果（ITMO）",
    "JCM": "二国間クレジット制度（JCM）",
    "Article 6.2": "6条2項",
    "Article 6.4": "6条4項",
    "share of proceeds": "収益の一部（SOP）",
    "OMGE": "世界全体の排出における全体的な緩和（OMGE）",
    "call for input": "意見募集",
}

# -- the next-morning report (reports/*): its labels, and what changed by change kind -----------------
REPORT_LABELS = {
    "title": "翌朝報告", "window": "新規・変更の対象期間", "and": "～",
    "local": "開催地の現地時間", "zone_fallback": "開催地不明のため設定のタイムゾーン",
    "meeting": "会合", "dates": "日程", "venue": "開催地", "no_agenda": "議題に属さないもの",
    "meeting_news": "会合と期限", "symbol": "文書記号", "doc_title": "表題",
    "what": "変更内容", "at": "日時", "first": "最初の実質的な段落",
    "action": "求められる行動", "diff": "変更された段落", "hits": "ウォッチリストの該当箇所",
    "deadlines": "今後7日以内の期限", "none": "なし", "nothing": "新規・変更はありません。",
    "days_left": "{n}日後", "today": "本日", "page": "頁", "pdf": "PDF版", "link": "リンク",
    "generated": "作成日時", "body": "機関", "type": "種別", "brackets": "角括弧（ブラケット）",
    "more": "ほか{n}段落",
}
CHANGE_KINDS = {
    "document.new": "新規文書", "document.revised": "改訂", "document.corrected": "訂正",
    "document.addendum": "追補", "document.updated": "新版", "document.language": "新たな言語版",
    "document.metadata": "書誌情報の変更", "document.withdrawn": "撤回", "document.file_missing": "ファイル欠落",
    "meeting.scheduled": "会合の予定", "meeting.moved": "会合日程の変更", "meeting.cancelled": "会合の中止",
    "meeting.postponed": "会合の延期", "meeting.agenda": "議題の公表", "meeting.annotations": "注釈付き議題の公表",
    "meeting.report": "会合報告書の公表", "deadline.set": "期限の設定", "deadline.changed": "期限の変更",
    "countdown": "開催までの日数", "expected.late": "予定文書の遅延", "expected.arrived": "遅延文書の公表",
    "record.added": "追加", "record.changed": "変更", "record.removed": "削除",
}
# (keyed report.*, not change.*: the pack's change_sentence formats change.* with its own fields)
SENTENCES.update({
    "report.meeting.scheduled": "会合の予定を掲載",
    "report.meeting.moved": "会合の日程または開催地を変更",
    "report.meeting.cancelled": "会合の中止",
    "report.meeting.postponed": "会合の延期",
    "report.deadline.set": "期限を設定（期限日 {due}）",
    "report.deadline.changed": "期限を変更（変更前 {previous}）",
    "report.countdown": "開始まで{days_left}日（公表済みの文書{documents}件、前回の通知以降の変更{changes}件）",
    "report.expected.late": "{label}：未公表（通常の公表期限 {due}）",
    "report.expected.arrived": "遅れていた{label}が公表",
    "report.document.file_missing": "ファイルが取得できなくなった",
})
