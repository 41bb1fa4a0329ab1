"""ST01 tabel-tak-terbaca: Renja-looking sheets the reader cannot take in full."""

from __future__ import annotations

import openpyxl
import pytest

from tests.rules.helpers import build, clean_rows, lint, tc33


def _sheet(tmp_path, cells):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap"
    for ref, value in cells.items():
        ws[ref] = value
    path = tmp_path / "rekap.xlsx"
    wb.save(path)
    return path


HEADER = {"A5": "KODE REKENING", "B5": "PROGRAM/KEGIATAN", "C5": "INDIKATOR KINERJA", "D5": "PAGU INDIKATIF",
          "A7": "4.01.01", "B7": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "D7": 100}

CASES = [
    ("no-number-row", HEADER, [("Rekap", "A5")]),
    ("headers-not-recognised", HEADER | {"A6": 1, "B6": 2, "C6": 3, "D6": 4}, [("Rekap", "A5")]),
    ("not-a-renja-sheet", {"A1": "Nama", "B1": "Jabatan", "C1": "NIP", "A2": "Budi", "B2": "Kasubag", "C2": "1970"},
     []),
]


@pytest.mark.parametrize("case_id, cells, expected", CASES, ids=[c[0] for c in CASES])
def test_st01(tmp_path, case_id, cells, expected):
    got = sorted(d.key() for d in lint(_sheet(tmp_path, cells), ["ST01"]))
    assert got == sorted(("ST01", s, c) for s, c in expected)


def test_st01_required_column_missing(tmp_path):
    """T-C.33 without its Indikator column (nine numbered columns): found, but incomplete."""
    book = build(tmp_path / "t.xlsx", "T-C.33", clean_rows(), sheet="Tabel 3.1", omit=("indikator",))
    got = [d.key() for d in lint(book, ["ST01"])]
    assert got == [("ST01", "Tabel 3.1", "A5")]


@pytest.mark.parametrize("variant", ["resmi", "setda"])
def test_st01_clean(tmp_path, variant):
    assert lint(tc33(tmp_path, variant, clean_rows()), ["ST01"]) == []


def test_st01_table_recognised_with_zero_coded_rows(tmp_path):
    """Rows under the header but not one kode (the kode column holds names): ST01, never silent."""
    from tests.rules.helpers import clean_rows, lint, tc33

    rows = clean_rows()
    for r in rows:
        r["kode"] = None
    book = tc33(tmp_path, "resmi", rows)
    assert [d.key() for d in lint(book, ["ST01"])] == [("ST01", "Tabel 3.1", "A5")]
    assert [d.key() for d in lint(tc33(tmp_path, "resmi", clean_rows(), name="ok.xlsx"), ["ST01"])] == []
