"""Evaluasi Hasil Renja Perangkat Daerah per triwulan (Permendagri 86/2017, lampiran evaluasi).

1 No | 2 Sasaran | 3 Kode | 4 Urusan/Bidang/Program/Kegiatan | 5 Indikator Kinerja |
6 Target Renstra (akhir periode) K/Rp | 7 Realisasi capaian s/d Renja tahun lalu K/Rp |
8 Target Renja tahun berjalan K/Rp | 9-12 Realisasi triwulan I-IV K/Rp | 13=9+10+11+12 K/Rp |
14=7+13 K/Rp | 15=14/6x100 K/Rp | 16 Unit penanggung jawab | 17 Keterangan.
"""

from xl_renja.layouts.base import Col as T, ColumnSpec as C, LayoutSpec, Template, Variant

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


# ------------------------------------------------------------------------------------ templates


_TW = "Realisasi Kinerja Pada Triwulan"
_KRP = ("K", "Rp")
RP = "#,##0"
PCT = "0.00"


def _pair(key, label, heads, fmt=None, rp_fmt=RP):
    return T(key, label, heads, 10, fmt, pair="rp", sub=_KRP, pair_width=14, pair_fmt=rp_fmt)


_COLS = (
    T("no", 1, ("No",), 5),
    T("sasaran", 2, ("Sasaran",), 24),
    T("kode", 3, ("Kode",), 18),
    T("uraian", 4, ("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",), 36),
    T("indikator", 5, ("Indikator Kinerja Program (outcome)/ Kegiatan (output)",), 32),
    _pair("target_renstra", 6, ("Target Kinerja dan Anggaran Renstra Perangkat Daerah Tahun {renstra} "
                                "(Akhir Periode Renstra Perangkat Daerah)",)),
    _pair("realisasi_lalu", 7, ("Realisasi Capaian Kinerja dan Anggaran Renstra Perangkat Daerah sampai dengan "
                                "Renja Perangkat Daerah Tahun Lalu ({n-1})",)),
    _pair("target_n", 8, ("Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun {n}) "
                          "yang Dievaluasi",)),
    _pair("tw1", 9, (_TW, "I")),
    _pair("tw2", 10, (_TW, "II")),
    _pair("tw3", 11, (_TW, "III")),
    _pair("tw4", 12, (_TW, "IV")),
    _pair("realisasi_n", "13=(9+10+11+12)", ("Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah "
                                             "yang Dievaluasi",)),
    _pair("realisasi_sd", "14=(7+13)", ("Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun {n} "
                                        "(Akhir Tahun Pelaksanaan Renja Perangkat Daerah Tahun {n})",)),
    _pair("capaian", "15=(14/6x100)", ("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah "
                                       "s/d Tahun {n} (%)",), PCT, PCT),
    T("penanggung_jawab", 16, ("Unit Perangkat Daerah Penanggung Jawab",), 18),
    T("keterangan", 17, ("Keterangan",), 14),
)

TEMPLATES = {
    "resmi": Template(
        LAYOUT.id, "resmi", "resmi", "Evaluasi Triwulan",
        ("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH", "Renja Perangkat Daerah ... Kabupaten/Kota ...",
         "Periode Pelaksanaan: Triwulan ... Tahun {n}"),
        _COLS,
        paired=frozenset(c.key for c in _COLS if c.pair),
    ),
}
