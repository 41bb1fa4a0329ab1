"""T-C.29 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra Perangkat Daerah.

1 Kode | 2 Urusan/Bidang/Program/Kegiatan | 3 Indikator | 4 Target Renstra (akhir periode) |
5 Realisasi s.d. tahun n-3 | 6 Target Renja n-2 | 7 Realisasi Renja n-2 | 8=(7/6x100) |
9 Target Renja n-1 | 10=(5+7+9) | 11=(10/4x100). Columns 4-10 may be value/satuan pairs.
"""

from xl_renja.layouts.base import ColumnSpec as C, LayoutSpec, Variant

COLUMNS = (
    C("kode", (r"\bkode\b",)),
    C("uraian", (r"program|kegiatan|urusan",)),
    C("indikator", (r"indikator",)),
    C("target_renstra", (r"target",), pair="satuan", numeric=True),
    C("realisasi_n3", (r"realisasi",), pair="satuan", numeric=True),
    C("target_n", (r"target",), pair="satuan", numeric=True),
    C("realisasi_n", (r"realisasi",), pair="satuan", numeric=True),
    C("tingkat_realisasi", (r"tingkat|%",), pair="satuan", numeric=True),
    C("target_n1", (r"target",), pair="satuan", numeric=True),
    C("realisasi_sd", (r"realisasi|capaian",), pair="satuan", numeric=True),
    C("capaian_renstra", (r"tingkat|capaian|%",), pair="satuan", numeric=True),
)

LAYOUT = LayoutSpec(
    id="T-C.29",
    title="Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra Perangkat Daerah",
    all_of=(r"\bkode\b", r"realisasi", r"target", r"tingkat"),
    none_of=(r"triwulan",),
    variants=(Variant("resmi", COLUMNS),),
    derived={
        "tingkat_realisasi": "8=(7/6x100)",
        "realisasi_sd": "10=(5+7+9)",
        "capaian_renstra": "11=(10/4x100)",
    },
)
