"""A workbook without mistakes gives no error-severity finding (every rule, both T-C.33 variants)."""

from __future__ import annotations

import openpyxl
import pytest

from tests.rules.helpers import clean_rows, errors, lint, tc33, write_sheet
from xl_renja.rules import ALL_RULES

ALL = [r.code for r in ALL_RULES]


def _with_total(rows):
    return rows + [{"uraian": "TOTAL KERANGKA PENDANAAN OPD", "pagu": 900_000, "pagu_n1": 990_000}]


@pytest.mark.parametrize("variant", ["resmi", "setda"])
def test_clean_tc33_no_errors(tmp_path, variant):
    book = tc33(tmp_path, variant, _with_total(clean_rows()))
    diags = lint(book, ALL)
    assert errors(diags) == []
    assert diags == []  # not even a warning: official names, known satuan, exact sums


def test_clean_setda_with_context_columns(tmp_path):
    """Setda rows with urusan/tujuan/sasaran labels and further indikator rows stay clean."""
    rows = clean_rows()
    rows.insert(0, {"urusan": "UNSUR PENDUKUNG URUSAN PEMERINTAHAN",
                    "tujuan": "Meningkatkan kualitas tata kelola pemerintahan",
                    "sasaran": "Meningkatnya akuntabilitas kinerja", "indikator_tujuan": "Nilai SAKIP"})
    rows.insert(4, {"indikator": "Jumlah Dokumen Renja", "satuan": "Dokumen", "target": "1 Dokumen",
                    "target_n1": "1 Dokumen"})
    book = tc33(tmp_path, "setda", _with_total(rows))
    assert lint(book, ALL) == []


def test_clean_both_variants_in_one_workbook(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "T-C.33"
    write_sheet(ws, "T-C.33", _with_total(clean_rows()), "resmi")
    write_sheet(wb.create_sheet("Tabel 3.1"), "T-C.33", _with_total(clean_rows()), "setda")
    path = tmp_path / "dua.xlsx"
    wb.save(path)
    assert lint(path, ALL) == []
