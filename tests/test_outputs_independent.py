"""Outputs are built independently and atomically: one that cannot be built is reported, the others are
still built, and the previous version of the failed one stays in place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import briefing.pdf
from a6watch.outputs import refresh
from briefing.pack import build_pack
from core.config import load_settings
from tests.databases import database_url_for
from tests.test_recorder import run
from tests.test_recorder_meetings import mdoc, meeting

NOW = datetime(2026, 6, 5, 12, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path):
    return load_settings(None, env={"A6WATCH_CONFIG": str(tmp_path / "none.toml"), "A6WATCH_DATA_DIR": str(tmp_path),
                                    "A6WATCH_DATABASE_URL": database_url_for(tmp_path)})


def test_a_title_of_two_thousand_characters_still_makes_a_pdf(catalog, clock, tmp_path):
    title = "Draft standard: " + "Requirements for the development and assessment of methodologies " * 33
    assert len(title) > 2100
    run(catalog, clock, meeting(), mdoc("A6.4-SBM022-AA", "Annotated agenda", role="annotated_agenda"),
        listing=False)
    for version in ("01.0", "01.1", "01.2", "01.3"):  # accumulated change summaries on one row
        run(catalog, clock, meeting(), mdoc("A6.4-SBM022-AA-A01", title, version=version, role="annex"),
            listing=False)
    pack = build_pack(catalog, tmp_path, "SBM022", NOW)
    assert (pack.folder / "SBM022-brief.pdf").stat().st_size > 1000 and pack.zip.exists()
    assert title in (pack.folder / "index.html").read_text(encoding="utf-8")  # the whole title stays in the HTML


def test_a_pack_that_fails_leaves_the_previous_pack_and_the_other_outputs_are_built(catalog, clock, settings,
                                                                                      tmp_path, monkeypatch):
    run(catalog, clock, meeting(), mdoc("A6.4-SBM022-AA", "Annotated agenda", role="annotated_agenda"),
        listing=False)
    first = refresh(settings, catalog, NOW)
    assert first.failures == [] and first.packs
    pack = first.packs[0]
    before = {p.name: p.read_bytes() for p in pack.iterdir() if p.is_file()}
    zip_before = pack.with_suffix(".zip").read_bytes()
    run(catalog, clock, meeting(), mdoc("A6.4-SBM022-AA-A01", "Draft standard", role="annex"), listing=False)

    def cannot_lay_out(*args, **kwargs):
        raise RuntimeError("Flowable <Table> too large on page 1")

    monkeypatch.setattr(briefing.pdf, "write_pdf", cannot_lay_out)
    (settings.feeds_dir / "all.atom").unlink()
    second = refresh(settings, catalog, NOW)
    assert len(second.failures) == 1 and "briefing pack sbm-022" in second.failures[0]
    assert "too large on page" in second.failures[0]
    assert (settings.feeds_dir / "all.atom").exists() and second.calendars  # the others were still built
    assert {p.name: p.read_bytes() for p in pack.iterdir() if p.is_file()} == before  # the previous pack, whole
    assert pack.with_suffix(".zip").read_bytes() == zip_before
    assert not [p for p in pack.parent.iterdir() if p.name.startswith(".")]  # no half-built folder left behind
