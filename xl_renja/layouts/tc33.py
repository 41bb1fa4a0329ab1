"""T-C.33 Rumusan Rencana Program dan Kegiatan Perangkat Daerah (and the Setda 16-column variant).

Official: 1 Kode | 2 Urusan/Bidang/Program/Kegiatan/Sub Kegiatan | 3 Indikator Kinerja |
Rencana Tahun n: 4 Lokasi, 5 Target Capaian Kinerja, 6 Kebutuhan Dana/Pagu Indikatif, 7 Sumber Dana |
8 Catatan Penting | Prakiraan Maju n+1: 9 Target Capaian Kinerja, 10 Kebutuhan Dana/Pagu Indikatif.
"""

from xl_renja.layouts.base import ColumnSpec as C, LayoutSpec, Variant

_MAJU = r"(prakiraan|maju|n\s*\+\s*1)"

KODE = C("kode", (r"\bkode\b",))
URAIAN = C("uraian", (r"program", r"kegiatan", r"uraian"))
INDIKATOR = C("indikator", (r"indikator",))
LOKASI = C("lokasi", (r"lokasi",), required=False)
TARGET = C("target", (r"target",))
PAGU = C("pagu", (r"pagu|kebutuhan dana",), numeric=True, money=True)
SUMBER = C("sumber_dana", (r"sumber dana",), required=False)
CATATAN = C("catatan", (r"catatan",), required=False)
TARGET_N1 = C("target_n1", (_MAJU + r".*target",), required=False)
PAGU_N1 = C("pagu_n1", (_MAJU + r".*(pagu|kebutuhan dana)",), numeric=True, money=True)

OFFICIAL = Variant(
    "resmi",
    (KODE, URAIAN, INDIKATOR, LOKASI, TARGET, PAGU, SUMBER, CATATAN, TARGET_N1, PAGU_N1),
)
SETDA = Variant(
    "setda",
    (
        C("urusan", (r"^urusan",), required=False),
        C("tujuan", (r"tujuan",), required=False),
        C("sasaran", (r"sasaran",), required=False),
        C("indikator_tujuan", (r"indikator (tujuan|sasaran)",), required=False),
        KODE,
        URAIAN,
        C("indikator", (r"indikator (program|kegiatan|kinerja)",)),
        C("satuan", (r"satuan",), required=False),
        LOKASI,
        TARGET,
        PAGU,
        SUMBER,
        CATATAN,
        TARGET_N1,
        PAGU_N1,
        C("penanggung_jawab", (r"penanggung ?jawab",), required=False),
    ),
)

LAYOUT = LayoutSpec(
    id="T-C.33",
    title="Rumusan Rencana Program dan Kegiatan Perangkat Daerah",
    all_of=(r"\bkode\b", r"pagu|kebutuhan dana", r"prakiraan|maju|n\s*\+\s*1", r"target"),
    none_of=(r"rancangan awal", r"realisasi"),
    variants=(OFFICIAL, SETDA),
    required={
        3: ("indikator", "target", "pagu"),
        4: ("indikator", "target", "pagu"),
        5: ("indikator", "target", "pagu", "lokasi", "sumber_dana"),
    },
)
