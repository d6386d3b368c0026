"""The symbol grammar (core/symbols.py), on real-style symbols."""

import pytest

from core.errors import SymbolError
from core.symbols import parse_symbol

# (as written on a page, normalised text, family, relation, parent)
VALID = [
    ("FCCC/PA/CMA/2025/L.24", "FCCC/PA/CMA/2025/L.24", "FCCC/PA/CMA/2025/L.24", None, None),
    ("FCCC/SBI/2022/L.21", "FCCC/SBI/2022/L.21", "FCCC/SBI/2022/L.21", None, None),
    ("FCCC/SB/2024/L.3", "FCCC/SB/2024/L.3", "FCCC/SB/2024/L.3", None, None),
    ("FCCC/SB/2022/INF.2", "FCCC/SB/2022/INF.2", "FCCC/SB/2022/INF.2", None, None),
    ("FCCC/SBI/2016/INF.10", "FCCC/SBI/2016/INF.10", "FCCC/SBI/2016/INF.10", None, None),
    ("FCCC/SBSTA/2026/MISC.1", "FCCC/SBSTA/2026/MISC.1", "FCCC/SBSTA/2026/MISC.1", None, None),
    ("FCCC/PA/CMA/2025/1/Add.3", "FCCC/PA/CMA/2025/1/Add.3", "FCCC/PA/CMA/2025/1", "addendum",
     "FCCC/PA/CMA/2025/1"),
    ("FCCC/SBSTA/2022/7/Rev.1", "FCCC/SBSTA/2022/7/Rev.1", "FCCC/SBSTA/2022/7", "revision", "FCCC/SBSTA/2022/7"),
    ("FCCC/SBSTA/2022/7/Rev.2", "FCCC/SBSTA/2022/7/Rev.2", "FCCC/SBSTA/2022/7", "revision",
     "FCCC/SBSTA/2022/7/Rev.1"),
    ("FCCC/SB/2022/5/Add.1/Corr.1", "FCCC/SB/2022/5/Add.1/Corr.1", "FCCC/SB/2022/5", "corrigendum",
     "FCCC/SB/2022/5/Add.1"),
    ("FCCC/SBI/2016/INF.10/Add.1/Corr.1", "FCCC/SBI/2016/INF.10/Add.1/Corr.1", "FCCC/SBI/2016/INF.10",
     "corrigendum", "FCCC/SBI/2016/INF.10/Add.1"),
    ("FCCC/CP/2025/11", "FCCC/CP/2025/11", "FCCC/CP/2025/11", None, None),
    ("FCCC/KP/CMP/2025/6", "FCCC/KP/CMP/2025/6", "FCCC/KP/CMP/2025/6", None, None),
    ("FCCC/PA/CMA/2025/18", "FCCC/PA/CMA/2025/18", "FCCC/PA/CMA/2025/18", None, None),
    ("FCCC/SBI/2025/6", "FCCC/SBI/2025/6", "FCCC/SBI/2025/6", None, None),
    ("FCCC/SBI/2025/INF.2", "FCCC/SBI/2025/INF.2", "FCCC/SBI/2025/INF.2", None, None),
    ("FCCC/SBI/2025/8/Add.1", "FCCC/SBI/2025/8/Add.1", "FCCC/SBI/2025/8", "addendum", "FCCC/SBI/2025/8"),
    ("FCCC/SBSTA/2025/4", "FCCC/SBSTA/2025/4", "FCCC/SBSTA/2025/4", None, None),
    ("FCCC/SBSTA/2025/L.5", "FCCC/SBSTA/2025/L.5", "FCCC/SBSTA/2025/L.5", None, None),
    ("FCCC/SBSTA/2025/L.8", "FCCC/SBSTA/2025/L.8", "FCCC/SBSTA/2025/L.8", None, None),
    ("FCCC/SB/2023/9", "FCCC/SB/2023/9", "FCCC/SB/2023/9", None, None),
    ("FCCC/SBI/2016/9", "FCCC/SBI/2016/9", "FCCC/SBI/2016/9", None, None),
    ("FCCC/CP/2023/L.13", "FCCC/CP/2023/L.13", "FCCC/CP/2023/L.13", None, None),
    ("FCCC/PA/CMA/2023/L.15", "FCCC/PA/CMA/2023/L.15", "FCCC/PA/CMA/2023/L.15", None, None),
    ("FCCC/SBI/2026/1/Add.1", "FCCC/SBI/2026/1/Add.1", "FCCC/SBI/2026/1", "addendum", "FCCC/SBI/2026/1"),
    ("FCCC/SBSTA/2026/1", "FCCC/SBSTA/2026/1", "FCCC/SBSTA/2026/1", None, None),
    ("FCCC/SB/2026/2/Add.1/Corr.1", "FCCC/SB/2026/2/Add.1/Corr.1", "FCCC/SB/2026/2", "corrigendum",
     "FCCC/SB/2026/2/Add.1"),
    ("FCCC/PA/CMA/2024/10", "FCCC/PA/CMA/2024/10", "FCCC/PA/CMA/2024/10", None, None),
    ("FCCC/SBSTA/2026/4/Rev.1/Corr.1", "FCCC/SBSTA/2026/4/Rev.1/Corr.1", "FCCC/SBSTA/2026/4", "corrigendum",
     "FCCC/SBSTA/2026/4/Rev.1"),
    ("FCCC/SBI/2026/L.2/Rev.1", "FCCC/SBI/2026/L.2/Rev.1", "FCCC/SBI/2026/L.2", "revision", "FCCC/SBI/2026/L.2"),
    ("FCCC/KP/CMP/2026/1/Add.1", "FCCC/KP/CMP/2026/1/Add.1", "FCCC/KP/CMP/2026/1", "addendum",
     "FCCC/KP/CMP/2026/1"),
    # spelling variants found on pages: case, spaces, non-breaking spaces
    ("fccc/sbi/2022/l.21", "FCCC/SBI/2022/L.21", "FCCC/SBI/2022/L.21", None, None),
    ("FCCC/SB/2022/5/Add. 1/Corr. 1", "FCCC/SB/2022/5/Add.1/Corr.1", "FCCC/SB/2022/5", "corrigendum",
     "FCCC/SB/2022/5/Add.1"),
    ("FCCC / SBSTA / 2022 / 7 / Rev.1", "FCCC/SBSTA/2022/7/Rev.1", "FCCC/SBSTA/2022/7", "revision",
     "FCCC/SBSTA/2022/7"),
    ("\u00a0FCCC/PA/CMA/2025/L.24\u00a0", "FCCC/PA/CMA/2025/L.24", "FCCC/PA/CMA/2025/L.24", None, None),
    # in-session symbols
    ("IN.SBI60.i5a_SBSTA60.i3.6", "IN.SBI60.i5a_SBSTA60.i3.6", "IN.SBI60.i5a_SBSTA60.i3", "iteration",
     "IN.SBI60.i5a_SBSTA60.i3.5"),
    ("IN.SBI60.i5a_SBSTA60.i3.4", "IN.SBI60.i5a_SBSTA60.i3.4", "IN.SBI60.i5a_SBSTA60.i3", "iteration",
     "IN.SBI60.i5a_SBSTA60.i3.3"),
    ("DT.DC.SBSTA60.i4.3", "DT.DC.SBSTA60.i4.3", "DT.DC.SBSTA60.i4", "iteration", "DT.DC.SBSTA60.i4.2"),
    ("DT.DD.SBI57.i11_SBSTA57.i3.3", "DT.DD.SBI57.i11_SBSTA57.i3.3", "DT.DD.SBI57.i11_SBSTA57.i3", "iteration",
     "DT.DD.SBI57.i11_SBSTA57.i3.2"),
    ("CRP.SBI57.i14_SBSTA57.i4.5", "CRP.SBI57.i14_SBSTA57.i4.5", "CRP.SBI57.i14_SBSTA57.i4", "iteration",
     "CRP.SBI57.i14_SBSTA57.i4.4"),
    ("DT.DC.SBSTA64.i12a.1", "DT.DC.SBSTA64.i12a.1", "DT.DC.SBSTA64.i12a", None, None),
    ("IN.SBSTA64.i12a.2", "IN.SBSTA64.i12a.2", "IN.SBSTA64.i12a", "iteration", "IN.SBSTA64.i12a.1"),
    ("in.sbi60.i5a_sbsta60.i3.6", "IN.SBI60.i5a_SBSTA60.i3.6", "IN.SBI60.i5a_SBSTA60.i3", "iteration",
     "IN.SBI60.i5a_SBSTA60.i3.5"),
]

