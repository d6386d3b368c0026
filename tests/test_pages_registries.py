"""Registries (voluntary cancellations, CDM project pages) page parsers
(crawler/pages/registries.py): behaviours analysts rely on beyond the
expected items kept as data in tests/fixtures/registries/."""

from __future__ import annotations

from functools import partial

from crawler.pages import registries
from tests.conftest import parse_fixture

_parse = partial(parse_fixture, "registries")  # _parse(parser, fixture name)


def test_real_cdm_project_pages_parse_to_the_right_records():
    record = _parse(registries.parse_project, "project_1134_real").items[0]
    f = record.fields
    assert (record.key, f["title"]) == ("1134", "ESTRE Pedreira Landfill Gás Project (EPLGP)")
    assert f["methodologies"] == ["ACM0001 ver. 19 - Flaring or use of landfill gas"]
    assert f["crediting_period"] == "12 Feb 22 - 11 Feb 29"
    assert f["other_crediting_periods"] == ["12 Feb 08 - 11 Feb 15", "12 Feb 15 - 11 Feb 22"]
    assert f["renewal_date"] == "2023-04-13" and f["vvs_version"] == "VVS-PA 3.0"
    assert f["documents"][0] == {"title": "project design document", "url":
                                 "https://cdm.unfccc.int/UserManagement/FileStorage/DRTMC72HE5NX8KJ96VA3WQY1OZULIF"}
    assert _parse(registries.parse_project, "project_373_real").items[0].fields["title"].startswith("São João")


def test_voluntary_cancellations_follow_their_projects():
    page = _parse(registries.parse_vc_attest, "vc_attest")
    assert page.items[0].fields["completed"] == "2026-03-14"
    assert page.items[0].key.endswith("VCA-2026-0314-001.pdf")
    assert [f.kind for f in page.follow] == ["cdm_project", "cdm_project"]
