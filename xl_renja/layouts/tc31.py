"""T-C.31 Review terhadap Rancangan Awal RKPD.

1 No | Rancangan Awal RKPD: 2 Program/Kegiatan/Sub Kegiatan, 3 Lokasi, 4 Indikator Kinerja,
5 Target Capaian, 6 Pagu Indikatif | Hasil Analisis Kebutuhan: 7 Program/Kegiatan/Sub Kegiatan,
8 Lokasi, 9 Indikator Kinerja, 10 Target Capaian, 11 Kebutuhan Dana | 12 Catatan Penting.
"""

from xl_renja.layouts.base import ColumnSpec as C, LayoutSpec, Variant

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
