"""ST03 satuan-ribuan: money columns declared in thousands or millions are reported in rupiah."""

from __future__ import annotations

import openpyxl
import pytest

import xl_renja
from tests.rules.helpers import Book, clean_rows, lint, tc33, write_sheet
from xl_renja.diagnostics import ExitCode, Severity

TOTAL_ROW = 10


def _rows(unit: int):
    rows = clean_rows() + [{"uraian": "TOTAL", "pagu": 900_000, "pagu_n1": 990_000}]
    rows[1]["pagu"] = 452_000        # kegiatan K1: Rp 2.000 more than its sub kegiatan
    rows[TOTAL_ROW]["pagu_n1"] = 991_000  # total n+1: Rp 1.000 more than the programs
    for r in rows:
        for k in ("pagu", "pagu_n1"):
            if r.get(k) is not None:
                r[k] = r[k] * 1000 // unit  # rupiah amounts of hundreds of millions
    return rows


def _book(tmp_path, variant, unit, where):
    """Tabel 3.1 in ``unit`` (1, 1000, 1e6) declared ``where``: in the pagu headers or a title line."""
    rows = _rows(unit)
    if unit == 1:
        return tc33(tmp_path, variant, rows, name="rupiah.xlsx")
    words = {1000: ("(Rp 000)", "(dalam ribuan rupiah)"), 1_000_000: ("(Rp juta)", "(dalam jutaan rupiah)")}[unit]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tabel 3.1"
    texts = {}
    if where == "header":
        texts = {"pagu": f"Kebutuhan Dana/Pagu Indikatif {words[0]}", "pagu_n1": f"Kebutuhan Dana {words[0]}"}
    columns = write_sheet(ws, "T-C.33", rows, variant, "TABEL 3.1", texts=texts)
    if where == "title":
        ws["A3"] = words[1]
    path = tmp_path / f"{variant}-{unit}-{where}.xlsx"
    wb.save(path)
    return Book(path, "Tabel 3.1", columns)


@pytest.mark.parametrize("variant", ["resmi", "setda"])
@pytest.mark.parametrize("unit, where", [(1000, "header"), (1000, "title"), (1_000_000, "title")])
def test_st03_amounts_in_rupiah_fixes_in_the_cells_unit(tmp_path, variant, unit, where):
    plain = lint(_book(tmp_path, variant, 1, None), ["TT", "ST"])
    book = _book(tmp_path, variant, unit, where)
    scaled = lint(book, ["TT", "ST"])
    # the same findings at the same cells, with the same amounts in rupiah ...
    same = [(d.key(), d.severity, d.expected, d.actual) for d in scaled if d.code != "ST03"]
    assert same == [(d.key(), d.severity, d.expected, d.actual) for d in plain]
    assert {d.code for d in plain} == {"TT01", "TT03"}
    # ... and the repairs in the cell's own unit
    fixes = {(e.cell, e.value) for d in scaled for e in d.fix}
    assert fixes == {(e.cell, e.value / unit) for d in plain for e in d.fix}
    # said once per table, where the unit is declared, as info
    st03 = [d for d in scaled if d.code == "ST03"]
    cell = f"{book.columns['pagu']}6" if where == "header" else "A3"  # under the group header of row 5
    assert [(d.cell, d.severity, d.actual) for d in st03] == [(cell, Severity.INFO, unit)]


def test_st03_info_is_neither_error_nor_warning(tmp_path):
    rows = [r for r in clean_rows()]
    for r in rows:
        r["pagu"], r["pagu_n1"] = r["pagu"] // 1000, r["pagu_n1"] // 1000
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tabel 3.1"
    write_sheet(ws, "T-C.33", rows, "resmi", "TABEL 3.1", texts={"pagu": "Pagu Indikatif (Rp 000)"})
    path = tmp_path / "ribuan.xlsx"
    wb.save(path)
    result = xl_renja.lint(str(path), select=["TT", "ST"])
    assert [d.code for d in result.diagnostics] == ["ST03"]
    assert (result.errors, result.warnings) == (0, 0)
    result.strict = True
    assert result.exit_code() == ExitCode.OK


def test_totals_are_in_rupiah(tmp_path):
    from xl_renja.totals import file_totals

    book = _book(tmp_path, "resmi", 1000, "header")
    t = file_totals(str(book.path)).tables[0]
    assert t.scale == 1000
    assert t.total.amounts["n"].stated == 900_000_000
    assert (t.nodes[0].amounts["n"].stated, t.nodes[0].amounts["n"].children_sum) == (600_000_000, 602_000_000)
