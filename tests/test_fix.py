"""fix: repairs written into a copy; the source untouched; lint of the copy (as written and after a
LibreOffice recalculation) no longer reports what was fixed, and nothing new."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

import xl_renja
from xl_renja.cli import main
from xl_renja.fix import plan
from tests.rules.helpers import K1, P, S1, clean_rows, sub, tc33

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


def _cells(path):
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None}


@pytest.fixture(scope="module")
def fixed_example(tmp_path_factory):
    out = tmp_path_factory.mktemp("fix") / "perbaikan.xlsx"
    before = EXAMPLE.read_bytes()
    rc = main(["fix", str(EXAMPLE), "-o", str(out), "--select", "CP,VL,TT"])
    assert rc == 1  # errors of other rules remain (FX01, KR02, ...)
    assert EXAMPLE.read_bytes() == before  # the source is never touched
    return out


def test_fixed_example_has_no_cp_vl_tt_left_but_refused_parents(fixed_example):
    source = xl_renja.lint(EXAMPLE)
    fplan = plan(xl_renja.read(EXAMPLE), select=["CP", "VL", "TT"])
    refused = {s.diagnostic.key() for s in fplan.skipped if s.reason in ("bad_children", "new_finding")}
    assert {code for code, _, _ in refused} == {"TT01", "TT02"}
    # the Rp 1 roundings whose stated pagu Tabel 2.3 repeats are left: a SUM would contradict it (TT04);
    # in Tabel 2.3 itself a SUM in one money column only would part it from the other (TT05, F76/K76)
    detail = {(s.diagnostic.sheet, s.detail.split()[0]) for s in fplan.skipped if s.reason == "new_finding"}
    assert {code for sheet, code in detail if sheet != "Tabel 2.3"} == {"TT04"}
    assert {code for sheet, code in detail if sheet == "Tabel 2.3"} == {"TT04", "TT05"}
    after = xl_renja.lint(fixed_example)
    left = {d.key() for d in after.diagnostics if d.code in ("CP01", "VL01", "TT01", "TT02", "TT03")}
    # a TT01 without a repair (the pagu on program 4.01.01's indikator row, K16) is listed, not touched
    unrepairable = {s.diagnostic.key() for s in fplan.skipped if s.reason == "no_repair" and s.diagnostic.code == "TT01"}
    assert unrepairable == {("TT01", "Tabel 3.1", "K16")}
    assert left == refused | unrepairable
    # nothing new, of any rule
    assert {d.key() for d in after.diagnostics} <= {d.key() for d in source.diagnostics}


@needs_soffice
def test_fixed_example_after_libreoffice_recalculation(fixed_example, tmp_path):
    from xl_renja.writer import recalculate

    rec = recalculate(fixed_example, tmp_path / "rec.xlsx")
    as_written = {d.key() for d in xl_renja.lint(fixed_example).diagnostics}
    assert {d.key() for d in xl_renja.lint(rec).diagnostics} == as_written
    # every repaired cell holds what compute gave (LibreOffice computed the written formulas)
    fplan = plan(xl_renja.read(EXAMPLE), select=["CP", "VL", "TT"])
    wb = openpyxl.load_workbook(rec, data_only=True)
    for change in fplan.changes:
        got = wb[change.edit.sheet][change.edit.cell].value
        if isinstance(change.edit.value, (int, float)):
            assert got == pytest.approx(change.edit.value, abs=1e-6), change
        else:
            assert got == change.edit.value, change


def test_values_outside_repaired_cells_are_identical(fixed_example):
    fplan = plan(xl_renja.read(EXAMPLE), select=["CP", "VL", "TT"])
    repaired = {(c.edit.sheet, c.edit.cell) for c in fplan.changes}
    src, out = _cells(EXAMPLE), _cells(fixed_example)
    assert {k: v for k, v in src.items() if k not in repaired} == {k: v for k, v in out.items() if k not in repaired}
    assert repaired and all(out[k] != src.get(k) for k in repaired)


def test_fix_is_idempotent(fixed_example, tmp_path, capsys):
    again = tmp_path / "again.xlsx"
    main(["fix", str(fixed_example), "-o", str(again), "--select", "CP,VL,TT"])
    assert "0 sel diubah" in capsys.readouterr().out
    assert plan(xl_renja.read(fixed_example), select=["CP", "VL", "TT"]).changes == []


def test_dry_run_writes_nothing(tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    rc = main(["fix", str(EXAMPLE), "-o", str(out), "--dry-run"])
    printed = capsys.readouterr().out
    assert rc == 1 and not out.exists()
    assert "Tabel 2.1  K9" in printed and "CP01" in printed


def test_output_rules(tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"keep")
    assert main(["fix", str(EXAMPLE), "-o", str(out)]) == 2
    assert out.read_bytes() == b"keep"
    err = capsys.readouterr().err
    assert "--force" in err and err.count("\n") == 1
    assert main(["fix", str(EXAMPLE), "-o", str(EXAMPLE), "--force"]) == 2
    assert main(["fix", str(EXAMPLE), "-o", str(tmp_path / "x.xlsm")]) == 2


def test_as_values_writes_numbers(tmp_path):
    fplan = plan(xl_renja.read(EXAMPLE), as_values=True)
    assert fplan.changes and all(c.edit.formula is None for c in fplan.changes)


def test_tt_only_when_selected_and_ancestors_follow(tmp_path):
    rows = clean_rows()
    rows[1]["pagu"] = 460_000          # kegiatan K1 (children: 450.000); the program adds 460.000 + 150.000
    rows[0]["pagu"] = 610_000
    book = tc33(tmp_path, "resmi", rows)
    wb = xl_renja.read(book.path)
    assert not [c for c in plan(wb).changes if c.code.startswith("TT")]
    assert any(s.reason == "tt_explicit" for s in plan(wb).skipped)
    fplan = plan(wb, select=["TT"])
    by_cell = {c.edit.cell: c.edit for c in fplan.changes}
    col = book.columns["pagu"]
    assert by_cell[book.cell("pagu", 1)].value == 450_000
    # the program was right against the wrong kegiatan; once K1 is repaired it follows: SUM too
    assert by_cell[book.cell("pagu", 0)].formula == f"SUM({col}10,{col}14)"
    assert by_cell[book.cell("pagu", 0)].value == 600_000
    out = tmp_path / "out.xlsx"
    xl_renja.apply_edits(book.path, out, fplan.edits)
    assert not [d for d in xl_renja.lint(out).diagnostics if d.code.startswith("TT")]


def test_parent_with_a_duplicated_child_is_not_repaired(tmp_path):
    rows = clean_rows()
    rows.insert(3, sub(S1, "Penyusunan Dokumen Perencanaan Perangkat Daerah", 10_000, 11_000))  # KR03 under K1
    book = tc33(tmp_path, "resmi", rows)
    fplan = plan(xl_renja.read(book.path), select=["TT"])
    refused = {s.diagnostic.kode for s in fplan.skipped if s.reason == "bad_children"}
    assert K1 in refused
    assert not [c for c in fplan.changes if c.edit.cell in (book.cell("pagu", 1), book.cell("pagu", 0))]
    assert P not in {c.edit.cell for c in fplan.changes}


def test_xlsm_keeps_its_vba(tmp_path):
    from tests.writer_fixtures import vba_project

    vba = vba_project()
    if vba is None:
        pytest.skip("no vbaProject.bin available")
    import xlsxwriter

    from xl_renja.layouts.template import write_table

    rows = clean_rows()
    rows[2]["pagu"] = "100.000"  # VL01
    for r in rows:
        r.pop("satuan", None)  # the official variant has no satuan column
    src = tmp_path / "renja.xlsm"
    wb = xlsxwriter.Workbook(src)
    table = write_table(wb.add_worksheet("Tabel 3.1"), "T-C.33", "resmi", tahun=2024, rows=rows)
    vba_path = tmp_path / "vbaProject.bin"
    vba_path.write_bytes(vba)
    wb.add_vba_project(str(vba_path))
    wb.close()
    out = tmp_path / "hasil.xlsm"
    assert main(["fix", str(src), "-o", str(out)]) in (0, 1)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        assert a.read("xl/vbaProject.bin") == b.read("xl/vbaProject.bin")
    assert openpyxl.load_workbook(out)["Tabel 3.1"][table.cell("pagu", 2)].value == 100_000


def test_copy_with_formulas_asks_for_recalculation_on_open(fixed_example, tmp_path):
    """Formulas that depend on a repaired cell would keep an old cached value: the copy declares
    its values stale (fullCalcOnLoad), so Excel and xl_renja's own reader recompute them."""
    assert xl_renja.read(fixed_example).stale_values is True
    out = tmp_path / "values.xlsx"
    assert main(["fix", str(EXAMPLE), "-o", str(out), "--as", "values"]) in (0, 1)
    assert not zipfile.ZipFile(out).read("xl/workbook.xml").count(b'fullCalcOnLoad="1"') or \
        xl_renja.read(EXAMPLE).stale_values  # a values-only copy keeps the source's setting
