"""T-C.29 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra Perangkat Daerah.

1 Kode | 2 Urusan/Bidang/Program/Kegiatan | 3 Indikator | 4 Target Renstra (akhir periode) |
5 Realisasi s.d. tahun n-3 | 6 Target Renja n-2 | 7 Realisasi Renja n-2 | 8=(7/6x100) |
9 Target Renja n-1 | 10=(5+7+9) | 11=(10/4x100). Columns 4-10 may be value/satuan pairs.
"""

from xl_renja.layouts.base import Col as T, ColumnSpec as C, LayoutSpec, Template, Variant

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


# ------------------------------------------------------------------------------------ templates

from dataclasses import replace  # noqa: E402


_LALU = "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (Tahun {n-2})"
_SD = "Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d tahun berjalan"
PCT = "0.00"
S = "satuan"

_RESMI = Template(
    LAYOUT.id, "resmi", "resmi", "T-C.29",
    ("Tabel T-C.29",
     "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian Renstra Perangkat "
     "Daerah s/d Tahun {n-1}",
     "Kabupaten/Kota ...", "Nama Perangkat Daerah ..."),
    (
        T("kode", 1, ("Kode",), 18),
        T("uraian", 2, ("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",), 36),
        T("indikator", 3, ("Indikator Kinerja Program (outcome)/ Kegiatan (output)",), 36),
        T("target_renstra", 4, ("Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun {renstra}",),
          14, pair=S, pair_width=9),
        T("realisasi_n3", 5, ("Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d dengan "
                              "tahun {n-3}",), 16, pair=S, pair_width=9),
        T("target_n", 6, (_LALU, "Target Renja Perangkat Daerah Tahun {n-2}"), 14, pair=S, pair_width=9),
        T("realisasi_n", 7, (_LALU, "Realisasi Renja Perangkat Daerah Tahun {n-2}"), 14, pair=S, pair_width=9),
        T("tingkat_realisasi", "8=(7/6x100)", (_LALU, "Tingkat Realisasi (%)"), 12, PCT, pair=S, pair_width=6),
        T("target_n1", 9, ("Target Program dan Kegiatan (Renja Perangkat Daerah Tahun {n-1})",), 14,
          pair=S, pair_width=9),
        T("realisasi_sd", "10=(5+7+9)", (_SD, "Realisasi Capaian Program dan Kegiatan s/d tahun berjalan"), 16,
          pair=S, pair_width=9),
        T("capaian_renstra", "11=(10/4x100)",
          (_SD, "Tingkat Capaian Realisasi Target Renstra s/d tahun berjalan (%)"), 14, PCT, pair=S, pair_width=6),
        T("penanggung_jawab", 12, ("Perangkat Daerah Penanggung Jawab",), 18),
        T("ket", 13, ("Ket.",), 10),
    ),
)

#: value/satuan pairs: columns 4-10 each take a value and a satuan column under one number
PAIRED_KEYS = ("target_renstra", "realisasi_n3", "target_n", "realisasi_n", "tingkat_realisasi", "target_n1",
               "realisasi_sd")

TEMPLATES = {
    "resmi": _RESMI,
    "berpasangan": replace(_RESMI.options(paired=PAIRED_KEYS), name="berpasangan"),
}
