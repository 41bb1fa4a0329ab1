"""KR01 format-kode on both T-C.33 variants."""

from __future__ import annotations

import pytest

from tests.rules.helpers import K1, S1, S1_NAME, S2_NAME, clean_rows, item, lint, sub, tc33

VARIANTS = ["resmi", "setda"]


def _with(changes):
    rows = clean_rows()
    for i, kode in changes.items():
        rows[i]["kode"] = kode
    return rows


# (id, {data row index: kode}, [(data row index, severity, expected, actual)])
CASES = [
    ("three-digit-sub", {2: "4.01.01.2.01.001"}, [(2, "error", "4.01.01.2.01.0001", "4.01.01.2.01.001")]),
    ("comma", {1: "4.01,01.2.01"}, [(1, "error", "4.01.01.2.01", "4.01,01.2.01")]),
    ("double-dot", {3: "4.01.01.2.01..0002"}, [(3, "error", "4.01.01.2.01.0002", "4.01.01.2.01..0002")]),
    ("two-digit-sub-ok", {2: "4.01.01.2.01.01", 3: "4.01.01.2.01.02"}, []),
    ("clean", {}, []),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, changes, expected", CASES, ids=[c[0] for c in CASES])
def test_kr01(tmp_path, variant, case_id, changes, expected):
    book = tc33(tmp_path, variant, _with(changes))
    got = sorted((d.key(), d.severity.value, d.expected, d.actual) for d in lint(book, ["KR01"]))
    assert got == sorted((book.key("KR01", "kode", i), sev, exp, act) for i, sev, exp, act in expected)


@pytest.mark.parametrize("variant", VARIANTS)
def test_kr01_legacy_codes_one_warning_at_first(tmp_path, variant):
    rows = [
        item("4001.400101.01", "Program Pelayanan Administrasi Perkantoran", 300, 300),
        sub("4001.400101.01.001", S1_NAME, 100, 100),
        sub("4001.400101.01.002", S2_NAME, 200, 200),
    ]
    book = tc33(tmp_path, variant, rows)
    got = [(d.key(), d.severity.value, d.actual) for d in lint(book, ["KR01"])]
    assert got == [(book.key("KR01", "kode", 0), "warning", 3)]


@pytest.mark.parametrize("variant", VARIANTS)
def test_kr01_ignores_kode_of_well_formed_rows(tmp_path, variant):
    rows = [item("4.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", 100, 100),
            item(K1, "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", 100, 100),
            sub(S1, S1_NAME, 100, 100)]
    assert lint(tc33(tmp_path, variant, rows), ["KR01"]) == []


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("written", ["4.01.01.2.01.0002.", " 4.01.01.2.01.0002", "4.01.01.2.01.0002\xa0"])
def test_kr01_trailing_dot_or_stray_space_is_a_certain_repair(tmp_path, variant, written):
    book = tc33(tmp_path, variant, _with({3: written}))
    found = lint(book, ["KR01"])
    assert [(d.key(), d.severity.value, d.expected, d.actual) for d in found] == [
        (book.key("KR01", "kode", 3), "error", "4.01.01.2.01.0002", written)]
    assert [(e.cell, e.value, e.safe) for e in found[0].fix] == [(book.cell("kode", 3), "4.01.01.2.01.0002", True)]
    # the row still counts where its kode says: no other rule sees a difference
    assert [d.key() for d in lint(book, ["KR02", "KR03", "TT"])] == []
