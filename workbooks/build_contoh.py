"""Build the example workbook and the empty official templates from the seed Renja text.

Usage::

    python workbooks/build_contoh.py [SEED_TXT] [--out-dir DIR]

SEED_TXT defaults to ``../shared/seed/renja_setda_kota_serang_2022.txt`` resolved from the
repository root; DIR defaults to ``workbooks/`` of the repository.  The script writes

* ``DIR/contoh/renja_setda_kota_serang_2022.xlsx``: the seed's Tabel 2.1, 2.2, 2.3, 3.1 and 3.2
  as an Indonesian government office keeps them in Excel, plus a ``Catatan`` sheet, and
* ``DIR/templates/*.xlsx``: one empty workbook per official layout.

The seed is the text extraction of a PDF: tables are tab-separated lines.  Clean tables are read
as they are; the rows where the extraction shifted cells into the wrong column are realigned by
the ``fix_*`` functions below.  Every value and every mistake of the original document is kept
(typos, ``#REF!``, wrong totals, duplicate codes).  The only additions are the cells of the
4.01.03.2.03 block that the extraction lost in Tabel 3.1; each of them is listed in ``Catatan``.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = REPO_ROOT / ".." / "shared" / "seed" / "renja_setda_kota_serang_2022.txt"
DEFAULT_OUT = REPO_ROOT / "workbooks"
CONTOH_NAME = "renja_setda_kota_serang_2022.xlsx"
SEED_LABEL = "../shared/seed/renja_setda_kota_serang_2022.txt"

PAGE_FOOTER = "Rencana Kerja Sekretariat Daerah Kota Serang Tahun 2022"
LOKASI = {"Kota Serang", "Setda Kota Serang"}


# --------------------------------------------------------------------------------------------
# Values: Indonesian numbers -> Excel numbers
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Value:
    """A typed cell value with its Excel number format (None = General)."""

    value: object
    number_format: str | None = None


EMPTY = Value(None)
RE_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # 1.260.789.058
RE_INT = re.compile(r"^\d+$")  # 237050000, 60
RE_COMMA_DEC = re.compile(r"^\d+,\d+$")  # 66,67  12,00  3,4365
RE_DOT_DEC = re.compile(r"^\d+\.\d+$")  # 54.64 (decimal written with a dot)
RE_PERCENT = re.compile(r"^(\d+(?:,\d+)?)%$")  # 100%  71,43%  8649%
ERROR_CODES = {"#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!"}


def _decimal_format(decimals: int, suffix: str = "") -> str:
    return ("0." + "0" * decimals if decimals else "0") + suffix


def _number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() and d.as_tuple().exponent >= 0 else float(d)


def parse_number(raw: str, percent: bool = True) -> Value | None:
    """Return the number an Indonesian user typed, or None when ``raw`` is not a number."""
    s = raw.strip()
    if RE_THOUSANDS.match(s):
        return Value(int(s.replace(".", "")))
    if RE_INT.match(s):
        return Value(int(s))
    if RE_COMMA_DEC.match(s):
        decimals = len(s.split(",")[1])
        return Value(float(Decimal(s.replace(",", "."))), _decimal_format(decimals))
    if RE_DOT_DEC.match(s):
        decimals = len(s.split(".")[1])
        return Value(float(Decimal(s)), _decimal_format(decimals))
    m = RE_PERCENT.match(s) if percent else None
    if m:
        digits = m.group(1)
        decimals = len(digits.split(",")[1]) if "," in digits else 0
        d = Decimal(digits.replace(",", ".")) / 100
        return Value(_number(d), _decimal_format(decimals, "%"))
    return None


def convert(raw: str, kind: str) -> Value:
    """Convert the document's text of one cell to a typed value.

    kind: ``text`` always text; ``kode`` text (legacy codes like 4001,01 stay as written);
    ``num`` a number (``N%`` becomes the fraction N/100 shown as a percentage) or text;
    ``target`` a bare number becomes a number, anything else (``100%``, ``12 Bulan``) stays text;
    ``pagu`` a rupiah amount shown ``#,##0``.
    """
    s = raw.strip()
    if s == "":
        return EMPTY
    if s in ERROR_CODES:
        return Value(s)  # openpyxl stores these strings as error cells (data_type 'e')
    if kind in ("text", "kode"):
        return Value(s)
    if kind == "num":
        return parse_number(s) or Value(s)
    if kind == "target":
        return parse_number(s, percent=False) or Value(s)
    if kind == "pagu":
        v = parse_number(s, percent=False)
        if v is None or not isinstance(v.value, int):
            raise ValueError(f"not a rupiah amount: {raw!r}")
        return Value(v.value, "#,##0")
    raise ValueError(kind)


# --------------------------------------------------------------------------------------------
# Layouts: title rows, header block, column-number row
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Head:
    """One header cell: header row offset (0-based), first column (1-based), spans."""

    row: int
    col: int
    text: str
    cols: int = 1
    rows: int = 1


@dataclass
class Layout:
    sheet: str
    titles: list[str]
    heads: list[Head]
    header_rows: int
    numbers: list[tuple[int, int, object]]  # (first col, last col, label)
    widths: list[float]
    kinds: list[str] = field(default_factory=list)  # one per column, for data rows

    @property
    def ncols(self) -> int:
        return len(self.widths)

    # 1-based Excel rows: titles, one blank row, header block, number row, data
    @property
    def header_row(self) -> int:
        return len(self.titles) + 2

    @property
    def number_row(self) -> int:
        return self.header_row + self.header_rows

    @property
    def first_data_row(self) -> int:
        return self.number_row + 1


def numbers_1_to(n: int) -> list[tuple[int, int, object]]:
    return [(c, c, c) for c in range(1, n + 1)]


def layout_t21(titles: list[str], sheet: str = "Tabel 2.1") -> Layout:
    """T-C.29 as the Setda document draws it: value/satuan pairs, 17 physical columns."""
    heads = [
        Head(0, 1, "Kode Rekening", rows=2),
        Head(0, 2, "Urusan/Bidang/Urusan Pemerintahan Daerah dan Program/Kegiatan", rows=2),
        Head(0, 3, "Indikator Kinerja Program (outcome)/Kegiatan (Output)", rows=2),
        Head(0, 4, "Target Kinerja Perangkat daerah Tahun 2018-2023", cols=2, rows=2),
        Head(0, 6, "Realisasi Kinerja Program dan Kegiatan Tahun 2019 (n-3)", rows=2),
        Head(0, 7, "Target dan Realisasi Kinerja Program dan Kegiatan Tahun 2020", cols=6),
        Head(1, 7, "Target Renja Perangkat Daerah Tahun 2020", cols=2),
        Head(1, 9, "Realisasi Renja Perangkat Daerah Tahun 2020", cols=2),
        Head(1, 11, "Tingkat Realisasi (%)", cols=2),
        Head(0, 13, "Target Program dan Kegiatan Renja Perangkat Daerah Tahun 2021", cols=2, rows=2),
        Head(0, 15, "Perkiraan Realisasi Capaian target Renstra Perangkat Daerah Tahun 2028-2021 "
                    "sampai dengan tahun berjalan (2021)", cols=3),
        Head(1, 15, "Realisasi Capaian Program Kegiatan s.d tahun berjalan (tahun 2021)", cols=2),
        Head(1, 17, "Tingkat Capaian Realisasi Target Renstra s.d. tahun berjalan 2021 (%)"),
    ]
    numbers = [(1, 1, 1), (2, 2, 2), (3, 3, 3), (4, 5, 4), (6, 6, 5), (7, 8, 6), (9, 10, 7),
               (11, 12, "8=(7/6x100)"), (13, 14, 9), (15, 16, "10=(5+7+9)"), (17, 17, "11=(10/4x100)")]
    widths = [19, 34, 38, 9, 11, 12, 9, 11, 9, 11, 9, 6, 9, 11, 9, 11, 13]
    kinds = ["kode", "text", "text", "num", "text", "num", "num", "text", "num", "text", "num",
             "text", "num", "text", "num", "text", "num"]
    return Layout(sheet, titles, heads, 2, numbers, widths, kinds)


def layout_t22(titles: list[str], years_target: list[str], years_real: list[str],
               years_proj: list[str], numbers: list[tuple[int, int, object]] | None = None,
               sheet: str = "Tabel 2.2", renstra: str = "Target Renstra SKPD",
               standar: str = "SPM/ Standar Nasional") -> Layout:
    """T-C.30: pencapaian kinerja pelayanan."""
    heads = [Head(0, 1, "NO", rows=2), Head(0, 2, "Indikator", rows=2),
             Head(0, 3, standar, rows=2), Head(0, 4, "IKK", rows=2)]
    col = 5
    for group, years in (
        (renstra, years_target), ("Realisasi Capaian", years_real), ("Proyeksi", years_proj)
    ):
        heads.append(Head(0, col, group, cols=len(years)))
        for i, y in enumerate(years):
            heads.append(Head(1, col + i, y))
        col += len(years)
    heads.append(Head(0, col, "Catatan Analisis", rows=2))
    widths = [6, 40, 14, 10] + [10] * (col - 5) + [24]
    kinds = ["num", "text", "text", "text"] + ["num"] * (col - 5) + ["text"]
    return Layout(sheet, titles, heads, 2, numbers or numbers_1_to(col), widths, kinds)


def layout_t23(titles: list[str], sheet: str = "Tabel 2.3", group1: str = "Rancangan Awal RKPd",
               program: str = "Program/ kegiatan/Sub Kegiatan") -> Layout:
    """T-C.31: review terhadap rancangan awal RKPD."""
    heads = [Head(0, 1, "No", rows=2), Head(0, 2, group1, cols=5),
             Head(0, 7, "Hasil Analisis Kebutuhan", cols=5), Head(0, 12, "Catatan Penting", rows=2)]
    for base, dana in ((2, "Pagu Indikatif (Rp.)"), (7, "Kebutuhan Dana (Rp.)")):
        for i, text in enumerate([program, "Lokasi", "Indikator Kinerja", "Target Capaian", dana]):
            heads.append(Head(1, base + i, text))
    widths = [5, 32, 13, 36, 14, 17, 32, 13, 36, 14, 17, 14]
    kinds = ["text", "text", "text", "text", "target", "pagu",
             "text", "text", "text", "target", "pagu", "text"]
    return Layout(sheet, titles, heads, 2, numbers_1_to(12), widths, kinds)


def layout_t31(titles: list[str], year: str, year_next: str, sheet: str = "Tabel 3.1") -> Layout:
    """T-C.33, the 16-column variant of the Setda document (Tabel 3.1)."""
    heads = [
        Head(0, 1, "URUSAN", rows=2), Head(0, 2, "TUJUAN", rows=2), Head(0, 3, "SASARAN", rows=2),
        Head(0, 4, "INDIKATOR TUJUAN"), Head(1, 4, "INDIKATOR SASARAN"),
        Head(0, 5, "KODE REKENING", rows=2), Head(0, 6, "PROGRAM", rows=2),
        Head(0, 7, "INDIKATOR PROGRAM"), Head(1, 7, "INDIKATOR KEGIATAN/ SUB KEGIATAN"),
        Head(0, 8, "SATUAN KINERJA", rows=2),
        Head(0, 9, f"RENCANA KERJA TAHUN {year}", cols=4),
        Head(1, 9, "LOKASI"), Head(1, 10, "TARGET CAPAIAN KINERJA"),
        Head(1, 11, "KEBUTUHAN DANA/PAGU INDIKATIF (Rp)"), Head(1, 12, "SUMBER DANA"),
        Head(0, 13, "CATATAN PENTING", rows=2),
        Head(0, 14, f"PRAKIRAAN MAJU RENCANA TAHUN {year_next}", cols=2),
        Head(1, 14, "TARGET CAPAIAN KINERJA"), Head(1, 15, "KEBUTUHAN DANA.PAGU INDIKATIF (RP)"),
        Head(0, 16, "SKPD PENANGGUNG JAWAB (OPD DAN JABATAN)", rows=2),
    ]
    widths = [16, 22, 22, 22, 16, 38, 40, 10, 14, 14, 17, 14, 10, 14, 17, 24]
    kinds = ["text", "text", "text", "num", "kode", "text", "text", "text", "text", "target",
             "pagu", "text", "text", "target", "pagu", "text"]
    return Layout(sheet, titles, heads, 2, numbers_1_to(16), widths, kinds)


def layout_t32(titles: list[str], sheet: str = "Tabel 3.2") -> Layout:
    """Definisi operasional indikator (Tabel 3.2), with the official column-number row added."""
    heads = [
        Head(0, 1, "Tujuan/Sasaran/Program/ Kegiatan Perangkat Daerah", rows=2),
        Head(0, 2, "Indikator Tujuan/Sasaran/Program/Kegiatan", cols=4),
        Head(1, 2, "Indikator"), Head(1, 3, "Satuan"), Head(1, 4, "Rumus/Formulasi"),
        Head(1, 5, "Penjelasan/Keterangan"),
    ]
    return Layout(sheet, titles, heads, 2, numbers_1_to(5), [40, 40, 12, 60, 44], ["text"] * 5)


def layout_tc33_official() -> Layout:
    """T-C.33 as Permendagri 86/2017 draws it: 10 columns."""
    heads = [
        Head(0, 1, "Kode", rows=2),
        Head(0, 2, "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", rows=2),
        Head(0, 3, "Indikator Kinerja Program/Kegiatan", rows=2),
        Head(0, 4, "Rencana Tahun ... (Tahun Rencana)", cols=4),
        Head(1, 4, "Lokasi"), Head(1, 5, "Target Capaian Kinerja"),
        Head(1, 6, "Kebutuhan Dana/Pagu Indikatif"), Head(1, 7, "Sumber Dana"),
        Head(0, 8, "Catatan Penting", rows=2),
        Head(0, 9, "Prakiraan Maju Rencana Tahun ...", cols=2),
        Head(1, 9, "Target Capaian Kinerja"), Head(1, 10, "Kebutuhan Dana/Pagu Indikatif"),
    ]
    titles = ["Tabel T-C.33",
              "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun ... "
              "dan Prakiraan Maju Tahun ...",
              "Kabupaten/Kota ...", "Nama Perangkat Daerah ..."]
    widths = [18, 40, 40, 14, 14, 18, 14, 14, 14, 18]
    return Layout("T-C.33", titles, heads, 2, numbers_1_to(10), widths)


def layout_tc29_official() -> Layout:
    """T-C.29 as Permendagri 86/2017 draws it: 13 single columns."""
    heads = [
        Head(0, 1, "Kode", rows=2),
        Head(0, 2, "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", rows=2),
        Head(0, 3, "Indikator Kinerja Program (outcome)/ Kegiatan (output)", rows=2),
        Head(0, 4, "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun ...", rows=2),
        Head(0, 5, "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d dengan "
                   "tahun ...", rows=2),
        Head(0, 6, "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (Tahun ...)", cols=3),
        Head(1, 6, "Target Renja Perangkat Daerah Tahun ..."),
        Head(1, 7, "Realisasi Renja Perangkat Daerah Tahun ..."),
        Head(1, 8, "Tingkat Realisasi (%)"),
        Head(0, 9, "Target Program dan Kegiatan (Renja Perangkat Daerah Tahun ...)", rows=2),
        Head(0, 10, "Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d tahun berjalan",
             cols=2),
        Head(1, 10, "Realisasi Capaian Program dan Kegiatan s/d tahun berjalan"),
        Head(1, 11, "Tingkat Capaian Realisasi Target Renstra s/d tahun berjalan (%)"),
        Head(0, 12, "Perangkat Daerah Penanggung Jawab", rows=2),
        Head(0, 13, "Ket.", rows=2),
    ]
    numbers = [(c, c, c) for c in range(1, 8)] + [
        (8, 8, "8=(7/6x100)"), (9, 9, 9), (10, 10, "10=(5+7+9)"), (11, 11, "11=(10/4x100)"),
        (12, 12, 12), (13, 13, 13)]
    titles = ["Tabel T-C.29",
              "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian "
              "Renstra Perangkat Daerah s/d Tahun ...",
              "Kabupaten/Kota ...", "Nama Perangkat Daerah ..."]
    widths = [18, 36, 36, 14, 16, 14, 14, 12, 14, 16, 14, 18, 10]
    return Layout("T-C.29", titles, heads, 2, numbers, widths)


def layout_evaluasi_triwulan() -> Layout:
    """Evaluasi terhadap hasil Renja Perangkat Daerah per triwulan (K = kinerja, Rp = anggaran)."""
    heads = [
        Head(0, 1, "No", rows=3), Head(0, 2, "Sasaran", rows=3), Head(0, 3, "Kode", rows=3),
        Head(0, 4, "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", rows=3),
        Head(0, 5, "Indikator Kinerja Program (outcome)/ Kegiatan (output)", rows=3),
    ]
    pairs = [
        (6, "Target Kinerja dan Anggaran Renstra Perangkat Daerah Tahun ... "
            "(Akhir Periode Renstra Perangkat Daerah)"),
        (8, "Realisasi Capaian Kinerja dan Anggaran Renstra Perangkat Daerah sampai dengan "
            "Renja Perangkat Daerah Tahun Lalu (...)"),
        (10, "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun ...) "
             "yang Dievaluasi"),
        (20, "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi"),
        (22, "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun ... "
             "(Akhir Tahun Pelaksanaan Renja Perangkat Daerah Tahun ...)"),
        (24, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah "
             "s/d Tahun ... (%)"),
    ]
    for col, text in pairs:
        heads.append(Head(0, col, text, cols=2, rows=2))
    heads.append(Head(0, 12, "Realisasi Kinerja Pada Triwulan", cols=8))
    for i, tw in enumerate(["I", "II", "III", "IV"]):
        heads.append(Head(1, 12 + 2 * i, tw, cols=2))
    for col in range(6, 26, 2):
        heads += [Head(2, col, "K"), Head(2, col + 1, "Rp")]
    heads += [Head(0, 26, "Unit Perangkat Daerah Penanggung Jawab", rows=3),
              Head(0, 27, "Keterangan", rows=3)]
    numbers = [(c, c, c) for c in range(1, 6)]
    labels = [6, 7, 8, 9, 10, 11, 12, "13=(9+10+11+12)", "14=(7+13)", "15=(14/6x100)"]
    for i, label in enumerate(labels):
        numbers.append((6 + 2 * i, 7 + 2 * i, label))
    numbers += [(26, 26, 16), (27, 27, 17)]
    titles = ["EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH",
              "Renja Perangkat Daerah ... Kabupaten/Kota ...",
              "Periode Pelaksanaan: Triwulan ... Tahun ..."]
    widths = [5, 24, 18, 36, 32] + [10, 14] * 10 + [18, 14]
    return Layout("Evaluasi Triwulan", titles, heads, 3, numbers, widths)


# --------------------------------------------------------------------------------------------
# Writing a table
# --------------------------------------------------------------------------------------------

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
NUM_FILL = PatternFill("solid", fgColor="F2F2F2")


def write_table(ws, layout: Layout, rows: list[list[str]] | None = None) -> None:
    """Write titles, header block, number row and (typed) data rows of one table."""
    last = get_column_letter(layout.ncols)
    for i, title in enumerate(layout.titles, start=1):
        ws.cell(i, 1, title).font = Font(bold=True, size=12)
        ws.cell(i, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(f"A{i}:{last}{i}")

    top = layout.header_row
    for r in range(top, layout.number_row + 1):  # borders on every header and number cell
        for c in range(1, layout.ncols + 1):
            ws.cell(r, c).border = BORDER
    for h in layout.heads:
        cell = ws.cell(top + h.row, h.col, h.text)
        if h.cols > 1 or h.rows > 1:
            ws.merge_cells(start_row=top + h.row, start_column=h.col,
                           end_row=top + h.row + h.rows - 1, end_column=h.col + h.cols - 1)
    for r in range(top, top + layout.header_rows):
        for c in range(1, layout.ncols + 1):
            cell = ws.cell(r, c)
            cell.font = Font(bold=True)
            cell.fill = HEAD_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    nrow = layout.number_row
    for first, end, label in layout.numbers:
        ws.cell(nrow, first, label)
        if end > first:
            ws.merge_cells(start_row=nrow, start_column=first, end_row=nrow, end_column=end)
    for c in range(1, layout.ncols + 1):
        cell = ws.cell(nrow, c)
        cell.font = Font(bold=True, size=9)
        cell.fill = NUM_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")

    for r, raw_row in enumerate(rows or [], start=layout.first_data_row):
        assert len(raw_row) == layout.ncols, (layout.sheet, raw_row)
        for c, (raw, kind) in enumerate(zip(raw_row, layout.kinds), start=1):
            v = convert(raw, kind)
            cell = ws.cell(r, c, v.value)
            if v.number_format:
                cell.number_format = v.number_format
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(v.value, str))

    for c, width in enumerate(layout.widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = f"A{layout.first_data_row}"
    ws.print_title_rows = f"{top}:{nrow}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


# --------------------------------------------------------------------------------------------
# Reading the seed
# --------------------------------------------------------------------------------------------

def table_lines(lines: list[str], start: str, end: str) -> list[list[str]]:
    """Tab-separated lines between the line equal to ``start`` and the line equal to ``end``."""
    i = lines.index(start)
    j = lines.index(end, i)
    return [ln.split("\t") for ln in lines[i:j] if "\t" in ln]


def fix_t23(f: list[str]) -> list[str]:
    """Realign one Tabel 2.3 line to the 12 columns of T-C.31."""
    n = len(f)
    if n == 11:  # the empty "No" cell was lost: everything one column left
        return [""] + f
    if n == 13:
        if f[0] in LOKASI:  # "Kota Serang | | indikator | target | Kota Serang | ... "
            assert not any(f[i] for i in (1, 5, 6, 7, 10, 11, 12)), f
            return ["", "", f[0], f[2], f[3], "", "", f[4], f[8], f[9], "", ""]
        if f[3] in LOKASI and f[2]:  # Fasilitasi Pelaksanaan Otonomi Daerah: one column right
            assert not any(f[i] for i in (0, 1, 5, 10)), f
            return ["", f[2], f[3], f[4], f[6], f[7], f[8], f[9], f[11], f[12], "", ""]
        assert f[12] == "", f
        if f[6] == "" and f[7] not in LOKASI:  # an extra empty cell before the second group
            return f[:6] + f[7:]
        return f[:12]  # an extra empty cell at the end
    assert n == 12, f
    if f[0] and f[1] in LOKASI:  # PROGRAM PEREKONOMIAN DAN PEMBANGUNAN: one column left
        assert not any(f[9:]), f
        return ["", f[0], f[1], f[2], f[3], f[4], f[5], "", f[6], f[7], f[8], ""]
    if f[0]:  # kegiatan name in the No column; 2nd group's indikator/dana one column right
        assert not any(f[i] for i in (1, 2, 7, 8, 10)), f
        return ["", f[0], "", f[3], f[4], f[5], f[6], "", f[9], "", f[11], ""]
    if f[2] and f[2] not in LOKASI:  # program indikator rows: one column left in both groups
        assert not any(f[i] for i in (0, 1, 4, 5, 8, 9, 10, 11)), f
        return ["", "", "", f[2], f[3], "", "", "", f[6], f[7], "", ""]
    if f[2] in LOKASI and f[3] == "" and f[8] in LOKASI:  # 2nd lokasi landed in Indikator
        assert not any(f[i] for i in (5, 6, 7, 10, 11)), f
        return ["", "", f[2], "", f[4], "", "", f[8], "", f[9], "", ""]
    if f[8] in LOKASI and f[7] not in LOKASI:  # extra empty cell before 2nd group, catatan lost
        assert f[6] == "", f
        return f[:6] + f[7:] + [""]
    if f[3] and f[9] == f[3] and not f[8]:  # 2nd group's indikator landed in Target Capaian
        assert not any(f[i] for i in (0, 1, 2, 5, 6, 7, 10, 11)), f
        return f[:8] + [f[9], ""] + f[10:]
    return f


def fix_t31(f: list[str]) -> list[str]:
    """Realign one Tabel 3.1 line to its 16 columns."""
    n = len(f)
    if n == 16:
        return f
    if n == 18:
        assert f[17] == "", f
        if f[6].startswith("TOTAL"):  # closing total row
            assert not any(f[i] for i in (7, 8, 9, 10, 11, 13, 14, 15)), f
            out = [""] * 16
            out[5], out[10], out[14] = f[6], f[12], f[16]
            return out
        if f[0]:  # urusan / tujuan / sasaran row
            assert not any(f[3:]), f
            return f[:16]
        if f[3]:  # indikator tujuan rows: satuan and targets one column right
            assert not any(f[i] for i in (4, 5, 6, 7, 9, 11, 12, 13, 15, 16)), f
            out = [""] * 16
            out[3], out[7], out[9], out[13] = f[3], f[8], f[10], f[14]
            return out
        if f[10] in LOKASI:  # program 4.01.01 rows: two columns right
            return f[2:18]
        if f[9] in LOKASI:  # 4.01.03.2.03 surviving rows: one column right, extra cell after pagu
            assert f[0] == "", f
            g = f[1:]
            assert g[11] == "", f
            del g[11]
            return g[:16]
        raise AssertionError(f)
    assert n == 15, f
    if f[7] in LOKASI:  # indikator moved into the PROGRAM column (or no indikator at all)
        assert not any(f[i] for i in (0, 1, 2, 3, 4, 10, 11, 13, 14)), f
        out = [""] * 16
        if f[5]:
            out[6], out[7] = f[5], f[6]
        else:
            assert not f[6], f
        out[8], out[9], out[11], out[13] = f[7], f[8], f[9], f[12]
        return out
    assert f[8] in LOKASI, f
    if f[12] == "" and f[13]:  # SKPD column lost at the end
        return f + [""]
    return f[:12] + [""] + f[12:]  # empty CATATAN cell lost: targets/pagu n+1 moved left


RE_FRAC = re.compile(r"\$\\frac\{\\text\{(.*?)\}\}\{\\text\{(.*?)\}\} \\times 100\$")


def fix_t32(f: list[str]) -> list[str]:
    """Realign one Tabel 3.2 line to 5 columns and turn the LaTeX formula into plain text."""
    if len(f) == 7:
        if f[0] == "" and f[1] == "":
            f = f[2:]
        else:
            assert not any(f[5:]), f
            f = f[:5]
    assert len(f) == 5, f
    f = list(f)
    f[3] = RE_FRAC.sub(r"(\1 / \2) x 100", f[3])
    assert "\\" not in f[3] and "$" not in f[3], f
    return f


# --------------------------------------------------------------------------------------------
# Restoration of the 4.01.03.2.03 block in Tabel 3.1
# --------------------------------------------------------------------------------------------

SRC_KODE = ("urutan kode kegiatan program 4.01.03 (2.01, 2.02, 2.03) dan sub kegiatan (.01, .02, .03) "
            "mengikuti urutan Tabel 2.3, BAB III 3.3 C.3 dan BAB IV C.3")
SRC_T23 = "Tabel 2.3 (Rancangan Awal RKPD) baris yang sama"
SRC_PAGU = "Tabel 2.3 kolom 6 dan BAB IV C.3"
SRC_SATUAN = "satuan dari target Tabel 2.3"
SRC_LOKASI = "sama dengan baris sub kegiatan blok ini yang tersisa (Setda Kota Serang)"
SRC_SUMBER = "sama dengan baris sub kegiatan blok ini yang tersisa (Dana Perimbangan)"
SRC_N1_KEG = ("pagu n+1 program 4.01.03 (4.062.213.207) dikurangi 4.01.03.2.01 (1.540.880.513) "
              "dan 4.01.03.2.02 (1.318.514.454)")
SRC_N1_SUB = ("pagu x 1,1 (rasio baris 4.01.03.2.03.03: 420.750.000 / 382.500.000); ketiga sub "
              "kegiatan berjumlah 1.202.818.240 = pagu n+1 kegiatan")


def t31_row(**cells: str) -> list[str]:
    names = ["urusan", "tujuan", "sasaran", "ind_tujuan", "kode", "program", "indikator",
             "satuan", "lokasi", "target", "pagu", "sumber", "catatan", "target_n1", "pagu_n1",
             "skpd"]
    unknown = set(cells) - set(names)
    assert not unknown, unknown
    return [cells.get(name, "") for name in names]


COLUMN_OF = {"kode": 5, "program": 6, "indikator": 7, "satuan": 8, "lokasi": 9, "target": 10,
             "pagu": 11, "sumber": 12, "target_n1": 14, "pagu_n1": 15}


@dataclass
class Restored:
    row: list[str]
    sources: dict[str, str]  # field name -> source of the restored value


def restored_block() -> list[Restored]:
    """Rows of 4.01.03.2.03 lost by the extraction, rebuilt from Tabel 2.3 and BAB IV."""
    out: list[Restored] = []

    def add(sources: dict[str, str], **cells: str) -> None:
        assert set(sources) == {k for k, v in cells.items() if v}, (sources, cells)
        out.append(Restored(t31_row(**cells), sources))

    common = {"indikator": SRC_T23, "satuan": SRC_SATUAN, "lokasi": SRC_LOKASI,
              "target": SRC_T23, "sumber": SRC_SUMBER}
    # kegiatan 4.01.03.2.03 and its three indikator
    add({"kode": SRC_KODE, "program": SRC_T23 + "; BAB IV C.3", "pagu": SRC_PAGU,
         "pagu_n1": SRC_N1_KEG, **common},
        kode="4.01.03.2.03", program="Pengadaan Barang dan Jasa",
        indikator="Presentase Pelaksanaan Tender", satuan="%", lokasi="Setda Kota Serang",
        target="100%", pagu="1.093.471.127", sumber="Dana Perimbangan", pagu_n1="1.202.818.240")
    for ind in ("Presentase Pelaksanaan Non Tender", "Presentase Dokumen Pengadaan Barang dan Jasa"):
        add(dict(common), indikator=ind, satuan="%", lokasi="Setda Kota Serang", target="100%",
            sumber="Dana Perimbangan")
    # sub kegiatan 4.01.03.2.03.01 and its nine "- Jumlah ..." indikator
    paket = [("- Jumlah Pelaksanaan Tender", "100 Paket"),
             ("- Jumlah Pelaksanaan Non Tender", "275 Paket"),
             ("- Jumlah Dokumen Pengadaan Barang dan Jasa", "110 Paket"),
             ("- Jumlah Tender Konstruksi", "66 Paket"),
             ("- Jumlah Non Tender Konstruksi", "88 Paket"),
             ("- Jumlah Tender Konsultansi", "28 Paket"),
             ("- Jumlah Non Tender Konsultansi", "66 Paket"),
             ("- Jumlah Tender Barang dan Jasa Lainnya", "17 Paket"),
             ("- Jumlah Non Tender Barang dan Jasa Lainnya", "121 Paket")]
    for i, (ind, target) in enumerate(paket):
        if i == 0:
            add({"kode": SRC_KODE, "program": SRC_T23 + "; BAB IV C.3 a", "pagu": SRC_PAGU,
                 "pagu_n1": SRC_N1_SUB, **common},
                kode="4.01.03.2.03.01", program="Pengelolaan Pengadaan Barang dan Jasa",
                indikator=ind, satuan="Paket", lokasi="Setda Kota Serang", target=target,
                pagu="362.321.127", sumber="Dana Perimbangan", pagu_n1="398.553.240")
        else:
            add(dict(common), indikator=ind, satuan="Paket", lokasi="Setda Kota Serang",
                target=target, sumber="Dana Perimbangan")
    # sub kegiatan 4.01.03.2.03.02: its first indikator (the others survive in the seed)
    add({"kode": SRC_KODE, "program": SRC_T23 + "; BAB IV C.3 b", "pagu": SRC_PAGU,
         "pagu_n1": SRC_N1_SUB, **common},
        kode="4.01.03.2.03.02", program="Pengelolaan Layanan Pengadaan Secara Elektronik",
        indikator="Jumlah Aplikasi", satuan="Aplikasi", lokasi="Setda Kota Serang",
        target="1 Aplikasi", pagu="348.650.000", sumber="Dana Perimbangan", pagu_n1="383.515.000")
    return out


# --------------------------------------------------------------------------------------------
# The five tables of the example workbook
# --------------------------------------------------------------------------------------------

@dataclass
class Table:
    layout: Layout
    rows: list[list[str]]
    restored: list[tuple[int, int, str]] = field(default_factory=list)  # (row idx, col, source)


def build_tables(seed: Path) -> list[Table]:
    lines = seed.read_text(encoding="utf-8").splitlines()

    # Tabel 2.1 (T-C.29): clean, 17 fields a line
    t21 = table_lines(lines, "TABEL 2.1", "2.2. Analisis Kinerja Pelayanan OPD")
    assert t21[2][0] == "1" and all(len(r) == 17 for r in t21), "Tabel 2.1 changed"
    rows21 = t21[3:]
    assert len(rows21) == 89

    # Tabel 2.2 (T-C.30): clean, 14 fields a line; the number row has the document's typos
    t22 = table_lines(lines, "TABEL. 2.2", "2.3. Isu-Isu Penting Penyelenggaraan Tugas dan Fungsi "
                                           "Perangkat Daerah")
    assert all(len(r) == 14 for r in t22)
    numbers22 = [(c, c, int(label)) for c, label in enumerate(t22[2], start=1)]
    rows22 = t22[3:]
    assert len(rows22) == 15

    # Tabel 2.3 (T-C.31): realign the shifted lines
    t23 = table_lines(lines, "TABEL. 2.3", "2.5. Penelaahan Usulan Program dan Kegiatan Masyarakat")
    assert t23[2] == [str(i) for i in range(1, 13)]
    rows23 = [fix_t23(r) for r in t23[3:]]
    for r in rows23:
        assert len(r) == 12 and r[0] == "" and r[11] == "", r
        assert r[2] in LOKASI | {""} and r[7] in LOKASI | {""}, r
        assert parse_number(r[5] or "0", percent=False) and parse_number(r[10] or "0", percent=False), r

    # Tabel 3.1 (T-C.33, Setda variant): realign, then restore the 4.01.03.2.03 block
    t31 = table_lines(lines, "TABEL 3.1", "TABEL 3.2")
    assert t31[2][:16] == [str(i) for i in range(1, 17)]
    rows31 = [fix_t31(r) for r in t31[3:]]
    restored: list[tuple[int, int, str]] = []
    at = next(i for i, r in enumerate(rows31) if r[6] == "Honorarium Konsultan IT")
    block = restored_block()
    for k, rb in enumerate(block):
        for name, source in rb.sources.items():
            restored.append((at + k, COLUMN_OF[name], source))
    rows31[at:at] = [rb.row for rb in block]
    advoksi = next(i for i, r in enumerate(rows31)
                   if r[5] == "Advoksi dan Pembinaan Pengadaan Barang dan Jasa")
    assert rows31[advoksi][4] == ""
    rows31[advoksi][4] = "4.01.03.2.03.03"
    restored.append((advoksi, COLUMN_OF["kode"], SRC_KODE))
    restored.sort()
    for r in rows31:
        assert len(r) == 16 and r[8] in LOKASI | {""} and r[11] in {"", "Dana Perimbangan"}, r
        assert r[4] == "" or re.fullmatch(r"4\.01\.\d\d(\.2\.\d\d(\.\d{2,3})?)?", r[4]), r

    # Tabel 3.2 (definisi operasional): two extra leading cells on some lines, LaTeX formulas
    t32 = table_lines(lines, "TABEL 3.2", "BAB IV")
    rows32 = [fix_t32(r) for r in t32[2:]]

    return [
        Table(layout_t21(["TABEL 2.1",
                          "REKAFITULASI EVALUASI PELAKSANAAN RENJA PERANGKAT DAERAH DAN",
                          "PENCAPAIAN RENSTRA PERANGKAT DAERAH S.D TAHUN 2021",
                          "SEKRETARIAT DAERAH KOTA SERANG"]), rows21),
        Table(layout_t22(["TABEL. 2.2", "PENCAPAIAN KINERJA PELAYANAN SEKRETARIAT DAERAH KOTA SERANG"],
                         [f"Tahun {y}" for y in range(2019, 2024)], ["Tahun 2019", "Tahun 2020"],
                         ["Tahun 2022", "Tahun 2023"], numbers22), rows22),
        Table(layout_t23(["TABEL. 2.3", "REVIEW TERHADAP RANCANGAN AWAL RKPd TAHUN 2022",
                          "SKPD : SEKRETARIAT DAERAH KOTA SERANG"]), rows23),
        Table(layout_t31(["TABEL 3.1", "RUMUSAN RENCANA PROGRAM KEGIATAN DAN SUB KEGIATAN TAHUN 2022",
                          "DAN PRAKIRAAN MAJU TAHUN 2023", "SEKRETARIAT DAERAH KOTA SERANG"],
                         "2022", "2023"), rows31, restored),
        Table(layout_t32(["TABEL 3.2", "RUMUSAN, DAN DEFINISI OPERASIONAL INDIKATOR RENSTRA OPD"]),
              rows32),
    ]


def write_catatan(ws, tables: list[Table]) -> None:
    ws["A1"] = "CATATAN"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = ("Ekstraksi PDF dokumen Renja kehilangan kode dan baris atas blok kegiatan 4.01.03.2.03 "
                "Pengadaan Barang dan Jasa pada Tabel 3.1 (hanya baris mulai 'Honorarium Konsultan IT' "
                "yang tersisa, tanpa kode). Sel berikut dipulihkan dari Tabel 2.3 dan BAB IV dokumen "
                "yang sama; semua sel lain menyalin dokumen apa adanya, termasuk kesalahannya.")
    ws["A3"] = ("Baris yang bergeser kolom pada hasil ekstraksi PDF (Tabel 2.3, 3.1, 3.2) ditempatkan "
                "kembali ke kolomnya; rumus LaTeX Tabel 3.2 ditulis sebagai teks biasa.")
    for r, height in ((2, 48), (3, 32)):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.cell(r, 1).alignment = Alignment(vertical="top", wrap_text=True)
        ws.row_dimensions[r].height = height
    header = 5
    for c, text in enumerate(["Lembar", "Sel", "Nilai", "Sumber"], start=1):
        cell = ws.cell(header, c, text)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.border = BORDER
    r = header + 1
    for table in tables:
        lay = table.layout
        for idx, col, source in table.restored:
            v = convert(table.rows[idx][col - 1], lay.kinds[col - 1])
            cells = [lay.sheet, f"{get_column_letter(col)}{lay.first_data_row + idx}", v.value, source]
            for c, value in enumerate(cells, start=1):
                cell = ws.cell(r, c, value)
                cell.border = BORDER
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            if v.number_format:
                ws.cell(r, 3).number_format = v.number_format
            r += 1
    ws.cell(r + 1, 1, f"Workbook ini dibuat oleh workbooks/build_contoh.py dari teks seed {SEED_LABEL}.")
    for col, width in zip("ABCD", (12, 8, 44, 90)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = f"A{header + 1}"


def build_contoh(seed: Path, path: Path) -> None:
    tables = build_tables(seed)
    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        write_table(wb.create_sheet(table.layout.sheet), table.layout, table.rows)
    write_catatan(wb.create_sheet("Catatan"), tables)
    wb.properties.creator = "workbooks/build_contoh.py"
    wb.properties.title = "Renja Sekretariat Daerah Kota Serang 2022 (contoh)"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


# --------------------------------------------------------------------------------------------
# Empty templates
# --------------------------------------------------------------------------------------------

def template_layouts() -> dict[str, Layout]:
    dots = "..."
    return {
        "T-C.29.xlsx": layout_tc29_official(),
        "T-C.30.xlsx": layout_t22(
            ["Tabel T-C.30", "Pencapaian Kinerja Pelayanan Perangkat Daerah ...", "Kabupaten/Kota ..."],
            [f"Tahun {y}" for y in ("n-2", "n-1", "n", "n+1")], ["Tahun n-2", "Tahun n-1"],
            ["Tahun n", "Tahun n+1"], sheet="T-C.30",
            renstra="Target Renstra Perangkat Daerah", standar="SPM/Standar Nasional"),
        "T-C.31.xlsx": layout_t23(
            ["Tabel T-C.31", f"Review terhadap Rancangan Awal RKPD Tahun {dots}",
             "Kabupaten/Kota ...", "Nama Perangkat Daerah ..."],
            sheet="T-C.31", group1="Rancangan Awal RKPD", program="Program/Kegiatan/Sub Kegiatan"),
        "T-C.33.xlsx": layout_tc33_official(),
        "T-C.33-setda.xlsx": layout_t31(
            ["TABEL 3.1", f"RUMUSAN RENCANA PROGRAM KEGIATAN DAN SUB KEGIATAN TAHUN {dots}",
             f"DAN PRAKIRAAN MAJU TAHUN {dots}", "NAMA PERANGKAT DAERAH ..."],
            dots, dots, sheet="T-C.33-setda"),
        "definisi-operasional.xlsx": layout_t32(
            ["TABEL 3.2", "RUMUSAN, DAN DEFINISI OPERASIONAL INDIKATOR RENSTRA OPD",
             "NAMA PERANGKAT DAERAH ..."], sheet="Definisi Operasional"),
        "evaluasi-triwulan.xlsx": layout_evaluasi_triwulan(),
    }


def build_templates(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, layout in template_layouts().items():
        wb = Workbook()
        ws = wb.active
        ws.title = layout.sheet
        write_table(ws, layout)
        wb.properties.creator = "workbooks/build_contoh.py"
        path = directory / name
        wb.save(path)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED,
                        help="seed Renja text (default: %(default)s)")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT,
                        help="directory receiving contoh/ and templates/ (default: %(default)s)")
    args = parser.parse_args(argv)
    contoh = args.out_dir / "contoh" / CONTOH_NAME
    build_contoh(args.seed.resolve(), contoh)
    print(f"wrote {contoh}")
    for path in build_templates(args.out_dir / "templates"):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
