"""The command line: exit codes, formats, options, configuration, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import openpyxl
import pytest

import xl_renja

from xl_renja.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "workbooks", "contoh", "renja_setda_kota_serang_2022.xlsx")


def _tc33(path, pagu_kegiatan=300, name="Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"):
    """A small official T-C.33 with one program, one kegiatan and two sub kegiatan."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Renja"
    ws.append(["RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN 2024"])
    ws.append([])
    ws.append(["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
               "Indikator Kinerja Program/Kegiatan/Sub Kegiatan", "Rencana Tahun 2024", None, None, None,
               "Catatan Penting", "Prakiraan Maju Rencana Tahun 2025", None])
    ws.append([None, None, None, "Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif",
               "Sumber Dana", None, "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif"])
    for rng in ("A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:H4", "I3:J3"):
        ws.merge_cells(rng)
    ws.append(list(range(1, 11)))
    ws.append(["4.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "Tingkat ketepatan waktu",
               "Kota Serang", "100%", 300, None, None, "100%", 330])
    ws.append(["4.01.01.2.01", name, "Jumlah Dokumen", "Kota Serang", "5 Dokumen", pagu_kegiatan, None, None,
               "5 Dokumen", 330])
    ws.append(["4.01.01.2.01.01", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "Jumlah Dokumen Perencanaan",
               "Kota Serang", "5 Dokumen", 100, "DAU", None, "5 Dokumen", 110])
    ws.append(["4.01.01.2.01.02", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "Jumlah Dokumen RKA",
               "Kota Serang", "1 Dokumen", 200, "DAU", None, "1 Dokumen", 220])
    wb.save(path)
    return path


def run(capsys, *argv):
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_clean_workbook_exits_0(tmp_path, capsys):
    rc, out, _ = run(capsys, "lint", str(_tc33(tmp_path / "ok.xlsx")))
    assert rc == 0
    assert "0 kesalahan, 0 peringatan dalam 1 berkas" in out


def test_findings_exit_1_and_text_line_points_to_cell(tmp_path, capsys):
    path = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    rc, out, _ = run(capsys, "lint", str(path))
    assert rc == 1
    line = next(ln for ln in out.splitlines() if " TT01 " in ln and "4.01.01.2.01 " in ln)
    assert line.startswith(f"{path}:Renja!F7: TT01 galat: Pagu kegiatan 4.01.01.2.01")
    assert out.rstrip().endswith("dalam 1 berkas")


def test_exit_zero_and_strict(tmp_path, capsys):
    path = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    assert run(capsys, "lint", str(path), "--exit-zero")[0] == 0
    warn = _tc33(tmp_path / "warn.xlsx", pagu_kegiatan=301)  # Rp 1: TT02 warning only... and TT02 on program
    assert run(capsys, "lint", str(warn))[0] == 0
    assert run(capsys, "lint", str(warn), "--strict")[0] == 1


def test_json_output_schema(tmp_path, capsys):
    path = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    rc, out, _ = run(capsys, "lint", str(path), "--format", "json")
    doc = json.loads(out)
    assert doc["schema_version"] == 2
    assert doc["tool"]["name"] == "xl_renja"
    assert doc["summary"] == {"files": 1, "errors": 2, "warnings": 0}
    d = next(d for d in doc["diagnostics"] if d["code"] == "TT01" and d["kode"] == "4.01.01.2.01")
    assert {k: d[k] for k in ("sheet", "cell", "row", "column", "table", "expected", "actual", "severity")} == {
        "sheet": "Renja", "cell": "F7", "row": 7, "column": 6, "table": "T-C.33", "expected": 300,
        "actual": 250, "severity": "error"}
    assert set(d) == {"code", "name", "severity", "path", "sheet", "cell", "row", "column", "table", "kode",
                      "message", "expected", "actual", "cells", "fix"}
    assert d["cells"] == ["Renja!F7"]
    (edit,) = d["fix"]
    assert edit["sheet"] == "Renja" and edit["cell"] == "F7" and edit["value"] == 300 and edit["safe"] is False
    assert edit["formula"].startswith("SUM(F")


def test_select_ignore_and_unknown_codes(tmp_path, capsys):
    path = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    rc, out, _ = run(capsys, "lint", str(path), "--format", "json", "--ignore", "TT")
    assert rc == 0 and json.loads(out)["diagnostics"] == []
    rc, out, _ = run(capsys, "lint", str(path), "--format", "json", "--select", "TT01")
    assert {d["code"] for d in json.loads(out)["diagnostics"]} == {"TT01"}
    rc, _, err = run(capsys, "lint", str(path), "--select", "ZZ99")
    assert rc == 2 and "ZZ99" in err and err.count("\n") == 1


