"""Layout variants real offices write (issue 9, item 3): the example's Tabel 3.1 rewritten with
openpyxl into each form gives the findings of the plain form, plus the ones the form itself adds.

Each test copies the example, rewrites its 'Tabel 3.1' (cells, number formats and merged ranges
moved by a row offset and a column map) and compares findings as ``(code, kode)`` or as cells
mapped back to the plain form."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

import xl_renja
from xl_renja.model import parse_ref

REPO = Path(__file__).resolve().parent.parent
CONTOH = REPO / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx"
SHEET = "Tabel 3.1"
LAST = 139  # last row of the example's Tabel 3.1 (the TOTAL row)


def _plain():
    return xl_renja.lint(str(CONTOH))


def _cells(result, sheet=SHEET):
    return Counter((d.code, d.cell) for d in result.diagnostics if d.sheet == sheet)


def _copy(ws, dst, rows, row_shift=0, colmap=lambda c: c):
    """Copy ``rows`` of ``ws`` into ``dst`` (values, number formats, merges), moved."""
    src = [(r, c, ws.cell(r, c)) for r in rows for c in range(1, ws.max_column + 1)]
    for r, c, cell in src:
        if cell.value is None:
            continue
        out = dst.cell(r + row_shift, colmap(c))
        out.value = cell.value
        out.number_format = cell.number_format
    for m in list(ws.merged_cells.ranges):
        if m.min_row in rows:
            dst.merge_cells(start_row=m.min_row + row_shift, start_column=colmap(m.min_col),
                            end_row=m.max_row + row_shift, end_column=colmap(m.max_col))


def _rewrite(tmp_path, name, build):
    """The example with its Tabel 3.1 replaced by ``build(old_ws, new_ws)``, same sheet position."""
    wb = openpyxl.load_workbook(CONTOH)
    old = wb[SHEET]
    index = wb.sheetnames.index(SHEET)
    new = wb.create_sheet("tmp-" + name)
    build(old, new)
    wb.remove(old)
    new.title = SHEET
    wb.move_sheet(new, index - wb.sheetnames.index(SHEET))
    path = tmp_path / f"{name}.xlsx"
    wb.save(path)
    return path


def _t31(result):
    return [d for d in result.diagnostics if d.sheet == SHEET]


# ------------------------------------------------------------------------------ stacked tables


def test_two_tables_stacked_on_one_sheet(tmp_path):
    """Two OPD tables, each with its own title and header, on one sheet: two tables, each with the
    findings of the plain one (no KR03 across them, no TT03 over both)."""
    gap = LAST + 3

    def build(old, new):
        _copy(old, new, range(1, LAST + 1))
        _copy(old, new, range(1, LAST + 1), row_shift=gap)
        new.cell(4 + gap, 1).value = "BAGIAN PEREKONOMIAN SETDA KOTA SERANG"

    path = _rewrite(tmp_path, "stacked", build)
    tables = [t for t in xl_renja.find_tables(xl_renja.read(path)) if t.sheet_name == SHEET]
    assert [(t.first_row, t.number_row, t.last_row) for t in tables] == [(6, 8, LAST), (6 + gap, 8 + gap, LAST + gap)]
    plain = _cells(_plain())
    got = _cells(xl_renja.lint(str(path)))
    expected = plain.copy()
    for (code, cell), n in plain.items():
        r, c = parse_ref(cell)
        expected[(code, f"{get_column_letter(c)}{r + gap}")] += n
    assert got == expected
    # each table keeps its own hierarchy and total
    assert [len(t.items) for t in tables] == [len(tables[0].items)] * 2
    assert all(len(t.totals) == 1 for t in tables)


def test_page_break_repeat_without_title_stays_one_table(tmp_path):
    """The header block repeated without a title (a page break) continues the table."""

    def build(old, new):
        _copy(old, new, range(1, 60))
        _copy(old, new, range(6, 9), row_shift=60 - 6)  # header rows 6-8 again at 60-62
        _copy(old, new, range(60, LAST + 1), row_shift=3)

    path = _rewrite(tmp_path, "pagebreak", build)
    tables = [t for t in xl_renja.find_tables(xl_renja.read(path)) if t.sheet_name == SHEET]
    assert len(tables) == 1 and tables[0].repeated_headers == [62]
    plain = _cells(_plain())
    got = _cells(xl_renja.lint(str(path)))
    shifted = Counter()
    for (code, cell), n in plain.items():
        r, c = parse_ref(cell)
        shifted[(code, f"{get_column_letter(c)}{r + 3 if r >= 60 else r}")] += n
    assert got == shifted


# ------------------------------------------------------------------------------ kode in parts

KODE_COL = 5  # column E of the example's Tabel 3.1
PARTS = 5


def _parts(text: str) -> list[str]:
    """``4.01.01.2.01.01`` -> ``4 | 01 | 01 | 2.01 | 01`` (the evaluation-form split)."""
    segs = text.split(".")
    parts = [segs[0], *segs[1:3]]
    if len(segs) > 3:
        parts.append(".".join(segs[3:5]))
    if len(segs) > 5:
        parts.append(".".join(segs[5:]))
    return parts


def _moved(cell: str, extra: int) -> str:
    r, c = parse_ref(cell)
    return f"{get_column_letter(c + extra if c > KODE_COL else c)}{r}"


def test_kode_split_over_five_columns(tmp_path):
    """``4 | 01 | 01 | 2.01 | 01`` under one merged KODE header (and number cell): the full kode is
    rebuilt, every finding of the plain form is found (no false KR03), kode findings cover every
    part cell, and a certain KR01 repair writes the parts."""
    extra = PARTS - 1

    def build(old, new):
        colmap = lambda c: c + extra if c > KODE_COL else c  # noqa: E731
        _copy(old, new, range(1, LAST + 1), colmap=colmap)
        for m in list(new.merged_cells.ranges):
            if m.min_col == KODE_COL and m.max_col == KODE_COL:
                new.unmerge_cells(str(m))
        new.merge_cells(start_row=6, start_column=KODE_COL, end_row=7, end_column=KODE_COL + extra)
        new.merge_cells(start_row=8, start_column=KODE_COL, end_row=8, end_column=KODE_COL + extra)
        for r in range(9, LAST + 1):
            kode = old.cell(r, KODE_COL).value
            if kode is None:
                continue
            for i, part in enumerate(_parts(str(kode).strip())):
                new.cell(r, KODE_COL + i).value = part
        new.cell(18, KODE_COL + 4).value = "01."  # a trailing dot in the last part: KR01, repair certain

    path = _rewrite(tmp_path, "split", build)
    table = next(t for t in xl_renja.find_tables(xl_renja.read(path)) if t.sheet_name == SHEET)
    assert table.kode_parts == list(range(KODE_COL, KODE_COL + PARTS))
    plain = _plain()
    got = xl_renja.lint(str(path))
    want = Counter((d.code, _moved(d.cell, extra)) for d in _t31(plain))
    want[("KR01", "E18")] += 1
    assert Counter((d.code, d.cell) for d in _t31(got)) == want
    assert Counter((d.code, d.kode) for d in _t31(got)) - Counter((d.code, d.kode) for d in _t31(plain)) == \
        Counter({("KR01", "4.01.01.2.01.01"): 1})
    kr = [d for d in _t31(got) if d.code.startswith("KR") and d.cell and d.cell.startswith("E")]
    assert kr and all({f"'Tabel 3.1'!{get_column_letter(c)}{d.row}" for c in range(KODE_COL, KODE_COL + PARTS)} <= set(d.cells)
                      for d in kr)
    dot = next(d for d in kr if d.cell == "E18" and d.code == "KR01")
    assert [(e.cell, e.value) for e in dot.fix] == [("I18", "01")]


# ------------------------------------------------------------------------------ kode and name in one cell


def test_kode_and_name_in_one_cell(tmp_path):
    """``4.01.01.2.01.06 Koordinasi ...`` in one column headed "KODE REKENING DAN PROGRAM/KEGIATAN":
    kode and name are read apart; the findings are those of the plain form (kode and name findings
    at the one cell), and a certain KR01 repair keeps the name."""

    def build(old, new):
        colmap = lambda c: c - 1 if c > KODE_COL else c  # noqa: E731
        _copy(old, new, [r for r in range(1, LAST + 1)], colmap=colmap)
        for m in list(new.merged_cells.ranges):
            if m.min_col == KODE_COL and m.min_row == 6:
                new.unmerge_cells(str(m))
        new.merge_cells(start_row=6, start_column=KODE_COL, end_row=7, end_column=KODE_COL)
        new.cell(6, KODE_COL).value = "KODE REKENING DAN PROGRAM/KEGIATAN/SUB KEGIATAN"
        for c in range(1, old.max_column):
            new.cell(8, c).value = c
        for r in range(9, LAST + 1):
            kode, name = old.cell(r, KODE_COL).value, old.cell(r, KODE_COL + 1).value
            new.cell(r, KODE_COL).value = f"{kode} {name}" if kode and name else (kode or name)
        new.cell(18, KODE_COL).value = "4.01.01.2.01.01. " + old.cell(18, KODE_COL + 1).value

    path = _rewrite(tmp_path, "kodename", build)
    table = next(t for t in xl_renja.find_tables(xl_renja.read(path)) if t.sheet_name == SHEET)
    assert table.kode_with_name and table.columns["kode"] == table.columns["uraian"] == KODE_COL
    plain, got = _t31(_plain()), _t31(xl_renja.lint(str(path)))
    want = Counter((d.code, d.kode, parse_ref(d.cell)[0]) for d in plain) + Counter({("KR01", "4.01.01.2.01.01", 18): 1})
    assert Counter((d.code, d.kode, parse_ref(d.cell)[0]) for d in got) == want
    dot = next(d for d in got if d.code == "KR01" and d.cell == "E18")
    name = openpyxl.load_workbook(CONTOH)[SHEET].cell(18, KODE_COL + 1).value
    assert [(e.cell, e.value, e.safe) for e in dot.fix] == [("E18", f"4.01.01.2.01.01 {name}", True)]


def test_an_export_that_is_not_a_renja_is_not_read_as_header_only_tables():
    """The SIPD nomenclature export has rows of kode and long names with header words in them
    ("2.14.02 PROGRAM ...", "Jumlah ... Kegiatan"): none is a header block without a number row."""
    import pytest

    sipd = Path(__file__).resolve().parents[2] / "shared" / "reference" / "sipd_nomenklatur_subkegiatan_2027.xlsx"
    if not sipd.exists():
        pytest.skip("../shared/reference is not here")
    result = xl_renja.lint(str(sipd))
    assert result.diagnostics == [] and len(result.failures) == 1
    assert "tidak ada tabel Renja resmi" in result.failures[0].message
