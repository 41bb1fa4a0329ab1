"""VL01 angka-teks on both T-C.33 variants."""

from __future__ import annotations

import pytest

from tests.rules.helpers import clean_rows, lint, tc33

VARIANTS = ["resmi", "setda"]


# (id, {(row, key): value}, [(row, key, expected number)])
CASES = [
    ("clean", {}, []),
    ("pagu-thousands-text", {(2, "pagu"): "100.000"}, [(2, "pagu", 100_000)]),
    ("pagu-n1-plain-text", {(9, "pagu_n1"): "330000"}, [(9, "pagu_n1", 330_000)]),
    ("pagu-rp-text", {(6, "pagu"): "Rp 150.000"}, [(6, "pagu", 150_000)]),
    ("words-are-not-numbers", {(6, "pagu"): "menyesuaikan"}, []),
    ("target-text-is-fine", {(2, "target"): "1 Dokumen"}, []),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, changes, expected", CASES, ids=[c[0] for c in CASES])
def test_vl01(tmp_path, variant, case_id, changes, expected):
    rows = clean_rows()
    for (i, key), value in changes.items():
        rows[i][key] = value
    book = tc33(tmp_path, variant, rows)
    got = sorted((d.key(), d.expected, d.actual) for d in lint(book, ["VL01"]))
    assert got == sorted((book.key("VL01", k, i), e, changes[(i, k)]) for i, k, e in expected)


@pytest.mark.parametrize("variant", VARIANTS)
def test_vl01_total_row(tmp_path, variant):
    rows = clean_rows() + [{"uraian": "TOTAL", "pagu": "900.000", "pagu_n1": 990_000}]
    book = tc33(tmp_path, variant, rows)
    assert [d.key() for d in lint(book, ["VL01"])] == [book.key("VL01", "pagu", 10)]
