"""Definisi operasional indikator (seed Tabel 3.2).

1 Tujuan/Sasaran/Program/Kegiatan | Indikator: 2 Indikator, 3 Satuan, 4 Rumus/Formulasi,
5 Penjelasan/Keterangan.
"""

from xl_renja.layouts.base import ColumnSpec as C, LayoutSpec, Variant

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
