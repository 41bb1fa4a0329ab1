"""TT04 pagu-antar-tabel: T-C.31 kebutuhan dana (column 11) against the T-C.33 pagu of the same row."""

from __future__ import annotations

import openpyxl
import pytest

from tests.rules.helpers import (K1_NAME, K3_NAME, S1_NAME, S2_NAME, S4_NAME, S5_NAME, FIRST, clean_rows, lint,
                                 write_sheet)


def _review(name, pagu, hasil=None, catatan=None):
    return {"uraian": name, "indikator": "Jumlah Dokumen", "target": "1 Dokumen", "pagu": pagu,
            "uraian_hasil": name, "indikator_hasil": "Jumlah Dokumen", "target_hasil": "1 Dokumen",
            "pagu_hasil": pagu if hasil is None else hasil, "catatan": catatan}


def _book(tmp_path, review_rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tabel 2.3"
    cols31 = write_sheet(ws, "T-C.31", review_rows, title="TABEL 2.3")
    cols33 = write_sheet(wb.create_sheet("Tabel 3.1"), "T-C.33", clean_rows(), "setda", title="TABEL 3.1")
    path = tmp_path / "renja.xlsx"
    wb.save(path)
    return path, cols31, cols33


# clean_rows(): K1 450.000 (row 1), S1 100.000 (2), S2 150.000 (3), S4 150.000 (6), K3 300.000 (8), S5 300.000 (9)
CASES = [
    ("all-equal", [(K1_NAME, 450_000), (S1_NAME, 100_000), (S5_NAME, 300_000)], []),
    ("sub-differs", [(K1_NAME, 450_000), (S2_NAME, 160_000)], [(1, 3, "error", 150_000, 160_000)]),
    ("kegiatan-differs-by-name-case-and-spaces", [(K3_NAME.upper().replace(" ", "  "), 350_000)],
     [(0, 8, "error", 300_000, 350_000)]),
    ("rounding-is-a-warning", [(S4_NAME, 150_001)], [(0, 6, "warning", 150_000, 150_001)]),
    ("typo-in-name-still-pairs", [(S1_NAME.replace("Perencanaan", "Perencnaan"), 90_000)],
     [(0, 2, "error", 100_000, 90_000)]),
    ("kode-written-in-name", [("4.01.01.2.01.0002 Nama lain sama sekali", 1)], [(0, 3, "error", 150_000, 1)]),
    ("unknown-name-is-not-a-finding", [("Kegiatan yang tidak ada", 5)], []),
]


@pytest.mark.parametrize("case_id, review, expected", CASES, ids=[c[0] for c in CASES])
def test_tt04(tmp_path, case_id, review, expected):
    path, c31, c33 = _book(tmp_path, [_review(n, p) for n, p in review])
    got = sorted((d.key(), d.severity.value, d.expected, d.actual, d.cells) for d in lint(path, ["TT04"]))
    want = sorted((("TT04", "Tabel 2.3", f"{c31['pagu_hasil']}{FIRST + i}"), sev, e, a,
                   (f"'Tabel 2.3'!{c31['pagu_hasil']}{FIRST + i}", f"'Tabel 3.1'!{c33['pagu']}{FIRST + j}"))
                  for i, j, sev, e, a in expected)
    assert got == want


def test_tt04_unmatched_rows_are_listed(tmp_path):
    from xl_renja import find_tables, read
    from xl_renja.crosscheck import unmatched_rows

    path, c31, _c33 = _book(tmp_path, [_review(K1_NAME, 450_000), _review("Kegiatan yang tidak ada", 5)])
    listed = {(u["sheet"], u["cell"]) for u in unmatched_rows(list(find_tables(read(str(path)))))}
    assert ("Tabel 2.3", f"B{FIRST + 1}") in listed  # the T-C.31 row with no partner
    assert ("Tabel 2.3", f"B{FIRST}") not in listed
    # T-C.33 kegiatan/sub kegiatan that T-C.31 does not list (S1 at data row 2)
    assert ("Tabel 3.1", f"F{FIRST + 2}") in listed


def test_tt04_needs_both_tables(tmp_path):
    from tests.rules.helpers import tc33

    assert lint(tc33(tmp_path, "setda", clean_rows()), ["TT04"]) == []
