"""Evaluasi Hasil Renja Perangkat Daerah per triwulan (Permendagri 86/2017, lampiran evaluasi).

1 No | 2 Sasaran | 3 Kode | 4 Urusan/Bidang/Program/Kegiatan | 5 Indikator Kinerja |
6 Target Renstra (akhir periode) K/Rp | 7 Realisasi capaian s/d Renja tahun lalu K/Rp |
8 Target Renja tahun berjalan K/Rp | 9-12 Realisasi triwulan I-IV K/Rp | 13=9+10+11+12 K/Rp |
14=7+13 K/Rp | 15=14/6x100 K/Rp | 16 Unit penanggung jawab | 17 Keterangan.
"""

from xl_renja.layouts.base import ColumnSpec as C, LayoutSpec, Variant

COLUMNS = (
    C("no", (r"\bno\b",), required=False),
    C("sasaran", (r"sasaran",), required=False),
    C("kode", (r"\bkode\b",)),
    C("uraian", (r"program|kegiatan|urusan",)),
    C("indikator", (r"indikator",)),
    C("target_renstra", (r"target",), pair="rp", numeric=True),
    C("realisasi_lalu", (r"realisasi",), pair="rp", numeric=True),
    C("target_n", (r"target",), pair="rp", numeric=True),
    C("tw1", (r"triwulan|\bi\b",), pair="rp", numeric=True),
    C("tw2", (r"triwulan|\bii\b",), pair="rp", numeric=True),
    C("tw3", (r"triwulan|\biii\b",), pair="rp", numeric=True),
    C("tw4", (r"triwulan|\biv\b",), pair="rp", numeric=True),
    C("realisasi_n", (r"realisasi",), pair="rp", numeric=True),
    C("realisasi_sd", (r"realisasi",), pair="rp", numeric=True),
    C("capaian", (r"tingkat|capaian|%",), pair="rp", numeric=True),
    C("penanggung_jawab", (r"penanggung ?jawab|unit",), required=False),
    C("keterangan", (r"keterangan",), required=False),
)

LAYOUT = LayoutSpec(
    id="evaluasi-triwulan",
    title="Evaluasi Hasil Renja Perangkat Daerah per Triwulan",
    all_of=(r"triwulan", r"realisasi", r"\bkode\b"),
    variants=(Variant("resmi", COLUMNS), Variant("tanpa-keterangan", COLUMNS[:16])),
    derived={"realisasi_n": "13=9+10+11+12", "realisasi_sd": "14=7+13", "capaian": "15=14/6x100"},
    required={3: ("indikator", "target_n"), 4: ("indikator", "target_n"), 5: ("indikator", "target_n")},
)
