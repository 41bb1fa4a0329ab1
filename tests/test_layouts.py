"""Table detection on workbooks built with openpyxl: every official layout, placed anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

import xl_renja

from builders import (
    DEFINISI, LAYOUTS, TC29, TC29_PAIRS, TC30, TC31, TC33, TC33_SETDA, TRIWULAN, letter, write_table,
)
from xl_renja.kode import KodeLevel
from xl_renja import find_tables
from xl_renja import read as read_workbook

REPO = Path(__file__).resolve().parent.parent
CONTOH = REPO / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx"
TEMPLATES = REPO / "workbooks" / "templates"
SEED = REPO.parent / "shared" / "seed" / "renja_setda_kota_serang_2022.txt"

EXPECTED_ID = {
    "T-C.33": ("T-C.33", "resmi"), "T-C.33-setda": ("T-C.33", "setda"),
    "T-C.29": ("T-C.29", "resmi"), "T-C.29-pairs": ("T-C.29", "resmi"),
    "T-C.30": ("T-C.30", "resmi"), "T-C.31": ("T-C.31", "resmi"),
    "definisi-operasional": ("definisi-operasional", "resmi"),
    "evaluasi-triwulan": ("evaluasi-triwulan", "resmi"),
}
KODE_LAYOUTS = ["T-C.33", "T-C.33-setda", "T-C.29", "T-C.29-pairs", "evaluasi-triwulan"]


def _sheet(title="Sheet1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws


def _only(tables):
    assert len(tables) == 1, [(t.id, t.sheet_name, t.number_row) for t in tables]
    return tables[0]


def _letters(table):
    return {k: letter(c) for k, c in table.columns.items()}


def _lead(layout):
    return "uraian" if "uraian" in layout.keys else "indikator"


# ----------------------------------------------------------------------------- placement


PLACEMENTS = {
    "a1": dict(top=1, left=1),
    "c5-title": dict(top=5, left=3, title=True),
    "c5-three-rows-upper": dict(top=5, left=3, title=True, depth=3, upper=True),
    "b8-lower": dict(top=8, left=2, title=True, lower=True),
}


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize("name", LAYOUTS)
def test_layout_recognised_anywhere(tables_of, name, placement):
    layout = LAYOUTS[name]
    wb, ws = _sheet()
    opts = PLACEMENTS[placement]
    if opts["top"] > 3:  # other content above and left of the table
        ws["A1"] = "Lampiran I Peraturan Wali Kota"
        ws["A2"] = "Catatan: angka dalam rupiah"
        ws["A3"] = 2022
    lead = _lead(layout)
    rows = [{"indikator": "Indikator satu", lead: "Baris satu"}, {"indikator": "Ind 2", lead: "Baris dua"}]
    placed = write_table(ws, layout, rows, **opts)
    tables, unreadable = tables_of(wb)
    table = _only(tables)
    if "kode" in layout.keys:  # rows but not one kode: recognised, and ST01 (never silent)
        assert [(u.table, u.row) for u in unreadable] == [(table.id, placed.header_rows[0])]
    else:
        assert unreadable == []
    assert (table.id, table.variant) == EXPECTED_ID[name]
    assert table.sheet_name == "Sheet1"
    assert _letters(table) == placed.columns()
    assert table.header_rows == placed.header_rows
    assert table.number_row == placed.number_row
    assert table.missing == []
    assert [r.row for r in table.rows] == placed.data_rows
    assert [r.values[lead].ref for r in table.rows] == [placed.ref(lead, 0), placed.ref(lead, 1)]
    assert [r.text(lead) for r in table.rows] == ["Baris satu", "Baris dua"]


def test_explicit_columns_at_c5():
    """Spelled out once, independent of the builder's own bookkeeping."""
    wb, ws = _sheet()
    ws["A1"] = "judul lain"
    write_table(ws, TC33, [{"kode": "4.01.01", "uraian": "PROGRAM"}], top=5, left=3, title=True)
    path = Path(__import__("tempfile").mkdtemp()) / "c5.xlsx"
    wb.save(path)
    (table,) = find_tables(read_workbook(path))
    assert _letters(table) == {
        "kode": "C", "uraian": "D", "indikator": "E", "lokasi": "F", "target": "G", "pagu": "H",
        "sumber_dana": "I", "catatan": "J", "target_n1": "K", "pagu_n1": "L",
    }
    assert table.header_rows == [5, 6] and table.number_row == 7
    assert table.rows[0].values["kode"].ref == "C8"


