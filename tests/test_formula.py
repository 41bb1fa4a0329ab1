"""The in-process formula evaluator (xl_renja/formula.py): formulas saved without a cached value,
and every formula of a workbook that declares its cached values stale (fullCalcOnLoad)."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

import xl_renja
from xl_renja.formula import Unsupported, XlError, evaluate, evaluate_workbook, parse
from xl_renja.model import Cell, Sheet, Workbook, parse_ref

ENGINES = ["fast", "xml", "openpyxl"]


def _model(**sheets) -> Workbook:
    """A workbook model: sheet name -> {"A1": value or "=formula"}; formulas without a value."""
    out = []
    for name, cells in sheets.items():
        sheet = Sheet(name)
        for ref, v in cells.items():
            r, c = parse_ref(ref)
            if isinstance(v, str) and v.startswith("="):
                sheet.set(r, c, Cell("", "s", v))
            elif isinstance(v, Cell):
                sheet.set(r, c, v)
            elif isinstance(v, bool):
                sheet.set(r, c, Cell(v, "b"))
            elif isinstance(v, (int, float)):
                sheet.set(r, c, Cell(v, "n"))
            else:
                sheet.set(r, c, Cell(v, "s"))
        out.append(sheet)
    return Workbook("<test>", out, "test")


DATA = {"A1": 10, "A2": 20, "A3": 30, "A4": "teks", "A5": True, "A7": "5", "B1": 0, "B2": 2.5,
        "C1": Cell("#REF!", "e"), "D1": Cell(dt.datetime(2024, 1, 1), "d", None, "dd/mm/yyyy")}

CASES = [
    ("=SUM(A1:A3)", 60),
    ("=SUM(A1:A7)", 60),                    # text, bools and "5" in a range are skipped
    ("=SUM(A1,A3,B2)", 42.5),
    ("=SUM(A1:A2,A3)+1", 61),
    ("=SUM(1,\"2\",TRUE)", 4),              # given directly, numeric text and TRUE count
    ("=SUM(1,\"x\")", XlError("#VALUE!")),
    ("=SUM(A1:C1)", XlError("#REF!")),       # an error in the range propagates
    ("=A1+A2*2-A3/3", 40),
    ("=(A1+A2)*2", 60),
    ("=-2^2", 4),                            # Excel: negation binds tighter than ^
    ("=2^3^2", 64),                          # left to right
    ("=A1/B1", XlError("#DIV/0!")),
    ("=A1+A4", XlError("#VALUE!")),
    ("=A1+A6", 10),                          # a blank cell is 0
    ("=A6", 0),
    ("=A7*2", 10),                           # numeric text in arithmetic
    ("=A5+1", 2),
    ("=50%*A1", 5),
    ("=ROUND(2.675,2)", 2.68),              # half away from zero on the decimal shown
    ("=ROUND(-2.5,0)", -3),
    ("=ROUND(1234.5,-2)", 1200),
    ("=ROUNDUP(1.21,1)", 1.3),
    ("=ROUNDDOWN(-1.29,1)", -1.2),
    ("=IF(A1>5,\"besar\",\"kecil\")", "besar"),
    ("=IF(B1=0,\"\",A1/B1*100)", ""),       # compute.capaian_formula with a zero target
    ("=IF(A2=0,\"\",A1/A2*100)", 50),
    ("=IF(A1=10,1)", 1),
    ("=IF(A1=11,1)", False),
    ("=IF(A1=10,1,A1/B1)", 1),               # the branch not taken is not evaluated
    ("=IF(A4,1,2)", XlError("#VALUE!")),
    ("=IFERROR(A1/B1,0)", 0),
    ("=IFERROR(C1,\"-\")", "-"),
    ("=IFERROR(A1,0)", 10),
    ("=IFNA(C1,0)", XlError("#REF!")),
    ("=N(A4)+N(A5)+N(A1)", 11),
    ("=N(C1)", XlError("#REF!")),
    ("=\"Rp \"&A1&\" (\"&B2&\")\"", "Rp 10 (2.5)"),
    ("=A4=\"TEKS\"", True),                  # text compares without case
    ("=A6=0", True),
    ("=A6=\"\"", True),
    ("=A1<>A2", True),
    ("=MIN(A1:A3)+MAX(A1:A3)", 40),
    ("=AVERAGE(A1:A3)", 20),
    ("=COUNT(A1:A7)", 3),
    ("=COUNTA(A1:A7)", 6),
    ("=SUBTOTAL(9,A1:A3)", 60),
    ("=SUBTOTAL(109,A1:A2)", 30),
    ("=AND(A1>0,A2>0)", True),
    ("=OR(A1>100,NOT(A2>0))", False),
    ("=ABS(-A1)+INT(2.7)", 12),
    ("=ISERROR(C1)", True),
    ("=ISBLANK(A6)", True),
    ("=SUMPRODUCT(A1:A3,A1:A3)", 1400),
    ("=D1+1", 45293),                        # a date is its serial number
    ("=Lain!B2*2", 200),
    ("='Tabel 3.1'!A1+1", 8),
    ("='tabel 3.1'!A1", 7),                  # sheet names without case, as Excel
    ("=Hilang!A1", XlError("#REF!")),
    ("=#REF!+1", XlError("#REF!")),
    ("=SUM(Lain!A:A)", 6),
    ("=SUM(Lain!1:1)", 3),
    ("=_xlfn.IFNA(1,2)", 1),
    ("=sum(a1:a2)", 30),
    ("=SUM(\n A1 ;A2 )", 30),
    ("=$A$1+A$2+$A3", 60),
]


@pytest.mark.parametrize("formula, expected", CASES, ids=[c[0] for c in CASES])
def test_evaluate(formula, expected):
    wb = _model(**{"Data": DATA, "Lain": {"A1": 1, "A2": 5, "B1": 2, "B2": 100}, "Tabel 3.1": {"A1": 7}})
    got = evaluate(formula, wb, "Data")
    assert type(got) is type(expected) or isinstance(expected, (int, float)) and isinstance(got, (int, float))
    if isinstance(expected, float):
        assert got == pytest.approx(expected)
    else:
        assert got == expected


@pytest.mark.parametrize("formula", ["=Pagu*2", "=FOO(1)", "=[1]Lain!A1", "=INDIRECT(\"A1\")",
                                     "=SUM({1,2})", "=SUM(A1:", "=Tabel1[Pagu]", "=A1 A2", "=OFFSET(A1,1,0)"])
def test_unsupported(formula):
    with pytest.raises(Unsupported):
        evaluate(formula, _model(Data=DATA), "Data")


def test_parse_gives_references():
    from xl_renja.formula import references

    refs = references(parse("=SUM(K10:K12,'Tabel 3.1'!K15)+L$3"))
    assert refs == [(None, 10, 11, 12, 11), ("Tabel 3.1", 15, 11, 15, 11), (None, 3, 12, 3, 12)]


# ------------------------------------------------------------------------------------------
# the workbook: dependencies first, cycles, what is left as read
# ------------------------------------------------------------------------------------------

def _values(wb, sheet="Data"):
    return {f"{chr(64 + c)}{r}": (cell.value, cell.kind) for r, c, cell in wb.sheet(sheet).iter_cells()}


def test_dependencies_in_any_order_and_across_sheets():
    # a parent above its children, children of children, a total on another sheet
    wb = _model(Data={"A1": "=SUM(A2:A3)", "A2": "=SUM(A4:A5)", "A3": 5, "A4": 1, "A5": "=A4*2"},
                Total={"B1": "=Data!A1*1000"})
    res = evaluate_workbook(wb)
    assert res.computed == 4 and not res.unsupported and not res.cycles
    assert _values(wb)["A1"] == (8, "n") and _values(wb, "Total")["B1"] == (8000, "n")


def test_cycle_does_not_hang_and_is_left_as_read():
    wb = _model(Data={"A1": "=A2+1", "A2": "=A3+1", "A3": "=A1+1", "B1": "=A1*2", "C1": "=1+1", "D1": "=D1"})
    res = evaluate_workbook(wb)
    assert sorted(res.cycles) == [("Data", 1, 1), ("Data", 1, 4), ("Data", 2, 1), ("Data", 3, 1)]
    v = _values(wb)
    assert v["A1"] == ("", "s") and v["B1"] == ("", "s")  # B1 depends on the cycle: not guessed
    assert v["C1"] == (2, "n")
    assert any("cycle" in n for n in wb.notes)


def test_unsupported_dependency_leaves_its_dependents_as_read():
    wb = _model(Data={"A1": "=FOO(1)", "A2": "=A1+1", "A3": "=SUM(A4:A5)", "A4": 1})
    res = evaluate_workbook(wb)
    assert sorted(res.unsupported) == [("Data", 1, 1), ("Data", 2, 1)]
    assert _values(wb)["A2"] == ("", "s") and _values(wb)["A3"] == (1, "n")


def test_long_chain_without_recursion_limit():
    n = 20_000  # a running total down the sheet: evaluation order is found without recursion
    cells = {"A1": 1}
    cells.update({f"A{r}": f"=A{r - 1}+1" for r in range(2, n + 1)})
    wb = _model(Data=cells)
    t = time.perf_counter()
    res = evaluate_workbook(wb)
    assert res.computed == n - 1 and wb.sheet("Data").cell(n, 1).value == n
    assert time.perf_counter() - t < 20  # generous: a hang or a quadratic walk would not finish


def test_cached_values_are_kept_unless_stale():
    sheet_cells = {"A1": 1, "A2": 2, "A3": Cell(999, "n", "=SUM(A1:A2)")}
    wb = _model(Data=dict(sheet_cells))
    assert evaluate_workbook(wb).computed == 0 and _values(wb)["A3"] == (999, "n")
    wb = _model(Data=dict(sheet_cells))
    wb.stale_values = True
    assert evaluate_workbook(wb).computed == 1 and _values(wb)["A3"] == (3, "n")


def test_results_take_the_cells_format():
    wb = _model(Data={"A1": Cell(45292, "n"), "A2": Cell("", "s", "=A1+1", "dd/mm/yyyy"),
                      "A3": Cell("", "s", "=A1/100000", "0.00%")})
    evaluate_workbook(wb)
    c2, c3 = wb.sheet("Data").cell(2, 1), wb.sheet("Data").cell(3, 1)
    assert (c2.value, c2.kind, c2.formula) == (dt.datetime(2024, 1, 2), "d", "=A1+1")
    assert (c3.value, c3.number_format) == (pytest.approx(0.45292), "0.00%")


# ------------------------------------------------------------------------------------------
# files: every engine, fullCalcOnLoad
# ------------------------------------------------------------------------------------------

def _without_calc_pr(src: Path, dst: Path) -> Path:
    """A copy of ``src`` whose workbook.xml has no <calcPr> (as Excel and LibreOffice save)."""
    import re

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<calcPr\b[^>]*/>", b"", data)
                assert b"calcPr" not in data
            zout.writestr(item, data)
    return dst


@pytest.mark.parametrize("engine", ENGINES)
def test_formulas_without_cached_values_read_as_numbers(tmp_path, engine):
    wb = openpyxl.Workbook()  # openpyxl saves formulas without a cached value
    ws = wb.active
    ws.title = "Tabel 3.1"
    ws.append([100])
    ws.append([250])
    ws.append(["=SUM(A1:A2)"])
    ws.append(["=A3/0"])
    ws.append(["=IF(A1=0,\"\",A2/A1*100)"])
    wb.save(tmp_path / "f.xlsx")
    plain = _without_calc_pr(tmp_path / "f.xlsx", tmp_path / "plain.xlsx")
    for path in (tmp_path / "f.xlsx", plain):
        got = xl_renja.read(path, engine)
        v = _values(got, "Tabel 3.1")
        assert (v["A3"], v["A4"], v["A5"]) == ((350, "n"), ("#DIV/0!", "e"), (250, "n"))
        assert got.sheet("Tabel 3.1").cell(3, 1).formula == "=SUM(A1:A2)"


def _wrong_cache(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))  # XlsxWriter declares fullCalcOnLoad="1"
    ws = wb.add_worksheet("Data")
    ws.write_column(0, 0, [1, 2, 3])
    ws.write_formula("A4", "=SUM(A1:A3)", None, 999)
    wb.close()
    return path


@pytest.mark.parametrize("engine", ENGINES)
def test_full_calc_on_load_recomputes_wrong_cached_values(tmp_path, engine):
    stale = _wrong_cache(tmp_path / "stale.xlsx")
    got = xl_renja.read(stale, engine)
    assert got.stale_values and _values(got)["A4"] == (6, "n")
    kept = xl_renja.read(_without_calc_pr(stale, tmp_path / "kept.xlsx"), engine)
    assert not kept.stale_values and _values(kept)["A4"] == (999, "n")


@pytest.mark.parametrize("spelling", [b'<calcPr fullCalcOnLoad="true" calcId="1"/>',
                                      b"<x:calcPr calcId='1' fullCalcOnLoad='1'/>",
                                      b'<calcPr calcId="1" fullCalcOnLoad="0"/>'])
def test_full_calc_on_load_in_any_spelling(tmp_path, spelling):
    from xl_renja.readers.common import stale_values

    path = tmp_path / "w.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", b"<workbook><sheets/>" + spelling + b"</workbook>")
    with zipfile.ZipFile(path) as zf:
        assert stale_values(zf) == (b'"0"' not in spelling)


# ------------------------------------------------------------------------------------------
# lint: a Renja whose parent pagu are SUM formulas without cached values gives the findings of
# the same Renja with cached values
# ------------------------------------------------------------------------------------------

# clean_rows(): 0 P | 1 K1 | 2-4 subs | 5 K2 | 6 S4 | 7 P2 | 8 K3 | 9 S5
CHILDREN = {0: (1, 5), 1: (2, 3, 4), 5: (6,), 7: (8,), 8: (9,)}


def _formula_books(tmp_path, rows, name, typed=()):
    """(value book, formula book without cached values, formula book with cached values and no
    fullCalcOnLoad): the parents' pagu (n and n+1) as SUM over their children, except the
    (index, key) pairs in ``typed``, left as typed numbers."""
    import re

    from tests.rules.helpers import FIRST, tc33
    from xl_renja.compute import sum_formula

    values = tc33(tmp_path, "setda", rows, name=f"nilai-{name}.xlsx")
    wb = openpyxl.load_workbook(values.path)
    ws = wb[values.sheet]
    cached = {}
    for parent, children in CHILDREN.items():
        for key in ("pagu", "pagu_n1"):
            if (parent, key) in typed:
                continue
            ref = values.cell(key, parent)
            cached[ref] = ws[ref].value
            ws[ref] = "=" + sum_formula([FIRST + i for i in children], parse_ref(ref)[1])
    uncached = tmp_path / f"rumus-{name}.xlsx"
    wb.save(uncached)
    with_cache = tmp_path / f"rumus-tersimpan-{name}.xlsx"
    _without_calc_pr(uncached, with_cache)
    with zipfile.ZipFile(with_cache) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(with_cache, "w", zipfile.ZIP_DEFLATED) as zout:
        for item, data in items:
            if item.filename.startswith("xl/worksheets/sheet"):
                data, n = re.subn(rb'(<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f>)<v></v>',
                                  lambda m: m.group(1) + b"<v>%d</v>" % cached[m.group(2).decode()], data)
                assert n == len(cached)
            zout.writestr(item, data)
    return values, uncached, with_cache


def _findings(path, engine="fast"):
    return sorted(d.key() for d in xl_renja.lint(str(path), engine=engine).diagnostics)


@pytest.mark.parametrize("engine", ENGINES)
def test_parent_sums_without_cached_values_give_the_same_findings(tmp_path, engine):
    from tests.rules.helpers import clean_rows

    values, uncached, with_cache = _formula_books(tmp_path, clean_rows(), "bersih")
    expected = _findings(values.path, engine)
    assert not [k for k in expected if k[0] in ("TT01", "RQ01", "FX02")]
    assert _findings(uncached, engine) == expected
    assert _findings(with_cache, engine) == expected
    # the cached values are what was read there: the evaluator did not run on that file
    wb = xl_renja.read(with_cache, engine)
    assert not wb.stale_values and not wb.notes


@pytest.mark.parametrize("engine", ENGINES)
def test_findings_under_formula_parents_are_kept(tmp_path, engine):
    from tests.rules.helpers import clean_rows

    rows = clean_rows()
    rows[3]["pagu"] = None  # a sub kegiatan without pagu: RQ01, and its kegiatan sums the rest
    rows[1]["pagu"] = 450_000 - 150_000
    rows[0]["pagu"] = 450_002  # the program's pagu typed, two rupiah off its kegiatan's SUMs
    values, uncached, with_cache = _formula_books(tmp_path, rows, "salah", typed={(0, "pagu")})
    expected = _findings(values.path, engine)
    assert ("TT01", values.sheet, values.cell("pagu", 0)) in expected
    assert ("RQ01", values.sheet, values.cell("pagu", 3)) in expected
    assert _findings(uncached, engine) == expected
    assert _findings(with_cache, engine) == expected
