"""End to end: the real Kota Serang example against its committed expected JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = "workbooks/contoh/renja_setda_kota_serang_2022.xlsx"
EXPECTED = os.path.join(ROOT, "tests", "expected", "renja_setda_kota_serang_2022.json")
FIELDS = ("code", "severity", "sheet", "cell", "table", "kode", "expected", "actual", "cells", "fix")


def _lint_json(*extra):
    proc = subprocess.run(
        [sys.executable, "-m", "xl_renja", "lint", EXAMPLE, "--format", "json", *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def report():
    return _lint_json()


def _slim(doc):
    return [{k: d[k] for k in FIELDS} for d in doc["diagnostics"]]


def test_matches_committed_expected_json(report):
    if os.environ.get("XL_RENJA_UPDATE_EXPECTED"):
        with open(EXPECTED, "w", encoding="utf-8") as fh:
            json.dump({"summary": report["summary"], "diagnostics": _slim(report)}, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    with open(EXPECTED, encoding="utf-8") as fh:
        expected = json.load(fh)
    assert report["summary"] == expected["summary"]
    assert _slim(report) == expected["diagnostics"]


def _keys(report):
    return {(d["code"], d["sheet"], d["cell"]) for d in report["diagnostics"]}


@pytest.mark.parametrize(
    "code, sheet, cell, kode",
    [
        ("FX01", "Tabel 3.1", "J24", "4.01.01.2.01.07"),   # #REF! target
        ("KR03", "Tabel 3.1", "E73", "4.01.01.2.13.03"),   # duplicate
        ("KR02", "Tabel 3.1", "E29", "4.01.02.2.03"),      # kegiatan under program 4.01.01
        ("KR01", "Tabel 3.1", "E90", "4.01.02.2.02.001"),  # 3-digit sub kegiatan
        ("KR01", "Tabel 3.1", "E94", "4.01.02.2.02.002"),
        ("KR01", "Tabel 3.1", "E97", "4.01.02.2.02.003"),
        ("TT02", "Tabel 3.1", "K17", "4.01.01.2.01"),      # Rp 1 rounding
        ("KR04", "Tabel 3.1", "F18", "4.01.01.2.01.01"),   # wrong official name
        ("KR04", "Tabel 3.1", "E29", "4.01.02.2.03"),      # named as 4.01.01.2.03: the kode is wrong
        ("KR04", "Tabel 3.1", "E73", "4.01.01.2.13.03"),   # duplicate named as .04
        ("KR04", "Tabel 3.1", "E74", "4.01.01.2.13.04"),   # named as .05, absent from the table
        ("KR03", "Tabel 3.1", "E98", "4.01.02.2.03"),      # the later of the two 4.01.02.2.03
        ("VL03", "Tabel 3.1", "H27", "4.01.01.2.02.05"),   # Dokmen
        ("VL03", "Tabel 3.1", "H62", "4.01.01.2.11.01"),   # Bu;an
        ("VL03", "Tabel 2.3", "E136", None),               # 12 Bu;an
    ],
)
def test_reports_the_seed_mistakes(report, code, sheet, cell, kode):
    hits = [d for d in report["diagnostics"] if (d["code"], d["sheet"], d["cell"]) == (code, sheet, cell)]
    assert hits, f"{code} not reported at {sheet}!{cell}"
    if kode:
        assert hits[0]["kode"] == kode


def test_capaian_mistakes_of_tabel_2_1(report):
    found = [d for d in report["diagnostics"] if d["code"] == "CP01"]
    cp = {c for d in found for c in d["cells"]}
    assert "'Tabel 2.1'!K9" in cp       # 8: 100/100 written as 50
    assert "'Tabel 2.1'!Q13" in cp      # 11: 2/15 written as 66,67
    assert "'Tabel 2.1'!K11" not in cp  # 12/12 = 100, right
    assert all(c.startswith("'Tabel 2.1'!") for c in cp)


def test_capaian_columns_wrong_on_most_rows_are_reported_once(report):
    """Columns 10 and 11 of Tabel 2.1 are wrong or left 0 on most rows: one error and one "belum
    diisi" warning per column at its column-number cell, covering every cell with its repair;
    column 8, wrong on one row, stays one finding per cell."""
    found = [d for d in report["diagnostics"] if d["code"] == "CP01"]
    keys = sorted((d["cell"], d["severity"]) for d in found)
    assert keys == [("K9", "error"), ("O8", "error"), ("O8", "warning"), ("Q8", "error"), ("Q8", "warning")]
    for d in found:
        covered = d["cells"][1:] if d["cell"].endswith("8") else d["cells"]
        assert {f"'Tabel 2.1'!{e['cell']}" for e in d["fix"]} <= set(covered)
    wrong_10 = next(d for d in found if (d["cell"], d["severity"]) == ("O8", "error"))
    assert "'Tabel 2.1'!O10" in wrong_10["cells"] and "'Tabel 2.1'!O24" not in wrong_10["cells"]
    unfilled_10 = next(d for d in found if (d["cell"], d["severity"]) == ("O8", "warning"))
    assert "'Tabel 2.1'!O24" in unfilled_10["cells"]  # written 0, recomputed 10
    assert {e["cell"] for e in unfilled_10["fix"]} >= {"O24", "O25"}


def test_summary_counts_are_consistent(report):
    sev = [d["severity"] for d in report["diagnostics"]]
    assert report["summary"]["errors"] == sev.count("error")
    assert report["summary"]["warnings"] == sev.count("warning")
    assert report["summary"]["files"] == 1


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_xls_and_ods_copies_give_the_same_findings(tmp_path, report):
    """Offices keep .xls and .ods copies: the same mistakes must be found in them."""
    src = os.path.join(ROOT, EXAMPLE)
    for fmt in ("xls", "ods"):
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to", fmt,
             "--outdir", str(tmp_path), src],
            capture_output=True, timeout=180, check=True,
        )
        converted = tmp_path / f"renja_setda_kota_serang_2022.{fmt}"
        proc = subprocess.run([sys.executable, "-m", "xl_renja", "lint", str(converted), "--format", "json"],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1, proc.stderr
        got = [(d["code"], d["sheet"], d["cell"], d["kode"]) for d in json.loads(proc.stdout)["diagnostics"]]
        assert got == [(d["code"], d["sheet"], d["cell"], d["kode"]) for d in report["diagnostics"]], fmt
