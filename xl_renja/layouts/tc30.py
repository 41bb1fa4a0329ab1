"""T-C.30 Pencapaian Kinerja Pelayanan Perangkat Daerah.

No | Indikator | SPM/Standar Nasional | IKK | Target Renstra (per tahun) | Realisasi Capaian (per
tahun) | Proyeksi (per tahun) | Catatan Analisis. The number of years varies (the seed has five
target years), so the columns are placed by their header group, not by position.
"""

from xl_renja.layouts.base import ColumnSpec as C, LayoutSpec, Variant

COLUMNS = (
    C("no", (r"^no\b",), required=False),
    C("indikator", (r"indikator",)),
    C("spm", (r"spm|standar nasional",), required=False),
    C("ikk", (r"\bikk\b",), required=False),
    C("target", (r"target",), numeric=True, repeat=True),
    C("realisasi", (r"realisasi",), numeric=True, repeat=True),
    C("proyeksi", (r"proyeksi",), numeric=True, repeat=True),
    C("catatan", (r"catatan",), required=False),
)

LAYOUT = LayoutSpec(
    id="T-C.30",
    title="Pencapaian Kinerja Pelayanan Perangkat Daerah",
    all_of=(r"spm|standar nasional", r"proyeksi|ikk", r"indikator"),
    variants=(Variant("resmi", COLUMNS, mode="pattern"),),
    has_kode=False,
)
