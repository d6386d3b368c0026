"""Article 6.4 and CDM references and versions, including the irregular real spellings."""

import pytest

from core.errors import SymbolError
from core.meetings import code_of_key, display_code, parse_meeting
from core.references import find_reference, find_references, parse_reference, parse_version, strip_version

CASES = [
    # (text, reference, role, meeting, rest of the line)
    ("A6.4-SBM013-AA-A05 – Draft procedure: Transition of CDM activities", "A6.4-SBM013-AA-A05", "annex",
     "sbm-013", "Draft procedure: Transition of CDM activities"),
    ("A6.4-SBM013-AA-A06 - Draft standard: Removals", "A6.4-SBM013-AA-A06", "annex", "sbm-013",
     "Draft standard: Removals"),
    ("A6.4-SB008-A03Procedure: Accreditation procedure", "A6.4-SB008-A03", "report_annex", "sbm-008",
     "Procedure: Accreditation procedure"),
    ("A6.4-SBM012: Meeting report (version 01.1)", "A6.4-SBM012", "report", "sbm-012", "Meeting report (version 01.1)"),
    ("A6.4-SBM021-PA: Provisional agenda", "A6.4-SBM021-PA", "agenda", "sbm-021", "Provisional agenda"),
    ("A6.4-SBM021-AA", "A6.4-SBM021-AA", "annotated_agenda", "sbm-021", ""),
    ("A6.4\u2013SBM022\u2013AA\u2013A04 Concept note", "A6.4-SBM022-AA-A04", "annex", "sbm-022", "Concept note"),
    ("A6.4\u2011STAN\u2011METH\u2011004", "A6.4-STAN-METH-004", "regulatory", None, ""),
    ("A6.4-PROC-REGS-001", "A6.4-PROC-REGS-001", "regulatory", None, ""),
    ("A6.2-PROC-REGS-001", "A6.2-PROC-REGS-001", "regulatory", None, ""),
    ("A6.4-FORM-AC-028 Registration request form", "A6.4-FORM-AC-028", "regulatory", None,
     "Registration request form"),
    ("A6.4-AMM-001", "A6.4-AMM-001", "regulatory", None, ""),
    ("CDM-EB119-A04-AMEN", "CDM-EB119-A04-AMEN", "report_annex", "eb-119", ""),
    ("CDM-EB66-A23-GUID Guidelines", "CDM-EB66-A23-GUID", "report_annex", "eb-66", "Guidelines"),
    ("CDM-EB129-AA-A02-STAN", "CDM-EB129-AA-A02-STAN", "annex", "eb-129", ""),
]


@pytest.mark.parametrize("text,ref,role,meeting,rest", CASES)
def test_references(text, ref, role, meeting, rest):
    found, remainder = find_reference(text)
    assert (found.text, found.role, found.meeting_key, remainder) == (ref, role, meeting, rest)


def test_not_references():
    assert find_reference("FCCC/SBI/2026/1") is None
    with pytest.raises(SymbolError, match="not an Article 6.4 or CDM reference"):
        parse_reference("A6.4-XYZ")
    assert parse_reference("A6.4-SBM021-AA").text == "A6.4-SBM021-AA"


def test_references_found_inside_text():
    text = "Clarification: Applicability of A6.4-AMM-001 for landfill projects, see A6.4-SBM021-A01"
    assert [r.text for r in find_references(text)] == ["A6.4-AMM-001", "A6.4-SBM021-A01"]


@pytest.mark.parametrize("text,version", [
    ("Meeting report (version 01.1)", "01.1"), ("(v.09.1)", "09.1"), ("v.01.0", "01.0"),
    ("Version 02.0", "02.0"), ("Ver 3.0", "03.0"), ("Standard: Removals", None),
])
def test_versions(text, version):
    assert parse_version(text) == version


def test_strip_version():
    assert strip_version("Standard: Application of the requirements (version 01.1)") == \
        "Standard: Application of the requirements"
    assert strip_version("Procedure: Mechanism registry (v.02.0)") == "Procedure: Mechanism registry"


def test_meeting_spellings():
    assert parse_meeting("SBM022") == parse_meeting("sbm-022") == parse_meeting("SBM 022") == ["sbm-022"]
    assert parse_meeting("EB129") == ["eb-129"]
    assert parse_meeting("SB64") == ["sbsta-64", "sbi-64"]
    assert display_code("SBM", 22) == "SBM 022" and code_of_key("eb-129") == "EB 129"


@pytest.mark.parametrize("title,expected", [
    ("Standard: Application of the requirements (version 01.1)",
     ("Standard: Application of the requirements", "01.1")),
    ("Draft tool, v.09.1", ("Draft tool", "09.1")),
    ("Amendments to version 02.0 of the CDM project standard",
     ("Amendments to version 02.0 of the CDM project standard", None)),
    ("Information note", ("Information note", None)),
])
def test_only_a_trailing_version_is_a_documents_own(title, expected):
    from core.references import split_own_version

    assert split_own_version(title) == expected
