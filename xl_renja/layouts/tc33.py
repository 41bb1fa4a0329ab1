"""T-C.33 Rumusan Rencana Program dan Kegiatan Perangkat Daerah (and the Setda 16-column variant).

Official: 1 Kode | 2 Urusan/Bidang/Program/Kegiatan/Sub Kegiatan | 3 Indikator Kinerja |
Rencana Tahun n: 4 Lokasi, 5 Target Capaian Kinerja, 6 Kebutuhan Dana/Pagu Indikatif, 7 Sumber Dana |
8 Catatan Penting | Prakiraan Maju n+1: 9 Target Capaian Kinerja, 10 Kebutuhan Dana/Pagu Indikatif.
"""

from xl_renja.layouts.base import Col as T, ColumnSpec as C, LayoutSpec, Template, Variant

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
    # year n and the prakiraan maju n+1 alike: a row without its n+1 target or pagu is incomplete
    required={
        3: ("indikator", "target", "pagu", "target_n1", "pagu_n1"),
        4: ("indikator", "target", "pagu", "target_n1", "pagu_n1"),
        5: ("indikator", "target", "pagu", "lokasi", "sumber_dana", "target_n1", "pagu_n1"),
    },
)


# ------------------------------------------------------------------------------------ templates


_RENCANA = "Rencana Tahun {n} (Tahun Rencana)"
_PRAKIRAAN = "Prakiraan Maju Rencana Tahun {n+1}"
_RK = "RENCANA KERJA TAHUN {n}"
_PM = "PRAKIRAAN MAJU RENCANA TAHUN {n+1}"
RP = "#,##0"

TEMPLATES = {
    "resmi": Template(
        LAYOUT.id, "resmi", "resmi", "T-C.33",
        ("Tabel T-C.33",
         "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun {n} dan Prakiraan Maju Tahun {n+1}",
         "Kabupaten/Kota ...", "Nama Perangkat Daerah ..."),
        (
            T("kode", 1, ("Kode",), 18),
            T("uraian", 2, ("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",), 40),
            T("indikator", 3, ("Indikator Kinerja Program/Kegiatan",), 40),
            T("lokasi", 4, (_RENCANA, "Lokasi"), 14),
            T("target", 5, (_RENCANA, "Target Capaian Kinerja"), 14),
            T("pagu", 6, (_RENCANA, "Kebutuhan Dana/Pagu Indikatif"), 18, RP),
            T("sumber_dana", 7, (_RENCANA, "Sumber Dana"), 14),
            T("catatan", 8, ("Catatan Penting",), 14),
            T("target_n1", 9, (_PRAKIRAAN, "Target Capaian Kinerja"), 14),
            T("pagu_n1", 10, (_PRAKIRAAN, "Kebutuhan Dana/Pagu Indikatif"), 18, RP),
        ),
    ),
    # the 16-column form of Setda documents (seed Tabel 3.1)
    "setda": Template(
        LAYOUT.id, "setda", "setda", "T-C.33-setda",
        ("TABEL 3.1", "RUMUSAN RENCANA PROGRAM KEGIATAN DAN SUB KEGIATAN TAHUN {n}",
         "DAN PRAKIRAAN MAJU TAHUN {n+1}", "NAMA PERANGKAT DAERAH ..."),
        (
            T("urusan", 1, ("URUSAN",), 16),
            T("tujuan", 2, ("TUJUAN",), 22),
            T("sasaran", 3, ("SASARAN",), 22),
            T("indikator_tujuan", 4, ("INDIKATOR TUJUAN", "INDIKATOR SASARAN"), 22),
            T("kode", 5, ("KODE REKENING",), 16),
            T("uraian", 6, ("PROGRAM",), 38),
            T("indikator", 7, ("INDIKATOR PROGRAM", "INDIKATOR KEGIATAN/ SUB KEGIATAN"), 40),
            T("satuan", 8, ("SATUAN KINERJA",), 10),
            T("lokasi", 9, (_RK, "LOKASI"), 14),
            T("target", 10, (_RK, "TARGET CAPAIAN KINERJA"), 14),
            T("pagu", 11, (_RK, "KEBUTUHAN DANA/PAGU INDIKATIF (Rp)"), 17, RP),
            T("sumber_dana", 12, (_RK, "SUMBER DANA"), 14),
            T("catatan", 13, ("CATATAN PENTING",), 10),
            T("target_n1", 14, (_PM, "TARGET CAPAIAN KINERJA"), 14),
            T("pagu_n1", 15, (_PM, "KEBUTUHAN DANA/PAGU INDIKATIF (Rp)"), 17, RP),
            T("penanggung_jawab", 16, ("SKPD PENANGGUNG JAWAB (OPD DAN JABATAN)",), 24),
        ),
    ),
}