def test_tc29_pair_columns():
    assert TC29_PAIRS.keys["target_renstra_satuan"] == 4
    assert "target_renstra_satuan" not in TC29.keys


def test_triwulan_k_rp_columns(tables_of):
    wb, ws = _sheet("Evaluasi TW")
    write_table(ws, TRIWULAN, [{"kode": "4.01.01", "uraian": "PROGRAM"}])
    table = _only(tables_of(wb)[0])
    cols = _letters(table)
    assert (cols["target_renstra"], cols["target_renstra_rp"]) == ("F", "G")
    assert (cols["tw1"], cols["tw1_rp"], cols["tw4"], cols["tw4_rp"]) == ("L", "M", "R", "S")
    assert (cols["capaian"], cols["capaian_rp"], cols["keterangan"]) == ("X", "Y", "AA")


# ----------------------------------------------------------------------------- typed rows

HIERARCHY = [
    {"kode": "4", "uraian": "URUSAN PEMERINTAHAN FUNGSI PENUNJANG"},                  # 0
    {"kode": "4.01", "uraian": "SEKRETARIAT DAERAH"},                                 # 1
    {"kode": "4.01.01", "uraian": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH",     # 2
     "indikator": "Tingkat ketepatan waktu penyampaian dokumen", "target": "100%",
     "target_n1": (1, "0%"), "pagu": "55.792.371.818", "pagu_n1": 69575419523},
    {"indikator": "Indeks Kepuasan Pelayanan", "target": "80"},                       # 3 continuation
    None,                                                                             # 4 spacer
    {"kode": "4.01.01.2.01", "uraian": "Perencanaan, Penganggaran, dan Evaluasi",      # 5
     "indikator": "Jumlah Dokumen", "target": "5 Dokumen", "pagu": "1.260.789.058"},
    {"kode": "4.01.01.2.01.01", "uraian": "Koordinasi dan Penyusunan Dokumen RKA",    # 6
     "indikator": "Jumlah Dokumen RKA", "target": "1 Dokumen", "pagu": 473105350},
    {"indikator": "Jumlah Dokumen Perubahan", "target": "1 Dokumen"},                 # 7 continuation
    {"kode": "4.01.01.2.01.0002", "uraian": "Koordinasi dan Penyusunan DPA",          # 8
     "indikator": "Jumlah Dokumen DPA", "target": (0.5, "0%"), "pagu": (101251764, "#,##0")},
    {"uraian": "TOTAL KERANGKA PENDANAAN OPD", "pagu": 80344104197},                  # 9 total
]
#: value key per layout for "target" and "pagu" (T-C.29 and triwulan have no pagu).
VALUE_KEYS = {
    "T-C.33": ("target", "pagu", "target_n1", "pagu_n1"),
    "T-C.33-setda": ("target", "pagu", "target_n1", "pagu_n1"),
    "T-C.29": ("target_n", "target_renstra", "target_n1", "realisasi_sd"),
    "T-C.29-pairs": ("target_n", "target_renstra", "target_n1", "realisasi_sd"),
    "evaluasi-triwulan": ("target_n", "target_n_rp", "target_renstra", "target_renstra_rp"),
}


def _hierarchy_for(name):
    target, pagu, target_n1, pagu_n1 = VALUE_KEYS[name]
    rename = {"target": target, "pagu": pagu, "target_n1": target_n1, "pagu_n1": pagu_n1}
    return [None if r is None else {rename.get(k, k): v for k, v in r.items()} for r in HIERARCHY]


