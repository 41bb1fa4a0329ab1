"""Definisi operasional indikator (seed Tabel 3.2).

1 Tujuan/Sasaran/Program/Kegiatan | Indikator: 2 Indikator, 3 Satuan, 4 Rumus/Formulasi,
5 Penjelasan/Keterangan.
"""

from xl_renja.layouts.base import Col as T, ColumnSpec as C, LayoutSpec, Template, Variant

COLUMNS = (
    C("uraian", (r"tujuan|sasaran|program|kegiatan",)),
    C("indikator", (r"indikator",)),
    C("satuan", (r"satuan",)),
    C("rumus", (r"rumus|formula",)),
    C("penjelasan", (r"penjelasan|keterangan|definisi",), required=False),
)

LAYOUT = LayoutSpec(
    id="definisi-operasional",
    title="Rumusan dan Definisi Operasional Indikator",
    all_of=(r"rumus|formulasi", r"indikator"),
    variants=(Variant("resmi", COLUMNS),),
    has_kode=False,
)


# ------------------------------------------------------------------------------------ templates


_IND = "Indikator Tujuan/Sasaran/Program/Kegiatan"

TEMPLATES = {
    "resmi": Template(
        LAYOUT.id, "resmi", "resmi", "Definisi Operasional",
        ("TABEL 3.2", "RUMUSAN, DAN DEFINISI OPERASIONAL INDIKATOR RENSTRA OPD", "NAMA PERANGKAT DAERAH ..."),
        (
            T("uraian", 1, ("Tujuan/Sasaran/Program/ Kegiatan Perangkat Daerah",), 40),
            T("indikator", 2, (_IND, "Indikator"), 40),
            T("satuan", 3, (_IND, "Satuan"), 12),
            T("rumus", 4, (_IND, "Rumus/Formulasi"), 60),
            T("penjelasan", 5, (_IND, "Penjelasan/Keterangan"), 44),
        ),
    ),
}
