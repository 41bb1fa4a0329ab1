"""The rule catalogue: codes, names, documentation, a test module per rule, --select/--ignore."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xl_renja.rules import ALL_RULES, RULES_BY_CODE, select_rules

RULE_TESTS = Path(__file__).resolve().parent / "rules"
CODES = [r.code for r in ALL_RULES]


def test_codes_unique():
    assert len(CODES) == len(set(CODES))
    assert len({r.name for r in ALL_RULES}) == len(ALL_RULES)
    assert set(RULES_BY_CODE) == set(CODES)


@pytest.mark.parametrize("rule", ALL_RULES, ids=CODES)
def test_rule_code_name_and_doc(rule):
    assert re.fullmatch(r"[A-Z]{2}\d{2}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.severity.value in ("error", "warning")
    assert rule.summary and rule.summary_en
    doc = rule.doc()
    assert doc.startswith(f"{rule.code} {rule.name}")
    assert "Contoh salah" in doc and "Contoh benar" in doc
    assert doc.index("Contoh salah") < doc.index("Contoh benar")
    # each section has an example after it
    salah = doc.split("Contoh salah", 1)[1].split("Contoh benar", 1)[0]
    benar = doc.split("Contoh benar", 1)[1]
    assert salah.strip(" :\n") and benar.strip(" :\n")


@pytest.mark.parametrize("rule", ALL_RULES, ids=CODES)
def test_rule_has_test_module(rule):
    modules = sorted(RULE_TESTS.glob(f"test_{rule.code}_*.py"))
    assert len(modules) == 1, f"tests/rules/test_{rule.code}_*.py"
    assert modules[0].stem == f"test_{rule.code}_{rule.name.replace('-', '_')}"


def test_no_test_module_for_unknown_rule():
    for module in RULE_TESTS.glob("test_*.py"):
        m = re.match(r"test_([A-Z]{2}\d{2})_", module.name)
        if m:
            assert m.group(1) in RULES_BY_CODE, module.name


def _codes(select=None, ignore=None):
    return [r.code for r in select_rules(select, ignore)]


@pytest.mark.parametrize("select, ignore, expected", [
    (None, None, CODES),
    (["KR"], None, ["KR01", "KR02", "KR03", "KR04"]),
    (["TT01", "VL"], None, ["TT01", "VL01", "VL02", "VL03"]),
    (None, ["KR", "TT"], [c for c in CODES if not c.startswith(("KR", "TT"))]),
    # the longer prefix wins, in both directions
    (["KR04"], ["KR"], ["KR04"]),
    (["KR"], ["KR04"], ["KR01", "KR02", "KR03"]),
    (["T"], ["TT0"], []),
    (["TT02"], ["TT0"], ["TT02"]),
    (None, ["TT02"], [c for c in CODES if c != "TT02"]),
    # equal length: ignore wins
    (["KR"], ["KR"], []),
    (["ZZ"], None, []),
    ([""], None, CODES),
])
def test_select_rules_prefixes(select, ignore, expected):
    assert _codes(select, ignore) == expected


def test_select_rules_keeps_catalogue_order():
    assert _codes(["VL", "FX"]) == ["FX01", "VL01", "VL02", "VL03"]