JOINT = [
    ("FCCC/CP/2025/11–FCCC/KP/CMP/2025/6–FCCC/PA/CMA/2025/18",
     ["FCCC/CP/2025/11", "FCCC/KP/CMP/2025/6", "FCCC/PA/CMA/2025/18"], ("COP", "CMP", "CMA")),
    ("FCCC/CP/2023/L.13 - FCCC/PA/CMA/2023/L.15", ["FCCC/CP/2023/L.13", "FCCC/PA/CMA/2023/L.15"], ("COP", "CMA")),
    ("FCCC/CP/2026/1/Add.1 – FCCC/KP/CMP/2026/1/Add.1 – FCCC/PA/CMA/2026/1/Add.1",
     ["FCCC/CP/2026/1/Add.1", "FCCC/KP/CMP/2026/1/Add.1", "FCCC/PA/CMA/2026/1/Add.1"], ("COP", "CMP", "CMA")),
]

MALFORMED = [
    ("", "empty symbol"),
    ("   ", "empty symbol"),
    ("FCCC/XX/2022/1", "unknown body 'XX'"),
    ("FCCC/SBI/22/1", "four-digit year"),
    ("FCCC/SBI/2022/Q.1", "expected a number, L.n, INF.n or MISC.n"),
    ("FCCC/SBI/2022/1/Amend.1", "only /Add.n, /Rev.n or /Corr.n"),
    ("FCCC/SBI/2022/1/Add", "only /Add.n, /Rev.n or /Corr.n"),
    ("FCCC/SBI/2022", "four-digit year"),
    ("IN.SBI60", "not an in-session symbol"),
    ("DT.XX.SBSTA60.i4.3", "not an in-session symbol"),
    ("A6.4-SBM022-AA-A04", "not a UNFCCC symbol"),
    ("FCCC/CP/2025/11– ", "empty part in a joint symbol"),
    ("sbi2025_06E.pdf", "not a UNFCCC symbol"),
]


