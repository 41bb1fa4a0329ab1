"""The workbook reader: cached values and formulas, errors, formats, merges, engines, .xls/.ods, bad input."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from builders import SOFFICE, TC33, soffice_convert, write_table
from xl_renja import WorkbookError, find_tables
from xl_renja import read as read_workbook

REPO = Path(__file__).resolve().parent.parent
ALL_WORKBOOKS = sorted((REPO / "workbooks").rglob("*.xlsx"))
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def build_sample(path: Path) -> Path:
    """A small workbook exercising kinds, formats, formulas, errors and merges."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"] = "Judul"
    ws.merge_cells("A1:D1")
    ws["A2"] = 1260789058
    ws["A2"].number_format = "#,##0"
    ws["B2"] = 0.5
    ws["B2"].number_format = "0%"
    ws["C2"] = "1.260.789.058"
    ws["D2"] = 66.67
    ws["D2"].number_format = "0.00"
    ws["A3"] = "#REF!"                       # an error cell
    ws["B3"] = "=A2+1"                        # formulas: cached values come from LibreOffice
    ws["C3"] = "=SUM(A2,D2)"
    ws["D3"] = "=#REF!+1"                     # #REF! inside a formula
    ws["A4"] = True
    ws["B4"] = dt.datetime(2022, 1, 31)
    ws["B4"].number_format = "yyyy-mm-dd"
    ws["C4"] = "4.01.01.2.01"
    ws.merge_cells("A5:B6")
    ws["A5"] = "gabung"
    ws2 = wb.create_sheet("Tabel")
    write_table(ws2, TC33, [{"kode": "4.01.01", "uraian": "PROGRAM", "pagu": "1.000"},
                            {"kode": "4.01.01.2.01", "uraian": "Kegiatan", "pagu": 1000}],
                top=3, left=2, title=True)
    wb.save(path)
    return path


def cells(wb, *, formats=True, formulas=True):
    out = {}
    for s in wb.sheets:
        for r, c, cell in s.iter_cells():
            key = (s.name, r, c)
            out[key] = (cell.value, cell.kind) + ((cell.number_format,) if formats else ()) + (
                (cell.formula,) if formulas else ())
    return out


