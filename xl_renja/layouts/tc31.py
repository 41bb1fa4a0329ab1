"""T-C.31 Review terhadap Rancangan Awal RKPD.

1 No | Rancangan Awal RKPD: 2 Program/Kegiatan/Sub Kegiatan, 3 Lokasi, 4 Indikator Kinerja,
5 Target Capaian, 6 Pagu Indikatif | Hasil Analisis Kebutuhan: 7 Program/Kegiatan/Sub Kegiatan,
8 Lokasi, 9 Indikator Kinerja, 10 Target Capaian, 11 Kebutuhan Dana | 12 Catatan Penting.
"""

from xl_renja.layouts.base import Col as T, ColumnSpec as C, LayoutSpec, Template, Variant

COLUMNS = (
    C("no", (r"^no\b|\bno\b",), required=False),
    C("uraian", (r"program|kegiatan",)),
    C("lokasi", (r"lokasi",), required=False),
    C("indikator", (r"indikator",)),
    C("target", (r"target",)),
    C("pagu", (r"pagu|dana",), numeric=True, money=True),
    C("uraian_hasil", (r"program|kegiatan",)),
    C("lokasi_hasil", (r"lokasi",), required=False),
    C("indikator_hasil", (r"indikator",)),
    C("target_hasil", (r"target",)),
    C("pagu_hasil", (r"pagu|dana",), numeric=True, money=True),
    C("catatan", (r"catatan",), required=False),
)

LAYOUT = LayoutSpec(
    id="T-C.31",
    title="Review terhadap Rancangan Awal RKPD",
    all_of=(r"rancangan awal", r"analisis kebutuhan"),
    variants=(Variant("resmi", COLUMNS),),
    has_kode=False,
)


# ------------------------------------------------------------------------------------ templates


_AWAL = "Rancangan Awal RKPD"
_HASIL = "Hasil Analisis Kebutuhan"
RP = "#,##0"

TEMPLATES = {
    "resmi": Template(
        LAYOUT.id, "resmi", "resmi", "T-C.31",
        ("Tabel T-C.31", "Review terhadap Rancangan Awal RKPD Tahun {n}", "Kabupaten/Kota ...",
         "Nama Perangkat Daerah ..."),
        (
            T("no", 1, ("No",), 5),
            T("uraian", 2, (_AWAL, "Program/Kegiatan/Sub Kegiatan"), 32),
            T("lokasi", 3, (_AWAL, "Lokasi"), 13),
            T("indikator", 4, (_AWAL, "Indikator Kinerja"), 36),
            T("target", 5, (_AWAL, "Target Capaian"), 14),
            T("pagu", 6, (_AWAL, "Pagu Indikatif (Rp.)"), 17, RP),
            T("uraian_hasil", 7, (_HASIL, "Program/Kegiatan/Sub Kegiatan"), 32),
            T("lokasi_hasil", 8, (_HASIL, "Lokasi"), 13),
            T("indikator_hasil", 9, (_HASIL, "Indikator Kinerja"), 36),
            T("target_hasil", 10, (_HASIL, "Target Capaian"), 14),
            T("pagu_hasil", 11, (_HASIL, "Kebutuhan Dana (Rp.)"), 17, RP),
            T("catatan", 12, ("Catatan Penting",), 14),
        ),
    ),
}
