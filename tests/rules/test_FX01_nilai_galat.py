"""FX01 nilai-galat: Excel error values and formulas referring to one, on any sheet."""

from __future__ import annotations

import openpyxl
import pytest

from tests.rules.helpers import clean_rows, keys, lint, tc33

CASES = [
    # (id, {cell: value} written on the table sheet, {cell: value} on a second sheet, expected cells)
    ("ref-value", {"E10": "#REF!"}, {}, [("Tabel 3.1", "E10")]),
    ("div0-value", {"F11": "#DIV/0!"}, {}, [("Tabel 3.1", "F11")]),
    ("na-in-formula", {"J9": "=SUM(#REF!)"}, {}, [("Tabel 3.1", "J9")]),
    ("other-sheet", {}, {"B2": "#N/A", "C3": "=VLOOKUP(A1,#REF!,2,0)"}, [("Lain", "B2"), ("Lain", "C3")]),
    ("clean-formula", {"J9": "=SUM(J10,J14)", "H9": "#1 prioritas daerah"}, {"A1": "=1+1"}, []),
    ("clean", {}, {}, []),
]


@pytest.mark.parametrize("case_id, cells, other, expected", CASES, ids=[c[0] for c in CASES])
def test_fx01(tmp_path, case_id, cells, other, expected):
    book = tc33(tmp_path, "resmi", clean_rows())
    wb = openpyxl.load_workbook(book.path)
    ws = wb[book.sheet]
    for ref, value in cells.items():
        ws[ref] = value
    ws2 = wb.create_sheet("Lain")
    for ref, value in other.items():
        ws2[ref] = value
    wb.save(book.path)
    got = keys(lint(book, ["FX01"]))
    assert got == sorted(("FX01", s, c) for s, c in expected)


def test_fx01_reports_kode_and_actual(tmp_path):
    book = tc33(tmp_path, "resmi", clean_rows())
    wb = openpyxl.load_workbook(book.path)
    wb[book.sheet]["E10"] = "#REF!"
    wb.save(book.path)
    (d,) = lint(book, ["FX01"])
    assert (d.kode, d.actual, d.row, d.column) == ("4.01.01.2.01", "#REF!", 10, 5)


def test_fx01_error_value_pasted_as_text(tmp_path):
    """"#REF!" stored as text (pasted from a PDF or another tool) is still reported."""
    book = tc33(tmp_path, "resmi", clean_rows())
    wb = openpyxl.load_workbook(book.path)
    cell = wb[book.sheet]["E10"]
    cell.value = "#REF!"
    cell.data_type = "s"
    wb.save(book.path)
    from xl_renja import read as read_workbook

    assert read_workbook(book.path).sheet(book.sheet).cell(10, 5).kind == "s"
    assert keys(lint(book, ["FX01"])) == [("FX01", book.sheet, "E10")]
