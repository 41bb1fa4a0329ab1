"""RQ01 sel-wajib on both T-C.33 variants."""

from __future__ import annotations

import pytest

from tests.rules.helpers import clean_rows, lint, tc33

VARIANTS = ["resmi", "setda"]


# rows: 0 program, 1 kegiatan, 2 sub kegiatan
# (id, [(row, key) emptied], [(row, key) reported])
CASES = [
    ("clean", [], []),
    ("program-indikator", [(0, "indikator")], [(0, "indikator")]),
    ("program-target", [(0, "target")], [(0, "target")]),
    ("kegiatan-pagu", [(5, "pagu")], [(5, "pagu")]),
    # year n+1 (prakiraan maju) is required as year n is: both empty pagu cells are reported
    ("kegiatan-pagu-both-years", [(5, "pagu"), (5, "pagu_n1")], [(5, "pagu"), (5, "pagu_n1")]),
    ("program-n1", [(0, "target_n1"), (0, "pagu_n1")], [(0, "target_n1"), (0, "pagu_n1")]),
    ("sub-n1-target", [(2, "target_n1")], [(2, "target_n1")]),
    ("sub-lokasi-sumber", [(2, "lokasi"), (2, "sumber_dana")], [(2, "lokasi"), (2, "sumber_dana")]),
    ("kegiatan-lokasi-not-required", [(1, "lokasi"), (1, "sumber_dana")], []),
    ("catatan-not-required", [(2, "catatan")], []),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, emptied, expected", CASES, ids=[c[0] for c in CASES])
def test_rq01(tmp_path, variant, case_id, emptied, expected):
    rows = clean_rows()
    for i, key in emptied:
        rows[i][key] = None
    book = tc33(tmp_path, variant, rows)
    got = sorted((d.key(), d.kode) for d in lint(book, ["RQ01"]))
    assert got == sorted((book.key("RQ01", k, i), rows[i]["kode"]) for i, k in expected)


@pytest.mark.parametrize("variant", VARIANTS)
def test_rq01_continuation_row_needs_nothing(tmp_path, variant):
    rows = clean_rows()
    rows.insert(3, {"indikator": "Jumlah dokumen Renja", "target": "1 Dokumen"})
    book = tc33(tmp_path, variant, rows)
    assert lint(book, ["RQ01"]) == []
