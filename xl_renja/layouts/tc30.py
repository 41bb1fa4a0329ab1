"""T-C.30 Pencapaian Kinerja Pelayanan Perangkat Daerah.

No | Indikator | SPM/Standar Nasional | IKK | Target Renstra (per tahun) | Realisasi Capaian (per
tahun) | Proyeksi (per tahun) | Catatan Analisis. The number of years varies (the seed has five
target years), so the columns are placed by their header group, not by position.
"""

from xl_renja.layouts.base import Col as T, ColumnSpec as C, LayoutSpec, Template, Variant

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


# ------------------------------------------------------------------------------------ templates


TITLES = ("Tabel T-C.30", "Pencapaian Kinerja Pelayanan Perangkat Daerah ...", "Kabupaten/Kota ...")


def make_template(target_years=("{n-2}", "{n-1}", "{n}", "{n+1}"), realisasi_years=("{n-2}", "{n-1}"),
                  proyeksi_years=("{n}", "{n+1}")) -> Template:
    """T-C.30 with its year columns (the number of years varies between documents)."""
    cols = [T("no", 1, ("No",), 6), T("indikator", 2, ("Indikator",), 40),
            T("spm", 3, ("SPM/Standar Nasional",), 14), T("ikk", 4, ("IKK",), 10)]
    for key, group, years in (("target", "Target Renstra Perangkat Daerah", target_years),
                              ("realisasi", "Realisasi Capaian", realisasi_years),
                              ("proyeksi", "Proyeksi", proyeksi_years)):
        for i, year in enumerate(years, start=1):
            cols.append(T(f"{key}_{i}", len(cols) + 1, (group, f"Tahun {year}"), 10, "0.00"))
    cols.append(T("catatan", len(cols) + 1, ("Catatan Analisis",), 24))
    return Template(LAYOUT.id, "resmi", "resmi", "T-C.30", TITLES, tuple(cols))


TEMPLATES = {"resmi": make_template()}
