"""KR03 kode-ganda on both T-C.33 variants."""

from __future__ import annotations

import pytest

from tests.rules.helpers import clean_rows, lint, tc33

VARIANTS = ["resmi", "setda"]


# (id, {data row index: kode}, [data row indexes reported])
CASES = [
    ("sub-repeated", {3: "4.01.01.2.01.0001"}, [3]),
    ("two-and-four-digit-are-the-same", {3: "4.01.01.2.01.01"}, [3]),
    ("three-times", {3: "4.01.01.2.01.0001", 4: "4.01.01.2.01.0001"}, [3, 4]),
    ("program-repeated", {7: "4.01.01"}, [7]),
    ("clean", {}, []),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, changes, expected", CASES, ids=[c[0] for c in CASES])
def test_kr03(tmp_path, variant, case_id, changes, expected):
    rows = clean_rows()
    for i, kode in changes.items():
        rows[i]["kode"] = kode
    book = tc33(tmp_path, variant, rows)
    got = sorted((d.key(), d.kode) for d in lint(book, ["KR03"]))
    assert got == sorted((book.key("KR03", "kode", i), changes[i]) for i in expected)


# a T-C.29 of legacy (Permendagri 13/2006) kode: two programs and their kegiatan
LEGACY = ["4001,01", "4001.400101.01.001", "4001.400101.01.002", "4001,02", "4001.400101.02.001"]


def legacy_book(tmp_path, kodes):
    from tests.rules.helpers import tc29

    rows = [{"kode": k, "uraian": f"Uraian {i}", "indikator": "Jumlah Dokumen", "target_renstra": "10 Dokumen"}
            for i, k in enumerate(kodes)]
    return tc29(tmp_path, rows)


@pytest.mark.parametrize("changes, expected", [
    ({}, []),
    ({4: "4001.400101.01.002"}, [4]),                  # a kegiatan written twice
    ({3: "4001.400101.01"}, [3]),                       # 4001,01 and 4001.400101.01: the same program
    ({4: "4001.01.001"}, [4]),                          # another legacy spelling of 4001.400101.01.001
    ({4: "4001.400101.02.002"}, []),
], ids=["clean", "kegiatan-twice", "program-two-spellings", "kegiatan-two-spellings", "next-number"])
def test_kr03_legacy_kode(tmp_path, changes, expected):
    """Legacy kode are checked for duplicates too (they were skipped)."""
    kodes = list(LEGACY)
    for i, k in changes.items():
        kodes[i] = k
    book = legacy_book(tmp_path, kodes)
    got = [d.key() for d in lint(book, ["KR03"])]
    assert got == [book.key("KR03", "kode", i) for i in expected]