def test_unknown_format_is_usage_error(tmp_path, capsys):
    rc, out, err = run(capsys, "lint", str(_tc33(tmp_path / "a.xlsx")), "--format", "xml")
    assert rc == 2 and out == "" and "xml" in err


def test_tolerance_option(tmp_path, capsys):
    path = _tc33(tmp_path / "t.xlsx", pagu_kegiatan=303)
    rc, out, _ = run(capsys, "lint", str(path), "--format", "json")
    assert "TT01" in {d["code"] for d in json.loads(out)["diagnostics"]}
    rc, out, _ = run(capsys, "lint", str(path), "--format", "json", "--tolerance", "5")
    codes = {d["code"] for d in json.loads(out)["diagnostics"]}
    assert "TT01" not in codes and "TT02" in codes


def test_lang_en(tmp_path, capsys):
    path = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    _, out, _ = run(capsys, "lint", str(path), "--lang", "en")
    assert "differs by Rp 50" in out and "errors, 0 warnings in 1 file" in out


def test_output_file_written_atomically(tmp_path, capsys):
    path = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    out_file = tmp_path / "report.json"
    rc, out, _ = run(capsys, "lint", str(path), "--format", "json", "-o", str(out_file))
    assert rc == 1 and out == ""
    assert json.loads(out_file.read_text())["summary"]["errors"] == 2
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".xl_renja-")]


def test_config_file_beside_the_workbook(tmp_path, capsys):
    path = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    (tmp_path / "xl_renja.toml").write_text('ignore = ["TT01"]\nformat = "json"\n')
    rc, out, _ = run(capsys, "lint", str(path))
    assert rc == 0 and json.loads(out)["diagnostics"] == []
    (tmp_path / "xl_renja.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.xl_renja]\nselect = ["TT"]\nlang = "en"\n')
    rc, out, _ = run(capsys, "lint", str(path))
    assert rc == 1 and "differs by" in out


def test_sarif_and_github_formats(tmp_path, capsys):
    path = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    _, out, _ = run(capsys, "lint", str(path), "--format", "sarif")
    doc = json.loads(out)
    assert doc["version"] == "2.1.0"
    res = doc["runs"][0]["results"]
    assert {r["ruleId"] for r in res} == {"TT01"}
    assert sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in res) == [6, 7]
    _, out, _ = run(capsys, "lint", str(path), "--format", "github")
    assert out.splitlines()[0].startswith("::error file=")
    assert "title=TT01 Renja!F" in out


@pytest.mark.parametrize(
    "content, name",
    [
        (b"kode;nama\n4.01;Sekretariat\n", "data.xlsx"),    # CSV in disguise
        (b"", "kosong.xlsx"),                               # empty
        (b"PK\x03\x04garbage" * 10, "rusak.xlsx"),           # corrupt zip
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600, "kunci.xlsx"),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "xl_renja", "lint", str(path)], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_bad_input_exit_2_even_with_exit_zero(tmp_path, capsys):
    bad = tmp_path / "x.xlsx"
    bad.write_text("a,b\n1,2\n")
    assert run(capsys, "lint", str(bad), "--exit-zero")[0] == 2


def test_missing_file_and_no_args(tmp_path, capsys):
    assert run(capsys, "lint", str(tmp_path / "nope.xlsx"))[0] == 2
    rc, _, err = run(capsys, "lint")
    assert rc == 2 and err.startswith("xl_renja:")


def test_rules_and_rule_commands(capsys):
    rc, out, _ = run(capsys, "rules")
    assert rc == 0
    codes = [ln.split()[0] for ln in out.splitlines()]
    assert codes == ["FX01", "FX02", "KR01", "KR02", "KR03", "KR04", "TT01", "TT02", "TT03", "TT04", "TT05", "TT06", "CP01",
                     "VL01", "VL02", "VL03", "RQ01", "ST01", "ST02", "ST03"]
    rc, out, _ = run(capsys, "rule", "tt01")
    assert rc == 0 and out.startswith("TT01 pagu-induk") and "Contoh salah" in out
    assert run(capsys, "rule", "XX01")[0] == 2