@pytest.mark.parametrize("repeat", [False, True], ids=["plain", "page-break"])
@pytest.mark.parametrize("name", KODE_LAYOUTS)
def test_kode_rows(tables_of, name, repeat):
    layout = LAYOUTS[name]
    target, pagu, target_n1, pagu_n1 = VALUE_KEYS[name]
    wb, ws = _sheet()
    placed = write_table(ws, layout, _hierarchy_for(name), top=4, left=2, title=True,
                         repeat_header_before=5 if repeat else None)
    table = _only(tables_of(wb)[0])
    assert (table.id, table.variant) == EXPECTED_ID[name]
    assert table.last_row >= placed.last_row
    rows = {r.row: r for r in table.rows}
    d = placed.data_rows
    assert [r.row for r in table.rows] == [d[i] for i in (0, 1, 2, 3, 5, 6, 7, 8)]
    assert [r.kind for r in table.rows] == [
        "item", "item", "item", "continuation", "item", "item", "continuation", "item"]
    assert [r.kode_text for r in table.items] == [
        "4", "4.01", "4.01.01", "4.01.01.2.01", "4.01.01.2.01.01", "4.01.01.2.01.0002"]
    assert [r.level for r in table.items] == [
        KodeLevel.URUSAN, KodeLevel.BIDANG, KodeLevel.PROGRAM, KodeLevel.KEGIATAN,
        KodeLevel.SUB_KEGIATAN, KodeLevel.SUB_KEGIATAN]
    assert [r.kode.sub_digits for r in table.items[-2:]] == [2, 4]
    # continuations belong to the row above
    program, kegiatan, sub1, sub2 = rows[d[2]], rows[d[5]], rows[d[6]], rows[d[8]]
    assert program.continuations == [rows[d[3]]] and rows[d[3]].parent is program
    assert rows[d[3]].text("indikator") == "Indeks Kepuasan Pelayanan"
    assert rows[d[3]].values["indikator"].ref == placed.ref("indikator", 3)
    assert sub1.continuations == [rows[d[7]]]
    assert list(kegiatan.continuations) == [] and list(sub2.continuations) == []
    # structural parents
    assert sub1.parent is kegiatan and sub2.parent is kegiatan and kegiatan.parent is program
    assert program.parent is rows[d[1]] and rows[d[1]].parent is rows[d[0]]
    # names and values with their addresses
    assert program.name == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"
    assert program.values["kode"].ref == placed.ref("kode", 2)
    assert program.values[pagu].ref == placed.ref(pagu, 2)
    assert program.number(pagu) == 55792371818          # text '55.792.371.818'
    assert kegiatan.number(pagu) == 1260789058           # text '1.260.789.058'
    assert kegiatan.values[pagu].raw == "1.260.789.058"
    assert sub1.number(pagu) == 473105350
    assert sub2.number(pagu) == 101251764
    assert sub2.values[pagu].cell.number_format == "#,##0"
    assert program.number(target) == 100                 # '100%' text
    assert program.values[target_n1].raw == 1 and program.number(target_n1) == 100  # 1 as 0%
    assert sub2.values[target].is_percent_format and sub2.number(target) == 50
    assert program.number(pagu_n1) == 69575419523
    assert program.text(target) == "100%" and kegiatan.text(target) == "5 Dokumen"
    assert "kode" not in rows[d[3]].values  # values holds the non-blank cells
    assert rows[d[3]].get("kode").is_blank and rows[d[3]].get("kode").ref == placed.ref("kode", 3)
    # total row
    (total,) = table.totals
    assert total.row == d[9] and total.kind == "total"
    assert total.number(pagu) == 80344104197
    assert total.values[pagu].ref == placed.ref(pagu, 9)
    assert total not in table.rows
    # page break: the header block is skipped, not read as rows
    if repeat:
        assert placed.repeated_number_rows[0] in table.repeated_headers
        assert not set(range(placed.repeated_number_rows[0] - layout.depth,
                             placed.repeated_number_rows[0] + 1)) & set(rows)
    else:
        assert table.repeated_headers == []
    counts = table.count_levels()
    assert counts[KodeLevel.SUB_KEGIATAN] == 2 and counts[KodeLevel.PROGRAM] == 1


def test_tc29_pairs_values(tables_of):
    wb, ws = _sheet()
    rows = [{"kode": "4.01.01", "uraian": "Program Penunjang", "indikator": "Capaian",
             "target_renstra": 100, "target_renstra_satuan": "%", "realisasi_n3": (1, "0%"),
             "realisasi_n3_satuan": "%", "target_n": "12,5", "target_n_satuan": "Bulan",
             "tingkat_realisasi": 66.67, "capaian_renstra": (0.5, "0%")}]
    placed = write_table(ws, TC29_PAIRS, rows, top=3, left=1)
    (row,) = _only(tables_of(wb)[0]).rows
    assert row.values["target_renstra_satuan"].ref == placed.ref("target_renstra_satuan", 0) == "E6"
    assert row.text("target_renstra_satuan") == "%"
    assert row.number("realisasi_n3") == 100
    assert row.number("target_n") == 12.5 and row.text("target_n_satuan") == "Bulan"
    assert row.number("tingkat_realisasi") == 66.67
    assert row.values["capaian_renstra"].ref == "R6" and row.number("capaian_renstra") == 50


