"""Shared builders for the rule tests: official Renja layouts written with openpyxl.

Every builder writes one table as the official templates (``workbooks/templates``) lay it out:
a title, header rows 5-7 (group headers, sub headers, ``K``/``Rp``), the column-number row 8 and
data from row 9.  Rows are given as dicts of logical column keys (the keys of
``xl_renja/layouts/*.py``); a value may be wrapped in :class:`V` to give it a number format.
:meth:`Book.cell` turns ``(key, data row index)`` into the cell reference the rules report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from xl_renja.diagnostics import Severity
import xl_renja
from xl_renja import Options

FIRST = 9  # first data row of every table built here
NUMBER_ROW = 8


@dataclass(frozen=True)
class V:
    """A cell value with an Excel number format."""

    value: object
    fmt: str = "General"


@dataclass(frozen=True)
class Slot:
    key: str
    label: object            # the label of the column-number row: 1, 2, ... or "8=(7/6x100)"
    header: str
    group: str | None = None  # group header above (merged over the group's columns)
    pair: str | None = None   # "satuan" (value/satuan pair) or "rp" (K/Rp pair)


@dataclass
class Book:
    path: Path
    sheet: str
    columns: dict[str, str]  # logical key -> column letter

    def cell(self, key: str, i: int) -> str:
        """Cell of column ``key`` on data row ``i`` (0 = first data row)."""
        return f"{self.columns[key]}{FIRST + i}"

    def key(self, code: str, key: str, i: int) -> tuple:
        return (code, self.sheet, self.cell(key, i))


# ------------------------------------------------------------------------------------------
# layouts
# ------------------------------------------------------------------------------------------

_RENCANA = "Rencana Tahun 2024 (Tahun Rencana)"
_MAJU = "Prakiraan Maju Rencana Tahun 2025"

TC33_OFFICIAL = (
    Slot("kode", 1, "Kode"),
    Slot("uraian", 2, "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan"),
    Slot("indikator", 3, "Indikator Kinerja Program/Kegiatan/Sub Kegiatan"),
    Slot("lokasi", 4, "Lokasi", _RENCANA),
    Slot("target", 5, "Target Capaian Kinerja", _RENCANA),
    Slot("pagu", 6, "Kebutuhan Dana/Pagu Indikatif", _RENCANA),
    Slot("sumber_dana", 7, "Sumber Dana", _RENCANA),
    Slot("catatan", 8, "Catatan Penting"),
    Slot("target_n1", 9, "Target Capaian Kinerja", _MAJU),
    Slot("pagu_n1", 10, "Kebutuhan Dana/Pagu Indikatif", _MAJU),
)

_RK = "RENCANA KERJA TAHUN 2022"
_PM = "PRAKIRAAN MAJU RENCANA TAHUN 2023"
TC33_SETDA = (
    Slot("urusan", 1, "URUSAN"),
    Slot("tujuan", 2, "TUJUAN"),
    Slot("sasaran", 3, "SASARAN"),
    Slot("indikator_tujuan", 4, "INDIKATOR TUJUAN/SASARAN"),
    Slot("kode", 5, "KODE REKENING"),
    Slot("uraian", 6, "PROGRAM"),
    Slot("indikator", 7, "INDIKATOR PROGRAM/KEGIATAN/SUB KEGIATAN"),
    Slot("satuan", 8, "SATUAN KINERJA"),
    Slot("lokasi", 9, "LOKASI", _RK),
    Slot("target", 10, "TARGET CAPAIAN KINERJA", _RK),
    Slot("pagu", 11, "KEBUTUHAN DANA/PAGU INDIKATIF (Rp)", _RK),
    Slot("sumber_dana", 12, "SUMBER DANA", _RK),
    Slot("catatan", 13, "CATATAN PENTING"),
    Slot("target_n1", 14, "TARGET CAPAIAN KINERJA", _PM),
    Slot("pagu_n1", 15, "KEBUTUHAN DANA/PAGU INDIKATIF (Rp)", _PM),
    Slot("penanggung_jawab", 16, "SKPD PENANGGUNG JAWAB (OPD DAN JABATAN)"),
)

TC33_VARIANTS = {"resmi": TC33_OFFICIAL, "setda": TC33_SETDA}

_LALU = "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (Tahun 2022)"
_SD = "Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d tahun berjalan"


def tc29_slots(paired: bool) -> tuple[Slot, ...]:
    p = "satuan" if paired else None
    return (
        Slot("kode", 1, "Kode"),
        Slot("uraian", 2, "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"),
        Slot("indikator", 3, "Indikator Kinerja Program (outcome)/ Kegiatan (output)"),
        Slot("target_renstra", 4, "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun 2023", pair=p),
        Slot("realisasi_n3", 5, "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d dengan tahun 2021",
             pair=p),
        Slot("target_n", 6, "Target Renja Perangkat Daerah Tahun 2022", _LALU, pair=p),
        Slot("realisasi_n", 7, "Realisasi Renja Perangkat Daerah Tahun 2022", _LALU, pair=p),
        Slot("tingkat_realisasi", "8=(7/6x100)", "Tingkat Realisasi (%)", _LALU, pair=p),
        Slot("target_n1", 9, "Target Program dan Kegiatan (Renja Perangkat Daerah Tahun 2023)", pair=p),
        Slot("realisasi_sd", "10=(5+7+9)", "Realisasi Capaian Program dan Kegiatan s/d tahun berjalan", _SD, pair=p),
        Slot("capaian_renstra", "11=(10/4x100)",
             "Tingkat Capaian Realisasi Target Renstra s/d tahun berjalan (%)", _SD),
        Slot("penanggung_jawab", 12, "Perangkat Daerah Penanggung Jawab"),
        Slot("ket", 13, "Ket."),
    )


_TW = "Realisasi Kinerja Pada Triwulan"
TRIWULAN = (
    Slot("no", 1, "No"),
    Slot("sasaran", 2, "Sasaran"),
    Slot("kode", 3, "Kode"),
    Slot("uraian", 4, "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"),
    Slot("indikator", 5, "Indikator Kinerja Program (outcome)/ Kegiatan (output)"),
    Slot("target_renstra", 6, "Target Kinerja dan Anggaran Renstra Perangkat Daerah Tahun 2026 "
         "(Akhir Periode Renstra Perangkat Daerah)", pair="rp"),
    Slot("realisasi_lalu", 7, "Realisasi Capaian Kinerja dan Anggaran Renstra Perangkat Daerah sampai dengan "
         "Renja Perangkat Daerah Tahun Lalu (2023)", pair="rp"),
    Slot("target_n", 8, "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun 2024) "
         "yang Dievaluasi", pair="rp"),
    Slot("tw1", 9, "I", _TW, pair="rp"),
    Slot("tw2", 10, "II", _TW, pair="rp"),
    Slot("tw3", 11, "III", _TW, pair="rp"),
    Slot("tw4", 12, "IV", _TW, pair="rp"),
    Slot("realisasi_n", "13=(9+10+11+12)", "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah "
         "yang Dievaluasi", pair="rp"),
    Slot("realisasi_sd", "14=(7+13)", "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun 2024 "
         "(Akhir Tahun Pelaksanaan Renja Perangkat Daerah Tahun 2024)", pair="rp"),
    Slot("capaian", "15=(14/6x100)", "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah "
         "s/d Tahun 2024 (%)", pair="rp"),
    Slot("penanggung_jawab", 16, "Unit Perangkat Daerah Penanggung Jawab"),
    Slot("keterangan", 17, "Keterangan"),
)


# ------------------------------------------------------------------------------------------
# writing
# ------------------------------------------------------------------------------------------

def _put(ws, ref: str, value) -> None:
    if isinstance(value, V):
        ws[ref] = value.value
        ws[ref].number_format = value.fmt
    else:
        ws[ref] = value


def write_sheet(ws, slots, rows, title: str = "Tabel") -> dict[str, str]:
    """Write headers (rows 5-7), the number row (8) and ``rows`` (from 9); return key -> letter.

    Row keys the layout has no column for (``satuan`` in the official T-C.33) are dropped."""
    ws["A1"] = title
    columns: dict[str, str] = {}
    col = 1
    groups: dict[str, list[int]] = {}
    for slot in slots:
        width = 2 if slot.pair else 1
        first, last = col, col + width - 1
        L, R = get_column_letter(first), get_column_letter(last)
        columns[slot.key] = L
        if slot.pair:
            columns[f"{slot.key}_{slot.pair}"] = R
        if slot.group:
            groups.setdefault(slot.group, []).extend(range(first, last + 1))
        top = 6 if slot.group else 5
        bottom = 6 if slot.pair == "rp" else 7
        ws[f"{L}{top}"] = slot.header
        if (L, top) != (R, bottom):
            ws.merge_cells(f"{L}{top}:{R}{bottom}")
        if slot.pair == "rp":
            ws[f"{L}7"], ws[f"{R}7"] = "K", "Rp"
        ws[f"{L}{NUMBER_ROW}"] = slot.label
        if width == 2:
            ws.merge_cells(f"{L}{NUMBER_ROW}:{R}{NUMBER_ROW}")
        col = last + 1
    for group, cols in groups.items():
        L, R = get_column_letter(min(cols)), get_column_letter(max(cols))
        ws[f"{L}5"] = group
        ws.merge_cells(f"{L}5:{R}5")
    for i, row in enumerate(rows):
        for key, value in row.items():
            if value is None or key not in columns:
                continue
            _put(ws, f"{columns[key]}{FIRST + i}", value)
    return columns


def build(path: Path, slots, rows, sheet: str = "Tabel", title: str = "Tabel") -> Book:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    columns = write_sheet(ws, slots, rows, title)
    wb.save(path)
    return Book(Path(path), sheet, columns)


def tc33(tmp_path: Path, variant: str, rows, name: str = "renja.xlsx") -> Book:
    """A T-C.33 workbook (variant ``resmi`` or ``setda``); ``satuan`` is dropped for ``resmi``."""
    slots = TC33_VARIANTS[variant]
    title = "Tabel T-C.33" if variant == "resmi" else "TABEL 3.1"
    return build(tmp_path / f"{variant}-{name}", slots, rows, sheet="Tabel 3.1", title=title)


def tc29(tmp_path: Path, rows, paired: bool = False, name: str = "tc29.xlsx") -> Book:
    return build(tmp_path / name, tc29_slots(paired), rows, sheet="Tabel 2.1", title="Tabel T-C.29")


def triwulan(tmp_path: Path, rows, name: str = "triwulan.xlsx") -> Book:
    return build(tmp_path / name, TRIWULAN, rows, sheet="Evaluasi",
                 title="EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH")


# ------------------------------------------------------------------------------------------
# T-C.33 rows
# ------------------------------------------------------------------------------------------

def item(kode, uraian, pagu=None, pagu_n1=None, *, indikator="Persentase capaian kinerja", target="100%",
         satuan="Persen", target_n1="100%", lokasi=None, sumber_dana=None, **extra) -> dict:
    row = {"kode": kode, "uraian": uraian, "indikator": indikator, "satuan": satuan, "target": target,
           "pagu": pagu, "target_n1": target_n1, "pagu_n1": pagu_n1, "lokasi": lokasi,
           "sumber_dana": sumber_dana}
    row.update(extra)
    return row


def sub(kode, uraian, pagu=None, pagu_n1=None, **kw) -> dict:
    kw.setdefault("indikator", "Jumlah Dokumen Perencanaan Perangkat Daerah")
    kw.setdefault("satuan", "Dokumen")
    kw.setdefault("target", "1 Dokumen")
    kw.setdefault("target_n1", "1 Dokumen")
    kw.setdefault("lokasi", "Kota Serang")
    kw.setdefault("sumber_dana", "APBD")
    return item(kode, uraian, pagu, pagu_n1, **kw)


P = "4.01.01"
P_NAME = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
K1, K1_NAME = "4.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
S1, S1_NAME = "4.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah"
S2, S2_NAME = "4.01.01.2.01.0002", "Koordinasi dan Penyusunan Dokumen RKA-SKPD"
S3, S3_NAME = "4.01.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah"
K2, K2_NAME = "4.01.01.2.06", "Administrasi Umum Perangkat Daerah"
S4, S4_NAME = "4.01.01.2.06.0002", "Penyediaan Peralatan dan Perlengkapan Kantor"
P2, P2_NAME = "4.01.03", "PROGRAM PEREKONOMIAN DAN PEMBANGUNAN"
K3, K3_NAME = "4.01.03.2.01", "Pelaksanaan Kebijakan Perekonomian"
S5, S5_NAME = "4.01.03.2.01.0002", "Pengendalian dan Distribusi Perekonomian"


def clean_rows() -> list[dict]:
    """Two programs, three kegiatan, five sub kegiatan: sums right, official names, all cells filled.

    Data row indexes: 0 P, 1 K1, 2 S1, 3 S2, 4 S3, 5 K2, 6 S4, 7 P2, 8 K3, 9 S5.
    """
    return [
        item(P, P_NAME, 600_000, 660_000),
        item(K1, K1_NAME, 450_000, 495_000),
        sub(S1, S1_NAME, 100_000, 110_000),
        sub(S2, S2_NAME, 150_000, 165_000),
        sub(S3, S3_NAME, 200_000, 220_000, indikator="Jumlah Laporan Evaluasi Kinerja", satuan="Laporan",
            target="4 Laporan", target_n1="4 Laporan"),
        item(K2, K2_NAME, 150_000, 165_000),
        sub(S4, S4_NAME, 150_000, 165_000, indikator="Jumlah Paket Peralatan dan Perlengkapan Kantor",
            satuan="Paket", target="12 Paket", target_n1="12 Paket"),
        item(P2, P2_NAME, 300_000, 330_000),
        item(K3, K3_NAME, 300_000, 330_000),
        sub(S5, S5_NAME, 300_000, 330_000, indikator="Jumlah Dokumen Kebijakan Ekonomi"),
    ]


# ------------------------------------------------------------------------------------------
# running
# ------------------------------------------------------------------------------------------

def lint(book_or_path, codes, **options):
    path = book_or_path.path if isinstance(book_or_path, Book) else book_or_path
    return xl_renja.lint(str(path), select=list(codes), options=Options(**options)).diagnostics


def keys(diags) -> list[tuple]:
    return sorted(d.key() for d in diags)


def errors(diags) -> list:
    return [d for d in diags if d.severity == Severity.ERROR]