def test_module_help_runs():
    proc = subprocess.run([sys.executable, "-m", "xl_renja", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "lint" in proc.stdout and "tables" in proc.stdout


def test_output_to_a_device_is_written_directly(tmp_path, capsys):
    """-o /dev/null must not replace the device node with a regular file."""
    path = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    rc, out, _ = run(capsys, "lint", str(path), "-o", os.devnull)
    assert rc == 1 and out == ""
    import stat

    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_workbook_without_any_renja_table_is_exit_2(tmp_path, capsys):
    """Data that is no official table must not pass as a clean Renja."""
    wb = openpyxl.Workbook()
    wb.active.append(["Nama", "Jumlah"])
    wb.active.append(["Pensil", 12])
    path = tmp_path / "belanja.xlsx"
    wb.save(path)
    rc, out, err = run(capsys, "lint", str(path))
    assert rc == 2
    assert "tidak ada tabel Renja resmi" in err and err.count("\n") == 1
    assert "1 berkas tidak dapat dibaca" in out


def test_colour_only_when_asked(tmp_path):
    """Colour codes appear only in terminal mode; the words are the same."""
    import re

    from xl_renja.formatters import FORMATTERS

    res = xl_renja.lint(str(_tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)))
    plain = FORMATTERS["text"](res, color=False)
    coloured = FORMATTERS["text"](res, color=True)
    assert "\x1b[" not in plain and "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_text_lines_say_the_severity_in_both_languages(tmp_path, capsys):
    path = _tc33(tmp_path / "warn.xlsx", pagu_kegiatan=301)  # Rp 1: TT02 warnings only
    bad = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    _, out, _ = run(capsys, "lint", str(path), str(bad))
    words = {(ln.split(": ")[1].split()[0], ln.split(": ")[1].split()[1]) for ln in out.splitlines()[:-1]}
    assert words == {("TT02", "peringatan"), ("TT01", "galat")}
    _, out, _ = run(capsys, "lint", str(path), str(bad), "--lang", "en")
    words = {(ln.split(": ")[1].split()[0], ln.split(": ")[1].split()[1]) for ln in out.splitlines()[:-1]}
    assert words == {("TT02", "warning"), ("TT01", "error")}


def test_unreadable_file_is_said_once(tmp_path, capsys):
    bad = tmp_path / "x.xlsx"
    bad.write_text("a,b\n1,2\n")
    rc, out, err = run(capsys, "lint", str(bad), str(_tc33(tmp_path / "ok.xlsx")))
    assert rc == 2
    assert (out + err).count("x.xlsx") == 1 and err.count("\n") == 1
    report = tmp_path / "r.txt"
    rc, out, err = run(capsys, "lint", str(bad), "-o", str(report))
    assert rc == 2 and out == "" and err.count("\n") == 1 and "x.xlsx" in report.read_text()


@pytest.mark.parametrize(
    "toml",
    ['tolerance = "abc"\n', 'jobs = "two"\n', 'jobs = 0\n', 'tolerance = -1\n', 'warna = true\n',
     'strict = "ya"\n', 'ignore = 4\n', 'tolerance = \n', '[tool.xl_renja]\ntoleransi = 1\n'],
)
def test_bad_config_is_a_usage_error(tmp_path, capsys, toml):
    path = _tc33(tmp_path / "ok.xlsx")
    (tmp_path / "xl_renja.toml").write_text(toml)
    for command in ("lint", "totals"):
        rc, out, err = run(capsys, command, str(path))
        assert rc == 2 and out == "" and err.count("\n") == 1 and err.startswith("xl_renja:")
        assert "xl_renja.toml" in err


@pytest.mark.parametrize("argv", [("--tolerance", "nan"), ("--tolerance", "inf"), ("--tolerance", "abc"),
                                  ("--jobs", "two"), ("-o", "belum/ada/laporan.txt")])
def test_bad_option_values_are_usage_errors(tmp_path, capsys, monkeypatch, argv):
    path = _tc33(tmp_path / "ok.xlsx")
    monkeypatch.chdir(tmp_path)
    for command in ("lint", "totals"):
        rc, out, err = run(capsys, command, str(path), *argv)
        assert rc == 2 and out == "" and err.count("\n") == 1
    assert not (tmp_path / "belum").exists()


def test_xl_renja_toml_with_tool_table_as_the_readme_shows(tmp_path, capsys):
    path = _tc33(tmp_path / "bad.xlsx", pagu_kegiatan=250)
    (tmp_path / "xl_renja.toml").write_text('[tool.xl_renja]\nignore = ["TT01"]\ntolerance = 1\nlang = "en"\n')
    rc, out, _ = run(capsys, "lint", str(path))
    assert rc == 0 and out.strip() == "0 errors, 0 warnings in 1 file(s)"


def test_tables_quotes_sheet_names_as_lint_does(tmp_path, capsys):
    path = _tc33(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Renja"].title = "Renja O'Brien"
    wb.create_sheet("Data")["A1"] = "catatan"
    wb.save(path)
    rc, out, _ = run(capsys, "tables", str(path))
    assert rc == 0
    assert "lembar 'Renja O''Brien' baris" in out
    assert out.rstrip().endswith(": Data")