@pytest.mark.parametrize("raw,text,family,relation,parent", VALID)
def test_valid_symbols_parse_to_their_parts(raw, text, family, relation, parent):
    sym = parse_symbol(raw)
    assert sym.text == text
    assert sym.family == family
    assert sym.relation == relation
    assert sym.parent == parent
    assert parse_symbol(sym.text) == sym  # normalised text parses to the same symbol


def test_enough_real_style_symbols_are_covered():
    assert len(VALID) + len(JOINT) >= 40


@pytest.mark.parametrize("raw,parts,bodies", JOINT)
def test_joint_symbols_answer_to_each_part(raw, parts, bodies):
    sym = parse_symbol(raw)
    assert sym.is_joint
    assert [p.text for p in sym.parts] == parts
    assert sym.bodies == bodies
    assert sym.text == "–".join(parts)


def test_joint_addenda_keep_their_relation_per_part():
    sym = parse_symbol(JOINT[2][0])
    assert sym.relation == "addendum"
    assert sym.parent == "FCCC/CP/2026/1–FCCC/KP/CMP/2026/1–FCCC/PA/CMA/2026/1"


def test_parts_expose_body_year_series_and_suffix_chain():
    part = parse_symbol("FCCC/SBI/2016/INF.10/Add.1/Corr.1").parts[0]
    assert (part.body, part.year, part.series, part.number) == ("SBI", 2016, "INF", "INF.10")
    assert part.suffixes == (("Add", 1), ("Corr", 1))
    session = parse_symbol("IN.SBI60.i5a_SBSTA60.i3.6").parts[0]
    assert session.sessions == (("SBI", 60, "5a"), ("SBSTA", 60, "3"))
    assert session.iteration == 6


@pytest.mark.parametrize("raw,reason", MALFORMED)
def test_malformed_symbols_fail_with_a_reason(raw, reason):
    with pytest.raises(SymbolError) as err:
        parse_symbol(raw)
    assert reason in str(err.value)


def test_a_documents_identity_is_parsed_once_per_value_and_again_when_its_symbol_changes(monkeypatch):
    from core import items
    from core.items import DocumentItem

    calls = []
    real = items.try_parse_symbol
    monkeypatch.setattr(items, "try_parse_symbol", lambda text: calls.append(text) or real(text))
    item = DocumentItem("unfccc_documents", "https://unfccc.int/documents", "documents_listing",
                        symbol=" FCCC/SBSTA/2026/L.2 ")
    assert item.key() == item.key() == item.identity().key == "FCCC/SBSTA/2026/L.2"
    assert len(calls) == 1
    item.symbol = "FCCC/SBSTA/2026/L.2/Rev.1"  # a normalisation or a correction: parsed again
    assert item.key() == "FCCC/SBSTA/2026/L.2/Rev.1" and item.identity().symbol is not None
    assert len(calls) == 2
