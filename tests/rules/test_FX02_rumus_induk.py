"""FX02 rumus-induk: the shape of a parent's pagu formula against its children (by kode)."""

from __future__ import annotations

import openpyxl
import pytest

import xl_renja
from tests.rules.helpers import FIRST, clean_rows, keys, lint, tc33
from xl_renja.compute import sum_formula
from xl_renja.fix import plan

# clean_rows() on sheet rows: 9 P | 10 K1 | 11-13 subs of K1 | 14 K2 | 15 S4 | 16 P2 | 17 K3 | 18 S5
# pagu in K (n) and O (n+1) in the setda variant, pagu n in the official one too (columns differ)
CHILDREN = {0: (1, 5), 1: (2, 3, 4), 5: (6,), 7: (8,), 8: (9,)}


def _book(tmp_path, variant, formulas: dict | None = None, rows=None, name="fx02.xlsx"):
    """A T-C.33 whose parents' pagu (n and n+1) are correct SUM formulas over their children
    (saved by openpyxl: no cached value), with ``formulas`` {(row index, key): "=..."} replacing
    some; ``{col}`` in a formula is the pagu column's letter."""
    rows = rows or clean_rows()
    book = tc33(tmp_path, variant, rows, name=name)
    wb = openpyxl.load_workbook(book.path)
    ws = wb[book.sheet]
    for parent, children in CHILDREN.items():
        for key in ("pagu", "pagu_n1"):
            ref = book.cell(key, parent)
            ws[ref] = "=" + sum_formula([FIRST + i for i in children], ws[ref].column)
    for (i, key), text in (formulas or {}).items():
        ws[book.cell(key, i)] = text.format(col=book.columns[key])
    wb.save(book.path)
    return book


VARIANTS = ["resmi", "setda"]

# (id, {(row index, key): formula}, {(row index, key) of the sheet: [cells named, beside the parent]})
CASES = [
    ("correct-sums", {}, {}),
    ("plus-of-children", {(1, "pagu"): "={col}11+{col}12+{col}13"}, {}),
    ("subtotal-of-children", {(1, "pagu"): "=SUBTOTAL(9,{col}11:{col}13)"}, {}),
    ("kegiatan-leaves-out-a-sub", {(1, "pagu"): "=SUM({col}11:{col}12)"}, {(1, "pagu"): [(4, "pagu")]}),
    ("n1-leaves-out-a-sub", {(1, "pagu_n1"): "=SUM({col}12:{col}13)"}, {(1, "pagu_n1"): [(2, "pagu_n1")]}),
    ("program-takes-a-sub-of-another-parent", {(0, "pagu"): "=SUM({col}10,{col}14:{col}15)"},
     {(0, "pagu"): [(6, "pagu")]}),
    ("program-over-its-whole-block", {(0, "pagu"): "=SUM({col}10:{col}15)"},
     {(0, "pagu"): [(2, "pagu"), (3, "pagu"), (4, "pagu"), (6, "pagu")]}),
    ("program-takes-the-next-program", {(0, "pagu"): "=SUM({col}10,{col}14,{col}16)"},
     {(0, "pagu"): [(7, "pagu")]}),
    ("child-added-twice", {(1, "pagu"): "=SUM({col}11:{col}13,{col}12)"}, {(1, "pagu"): [(3, "pagu")]}),
    # not a plain sum of this column: not FX02's to judge
    ("another-column", {(8, "pagu"): "=SUM(A18)"}, {}),
    ("scaled", {(8, "pagu"): "=SUM({col}18)*1"}, {}),
    ("another-sheet", {(8, "pagu"): "=SUM(Lain!{col}18)"}, {}),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, formulas, expected", CASES, ids=[c[0] for c in CASES])
def test_fx02(tmp_path, variant, case_id, formulas, expected):
    book = _book(tmp_path, variant, formulas)
    diags = lint(book, ["FX02"])
    assert keys(diags) == sorted(book.key("FX02", k, i) for i, k in expected)
    for d in diags:
        i, key = next((i, k) for (i, k) in expected if book.cell(k, i) == d.cell)
        named = {c.split("!")[-1] for c in d.cells}
        assert named == {book.cell(key, i)} | {book.cell(k, j) for j, k in expected[(i, key)]}
        (edit,) = d.fix
        col = openpyxl.utils.column_index_from_string(book.columns[key])
        assert (edit.sheet, edit.cell, edit.formula, edit.safe) == (
            book.sheet, d.cell, sum_formula([FIRST + j for j in CHILDREN[i]], col), False)
        assert d.kode == clean_rows()[i]["kode"]


def test_wrong_shape_is_found_even_when_the_values_agree(tmp_path):
    rows = clean_rows()
    rows[4]["pagu"] = 0  # the sub kegiatan the kegiatan's SUM leaves out holds 0 today
    rows[1]["pagu"], rows[0]["pagu"] = 250_000, 400_000
    book = _book(tmp_path, "setda", {(1, "pagu"): "=SUM({col}11:{col}12)"}, rows=rows)
    found = keys(lint(book, ["FX02", "TT01", "TT02"]))
    assert found == [book.key("FX02", "pagu", 1)]


def test_fx02_is_repaired_only_when_selected(tmp_path):
    book = _book(tmp_path, "setda", {(1, "pagu"): "=SUM({col}11:{col}12)"})
    wb = xl_renja.read(book.path)
    default = plan(wb)
    assert not [c for c in default.changes if c.code == "FX02"]
    assert [s.reason for s in default.skipped if s.diagnostic.code == "FX02"] == ["fx_explicit"]
    fplan = plan(wb, select=["FX02"])
    col = openpyxl.utils.column_index_from_string(book.columns["pagu"])
    assert [(c.code, c.edit.cell, c.edit.formula, c.before) for c in fplan.changes] == [
        ("FX02", book.cell("pagu", 1), sum_formula([11, 12, 13], col), f"=SUM({book.columns['pagu']}11:"
                                                                          f"{book.columns['pagu']}12)")]
    after = xl_renja.lint(xl_renja.fix.apply_to_model(wb, fplan.edits), select=["FX02", "TT"]).diagnostics
    assert after == []


@pytest.mark.parametrize("as_values", [False, True])
def test_fx02_repairs_carry_the_value_after_every_repair(tmp_path, as_values):
    # the program's SUM takes sub kegiatan rows and the kegiatan's SUM leaves one out: the value
    # written with the program's new SUM counts the kegiatan's repaired SUM
    book = _book(tmp_path, "setda", {(0, "pagu"): "=SUM({col}10:{col}15)", (1, "pagu"): "=SUM({col}11:{col}12)"})
    fplan = plan(xl_renja.read(book.path), select=["FX02"], as_values=as_values)
    got = {c.edit.cell: (c.edit.value, c.edit.formula is None) for c in fplan.changes}
    assert got == {book.cell("pagu", 0): (600_000, as_values), book.cell("pagu", 1): (450_000, as_values)}