def test_triwulan_rp_values(tables_of):
    wb, ws = _sheet()
    rows = [{"no": 1, "kode": "4.01.01.2.01", "uraian": "Perencanaan", "indikator": "Dokumen",
             "tw1": 2, "tw1_rp": "125.000.000", "tw4_rp": (250000000, "#,##0"), "capaian": (0.75, "0.00%")}]
    placed = write_table(ws, TRIWULAN, rows, top=2, left=2)
    (row,) = _only(tables_of(wb)[0]).rows
    assert row.kind == "item" and row.level is KodeLevel.KEGIATAN
    assert row.values["tw1_rp"].ref == placed.ref("tw1_rp", 0) == "N6"
    assert row.number("tw1") == 2 and row.number("tw1_rp") == 125000000
    assert row.number("tw4_rp") == 250000000
    assert row.number("capaian") == 75


def test_setda_label_rows_and_jumlah(tables_of):
    wb, ws = _sheet()
    rows = [
        {"urusan": "PEMERINTAHAN UMUM", "tujuan": "Meningkatnya kinerja pelayanan",
         "sasaran": "Meningkatkan kualitas sarana"},
        {"indikator_tujuan": "Nilai LKJIP OPD", "satuan": "Kategori", "target": "71,00"},
        {"kode": "4.01.01", "uraian": "PROGRAM PENUNJANG", "indikator": "Tingkat ketepatan",
         "target": (1, "0%"), "pagu": 1000},
        {"indikator": "Indeks kepuasan", "target": "100%"},
        {"uraian": "JUMLAH", "pagu": 1000, "pagu_n1": 2000},
    ]
    placed = write_table(ws, TC33_SETDA, rows, top=6, left=1, title=True)
    table = _only(tables_of(wb)[0])
    assert [r.kind for r in table.rows] == ["label", "label", "item", "continuation"]
    assert table.rows[1].number("target") == 71
    assert table.rows[1].values["indikator_tujuan"].ref == placed.ref("indikator_tujuan", 1) == "D10"
    assert table.rows[2].continuations == [table.rows[3]]
    assert table.rows[2].number("target") == 100
    assert [t.row for t in table.totals] == [placed.data_rows[4]]
    assert table.totals[0].number("pagu_n1") == 2000


@pytest.mark.parametrize("name", ["T-C.31", "definisi-operasional", "T-C.30"])
def test_rows_without_kode(tables_of, name):
    layout = LAYOUTS[name]
    lead = _lead(layout)
    wb, ws = _sheet()
    rows = [
        {"indikator": "Indikator 1", lead: "Pertama"},
        {"indikator": "Indikator 1b"},
        None,
        {"indikator": "Indikator 2", lead: "Kedua"},
    ]
    placed = write_table(ws, layout, rows, top=3, left=4)
    table = _only(tables_of(wb)[0])
    got = [(r.row, r.kind, r.text(lead)) for r in table.rows]
    if lead == "indikator":  # T-C.30: every indikator is its own row
        assert got == [(placed.data_rows[i], "item", rows[i]["indikator"]) for i in (0, 1, 3)]
        return
    d = placed.data_rows
    assert got == [(d[0], "item", "Pertama"), (d[1], "continuation", None), (d[3], "item", "Kedua")]
    first = table.rows[0]
    assert first.continuations == [table.rows[1]] and table.rows[1].parent is first
    assert table.rows[1].values["indikator"].ref == placed.ref("indikator", 1)
    assert all(r.kode is None for r in table.rows)


