"""The demo: serve the sample site locally, crawl state 1 (the baseline), then state 2, then state 2
again (nothing new), each on the site's as-of date through the injected clock; write the feeds and
summarise what was found and what changed. Deterministic: two runs print the same summary."""

from __future__ import annotations

import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from core.errors import A6WatchError
from core.sources import SOURCES as REGISTRY
from sample_site.build import build_site
from sample_site.server import SampleServer

MARKER = ".a6watch-demo"
CRAWLS = (
    (1, "2026-05-25T06:00:00Z", "state 1, as of 25 May 2026 (baseline)"),
    (2, "2026-06-05T06:00:00Z", "state 2, as of 5 June 2026"),
    (2, "2026-06-05T12:00:00Z", "state 2 again (nothing new expected)"),
)
LANGUAGES = "en,fr,es"
REPORT_AT = "2026-06-06T06:00:00Z"  # the morning after state 2, 08:00 at the venue (Bonn)
SOURCES = tuple(REGISTRY)  # every source the sample site serves: all of them


@dataclass
class CrawlSummary:
    label: str
    status: str
    documents: int
    files: int
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (source, kind, summary)
    alerts: list[tuple[str, str]] = field(default_factory=list)  # (kind, summary): countdowns, late documents


@dataclass
class DemoResult:
    data_dir: Path
    crawls: list[CrawlSummary]
    feeds: list[Path]
    browser: str = ""
    calendars: list[Path] = field(default_factory=list)
    packs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what an optional system piece changed, one line each
    reports: list[Path] = field(default_factory=list)  # the next-morning reports (HTML; a PDF beside each)


def prepare(data_dir: Path) -> None:
    """A demo starts from an empty folder; only a folder that a demo made is ever emptied."""
    if data_dir.exists() and any(data_dir.iterdir()):
        if not (data_dir / MARKER).exists():
            raise A6WatchError(f"{data_dir} is not empty and was not made by the demo; choose another --data-dir")
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / MARKER).write_text("made by a6watch demo; emptied by the next demo run\n")


def run_demo(data_dir: Path, say: bool = True) -> DemoResult:
    from a6watch.commands.crawl import crawl_sources
    from a6watch.outputs import refresh
    from briefing.pack import build_pack
    from core.clock import parse_instant
    from core.config import load_settings
    from storage.alerts import run_alerts
    from storage.db import Catalog
    from storage.models import Change, CrawlRun, DocumentFile, Sighting

    prepare(data_dir)
    settings = load_settings(None, env={"A6WATCH_DATA_DIR": str(data_dir),
                                        "A6WATCH_CONFIG": str(data_dir / "no-config.toml")})
    server = SampleServer(build_site(1))
    mirror = server.start()
    env = {"A6WATCH_DATA_DIR": str(data_dir), "A6WATCH_MIRROR_URL": mirror, "A6WATCH_LANGUAGES": LANGUAGES,
           "A6WATCH_CONFIG": str(data_dir / "no-config.toml"), "A6WATCH_DATABASE_URL": ""}
    summaries = []
    catalog = None
    try:
        for state, now, label in CRAWLS:
            server.set_site(build_site(state))
            if say:
                print(f"crawl: {label} …", file=sys.stderr, flush=True)
            crawl_sources(SOURCES, {**env, "A6WATCH_NOW": now}, quiet=True)
            catalog = catalog or Catalog(f"sqlite:///{data_dir / 'catalog.db'}")
            with catalog.session() as s:
                runs = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(len(SOURCES))).all()
                if len(runs) < len(SOURCES) or len({r.source_id for r in runs}) < len(SOURCES):
                    raise A6WatchError("a demo crawl did not start; run 'a6watch crawl' to see why")
                changes = s.scalars(select(Change).where(Change.run_id.in_([r.id for r in runs]))).all()
                docs = s.scalar(select(func.count(func.distinct(Sighting.document_id)))) or 0
                files = s.scalar(select(func.count()).select_from(DocumentFile)
                                 .where(DocumentFile.is_current.is_(True))) or 0
                statuses = {r.status for r in runs}
                status = statuses.pop() if len(statuses) == 1 else "mixed: " + ", ".join(
                    f"{r.source_id} {r.status}" for r in runs)
            alert_count = run_alerts(catalog, parse_instant(now), settings.countdown_days, settings.expected)
            with catalog.session() as s:
                alerts = s.scalars(select(Change).where(Change.run_id.is_(None), Change.at == parse_instant(now))
                                   .order_by(Change.id)).all() if alert_count else []
                summaries.append(CrawlSummary(label, status, docs, files,
                                              sorted((c.source_id or "", c.kind, c.summary) for c in changes),
                                              [(c.kind, c.summary) for c in alerts]))
        assert catalog is not None
        browser = _browser_pass(env, say)
        if browser.startswith("state 2 fetched"):
            with catalog.session() as s:
                run = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
                assert run is not None
                n = s.scalar(select(func.count()).select_from(Change).where(Change.run_id == run.id)) or 0
                browser += f"; run {run.status}, {n} change(s) (same content, so none expected)"
        from reports.morning import write_report  # the next morning at the venue, 08:00 in Bonn

        reports = [write_report(catalog, settings, "SBM022", parse_instant(REPORT_AT), lang, email=False).html
                   for lang in ("en", "ja")]
        final = parse_instant(CRAWLS[-1][1])
        outputs = refresh(settings, catalog, final)
        built = [build_pack(catalog, data_dir, spec, final, lang)
                 for spec, lang in (("SBM022", "en"), ("SBM022", "ja"), ("SB64", "en"),
                                    ("COP31", "en"), ("COP31", "ja"))]
        packs = [pack.folder for pack in built]
        notes = sorted({pack.note for pack in built if pack.note}) + [f"not built: {f}" for f in outputs.failures]
    finally:
        server.stop()
        if catalog:
            catalog.close()
    return DemoResult(data_dir, summaries, outputs.feeds, browser, outputs.calendars,
                      sorted(set(outputs.packs + packs)), notes, reports)


