"""totals: verdicts, the example against lint, the folder roll-up, JSON, the .xlsx report and its PDF."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import xl_renja
from tests.rules.helpers import clean_rows, tc33
from xl_renja.cli import main
from xl_renja.totals import file_totals, region_totals, verdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "workbooks", "contoh", "renja_setda_kota_serang_2022.xlsx")


@pytest.mark.parametrize("stated, total, tol, want", [
    (100, 100, 1, "cocok"), (101, 100, 1, "pembulatan"), (99, 100, 1, "pembulatan"), (102, 100, 1, "selisih"),
    (103, 100, 5, "pembulatan"), (106, 100, 5, "selisih"), (100.5, 100, 0, "selisih"),
])
def test_verdict(stated, total, tol, want):
    assert verdict(stated, total, tol) == want


def _verdicts(ft):
    return {(a.cell, a.verdict) for t in ft.tables for n in t.walk() for a in n.amounts.values() if a.verdict}


def test_each_verdict_on_a_built_table(tmp_path):
    rows = clean_rows() + [{"uraian": "TOTAL", "pagu": 900_000, "pagu_n1": 990_500}]
    rows[1]["pagu"] = 450_001   # kegiatan K1 off by 1 from its subs; program P off by 1 from it
    rows[8]["pagu_n1"] = 330_100  # kegiatan K3 n+1 off by 100 from its sub; program P2 n+1 off by 100
    book = tc33(tmp_path, "setda", rows)
    ft = file_totals(str(book.path))
    v = {cell: verdict for cell, verdict in _verdicts(ft)}
    q = lambda key, i: f"'Tabel 3.1'!{book.cell(key, i)}"  # noqa: E731
    assert v[q("pagu", 1)] == "pembulatan" and v[q("pagu", 0)] == "pembulatan"
    assert v[q("pagu_n1", 8)] == "selisih" and v[q("pagu_n1", 7)] == "selisih"
    assert v[q("pagu", 7)] == "cocok" and v[q("pagu", 5)] == "cocok"
    assert v[q("pagu", 10)] == "cocok"        # TOTAL n 900.000 = programs 600.000 + 300.000
    assert v[q("pagu_n1", 10)] == "selisih"   # TOTAL n+1 990.500 against 990.000
    assert q("pagu", 2) not in v              # a leaf has no verdict
    assert region_totals([str(book.path)]).exit_code() == 1


def test_example_verdicts_agree_with_lint():
    ft = file_totals(EXAMPLE)
    # the pagu trees are those of T-C.33; T-C.31 (Tabel 2.3) parents are checked by lint only
    diags = [d for d in xl_renja.lint(EXAMPLE, select=["TT01", "TT02", "TT03"]).diagnostics if d.table != "T-C.31"]
    # a pagu on an indikator row (TT01 without a SUM repair, K16) is no parent of the pagu tree
    assert {d.cells[0] for d in diags if not d.fix} == {"'Tabel 3.1'!K16"}
    selisih = {d.cells[0] for d in diags if d.severity.value == "error" and d.fix}
    pembulatan = {d.cells[0] for d in diags if d.severity.value == "warning"}
    got = _verdicts(ft)
    assert {c for c, v in got if v == "selisih"} == selisih
    assert {c for c, v in got if v == "pembulatan"} == pembulatan
    assert ft.pagu("n", "total") == 80_344_104_197 and ft.pagu("n+1", "total") == 100_078_004_691
    assert ft.opd == "SEKRETARIAT DAERAH KOTA SERANG"


def _json(capsys, *args):
    rc = main(["totals", *args, "--format", "json"])
    return rc, json.loads(capsys.readouterr().out)


def test_json_schema_and_exit_codes(tmp_path, capsys):
    rc, doc = _json(capsys, EXAMPLE)
    assert rc == 1 and doc["schema_version"] == 1
    node = doc["files"][0]["tables"][0]["nodes"][0]
    assert {"kode", "level", "nama", "n", "n+1", "cells", "children"} <= set(node)
    assert set(node["n"]) == {"stated", "children_sum", "difference", "verdict", "cell"}
    clean = tc33(tmp_path, "setda", clean_rows())
    rc, doc = _json(capsys, str(clean.path))
    assert rc == 0 and doc["summary"]["counts"]["selisih"] == 0
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan workbook")
    assert main(["totals", str(bad)]) == 2


def test_folder_rollup(tmp_path, capsys):
    folder = tmp_path / "opd"
    folder.mkdir()
    a = tc33(folder, "setda", clean_rows(), name="a.xlsx")
    rows = clean_rows()
    rows[0]["pagu"] = 700_000
    tc33(folder, "resmi", rows, name="b.xlsx")
    rc, doc = _json(capsys, str(folder), "--jobs", "2")
    assert rc == 1 and doc["summary"]["files"] == 2
    assert doc["summary"]["pagu"]["n"]["programs"] == 900_000 + 1_000_000
    by_name = {os.path.basename(f["path"]): f for f in doc["files"]}
    assert by_name[os.path.basename(a.path)]["counts"]["selisih"] == 0
    assert by_name["resmi-b.xlsx"]["counts"]["selisih"] == 1


def test_xlsx_report_figures_equal_json(tmp_path, capsys):
    out = tmp_path / "laporan_total.xlsx"
    assert main(["totals", EXAMPLE, "-o", str(out)]) == 1
    rc, doc = _json(capsys, EXAMPLE)
    wb = openpyxl.load_workbook(out)  # cached values of the formulas
    assert wb.sheetnames[:2] == ["Rekap", "Ringkasan"]
    rekap = wb["Rekap"]
    row = [c.value for c in rekap[5]]
    assert row[2:6] == [doc["files"][0]["pagu"]["n"]["total"], doc["files"][0]["pagu"]["n"]["programs"],
                        doc["files"][0]["pagu"]["n+1"]["total"], doc["files"][0]["pagu"]["n+1"]["programs"]]
    grand = [c.value for c in rekap[6]]
    assert str(grand[2]).startswith("=SUM(")
    values = openpyxl.load_workbook(out, data_only=True)["Rekap"]
    assert values.cell(6, 3).value == doc["summary"]["pagu"]["n"]["total"] == 80_344_104_197
    sheet = wb["Tabel 3.1"]
    stated = {r[11].value: r[3].value for r in sheet.iter_rows(min_row=5) if r[11].value}
    flat = {}

    def walk(n):
        if n["n"]:
            flat[n["n"]["cell"]] = n["n"]["stated"]
        for c in n["children"]:
            walk(c)

    for n in doc["files"][0]["tables"][0]["nodes"]:
        walk(n)
    walk(doc["files"][0]["tables"][0]["total"])
    assert stated == flat
    assert main(["totals", EXAMPLE, "-o", str(out)]) == 2  # never over an existing file without --force
    assert main(["totals", EXAMPLE, "-o", str(out), "--force"]) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="soffice/pdftotext missing")
def test_pdf_holds_the_grand_total(tmp_path):
    out = tmp_path / "laporan_total.xlsx"
    assert main(["totals", EXAMPLE, "-o", str(out)]) == 1
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=240, check=True)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "laporan_total.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    digits = re.sub(r"(?<=\d)[.,](?=\d{3})", "", text)
    assert "80344104197" in digits and "100078004691" in digits


def test_text_tree_has_no_colour_when_piped(capsys):
    assert main(["totals", EXAMPLE]) == 1
    out = capsys.readouterr().out
    assert "\x1b[" not in out and "4.01.01 PROGRAM PENUNJANG" in out and "selisih" in out


def test_totals_does_not_touch_pandas_without_xlsx():
    code = ("import sys; from xl_renja.cli import main; main(['totals', %r, '--format', 'json']);"
            "assert 'pandas' not in sys.modules and 'docx' not in sys.modules") % EXAMPLE
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_report_rows_come_from_to_frame(tmp_path):
    """The .xlsx report is built from each table's ``to_frame`` (names and stated pagu by sheet
    row), with the tree's children sums and verdicts: the same figures as the JSON."""
    from xl_renja.totals import region_totals
    from xl_renja.totals_report import flat_frame, flat_schema

    example = str(Path(__file__).resolve().parent.parent / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx")
    with_frames = region_totals([example], frames=True)
    plain = region_totals([example])
    (t,) = with_frames.files[0].tables
    assert t.frame is not None and t.frame.cell(13, "pagu") == "'Tabel 3.1'!K13"
    a, b = flat_frame(with_frames), flat_frame(plain)
    flat_schema(1.0).validate(a, lazy=True)
    assert a[["kode", "row", "stated_n", "stated_n1", "verdict_n", "verdict_n1"]].equals(
        b[["kode", "row", "stated_n", "stated_n1", "verdict_n", "verdict_n1"]])
    assert plain.files[0].tables[0].frame is None