def test_tc31_values_and_total(tables_of):
    wb, ws = _sheet()
    rows = [
        {"no": 1, "uraian": "Program Penunjang", "lokasi": "Kota Serang", "indikator": "Tingkat",
         "target": "100%", "pagu": "1.260.789.058", "uraian_hasil": "Program Penunjang",
         "pagu_hasil": (1260789058, "#,##0")},
        {"uraian": "JUMLAH", "pagu": 1260789058, "pagu_hasil": 1260789058},
    ]
    placed = write_table(ws, TC31, rows, top=2, left=1)
    table = _only(tables_of(wb)[0])
    (row,) = table.rows
    assert row.number("pagu") == row.number("pagu_hasil") == 1260789058
    assert row.values["pagu_hasil"].ref == "K5"
    assert [t.row for t in table.totals] == [placed.data_rows[1]]


def test_tc30_repeated_year_columns(tables_of):
    wb, ws = _sheet()
    rows = [{"no": 1, "indikator": "Persentase layanan", "spm": "-", "target_1": "75,5",
             "target_4": (0.9, "0%"), "realisasi_2": 80, "proyeksi_1": 85}]
    write_table(ws, TC30, rows, top=2, left=2)
    (row,) = _only(tables_of(wb)[0]).rows
    assert row.number("target_1") == 75.5 and row.values["target_1"].ref == "F5"
    assert row.number("target_4") == 90
    assert row.number("realisasi_2") == 80 and row.values["realisasi_2"].ref == "K5"


def test_definisi_values(tables_of):
    wb, ws = _sheet()
    rows = [{"uraian": "Program Penunjang", "indikator": "Nilai LKJIP", "satuan": "Kategori",
             "rumus": "Nilai hasil evaluasi", "penjelasan": "Dari KemenPAN-RB"}]
    write_table(ws, DEFINISI, rows, top=3, left=1)
    (row,) = _only(tables_of(wb)[0]).rows
    assert row.kind == "item" and row.text("rumus") == "Nilai hasil evaluasi"
    assert row.values["satuan"].ref == "C6"


# ----------------------------------------------------------------------------- several tables


def test_two_tables_on_one_sheet(tables_of):
    wb, ws = _sheet()
    first = write_table(ws, TC33, [{"kode": "4.01.01", "uraian": "PROGRAM A"},
                                   {"kode": "4.01.01.2.01", "uraian": "Kegiatan A"}],
                        top=3, left=1, title=True)
    second = write_table(ws, TC31, [{"no": 1, "uraian": "Program B", "indikator": "Ind B"},
                                    {"indikator": "Ind B2"}],
                         top=first.last_row + 4, left=2, title=True)
    tables, unreadable = tables_of(wb)
    assert unreadable == []
    assert [(t.id, t.number_row) for t in tables] == [("T-C.33", first.number_row),
                                                      ("T-C.31", second.number_row)]
    a, b = tables
    assert [r.kode_text for r in a.rows] == ["4.01.01", "4.01.01.2.01"]
    assert a.last_row < second.header_rows[0]
    assert _letters(b) == second.columns()
    assert [r.kind for r in b.rows] == ["item", "continuation"]
    assert b.rows[0].values["uraian"].ref == second.ref("uraian", 0)


def test_tables_on_several_sheets(tables_of):
    wb = openpyxl.Workbook()
    ws1 = wb.active
    ws1.title = "Sheet1"
    write_table(ws1, DEFINISI, [{"uraian": "A", "indikator": "B"}])
    write_table(wb.create_sheet("Sheet2"), TRIWULAN, [{"kode": "4.01.01", "uraian": "P"}], top=4, left=3)
    wb.create_sheet("Kosong")
    tables, unreadable = tables_of(wb)
    assert [(t.id, t.sheet_name) for t in tables] == [("definisi-operasional", "Sheet1"),
                                                      ("evaluasi-triwulan", "Sheet2")]
    assert unreadable == []


# ----------------------------------------------------------------------------- committed files


@pytest.mark.parametrize("name, expected", [
    ("T-C.29.xlsx", ("T-C.29", "resmi")), ("T-C.30.xlsx", ("T-C.30", "resmi")),
    ("T-C.31.xlsx", ("T-C.31", "resmi")), ("T-C.33.xlsx", ("T-C.33", "resmi")),
    ("T-C.33-setda.xlsx", ("T-C.33", "setda")),
    ("definisi-operasional.xlsx", ("definisi-operasional", "resmi")),
    ("evaluasi-triwulan.xlsx", ("evaluasi-triwulan", "resmi")),
])
def test_templates(name, expected):
    tables = find_tables(read_workbook(TEMPLATES / name))
    unreadable = tables.unreadable
    table = _only(tables)
    assert (table.id, table.variant) == expected and table.missing == [] and unreadable == []
    assert table.rows == []


