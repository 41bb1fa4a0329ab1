"""Shared builders for the rule tests: official Renja layouts written with openpyxl.

Every builder writes one table with the header of the package's templates
(``xl_renja/layouts/<table>.py`` ``TEMPLATES``, the ones of ``workbooks/templates``): a title in A1,
header rows 5-7 (group headers, sub headers, ``K``/``Rp``), the column-number row 8 and data from
row 9.  Rows are given as dicts of logical column keys (the keys of ``xl_renja/layouts/*.py``); a
value may be wrapped in :class:`V` to give it a number format.  :meth:`Book.cell` turns
``(key, data row index)`` into the cell reference the rules report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl

from xl_renja.diagnostics import Severity
import xl_renja
from xl_renja import Options
from xl_renja.layouts.template import Fmt, write_table

FIRST = 9  # first data row of every table built here
NUMBER_ROW = 8
HEADER_ROW = 5
TAHUN = 2024  # plan year of the headers ("Rencana Tahun 2024", "Prakiraan Maju Rencana Tahun 2025")
TAHUN_RENSTRA = 2026

#: a cell value with an Excel number format: ``V(value, fmt)``
V = Fmt


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
# writing
# ------------------------------------------------------------------------------------------

def write_sheet(ws, layout_id: str, rows, variant: str | None = None, title: str = "Tabel",
                **options) -> dict[str, str]:
    """Write the title (A1), headers (rows 5-7), the number row (8) and ``rows`` (from 9) of the
    template ``layout_id``/``variant``; return key -> letter. ``options``: those of
    :func:`xl_renja.layouts.template.write_table` (``omit``, ``paired``, ``texts``...).

    Row keys the layout has no column for (``satuan`` in the official T-C.33) are dropped."""
    tmap = write_table(ws, layout_id, variant, tahun=TAHUN, tahun_renstra=TAHUN_RENSTRA, title=[title],
                       title_gap=HEADER_ROW - 2, depth=NUMBER_ROW - HEADER_ROW, rows=rows, formats=False,
                       unknown_keys="drop", **options)
    assert (tmap.header_rows[0], tmap.number_row) == (HEADER_ROW, NUMBER_ROW)
    return tmap.columns


def build(path: Path, layout_id: str, rows, variant: str | None = None, sheet: str = "Tabel",
          title: str = "Tabel", **options) -> Book:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    columns = write_sheet(ws, layout_id, rows, variant, title, **options)
    wb.save(path)
    return Book(Path(path), sheet, columns)


def tc33(tmp_path: Path, variant: str, rows, name: str = "renja.xlsx") -> Book:
    """A T-C.33 workbook (variant ``resmi`` or ``setda``); ``satuan`` is dropped for ``resmi``."""
    title = "Tabel T-C.33" if variant == "resmi" else "TABEL 3.1"
    return build(tmp_path / f"{variant}-{name}", "T-C.33", rows, variant, sheet="Tabel 3.1", title=title)


def tc29(tmp_path: Path, rows, paired: bool = False, name: str = "tc29.xlsx") -> Book:
    return build(tmp_path / name, "T-C.29", rows, "berpasangan" if paired else "resmi", sheet="Tabel 2.1",
                 title="Tabel T-C.29")


def triwulan(tmp_path: Path, rows, name: str = "triwulan.xlsx") -> Book:
    return build(tmp_path / name, "evaluasi-triwulan", rows, sheet="Evaluasi",
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
