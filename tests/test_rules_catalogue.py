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
    assert rule.severity.value in ("error", "warning", "info")
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
def test_rule_catalogue_in_both_languages(rule):
    """Each rule's module holds its Indonesian documentation and every message in both languages."""
    import importlib
    import inspect

    doc_id, doc_en = rule.doc("id"), rule.doc("en")
    assert doc_id != doc_en and doc_id.startswith(f"{rule.code} {rule.name}")
    assert "Contoh salah" in doc_id and "Contoh benar" in doc_id
    for key, (text_id, text_en) in rule.messages.items():
        assert text_id.strip() and text_en.strip(), key
        # both templates take the same fields (English may leave some out, never add one)
        fields = lambda t: set(re.findall(r"{(\w+)}", t))  # noqa: E731
        assert fields(text_en) - {f + "_en" for f in fields(text_id)} <= fields(text_id), key
    module = inspect.getmodule(type(rule))
    assert module.__name__ == f"xl_renja.rules.{rule.code.lower()}_{rule.name.replace('-', '_')}"
    assert importlib.import_module(module.__name__).MESSAGES is rule.messages


def test_rule_command_speaks_the_language(capsys):
    from xl_renja.cli import main

    assert main(["rule", "TT01"]) == 0
    out_id = capsys.readouterr().out
    assert main(["rule", "TT01", "--lang", "en"]) == 0
    out_en = capsys.readouterr().out
    assert "pagu induk berbeda dari jumlah pagu anak-anaknya" in out_id
    assert "a parent's pagu differs from the sum of its children" in out_en


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
    assert _codes(["VL", "FX"]) == ["FX01", "FX02", "VL01", "VL02", "VL03"]
