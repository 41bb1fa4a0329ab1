"""compute: the arithmetic CP01, TT01-03 and the repairs share; Diagnostic.fix of every rule that has one."""

from __future__ import annotations

import re

import pytest

import xl_renja
from xl_renja import compute
from tests.rules.helpers import K1, K2, P, S1, V, clean_rows, sub, tc29, tc33, triwulan
from tests.rules.test_CP01_capaian_hitung import tc29_row, tw_row


def _eval(formula: str, row_cells: dict[str, float]) -> float | str:
    """Evaluate the few formulas compute writes (IF, SUM, + - * /) over known cell values."""
    def span(m):
        col, r1, r2 = m.group(1), int(m.group(2)), int(m.group(4))
        return ",".join(f"{col}{r}" for r in range(r1, r2 + 1))

    expr = re.sub(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", span, formula)
    expr = re.sub(r"SUM\(([^)]*)\)", lambda m: "(" + "+".join(p for p in m.group(1).split(",")) + ")", expr)
    expr = re.sub(r'IF\(([^,]+)=0,"",(.*)\)$', r'("" if \1==0 else \2)', expr)
    expr = re.sub(r"[A-Z]+\d+", lambda m: repr(float(row_cells.get(m.group(0), 0) or 0)), expr)
    return eval(expr)  # noqa: S307 - test-only, over our own formula text


def _cells(path, sheet):
    import openpyxl

    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)}


def test_sum_formula_covers_exactly_the_rows():
    assert compute.sum_formula([12, 10, 11, 15], 11) == "SUM(K10:K12,K15)"
    assert compute.sum_formula([7], 1) == "SUM(A7)"
    assert compute.sum_formula([], 3) == "0"


@pytest.mark.parametrize("lower, pct, expected", [
    (False, False, 'IF(G9=0,"",H9/G9*100)'),
    (False, True, 'IF(G9=0,"",H9/G9)'),
    (True, False, 'IF(G9=0,"",(2*G9-H9)/G9*100)'),
])
def test_capaian_formula(lower, pct, expected):
    assert compute.capaian_formula("G9", "H9", lower, pct) == expected
    assert compute.capaian(3, 2) == pytest.approx(66.6667, abs=1e-4)
    assert compute.capaian(10, 8, lower=True) == pytest.approx(120)
    assert compute.capaian(0, 5) is None and compute.capaian(None, 5) is None


def test_cp01_fix_is_computes_formula_and_value(tmp_path):
    book = tc29(tmp_path, [tc29_row(False, c8=100, c11=50, t4=10)])
    result = xl_renja.lint(book.path, select=["CP01"])
    by_cell = {d.cell: d for d in result.diagnostics}
    d8 = by_cell[book.cell("tingkat_realisasi", 0)]
    (edit,) = d8.fix
    assert edit.safe and edit.value == pytest.approx(66.6667, abs=1e-4) and edit.value == pytest.approx(d8.expected, abs=1e-4)
    assert edit.formula == f'IF({book.cell("target_n", 0)}=0,"",{book.cell("realisasi_n", 0)}/{book.cell("target_n", 0)}*100)'
    assert _eval(edit.formula, _cells(book.path, book.sheet)) == pytest.approx(edit.value)
    # 11 = 10/4 x 100: the target is the text "10 Dokumen": a formula would give #VALUE!, so a value
    d11 = by_cell[book.cell("capaian_renstra", 0)]
    (edit11,) = d11.fix
    assert edit11.formula is None and edit11.value == pytest.approx(70) and edit11.safe


def test_cp01_fix_in_a_percent_cell_writes_a_share(tmp_path):
    book = tc29(tmp_path, [tc29_row(False, c8=V(0.5, "0%"))])
    (d,) = [d for d in xl_renja.lint(book.path, select=["CP01"]).diagnostics]
    (edit,) = d.fix
    assert edit.value == pytest.approx(2 / 3, abs=1e-6) and not edit.formula.endswith("*100)")
    assert _eval(edit.formula, _cells(book.path, book.sheet)) == pytest.approx(2 / 3)


def test_cp01_no_fix_when_an_input_is_not_certain(tmp_path):
    book = tc29(tmp_path, [tc29_row(False, c8=100, t6="3 Dokumen", r7="kurang lebih dua")])
    diags = xl_renja.lint(book.path, select=["CP01"]).diagnostics
    assert not [d for d in diags if d.cell == book.cell("tingkat_realisasi", 0)]  # nothing to compare with
    book2 = tc29(tmp_path, [tc29_row(False, c8=100, t6="3 Dokumen", r7="2 Dokumen")], name="b.xlsx")
    (d,) = [d for d in xl_renja.lint(book2.path, select=["CP01"]).diagnostics
            if d.cell == book2.cell("tingkat_realisasi", 0)]
    (edit,) = d.fix
    assert edit.formula is None and edit.value == pytest.approx(66.6667, abs=1e-4)


