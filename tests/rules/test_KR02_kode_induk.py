"""KR02 kode-induk on both T-C.33 variants."""

from __future__ import annotations

import pytest

from tests.rules.helpers import K1, K1_NAME, S1, S1_NAME, clean_rows, item, lint, sub, tc33

VARIANTS = ["resmi", "setda"]


def _with(changes, drop=()):
    rows = clean_rows()
    for i, kode in changes.items():
        rows[i]["kode"] = kode
    return [r for i, r in enumerate(rows) if i not in drop]


# (id, {data row index: kode}, dropped rows, [(data row index after the drop, expected, actual)])
CASES = [
    # kegiatan 4.01.02.2.06 (and its own sub kegiatan) below program 4.01.01
    ("kegiatan-under-other-program", {5: "4.01.02.2.06", 6: "4.01.02.2.06.0002"}, (),
     [(5, "4.01.02", "4.01.01")]),
    ("sub-under-other-kegiatan", {3: "4.01.01.2.02.0002"}, (), [(3, "4.01.01.2.02", "4.01.01.2.01")]),
    ("sub-directly-under-program", {}, (8,), [(8, "4.01.03.2.01", "4.01.03")]),
    ("clean", {}, (), []),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, changes, drop, expected", CASES, ids=[c[0] for c in CASES])
def test_kr02(tmp_path, variant, case_id, changes, drop, expected):
    book = tc33(tmp_path, variant, _with(changes, drop))
    got = sorted((d.key(), d.expected, d.actual) for d in lint(book, ["KR02"]))
    assert got == sorted((book.key("KR02", "kode", i), e, a) for i, e, a in expected)


@pytest.mark.parametrize("variant", VARIANTS)
def test_kr02_orphan_sub_kegiatan(tmp_path, variant):
    rows = [sub(S1, S1_NAME, 100, 100), item("4.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
                                              100, 100), item(K1, K1_NAME, 100, 100), sub(S1[:-1] + "2", S1_NAME, 100, 100)]
    book = tc33(tmp_path, variant, rows)
    got = [(d.key(), d.expected, d.actual) for d in lint(book, ["KR02"])]
    assert got == [(book.key("KR02", "kode", 0), K1, None)]


@pytest.mark.parametrize("variant", VARIANTS)
def test_kr02_table_of_kegiatan_only_is_fine(tmp_path, variant):
    rows = [item(K1, K1_NAME, 100, 100), sub(S1, S1_NAME, 100, 100)]
    assert lint(tc33(tmp_path, variant, rows), ["KR02"]) == []


@pytest.mark.parametrize("kodes, expected", [
    (["4001,01", "4001.400101.01.001", "4001,02", "4001.400101.02.001"], []),
    (["4001,01", "4001.400101.01.001", "4001,02", "4001.400101.01.002"], [3]),   # kegiatan of 01 under 02
    (["4001.400101.19", "4001.400101.20.001", "4001.400101.20"], [1]),           # seed Tabel 2.1 row 61
    (["4001.400101.01.001", "4001,01", "4001.400101.01.002"], [0]),              # before any program
    (["4001.400101.01.001", "4001.400101.01.002"], []),                          # kegiatan only
], ids=["clean", "under-other-program", "seed-row-61", "orphan", "kegiatan-only"])
def test_kr02_legacy_kode(tmp_path, kodes, expected):
    """Legacy kegiatan (Permendagri 13/2006) are checked against the legacy program above them."""
    from tests.rules.test_KR03_kode_ganda import legacy_book

    book = legacy_book(tmp_path, kodes)
    got = [d.key() for d in lint(book, ["KR02"])]
    assert got == [book.key("KR02", "kode", i) for i in expected]
