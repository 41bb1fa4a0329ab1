"""VL03 satuan-tak-dikenal on both T-C.33 variants."""

from __future__ import annotations

import pytest

from tests.rules.helpers import clean_rows, lint, tc33

VARIANTS = ["resmi", "setda"]


# (id, {(row, key): value}, [(row, key, suggestion, actual satuan)])
CASES = [
    ("clean", {}, []),
    ("typo-in-target", {(2, "target"): "1 Dokmen"}, [(2, "target", "Dokumen", "Dokmen")]),
    ("typo-in-target-n1", {(3, "target_n1"): "1 Dokumne"}, [(3, "target_n1", "Dokumen", "Dokumne")]),
    ("abbreviation-known", {(2, "target"): "1 Dok", (3, "target"): "12 Bln"}, []),
    ("percent-known", {(0, "target"): "100 %"}, []),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, changes, expected", CASES, ids=[c[0] for c in CASES])
def test_vl03(tmp_path, variant, case_id, changes, expected):
    rows = clean_rows()
    for (i, key), value in changes.items():
        rows[i][key] = value
    book = tc33(tmp_path, variant, rows)
    diags = lint(book, ["VL03"])
    assert all(d.severity.value == "warning" for d in diags)
    got = sorted((d.key(), d.expected, d.actual) for d in diags)
    assert got == sorted((book.key("VL03", k, i), e, a) for i, k, e, a in expected)


@pytest.mark.parametrize("satuan, hint", [("Bu;an", "Bulan"), ("Dokmen", "Dokumen")])
def test_vl03_setda_satuan_column(tmp_path, satuan, hint):
    rows = clean_rows()
    rows[2]["satuan"] = satuan
    book = tc33(tmp_path, "setda", rows)
    got = [(d.key(), d.expected, d.actual) for d in lint(book, ["VL03"])]
    assert got == [(book.key("VL03", "satuan", 2), hint, satuan)]
