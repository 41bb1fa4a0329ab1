"""Checks of the committed example workbook built by workbooks/build_contoh.py from the seed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seed" / "renja_setda_kota_serang_2022.txt"
SCRIPT = REPO / "workbooks" / "build_contoh.py"
CONTOH = REPO / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx"
TEMPLATES = REPO / "workbooks" / "templates"

SHEETS = ["Tabel 2.1", "Tabel 2.2", "Tabel 2.3", "Tabel 3.1", "Tabel 3.2", "Catatan"]
RESTORED_CODES = {"4.01.03.2.03", "4.01.03.2.03.01", "4.01.03.2.03.02", "4.01.03.2.03.03"}
TEMPLATE_NAMES = ["T-C.29.xlsx", "T-C.30.xlsx", "T-C.31.xlsx", "T-C.33.xlsx", "T-C.33-setda.xlsx",
                  "definisi-operasional.xlsx", "evaluasi-triwulan.xlsx"]

# Tabel 3.1 layout: header rows 6-7, number row 8, data from row 9
T31_FIRST = 9
KODE, PROGRAM, TARGET, PAGU, PAGU_N1 = "E", "F", "J", "K", "O"

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared seed not available")


@pytest.fixture(scope="module")
def wb():
    return openpyxl.load_workbook(CONTOH)


@pytest.fixture(scope="module")
def t31(wb):
    ws = wb["Tabel 3.1"]
    return [
        {col: ws[f"{col}{r}"] for col in "ABCDEFGHIJKLMNOP"} | {"row": r}
        for r in range(T31_FIRST, ws.max_row + 1)
    ]


def kode_rows(t31, kode):
    return [row for row in t31 if row[KODE].value == kode]


def test_sheet_names(wb):
    assert wb.sheetnames == SHEETS


def test_program_codes(t31):
    codes = {row[KODE].value for row in t31 if row[KODE].value}
    assert {"4.01.01", "4.01.02", "4.01.03"} <= codes
    assert all(isinstance(row[KODE].value, str) for row in t31 if row[KODE].value is not None)


@needs_seed
def test_every_kegiatan_and_sub_kegiatan_code_of_the_seed(t31):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start, end = lines.index("TABEL 3.1"), lines.index("TABEL 3.2")
    text = "\n".join(lines[start:end])
    seed_codes = set(re.findall(r"\b4\.01\.0\d\.2\.\d{2}(?:\.\d{2,3})?\b", text))
    assert len(seed_codes) > 60
    assert not RESTORED_CODES & seed_codes  # the extraction lost them
    sheet_codes = {row[KODE].value for row in t31
                   if row[KODE].value and row[KODE].value.count(".") >= 3}
    assert sheet_codes == seed_codes | RESTORED_CODES


def test_ref_error_is_an_error_cell(t31):
    (row,) = kode_rows(t31, "4.01.01.2.01.07")
    cell = row[TARGET]
    assert cell.data_type == "e"
    assert cell.value == "#REF!"


def test_kegiatan_pagu_differs_from_its_sub_kegiatan_sum(t31):
    (keg,) = kode_rows(t31, "4.01.01.2.01")
    assert keg[PAGU].value == 1260789058
    assert keg[PAGU].number_format == "#,##0"
    subs = [row for row in t31 if (row[KODE].value or "").startswith("4.01.01.2.01.")]
    assert len(subs) == 7
    assert sum(row[PAGU].value for row in subs) == 1260789059


def test_duplicate_code_kept(t31):
    assert len(kode_rows(t31, "4.01.01.2.13.03")) == 2


def test_total_row(t31):
    (total,) = [row for row in t31 if row[PROGRAM].value == "TOTAL KERANGKA PENDANAAN OPD"]
    assert total[PAGU].value == 80344104197
    assert total[PAGU_N1].value == 100078004691
    assert total is t31[-1]


def test_restored_block(t31):
    (keg,) = kode_rows(t31, "4.01.03.2.03")
    assert keg[PROGRAM].value == "Pengadaan Barang dan Jasa"
    assert (keg[PAGU].value, keg[PAGU_N1].value) == (1093471127, 1202818240)
    subs = [kode_rows(t31, f"4.01.03.2.03.0{i}")[0] for i in (1, 2, 3)]
    assert [s[PAGU].value for s in subs] == [362321127, 348650000, 382500000]
    assert [s[PAGU_N1].value for s in subs] == [398553240, 383515000, 420750000]
    assert sum(s[PAGU_N1].value for s in subs) == keg[PAGU_N1].value
    # program 4.01.03 n+1 = its three kegiatan n+1
    kegiatan = [kode_rows(t31, f"4.01.03.2.0{i}")[0] for i in (1, 2, 3)]
    (program,) = kode_rows(t31, "4.01.03")
    assert sum(k[PAGU_N1].value for k in kegiatan) == program[PAGU_N1].value


def test_document_typos_present(wb):
    strings = {
        cell.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    assert "Bu;an" in strings
    assert "Dokmen" in strings
    assert "12 Bu;an" in strings  # Tabel 2.3 target
    assert "bukan" in strings and "doo" in strings


def test_values_are_typed(wb):
    t21, t22, t31 = wb["Tabel 2.1"], wb["Tabel 2.2"], wb["Tabel 3.1"]
    assert t21["A9"].value == "4001,01" and t21["A9"].data_type == "s"
    assert (t21["F9"].value, t21["F9"].number_format) == (1, "0%")
    assert (t21["F10"].value, t21["F10"].data_type) == ("24 Bulan", "s")
    assert (t21["G10"].value, t21["G10"].number_format) == (12, "0.00")
    assert t21["F62"].value == pytest.approx(86.49) and t21["F62"].number_format == "0%"
    assert t22["J7"].value == pytest.approx(54.64) and t22["J7"].number_format == "0.00"
    assert t22["E8"].value == pytest.approx(3.4365)
    assert t22["J14"].value == pytest.approx(0.7143) and t22["J14"].number_format == "0.00%"
    assert [t22.cell(6, c).value for c in range(1, 15)] == [1, 2, 3, 4, 5, 6, 7, 8, 8, 13, 10, 11,
                                                            12, 13]
    assert (t31["J10"].value, t31["N10"].value) == (100, 100)  # Capaian Laporan Tepat Waktu
    assert t31["J13"].value == "100%"  # a target stays text as written
    assert t31["D94"].value == 52  # the stray 52 in INDIKATOR TUJUAN/SASARAN


def test_catatan_lists_restored_cells(wb):
    ws = wb["Catatan"]
    rows = [r for r in ws.iter_rows(values_only=True) if r[0] == "Tabel 3.1"]
    listed = {nilai for _, _, nilai, _ in rows}
    assert RESTORED_CODES <= listed
    assert {1093471127, 1202818240, 398553240, 383515000} <= listed
    for sheet, ref, nilai, sumber in rows:
        assert wb[sheet][ref].value == nilai
        assert sumber
    assert any("workbooks/build_contoh.py" in str(r[0]) for r in ws.iter_rows(values_only=True))


def test_templates_are_empty_layouts():
    for name in TEMPLATE_NAMES:
        ws = openpyxl.load_workbook(TEMPLATES / name).active
        assert ws.freeze_panes, name
        number_row = int(ws.freeze_panes[1:]) - 1
        assert ws.max_row == number_row, name
        assert ws.cell(number_row, 1).value == 1, name
        assert ws.merged_cells.ranges, name
    official = openpyxl.load_workbook(TEMPLATES / "T-C.33.xlsx").active
    assert official.max_column == 10
    setda = openpyxl.load_workbook(TEMPLATES / "T-C.33-setda.xlsx").active
    assert setda.max_column == 16


def _snapshot(path: Path) -> dict:
    book = openpyxl.load_workbook(path)
    return {
        ws.title: (
            [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()],
            sorted(str(r) for r in ws.merged_cells.ranges),
        )
        for ws in book.worksheets
    }


@needs_seed
def test_script_reproduces_committed_workbooks(tmp_path):
    subprocess.run([sys.executable, str(SCRIPT), str(SEED), "--out-dir", str(tmp_path)],
                   check=True, capture_output=True)
    built, committed = _snapshot(tmp_path / "contoh" / CONTOH.name), _snapshot(CONTOH)
    assert list(built) == list(committed)
    for sheet in committed:
        assert built[sheet] == committed[sheet], sheet
    for name in TEMPLATE_NAMES:
        assert _snapshot(tmp_path / "templates" / name) == _snapshot(TEMPLATES / name), name
