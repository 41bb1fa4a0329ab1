"""LibreOffice recalculation and conversion (a private profile that always recalculates)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from writer_fixtures import build_rich, cells_xml, parts

from xl_renja.edits import Edit
from xl_renja.writer import CachedValue, Fill, Note, RecalcError, apply_edits, convert, read_notes, recalculate
from xl_renja.writer import recalc as recalc_mod

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def _wrong_sum(path: Path) -> Path:
    """A1:A3 = 1, 2, 3 and A4 = SUM(A1:A3) whose cached value is a planted 999."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    ws.write_column(0, 0, [1, 2, 3])
    ws.write_formula("A4", "=SUM(A1:A3)", None, 999)
    ws.write_formula("B1", "=A1*10", None, 999)
    wb.close()
    return path


@needs_soffice
def test_recalculate_is_lossless_on_a_macro_workbook(tmp_path):
    rich = build_rich(tmp_path / "rich.xlsm")
    planted = tmp_path / "ditanam.xlsm"
    apply_edits(rich, planted, [CachedValue("Data", "B5", 999), CachedValue("Data", "C5", "#REF!"),
                                CachedValue("Data", "A1", 5)])  # A1 has no formula: left alone
    assert openpyxl.load_workbook(planted, data_only=True)["Data"]["B5"].value == 999
    before_dir = sorted(p.name for p in tmp_path.iterdir())
    out = recalculate(planted)  # in place
    assert out == planted and sorted(p.name for p in tmp_path.iterdir()) == before_dir  # no temporary leftovers
    ws = openpyxl.load_workbook(out, data_only=True)["Data"]
    assert (ws["B5"].value, ws["C5"].value, ws["A1"].value) == (600, 1200, "Kode")
    before, after = parts(rich), parts(out)
    assert {n for n in before if before[n] != after.get(n)} == set()  # every part as built, bytes and all
    assert cells_xml(after["xl/worksheets/sheet1.xml"])["B5"] == cells_xml(before["xl/worksheets/sheet1.xml"])["B5"]


@needs_soffice
def test_convert_many_files_in_one_run_recalculates_and_reads_patched_output(tmp_path):
    a = _wrong_sum(tmp_path / "a.xlsx")
    b = tmp_path / "b.xlsx"
    apply_edits(a, b, [Edit("Data", "A1", 5), Edit("Data", "C1", "=1+1"), Fill("Data", "A2", "FFC7CE"),
                       Note("Data", "A3", "periksa")])
    lo_xlsx, lo_b = convert([a, b], "xlsx", tmp_path / "xlsx")
    assert openpyxl.load_workbook(a, data_only=True)["Data"]["A4"].value == 999  # the planted value
    assert openpyxl.load_workbook(lo_xlsx, data_only=True)["Data"]["A4"].value == 6
    ws = openpyxl.load_workbook(lo_b, data_only=True)["Data"]
    assert (ws["A4"].value, ws["B1"].value, ws["C1"].value) == (10, 50, "=1+1")
    # A workbook written by LibreOffice is patched as well (its own XML dialect).
    again = tmp_path / "again.xlsx"
    apply_edits(lo_b, again, [Edit("Data", "A2", 7), Note("Data", "A1", "dari LO"), Fill("Data", "B1", "00FF00")])
    ws = openpyxl.load_workbook(again)["Data"]
    assert ws["A2"].value == 7 and ws["A1"].comment.text == "dari LO" and ws["B1"].fill.fgColor.rgb == "FF00FF00"
    assert ws["A2"].fill.fgColor.rgb == "FFFFC7CE"
    assert read_notes(again)[("Data", "A3")].strip() == "periksa"


@needs_soffice
def test_convert_to_csv(tmp_path):
    (out,) = convert([_wrong_sum(tmp_path / "c.xlsx")], "csv", tmp_path / "csv")
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[3][0] == "6" and rows[0][1] == "10"


def test_profile_sets_always_recalculate_and_a_timeout(tmp_path, monkeypatch):
    seen = {}

    def fake_run(cmd, **kw):
        profile = Path(next(a for a in cmd if a.startswith("-env:UserInstallation=")).split("=", 1)[1][len("file://"):])
        seen["xcu"] = (profile / "user" / "registrymodifications.xcu").read_text()
        seen["timeout"] = kw.get("timeout")
        outdir = Path(cmd[cmd.index("--outdir") + 1])
        (outdir / "x.xlsx").write_bytes(b"PK")
        seen["profile"] = profile
        return subprocess.CompletedProcess(cmd, 0, b"", b"")

    monkeypatch.setattr(recalc_mod, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(recalc_mod.subprocess, "run", fake_run)
    (tmp_path / "x.xls").write_bytes(b"")
    assert convert(tmp_path / "x.xls", "xlsx", tmp_path / "o", timeout=7) == tmp_path / "o" / "x.xlsx"
    for name in ("OOXMLRecalcMode", "ODFRecalcMode"):
        assert f'oor:name="{name}" oor:op="fuse"><value>0</value>' in seen["xcu"]
    assert "/org.openoffice.Office.Calc/Formula/Load" in seen["xcu"]
    assert seen["timeout"] == 7 and not seen["profile"].exists()


def test_missing_or_failing_soffice_is_one_indonesian_line(tmp_path, monkeypatch):
    monkeypatch.setattr(recalc_mod, "soffice", lambda: None)
    with pytest.raises(RecalcError, match="LibreOffice \\(soffice\\) tidak terpasang"):
        recalculate(tmp_path / "a.xlsx")
    monkeypatch.setattr(recalc_mod, "soffice", lambda: "/usr/bin/soffice")

    def timeout(cmd, **kw):
        raise subprocess.TimeoutExpired(cmd, kw["timeout"])

    monkeypatch.setattr(recalc_mod.subprocess, "run", timeout)
    with pytest.raises(RecalcError, match="tidak selesai dalam 5 detik"):
        convert(tmp_path / "a.xlsx", "xlsx", tmp_path, timeout=5)
    monkeypatch.setattr(recalc_mod.subprocess, "run", lambda cmd, **kw: subprocess.CompletedProcess(cmd, 1, b"", b"Error: source file could not be loaded\n"))
    with pytest.raises(RecalcError) as err:
        convert(tmp_path / "a.xlsx", "xlsx", tmp_path / "o")
    assert "gagal mengubah a.xlsx" in err.value.message and "could not be loaded" in err.value.message
