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


@pytest.mark.parametrize("text", ["100 %", "100%", "66,67 %"])
def test_vl01_percent_with_its_sign_is_judged_alike_in_every_layout(tmp_path, text):
    """A percentage written with its sign is a value with its satuan (like "7 Dokumen"): accepted
    in T-C.33, in T-C.29 (single and paired columns) and in the quarterly evaluation (K); a
    rupiah column still reports text."""
    from tests.rules.helpers import clean_rows, tc29, tc33, triwulan
    from tests.rules.test_CP01_capaian_hitung import tc29_row, tw_row

    rows = clean_rows()
    rows[0]["target"] = text
    assert lint(tc33(tmp_path, "resmi", rows), ["VL01"]) == []
    for paired in (False, True):
        book = tc29(tmp_path, [tc29_row(paired, t6=text, r7=text, c8=100)], paired=paired, name=f"{paired}.xlsx")
        assert lint(book, ["VL01"]) == []
    book = triwulan(tmp_path, [tw_row(target_renstra=text, capaian=text, capaian_rp=text, realisasi_lalu_rp=text)])
    assert [d.key() for d in lint(book, ["VL01"])] == [book.key("VL01", "realisasi_lalu_rp", 0)]