@pytest.fixture(scope="module")
def contoh_tables():
    tables = find_tables(read_workbook(CONTOH))
    unreadable = tables.unreadable
    assert unreadable == []
    return {t.sheet_name: t for t in tables}


def test_contoh_finds_five_tables(contoh_tables):
    assert {k: (t.id, t.variant) for k, t in contoh_tables.items()} == {
        "Tabel 2.1": ("T-C.29", "resmi"), "Tabel 2.2": ("T-C.30", "resmi"),
        "Tabel 2.3": ("T-C.31", "resmi"), "Tabel 3.1": ("T-C.33", "setda"),
        "Tabel 3.2": ("definisi-operasional", "resmi"),
    }
    t21 = contoh_tables["Tabel 2.1"]
    assert _letters(t21)["target_renstra_satuan"] == "E"
    assert _letters(contoh_tables["Tabel 3.1"])["kode"] == "E"


def test_contoh_tabel_31_counts(contoh_tables):
    t = contoh_tables["Tabel 3.1"]
    counts = t.count_levels()
    assert counts.get(KodeLevel.PROGRAM) == 3
    assert counts.get(KodeLevel.KEGIATAN) == 18
    assert counts.get(KodeLevel.SUB_KEGIATAN) == 68
    (total,) = t.totals
    assert total.number("pagu") == 80344104197
    keg = next(r for r in t.items if r.kode_text == "4.01.01.2.01")
    assert keg.number("pagu") == 1260789058 and keg.values["pagu"].ref == f"K{keg.row}"
    ref_row = next(r for r in t.items if r.kode_text == "4.01.01.2.01.07")
    assert ref_row.values["target"].is_error and ref_row.values["target"].raw == "#REF!"


@pytest.mark.skipif(not SEED.exists(), reason="../shared seed not available")
def test_contoh_tabel_31_has_every_seed_kode(contoh_tables):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines[lines.index("TABEL 3.1"):lines.index("TABEL 3.2")])
    seed = set(re.findall(r"\b4\.01\.0\d\.2\.\d{2}(?:\.\d{2,4})?\b", text))
    restored = {"4.01.03.2.03", "4.01.03.2.03.01", "4.01.03.2.03.02", "4.01.03.2.03.03"}
    assert len(seed) > 60
    t = contoh_tables["Tabel 3.1"]
    items = {r.kode_text for r in t.items
             if r.level in (KodeLevel.KEGIATAN, KodeLevel.SUB_KEGIATAN)}
    assert seed | restored <= items
    assert items - seed - restored == set()


def test_tc33_with_an_extra_no_column_and_unmerged_group_headers(tmp_path):
    """Offices add a "No" column and forget to merge "Prakiraan Maju" over its two columns: the
    columns are then placed by their header text, the second Target/Pagu being the n+1 one."""
    import openpyxl

    from openpyxl.utils import get_column_letter as col_letter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Kode", "Urusan/Bidang/Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja",
               "Rencana Tahun 2024", None, None, None, "Catatan Penting", "Prakiraan Maju Rencana Tahun 2025", None])
    ws.append([None, None, None, None, "Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif",
               "Sumber Dana", None, "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif"])
    ws.append(list(range(1, 12)))
    ws.append([1, "4.01.01", "PROGRAM PENUNJANG", "Indikator", "Kota", "100%", 300, None, None, "100%", 330])
    path = tmp_path / "no.xlsx"
    wb.save(path)
    tables = xl_renja.find_tables(xl_renja.read(path))
    (table,), unreadable = tables, tables.unreadable
    assert unreadable == []
    assert {k: col_letter(c) for k, c in table.columns.items()} == {
        "kode": "B", "uraian": "C", "indikator": "D", "lokasi": "E", "target": "F", "pagu": "G",
        "sumber_dana": "H", "catatan": "I", "target_n1": "J", "pagu_n1": "K"}
    assert table.items[0].number("pagu_n1") == 330