def _browser_pass(env: dict[str, str], say: bool, chromium: str = "/usr/bin/chromium") -> str:
    """Fetch state 2 once more through headless Chromium (scrapy-playwright), if it is installed and starts."""
    import subprocess

    from a6watch.commands.crawl import crawl_sources

    if not Path(chromium).exists():
        return f"skipped: {chromium} not found (install Debian's chromium to use the browser fetcher)"
    try:  # Debian's /usr/bin/chromium is a wrapper: it can be there while the browser it starts is not
        probe = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=60)
        why = "" if probe.returncode == 0 else [f"exit {probe.returncode}", *probe.stderr.strip().splitlines()][-1]
    except (OSError, subprocess.TimeoutExpired) as exc:
        why = str(exc)
    if why:
        return f"skipped: {chromium} is there but Chromium does not start ({why[:200]})"
    if say:
        print("crawl: state 2 through headless Chromium …", file=sys.stderr, flush=True)
    config = Path(env["A6WATCH_DATA_DIR"]) / "browser.toml"
    config.write_text(f'[browser]\nhosts = ["unfccc.int"]\nexecutable_path = "{chromium}"\n')
    codes = crawl_sources(["unfccc_documents"], {**env, "A6WATCH_CONFIG": str(config),
                                                 "A6WATCH_NOW": "2026-06-05T18:00:00Z"}, quiet=True)
    if codes["unfccc_documents"] != 0:
        return "failed: the browser crawl did not complete (run 'a6watch crawl' with browser.hosts to see why)"
    return "state 2 fetched through headless Chromium with the mirror's route interception"


def shown(path: Path) -> str:
    """A path as the user would type it from here: relative when it is under the working directory."""
    try:
        return str(path.relative_to(Path.cwd())) or "."
    except ValueError:
        return str(path)


def report(result: DemoResult, prog: str = "a6watch") -> str:
    """The summary. Every command it suggests works as printed, from the directory the demo ran in."""
    again = f"{prog} --data-dir {shlex.quote(shown(result.data_dir))}"
    lines = ["a6watch demo: the sample site crawled in three passes", ""]
    for n, crawl in enumerate(result.crawls, start=1):
        listed = [c for c in crawl.changes if c[1] != "watch.hit"]
        hits = len(crawl.changes) - len(listed)
        lines.append(f"{n}. {crawl.label}: runs {crawl.status}; catalog holds {crawl.documents} documents, "
                     f"{crawl.files} current files; {len(listed)} change(s)"
                     + (f", {hits} new watchlist hit(s) (feeds/watch/)" if hits else ""))
        for source, kind, summary in listed:
            lines.append(f"     - {source} [{kind}] {summary}")
        for kind, summary in crawl.alerts:
            lines.append(f"     - alert [{kind}] {summary}")
    lines += ["", f"Browser fetcher: {result.browser}"]
    lines += [f"Note: {note}" for note in result.notes]
    lines += ["", "Outputs:",
              f"  catalog        {shown(result.data_dir / 'catalog.db')}  (SQLite)",
              f"  files          {shown(result.data_dir / 'files')}  (every version, by sha256)",
              f"  feeds          {shown(result.data_dir / 'feeds')}  ({len(result.feeds)} files: all, per source, "
              "per body, per meeting, per watchlist; .atom and .rss)",
              f"  calendars      {shown(result.data_dir / 'calendars')}  (all.ics and one per body)",
              *[f"  briefing pack  {shown(p)}/index.html (+ PDF, XLSX, CSV, .zip)" for p in result.packs],
              *[f"  next-morning   {shown(p)} (+ .pdf)" for p in result.reports],
              f"  landscape      {shown(result.data_dir / 'landscape' / 'credit-landscape.xlsx')}  (CCP × CORSIA × "
              "Article 6.4 transition × JCM, per programme; SQL view landscape_facts)",
              "",
              "Try:",
              f"  {again} search ITMO",
              f"  {again} search 相当調整",
              f"  {again} changes --since 2026-06-01",
              f"  {again} sql meeting-documents -p meeting=sbm-022",
              f"  {again} brief SBM022 --lang ja"]
    return "\n".join(lines)
