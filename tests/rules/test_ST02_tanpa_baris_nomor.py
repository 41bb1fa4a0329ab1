"""ST02 tanpa-baris-nomor: a table without its column-number row is read by its headers alone."""

from __future__ import annotations

from collections import Counter

import pytest

import xl_renja
from tests.rules.helpers import NUMBER_ROW, Book, clean_rows, lint, tc33
from tests.test_variants import LAST, _copy, _plain, _rewrite, _t31
from xl_renja.model import parse_ref


def test_st02_example_without_number_row(tmp_path):
    """The example's Tabel 3.1 with its number row 8 deleted: the same findings one row up, plus
    one ST02 at the first header cell."""

    def build(old, new):
        _copy(old, new, range(1, 8))
        _copy(old, new, range(9, LAST + 1), row_shift=-1)

    path = _rewrite(tmp_path, "nonumber", build)
    plain = Counter()
    for d in _t31(_plain()):
        r, c = parse_ref(d.cell)
        plain[(d.code, d.kode, r - 1 if r > 8 else r)] += 1
    got = Counter((d.code, d.kode, parse_ref(d.cell)[0]) for d in _t31(xl_renja.lint(str(path))))
    assert got == plain + Counter({("ST02", None, 6): 1})
    st02 = [d for d in _t31(xl_renja.lint(str(path))) if d.code == "ST02"]
    assert [(d.cell, d.severity.value) for d in st02] == [("A6", "warning")]


@pytest.mark.parametrize("variant", ["resmi", "setda"])
def test_st02_small_table_checked_like_a_numbered_one(tmp_path, variant):
    rows = clean_rows()
    rows[0]["pagu"] = 600_500  # TT01 on the program
    numbered = tc33(tmp_path, variant, rows)
    import openpyxl

    wb = openpyxl.load_workbook(numbered.path)
    ws = wb["Tabel 3.1"]
    for m in [m for m in ws.merged_cells.ranges if m.min_row == NUMBER_ROW]:
        ws.unmerge_cells(str(m))
    ws.delete_rows(NUMBER_ROW)
    path = tmp_path / "bare.xlsx"
    wb.save(path)
    bare = Book(path, "Tabel 3.1", numbered.columns)
    want = [(d.code, d.kode) for d in lint(numbered, ["TT", "KR", "RQ", "ST"])]
    got = [(d.code, d.kode) for d in lint(bare, ["TT", "KR", "RQ", "ST"])]
    assert ("TT01", "4.01.01") in want
    assert sorted(got) == sorted(want + [("ST02", None)])