def merges(wb):
    return {s.name: sorted(s.merges) for s in wb.sheets}


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """sample.xlsx recalculated by LibreOffice, and its .xls and .ods conversions (3 soffice calls)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) not installed")
    d = tmp_path_factory.mktemp("lo")
    src = build_sample(d / "sample.xlsx")
    (recalc,) = soffice_convert([src], "xlsx", d / "recalc")
    (xls,) = soffice_convert([recalc], "xls", d / "xls")
    (ods,) = soffice_convert([recalc], "ods", d / "ods")
    return {"xlsx": recalc, "xls": xls, "ods": ods}


# ----------------------------------------------------------------------------- .xlsx basics


@pytest.mark.parametrize("engine", ["fast", "openpyxl"])
def test_sample_cells(tmp_path, engine):
    wb = read_workbook(build_sample(tmp_path / "s.xlsx"), engine=engine)
    s = wb.sheet("Data")
    assert s.cell(1, 1).value == "Judul" and s.cell(1, 1).kind == "s"
    assert (s.cell(2, 1).value, s.cell(2, 1).kind, s.cell(2, 1).number_format) == (1260789058, "n", "#,##0")
    assert (s.cell(2, 2).value, s.cell(2, 2).number_format) == (0.5, "0%")
    assert (s.cell(2, 3).value, s.cell(2, 3).kind) == ("1.260.789.058", "s")
    assert s.cell(2, 4).number_format == "0.00"
    assert (s.cell(3, 1).value, s.cell(3, 1).kind, s.cell(3, 1).formula) == ("#REF!", "e", None)
    assert s.cell(3, 1).is_error
    # openpyxl writes no cached value: the formula is still kept
    assert s.cell(3, 2).formula == "=A2+1"
    assert s.cell(3, 4).formula == "=#REF!+1"
    assert (s.cell(4, 1).value, s.cell(4, 1).kind) == (True, "b")
    assert (s.cell(4, 2).value, s.cell(4, 2).kind) == (dt.datetime(2022, 1, 31), "d")
    assert s.cell(4, 3).value == "4.01.01.2.01"
    assert sorted(s.merges) == [(1, 1, 1, 4), (5, 1, 6, 2)]
    assert s.merge_anchor(6, 2) == (5, 1) and s.merged_value(6, 2) == "gabung"
    assert s.merge_anchor(7, 7) == (7, 7)
    (table,) = find_tables(wb)
    assert table.sheet_name == "Tabel" and table.rows[0].number("pagu") == 1000


@pytest.mark.parametrize("engine", ["fast", "xml"])
def test_engines_agree_on_sample(tmp_path, engine):
    path = build_sample(tmp_path / "s.xlsx")
    fast, ref = read_workbook(path, engine=engine), read_workbook(path, engine="openpyxl")
    assert (fast.engine, ref.engine) == (engine, "openpyxl")
    assert cells(fast) == cells(ref)
    assert merges(fast) == merges(ref)


@pytest.mark.parametrize("engine", ["fast", "xml"])
@pytest.mark.parametrize("path", ALL_WORKBOOKS, ids=lambda p: p.name)
def test_engines_agree_on_committed_workbooks(path, engine):
    fast, ref = read_workbook(path, engine=engine), read_workbook(path, engine="openpyxl")
    assert [s.name for s in fast.sheets] == [s.name for s in ref.sheets]
    assert cells(fast) == cells(ref)
    assert merges(fast) == merges(ref)


# ----------------------------------------------------------------------------- LibreOffice


@needs_soffice
@pytest.mark.parametrize("engine", ["fast", "openpyxl"])
def test_cached_value_and_formula_kept(converted, engine):
    s = read_workbook(converted["xlsx"], engine=engine).sheet("Data")
    b3, c3, d3 = s.cell(3, 2), s.cell(3, 3), s.cell(3, 4)
    assert (b3.value, b3.kind, b3.formula) == (1260789059, "n", "=A2+1")
    assert c3.value == pytest.approx(1260789058 + 66.67) and c3.formula == "=SUM(A2,D2)"
    assert d3.kind == "e" and d3.value == "#REF!" and "#REF!" in d3.formula
    # LibreOffice stores a literal error as the formula =#REF!
    assert (s.cell(3, 1).value, s.cell(3, 1).kind) == ("#REF!", "e")


@needs_soffice
def test_engines_agree_after_recalculation(converted):
    fast, ref = read_workbook(converted["xlsx"]), read_workbook(converted["xlsx"], engine="openpyxl")
    assert cells(fast) == cells(ref)
    assert merges(fast) == merges(ref)


def _values_kinds(wb):
    return {k: v[:2] for k, v in cells(wb, formats=False, formulas=False).items()}


@needs_soffice
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_xls_and_ods_same_values_and_kinds(converted, fmt):
    base = read_workbook(converted["xlsx"])
    other = read_workbook(converted[fmt])
    assert other.engine == {"xls": "xlrd", "ods": "ods"}[fmt]
    got, want = _values_kinds(other), _values_kinds(base)
    if fmt == "ods":
        # LibreOffice writes TRUE as =TRUE() (a number) in .ods: that one cell differs
        want = {k: v for k, v in want.items() if v[1] != "b"}
        got = {k: v for k, v in got.items() if k != ("Data", 4, 1)}
        assert got[("Data", 2, 1)] == (1260789058, "n")
    assert got.keys() == want.keys()
    for key in want:
        gv, gk = got[key]
        wv, wk = want[key]
        assert gk == wk, key
        assert gv == (pytest.approx(wv) if isinstance(wv, float) else wv), key
    assert merges(other) == merges(base)
    if fmt == "xls":
        assert other.sheet("Data").cell(2, 1).number_format == "#,##0"
    (table,) = find_tables(other)
    assert [r.kode_text for r in table.rows] == ["4.01.01", "4.01.01.2.01"]


# ----------------------------------------------------------------------------- bad input


def _bad_files(d: Path) -> dict[str, Path]:
    d.mkdir(parents=True, exist_ok=True)
    files = {}
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4088)
    ole[1024:1024 + 32] = "EncryptedPackage".encode("utf-16-le")
    files["encrypted"] = d / "terkunci.xlsx"
    files["encrypted"].write_bytes(bytes(ole))
    files["csv"] = d / "data.xlsx"
    files["csv"].write_text("kode;uraian;pagu\n4.01.01;Program;1.000\n", encoding="utf-8")
    files["empty"] = d / "kosong.xlsx"
    files["empty"].write_bytes(b"")
    files["random"] = d / "acak.xlsx"
    files["random"].write_bytes(bytes((i * 7919 + 13) % 251 for i in range(3000)) + b"\xff\xfe\x00")
    files["zip"] = d / "arsip.xlsx"
    with zipfile.ZipFile(files["zip"], "w") as zf:
        zf.writestr("readme.txt", "bukan workbook")
    files["corrupt_zip"] = d / "rusak.xlsx"
    files["corrupt_zip"].write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    return files


BAD_WORDS = {"encrypted": "kata sandi", "csv": "CSV", "empty": "kosong", "random": "bukan workbook",
             "zip": "ZIP", "corrupt_zip": "rusak"}


@pytest.mark.parametrize("kind", BAD_WORDS)
@pytest.mark.parametrize("engine", ["fast", "openpyxl"])
def test_bad_input_raises(tmp_path, kind, engine):
    path = _bad_files(tmp_path)[kind]
    with pytest.raises(WorkbookError) as info:
        read_workbook(path, engine=engine)
    msg = info.value.message
    assert BAD_WORDS[kind] in msg and path.name in msg and "\n" not in msg


def test_cli_tables_on_bad_files(tmp_path):
    files = _bad_files(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for kind, path in files.items():
        proc = subprocess.run([sys.executable, "-m", "xl_renja", "tables", str(path)],
                              capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env)
        assert proc.returncode == 2, (kind, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, (kind, proc.stderr)
        assert "Traceback" not in proc.stderr and path.name in lines[0]
        assert proc.stdout == ""


@needs_soffice
def test_ods_keeps_error_cells(converted):
    s = read_workbook(converted["ods"]).sheet("Data")
    assert s.cell(3, 1) is not None and (s.cell(3, 1).value, s.cell(3, 1).kind) == ("#REF!", "e")


def test_far_away_stray_cell_is_read_without_a_dense_grid(tmp_path):
    """One value in XFD1048576 must not make the fast reader build a 17-billion-cell grid."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Kode"
    ws["XFD1048576"] = "x"
    path = tmp_path / "stray.xlsx"
    wb.save(path)
    got = read_workbook(path)
    assert got.engine == "xml"  # the streaming reader took over
    assert got.sheets[0].value(1048576, 16384) == "x" and got.sheets[0].value(1, 1) == "Kode"
