"""Build Renja tables with openpyxl for the reader and layout tests.

A layout is described by its header cells ``(row, col, height, width, text)`` relative to the
table's top-left corner (0-based), its column-number row ``(col, width, label)`` and the column
each logical key should be recognised in (relative col). ``write_table`` places it anywhere on a
worksheet, optionally with a title above, a deeper (three-row) header, UPPER case headers, data
rows and a header block repeated after a page break.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter


@dataclass
class Layout:
    headers: list[tuple[int, int, int, int, str]]
    numbers: list[tuple[int, int, object]]
    keys: dict[str, int]
    depth: int = 2
    title: str = ""

    @property
    def width(self) -> int:
        return max(c + w for c, w, _ in self.numbers)


def _nums(n: int, pairs=(), labels=None) -> list[tuple[int, int, object]]:
    """Number-row cells 1..n; slots in ``pairs`` take two columns."""
    out, col = [], 0
    for i in range(1, n + 1):
        w = 2 if i in pairs else 1
        out.append((col, w, (labels or {}).get(i, i)))
        col += w
    return out


TC33 = Layout(
    title="Tabel T-C.33 Rumusan Rencana Program dan Kegiatan Perangkat Daerah",
    headers=[
        (0, 0, 2, 1, "Kode"),
        (0, 1, 2, 1, "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"),
        (0, 2, 2, 1, "Indikator Kinerja Program/Kegiatan"),
        (0, 3, 1, 4, "Rencana Tahun 2022 (Tahun Rencana)"),
        (1, 3, 1, 1, "Lokasi"),
        (1, 4, 1, 1, "Target Capaian Kinerja"),
        (1, 5, 1, 1, "Kebutuhan Dana/Pagu Indikatif"),
        (1, 6, 1, 1, "Sumber Dana"),
        (0, 7, 2, 1, "Catatan Penting"),
        (0, 8, 1, 2, "Prakiraan Maju Rencana Tahun 2023"),
        (1, 8, 1, 1, "Target Capaian Kinerja"),
        (1, 9, 1, 1, "Kebutuhan Dana/Pagu Indikatif"),
    ],
    numbers=_nums(10),
    keys={"kode": 0, "uraian": 1, "indikator": 2, "lokasi": 3, "target": 4, "pagu": 5,
          "sumber_dana": 6, "catatan": 7, "target_n1": 8, "pagu_n1": 9},
)

TC33_SETDA = Layout(
    title="TABEL 3.1 RUMUSAN RENCANA PROGRAM KEGIATAN DAN SUB KEGIATAN TAHUN 2022",
    headers=[
        (0, 0, 2, 1, "URUSAN"),
        (0, 1, 2, 1, "TUJUAN"),
        (0, 2, 2, 1, "SASARAN"),
        (0, 3, 1, 1, "INDIKATOR TUJUAN"),
        (1, 3, 1, 1, "INDIKATOR SASARAN"),
        (0, 4, 2, 1, "KODE REKENING"),
        (0, 5, 2, 1, "PROGRAM"),
        (0, 6, 1, 1, "INDIKATOR PROGRAM"),
        (1, 6, 1, 1, "INDIKATOR KEGIATAN/ SUB KEGIATAN"),
        (0, 7, 2, 1, "SATUAN KINERJA"),
        (0, 8, 1, 4, "RENCANA KERJA TAHUN 2022"),
        (1, 8, 1, 1, "LOKASI"),
        (1, 9, 1, 1, "TARGET CAPAIAN KINERJA"),
        (1, 10, 1, 1, "KEBUTUHAN DANA/PAGU INDIKATIF (Rp)"),
        (1, 11, 1, 1, "SUMBER DANA"),
        (0, 12, 2, 1, "CATATAN PENTING"),
        (0, 13, 1, 2, "PRAKIRAAN MAJU RENCANA TAHUN 2023"),
        (1, 13, 1, 1, "TARGET CAPAIAN KINERJA"),
        (1, 14, 1, 1, "KEBUTUHAN DANA.PAGU INDIKATIF (RP)"),
        (0, 15, 2, 1, "SKPD PENANGGUNG JAWAB (OPD DAN JABATAN)"),
    ],
    numbers=_nums(16),
    keys={"urusan": 0, "tujuan": 1, "sasaran": 2, "indikator_tujuan": 3, "kode": 4, "uraian": 5,
          "indikator": 6, "satuan": 7, "lokasi": 8, "target": 9, "pagu": 10, "sumber_dana": 11,
          "catatan": 12, "target_n1": 13, "pagu_n1": 14, "penanggung_jawab": 15},
)

_TC29_LABELS = {8: "8=(7/6x100)", 10: "10=(5+7+9)", 11: "11=(10/4x100)"}
_TC29_KEYS = ("target_renstra", "realisasi_n3", "target_n", "realisasi_n", "tingkat_realisasi",
              "target_n1", "realisasi_sd", "capaian_renstra")


def _tc29(pairs: bool) -> Layout:
    w = 2 if pairs else 1
    c = [0, 1, 2]  # kode, uraian, indikator
    pos = 3
    for _ in _TC29_KEYS:
        c.append(pos)
        pos += w
    headers = [
        (0, 0, 2, 1, "Kode"),
        (0, 1, 2, 1, "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"),
        (0, 2, 2, 1, "Indikator Kinerja Program (outcome)/ Kegiatan (output)"),
        (0, c[3], 2, w, "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun 2023"),
        (0, c[4], 2, w, "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d tahun 2019"),
        (0, c[5], 1, 3 * w, "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (Tahun 2020)"),
        (1, c[5], 1, w, "Target Renja Perangkat Daerah Tahun 2020"),
        (1, c[6], 1, w, "Realisasi Renja Perangkat Daerah Tahun 2020"),
        (1, c[7], 1, w, "Tingkat Realisasi (%)"),
        (0, c[8], 2, w, "Target Program dan Kegiatan (Renja Perangkat Daerah Tahun 2021)"),
        (0, c[9], 1, w + 1, "Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d tahun berjalan"),
        (1, c[9], 1, w, "Realisasi Capaian Program dan Kegiatan s/d tahun berjalan"),
        (1, c[10], 1, 1, "Tingkat Capaian Realisasi Target Renstra s/d tahun berjalan (%)"),
    ]
    keys = {"kode": 0, "uraian": 1, "indikator": 2}
    for key, col in zip(_TC29_KEYS, c[3:]):
        keys[key] = col
        if pairs and key != "capaian_renstra":
            keys[key + "_satuan"] = col + 1
    return Layout(
        title="Tabel T-C.29 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja",
        headers=headers,
        numbers=_nums(11, pairs=range(4, 11) if pairs else (), labels=_TC29_LABELS),
        keys=keys,
    )


TC29 = _tc29(pairs=False)
TC29_PAIRS = _tc29(pairs=True)

TC30 = Layout(
    title="Tabel T-C.30 Pencapaian Kinerja Pelayanan Perangkat Daerah",
    headers=[
        (0, 0, 2, 1, "No"),
        (0, 1, 2, 1, "Indikator"),
        (0, 2, 2, 1, "SPM/Standar Nasional"),
        (0, 3, 2, 1, "IKK"),
        (0, 4, 1, 4, "Target Renstra Perangkat Daerah"),
        (1, 4, 1, 1, "Tahun 2020"), (1, 5, 1, 1, "Tahun 2021"),
        (1, 6, 1, 1, "Tahun 2022"), (1, 7, 1, 1, "Tahun 2023"),
        (0, 8, 1, 2, "Realisasi Capaian"),
        (1, 8, 1, 1, "Tahun 2020"), (1, 9, 1, 1, "Tahun 2021"),
        (0, 10, 1, 2, "Proyeksi"),
        (1, 10, 1, 1, "Tahun 2022"), (1, 11, 1, 1, "Tahun 2023"),
        (0, 12, 2, 1, "Catatan Analisis"),
    ],
    numbers=_nums(13),
    keys={"no": 0, "indikator": 1, "spm": 2, "ikk": 3, "target_1": 4, "target_2": 5,
          "target_3": 6, "target_4": 7, "realisasi_1": 8, "realisasi_2": 9, "proyeksi_1": 10,
          "proyeksi_2": 11, "catatan": 12},
)

TC31 = Layout(
    title="Tabel T-C.31 Review terhadap Rancangan Awal RKPD Tahun 2022",
    headers=[
        (0, 0, 2, 1, "No"),
        (0, 1, 1, 5, "Rancangan Awal RKPD"),
        (1, 1, 1, 1, "Program/Kegiatan/Sub Kegiatan"),
        (1, 2, 1, 1, "Lokasi"),
        (1, 3, 1, 1, "Indikator Kinerja"),
        (1, 4, 1, 1, "Target Capaian"),
        (1, 5, 1, 1, "Pagu Indikatif (Rp.)"),
        (0, 6, 1, 5, "Hasil Analisis Kebutuhan"),
        (1, 6, 1, 1, "Program/Kegiatan/Sub Kegiatan"),
        (1, 7, 1, 1, "Lokasi"),
        (1, 8, 1, 1, "Indikator Kinerja"),
        (1, 9, 1, 1, "Target Capaian"),
        (1, 10, 1, 1, "Kebutuhan Dana (Rp.)"),
        (0, 11, 2, 1, "Catatan Penting"),
    ],
    numbers=_nums(12),
    keys={"no": 0, "uraian": 1, "lokasi": 2, "indikator": 3, "target": 4, "pagu": 5,
          "uraian_hasil": 6, "lokasi_hasil": 7, "indikator_hasil": 8, "target_hasil": 9,
          "pagu_hasil": 10, "catatan": 11},
)

DEFINISI = Layout(
    title="TABEL 3.2 RUMUSAN DAN DEFINISI OPERASIONAL INDIKATOR",
    headers=[
        (0, 0, 2, 1, "Tujuan/Sasaran/Program/ Kegiatan Perangkat Daerah"),
        (0, 1, 1, 4, "Indikator Tujuan/Sasaran/Program/Kegiatan"),
        (1, 1, 1, 1, "Indikator"),
        (1, 2, 1, 1, "Satuan"),
        (1, 3, 1, 1, "Rumus/Formulasi"),
        (1, 4, 1, 1, "Penjelasan/Keterangan"),
    ],
    numbers=_nums(5),
    keys={"uraian": 0, "indikator": 1, "satuan": 2, "rumus": 3, "penjelasan": 4},
)

_TW_KEYS = ("target_renstra", "realisasi_lalu", "target_n", "tw1", "tw2", "tw3", "tw4",
            "realisasi_n", "realisasi_sd", "capaian")


def _triwulan() -> Layout:
    headers = [
        (0, 0, 3, 1, "No"),
        (0, 1, 3, 1, "Sasaran"),
        (0, 2, 3, 1, "Kode"),
        (0, 3, 3, 1, "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"),
        (0, 4, 3, 1, "Indikator Kinerja Program (outcome)/ Kegiatan (output)"),
        (0, 5, 2, 2, "Target Kinerja dan Anggaran Renstra Perangkat Daerah Tahun 2023"),
        (0, 7, 2, 2, "Realisasi Capaian Kinerja dan Anggaran Renstra s/d Renja Tahun Lalu"),
        (0, 9, 2, 2, "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan"),
        (0, 11, 1, 8, "Realisasi Kinerja Pada Triwulan"),
        (1, 11, 1, 2, "I"), (1, 13, 1, 2, "II"), (1, 15, 1, 2, "III"), (1, 17, 1, 2, "IV"),
        (0, 19, 2, 2, "Realisasi Capaian Kinerja dan Anggaran Renja yang Dievaluasi"),
        (0, 21, 2, 2, "Realisasi Kinerja dan Anggaran Renstra s/d Tahun 2022"),
        (0, 23, 2, 2, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra (%)"),
        (0, 25, 3, 1, "Unit Perangkat Daerah Penanggung Jawab"),
        (0, 26, 3, 1, "Keterangan"),
    ]
    for i in range(10):
        headers.append((2, 5 + 2 * i, 1, 1, "K"))
        headers.append((2, 6 + 2 * i, 1, 1, "Rp"))
    keys = {"no": 0, "sasaran": 1, "kode": 2, "uraian": 3, "indikator": 4}
    for i, key in enumerate(_TW_KEYS):
        keys[key] = 5 + 2 * i
        keys[key + "_rp"] = 6 + 2 * i
    keys.update(penanggung_jawab=25, keterangan=26)
    return Layout(
        title="EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH",
        headers=headers,
        numbers=_nums(17, pairs=range(6, 16),
                      labels={13: "13=(9+10+11+12)", 14: "14=(7+13)", 15: "15=(14/6x100)"}),
        keys=keys,
        depth=3,
    )


TRIWULAN = _triwulan()

LAYOUTS = {
    "T-C.33": TC33, "T-C.33-setda": TC33_SETDA, "T-C.29": TC29, "T-C.29-pairs": TC29_PAIRS,
    "T-C.30": TC30, "T-C.31": TC31, "definisi-operasional": DEFINISI, "evaluasi-triwulan": TRIWULAN,
}


def letter(col: int) -> str:
    return get_column_letter(col)


@dataclass
class Placed:
    """Where ``write_table`` put things (1-based rows/cols on the sheet)."""

    layout: Layout
    top: int
    left: int
    header_rows: list[int]
    number_row: int
    data_rows: list[int] = field(default_factory=list)  # sheet row of each data row given
    repeated_number_rows: list[int] = field(default_factory=list)
    last_row: int = 0

    def col(self, key: str) -> int:
        return self.left + self.layout.keys[key]

    def letter(self, key: str) -> str:
        return letter(self.col(key))

    def ref(self, key: str, i: int) -> str:
        """Address of ``key`` in the i-th data row given to write_table."""
        return f"{self.letter(key)}{self.data_rows[i]}"

    def columns(self) -> dict[str, str]:
        return {k: letter(self.left + c) for k, c in self.layout.keys.items()}


def _write_header(ws, layout: Layout, top: int, left: int, depth: int, upper: bool, lower: bool):
    extra = depth - layout.depth
    for r, c, h, w, text in layout.headers:
        if r + h == layout.depth:
            h += extra  # stretch cells that reach the bottom over the extra rows
        if upper:
            text = text.upper()
        elif lower:
            text = text.lower()
        ws.cell(top + r, left + c, text)
        if h > 1 or w > 1:
            ws.merge_cells(start_row=top + r, start_column=left + c,
                           end_row=top + r + h - 1, end_column=left + c + w - 1)
    nrow = top + depth
    for c, w, label in layout.numbers:
        ws.cell(nrow, left + c, label)
        if w > 1:
            ws.merge_cells(start_row=nrow, start_column=left + c, end_row=nrow, end_column=left + c + w - 1)
    return list(range(top, top + depth)), nrow


def write_table(ws, layout: Layout, rows, *, top: int = 1, left: int = 1, title: bool = False,
                depth: int | None = None, upper: bool = False, lower: bool = False,
                repeat_header_before: int | None = None) -> Placed:
    """Write ``layout`` with its header at (top, left) (title rows go above ``top``).

    ``rows`` is a list of ``dict(key -> value)`` or ``None`` for a blank spacer row.
    ``repeat_header_before=i`` writes the header block and number row again before data row i.
    """
    depth = depth or layout.depth
    if title:
        ws.cell(top - 2, left, layout.title)
        ws.merge_cells(start_row=top - 2, start_column=left, end_row=top - 2,
                       end_column=left + layout.width - 1)
    header_rows, nrow = _write_header(ws, layout, top, left, depth, upper, lower)
    placed = Placed(layout, top, left, header_rows, nrow)
    r = nrow + 1
    for i, values in enumerate(rows):
        if repeat_header_before == i:
            _hr, rep = _write_header(ws, layout, r, left, depth, upper, lower)
            placed.repeated_number_rows.append(rep)
            r = rep + 1
        placed.data_rows.append(r)
        for key, value in (values or {}).items():
            if isinstance(value, tuple):  # (value, number_format)
                value, fmt = value
                ws.cell(r, left + layout.keys[key], value).number_format = fmt
            else:
                ws.cell(r, left + layout.keys[key], value)
        r += 1
    placed.last_row = r - 1
    return placed


# ----------------------------------------------------------------------------- LibreOffice

SOFFICE = shutil.which("soffice") or ("/usr/bin/soffice" if Path("/usr/bin/soffice").exists() else None)


def soffice_convert(files: list[Path], fmt: str, outdir: Path, filter_name: str | None = None) -> list[Path]:
    """Convert all ``files`` in one LibreOffice call with a private profile; return the outputs."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path("/tmp") / f"lo-xl-renja-{uuid.uuid4().hex}"
    target = f"{fmt}:{filter_name}" if filter_name else fmt
    try:
        subprocess.run(
            [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
             "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
            check=True, capture_output=True, timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    outs = [outdir / (Path(f).stem + "." + fmt) for f in files]
    missing = [o for o in outs if not o.exists()]
    if missing:
        raise RuntimeError(f"soffice did not produce {missing}")
    return outs