def test_cp01_triwulan_fix_sums_the_quarters(tmp_path):
    book = triwulan(tmp_path, [tw_row(realisasi_n_rp=350_000, realisasi_sd_rp=550_000, capaian_rp=55)])
    diags = {d.cell: d for d in xl_renja.lint(book.path, select=["CP01"]).diagnostics}
    # 14 and 15 follow the corrected 13: their formulas and values agree once 13 is fixed
    assert set(diags) == {book.cell(k, 0) for k in ("realisasi_n_rp", "realisasi_sd_rp", "capaian_rp")}
    (edit,) = diags[book.cell("realisasi_n_rp", 0)].fix
    quarters = [book.cell(k, 0) for k in ("tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp")]
    assert edit.formula == f"SUM({','.join(quarters)})" and edit.value == 400_000
    assert _eval(edit.formula, _cells(book.path, book.sheet)) == 400_000


def test_tt01_fix_sums_exactly_the_children(tmp_path):
    rows = clean_rows()
    rows[1]["pagu"] = 460_000  # kegiatan K1: children 100k + 150k + 200k
    rows.insert(3, {"indikator": "Jumlah Laporan", "target": "2 Laporan"})  # a continuation row inside
    book = tc33(tmp_path, "resmi", rows)
    diags = {d.kode: d for d in xl_renja.lint(book.path, select=["TT01"]).diagnostics}
    assert set(diags) == {K1, P}  # the program now differs from its kegiatan too
    d = diags[K1]
    (edit,) = d.fix
    col = book.columns["pagu"]
    children = [book.cell("pagu", i) for i in (2, 4, 5)]  # S1, S2, S3 (row 3 is the continuation)
    assert edit.formula == f"SUM({children[0]},{col}{9 + 4}:{col}{9 + 5})" and edit.value == 450_000
    assert edit.safe is False
    assert _eval(edit.formula, _cells(book.path, book.sheet)) == 450_000


def test_tt03_fix_sums_the_programs(tmp_path):
    rows = clean_rows() + [{"uraian": "JUMLAH", "pagu": 1_000_000, "pagu_n1": 990_000}]
    book = tc33(tmp_path, "resmi", rows)
    diags = {d.cell: d for d in xl_renja.lint(book.path, select=["TT03"]).diagnostics}
    (edit,) = diags[book.cell("pagu", 10)].fix
    assert edit.formula == f"SUM({book.cell('pagu', 0)},{book.cell('pagu', 7)})" and edit.value == 900_000
    assert _eval(edit.formula, _cells(book.path, book.sheet)) == 900_000


@pytest.mark.parametrize("variant, kode, expected", [
    ("resmi", "4.01.01.2.01.001", "4.01.01.2.01.0001"),   # the table writes 4 digits
])
def test_kr01_fix_in_the_tables_digit_form(tmp_path, variant, kode, expected):
    rows = clean_rows()
    rows[2]["kode"] = kode
    book = tc33(tmp_path, variant, rows)
    (d,) = xl_renja.lint(book.path, select=["KR01"]).diagnostics
    assert d.expected == expected and d.fix == (xl_renja.Edit("Tabel 3.1", book.cell("kode", 2), expected),)


def test_kr01_two_digit_table_and_no_fix_when_the_kode_is_taken(tmp_path):
    rows = clean_rows()
    for r in rows:
        if r["kode"].count(".") == 5:
            r["kode"] = r["kode"][:-4] + r["kode"][-2:]  # 2-digit sub kegiatan everywhere
    rows[3]["kode"] = "4.01.01.2.01.001"  # S2 mistyped as S1's number: 01 is taken already
    rows[2]["kode"] = "4.01.01.2.01.01"
    book = tc33(tmp_path, "resmi", rows)
    (d,) = xl_renja.lint(book.path, select=["KR01"]).diagnostics
    assert d.expected == "4.01.01.2.01.01" and d.fix == ()


def test_vl01_and_vl03_fixes(tmp_path):
    rows = clean_rows()
    rows[2]["pagu"] = "100.000"
    rows[3]["target"] = "1 Dokmen"
    book = tc33(tmp_path, "resmi", rows)
    diags = {d.code: d for d in xl_renja.lint(book.path, select=["VL01", "VL03"]).diagnostics}
    assert diags["VL01"].fix == (xl_renja.Edit("Tabel 3.1", book.cell("pagu", 2), 100_000),)
    assert diags["VL03"].fix == (xl_renja.Edit("Tabel 3.1", book.cell("target", 3), "1 Dokumen"),)


def test_grouped_findings_list_every_cell(tmp_path):
    rows = clean_rows()
    rows.append(sub(S1, "Penyusunan Dokumen Perencanaan Perangkat Daerah", 0, 0))
    book = tc33(tmp_path, "resmi", rows)
    (d,) = xl_renja.lint(book.path, select=["KR03"]).diagnostics
    assert d.cells == (f"'Tabel 3.1'!{book.cell('kode', 10)}", f"'Tabel 3.1'!{book.cell('kode', 2)}")


def test_children_sum(tmp_path):
    book = tc33(tmp_path, "resmi", clean_rows())
    (table,) = xl_renja.find_tables(xl_renja.read(book.path))
    by_kode = {r.kode.text: r for r in table.items}
    assert compute.children_sum(by_kode[P], "pagu") == (600_000, 2)
    assert compute.children_sum(by_kode[K2], "pagu_n1") == (165_000, 1)
    assert compute.children_sum(by_kode[S1], "pagu") == (None, 0)
