"""The layout templates: written through XlsxWriter (and the openpyxl adapter), read back by the
detector as their layout with every logical column at the declared place."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from xl_renja.layouts import ALL_LAYOUTS
from xl_renja import find_tables
from xl_renja.layouts.template import (
    Fmt, Formula, col_letter, fill, template, templates, write_table, write_template_workbook,
)
from xl_renja import read as read_workbook

REPO = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = REPO / "workbooks" / "templates"

ALL = [(lid, name) for lid, variants in templates().items() for name in variants]
IDS = [f"{lid}-{name}" for lid, name in ALL]


def _only(tables):
    assert len(tables) == 1, [(t.id, t.sheet_name, t.number_row) for t in tables]
    return tables[0]


def _letters(table):
    return {k: col_letter(c) for k, c in table.columns.items()}


def _detected_keys(tmpl):
    """Keys the detector maps: the layout's variant columns (and their partners)."""
    spec = next(lay for lay in ALL_LAYOUTS if lay.id == tmpl.layout)
    variant = next(v for v in spec.variants if v.name == tmpl.variant)
    known = {c.key for c in variant.columns}
    out = set()
    for key in tmpl.offsets():
        base = key.rsplit("_", 1)[0] if key.endswith(("_satuan", "_rp")) else key
        if key in known or base in known or any(c.repeat and key.startswith(c.key + "_") for c in variant.columns):
            out.add(key)
    return out


def test_every_layout_has_templates():
    assert set(templates()) == {lay.id for lay in ALL_LAYOUTS}
    for lid, variants in templates().items():
        for name, t in variants.items():
            assert t.layout == lid and t.name == name
            assert len({c.key for c in t.cols}) == len(t.cols)


@pytest.mark.parametrize("lid, name", ALL, ids=IDS)
@pytest.mark.parametrize("placement", [dict(), dict(first_row=4, first_col=3, tahun=2024, tahun_renstra=2026),
                                       dict(first_row=2, first_col=2, title=False, header_case="upper", depth=4)],
                         ids=["a1", "c4-years", "b2-upper-deep"])
def test_template_written_by_xlsxwriter_is_recognised(tmp_path, lid, name, placement):
    path = tmp_path / "t.xlsx"
    tmap = write_template_workbook(path, lid, name, **placement)
    tmpl = template(lid, name)
    table = _only(find_tables(read_workbook(path)))
    assert (table.id, table.variant) == (tmpl.layout, tmpl.variant)
    assert table.missing == [] and table.rows == []
    assert table.number_row == tmap.number_row
    assert table.header_rows == tmap.header_rows
    assert len(tmap.header_rows) == max(tmpl.depth, placement.get("depth", 0))
    expected = {k: v for k, v in tmap.columns.items() if k in _detected_keys(tmpl)}
    assert _letters(table) == expected
    assert tmap.columns["kode" if "kode" in tmap.columns else "indikator"] == col_letter(
        placement.get("first_col", 1) + tmpl.offsets()["kode" if "kode" in tmap.columns else "indikator"])
    # the number row carries the declared labels
    labels = [str(x) for x in tmpl.number_labels()]
    assert [table.number_labels[c] for c in sorted(table.number_labels)] == labels


@pytest.mark.parametrize("lid, name", ALL, ids=IDS)
def test_template_written_through_openpyxl_adapter_is_the_same(tmp_path, lid, name):
    """The openpyxl adapter lays out exactly the cells and merges XlsxWriter writes."""
    a, b = tmp_path / "x.xlsx", tmp_path / "o.xlsx"
    write_template_workbook(a, lid, name, tahun=2023)
    wb = openpyxl.Workbook()
    write_table(wb.active, lid, name, tahun=2023, freeze=True)
    wb.save(b)
    assert _snapshot(a) == _snapshot(b)


def _snapshot(path):
    ws = openpyxl.load_workbook(path).active
    return ([[c.value for c in row] for row in ws.iter_rows()], sorted(str(r) for r in ws.merged_cells.ranges),
            ws.freeze_panes)


def test_year_placeholders():
    assert fill("Rencana Tahun {n} (Tahun Rencana)", 2024) == "Rencana Tahun 2024 (Tahun Rencana)"
    assert fill("Tahun {n+1} / {n-3} / {renstra}", 2024, 2026) == "Tahun 2025 / 2021 / 2026"
    assert fill("Prakiraan Maju Rencana Tahun {n+1}") == "Prakiraan Maju Rencana Tahun ..."


def test_year_texts_written(tmp_path):
    path = tmp_path / "t.xlsx"
    tmap = write_template_workbook(path, "T-C.33", tahun=2024)
    ws = openpyxl.load_workbook(path).active
    top = tmap.header_rows[0]
    assert ws.cell(top, 4).value == "Rencana Tahun 2024 (Tahun Rencana)"
    assert ws.cell(top, 9).value == "Prakiraan Maju Rencana Tahun 2025"
    assert "D{0}:G{0}".format(top) in {str(r) for r in ws.merged_cells.ranges}
    assert ws.cell(1, 1).value == "Tabel T-C.33"


def test_data_rows_formulas_text_and_formats(tmp_path):
    """A formula is read back with its cached value; text with a leading '=' stays text;
    rupiah columns take the declared #,##0 format."""
    path = tmp_path / "f.xlsx"
    rows = [
        {"kode": "4.01.01", "uraian": "PROGRAM", "pagu": Formula("=F10+F11", 300), "pagu_n1": 330},
        {"kode": "4.01.01.2.01", "uraian": "=bukan rumus", "pagu": 100, "pagu_n1": Fmt(110, "0")},
        {"kode": "4.01.01.2.02", "uraian": "Kegiatan", "pagu": 200, "pagu_n1": 220, "target": "100%"},
    ]
    tmap = write_template_workbook(path, "T-C.33", rows=rows, tahun=2024)
    assert tmap.first_data_row == tmap.number_row + 1 == 9
    assert tmap.cell("pagu", 0) == "F9" and tmap.data_rows == [9, 10, 11] and tmap.last_row == 11
    values = openpyxl.load_workbook(path, data_only=True).active
    formulas = openpyxl.load_workbook(path).active
    assert values["F9"].value == 300
    assert formulas["F9"].value == "=F10+F11"
    assert values["B10"].value == "=bukan rumus" and formulas["B10"].data_type == "s"
    assert formulas["F10"].number_format == "#,##0" and formulas["J10"].number_format == "0"
    # and the linter's own reader sees the cached value and the formula
    (table,) = find_tables(read_workbook(path))
    program = table.items[0]
    assert program.number("pagu") == 300
    assert program.cell_of("pagu").formula
    assert table.items[1].name == "=bukan rumus"


def test_openpyxl_adapter_keeps_text_as_text():
    wb = openpyxl.Workbook()
    tmap = write_table(wb.active, "T-C.33", rows=[{"kode": "4.01.01", "uraian": "=A1"}], title=False)
    assert wb.active[tmap.cell("uraian", 0)].data_type == "s"


def test_options_pairs_omit_texts_labels(tmp_path):
    path = tmp_path / "o.xlsx"
    tmap = write_template_workbook(
        path, "T-C.29", paired=("target_renstra", "target_n"), omit=("penanggung_jawab", "ket"),
        texts={"kode": "Kode Rekening", "target_n:0": "Target dan Realisasi Tahun 2020"}, tahun=2022)
    assert tmap.columns["target_renstra_satuan"] == "E" and tmap.columns["target_n_satuan"] == "H"
    assert "realisasi_n3_satuan" not in tmap.columns and "ket" not in tmap.columns
    ws = openpyxl.load_workbook(path).active
    top = tmap.header_rows[0]
    assert ws.cell(top, 1).value == "Kode Rekening"
    assert ws.cell(top, 7).value == "Target dan Realisasi Tahun 2020"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"G{top}:J{top}" in merged and f"D{top}:E{top + 1}" in merged
    table = _only(find_tables(read_workbook(path)))
    assert table.id == "T-C.29" and table.missing == []
    assert _letters(table)["target_n_satuan"] == "H"


def test_omit_renumbers_plain_labels():
    t = template("T-C.33").options(omit=("indikator",))
    assert t.number_labels() == list(range(1, 10))
    with pytest.raises(ValueError):
        template("T-C.33").options(omit=("nope",))
    with pytest.raises(ValueError):
        template("T-C.33").options(paired=("pagu",))


def test_unknown_row_key(tmp_path):
    wb = openpyxl.Workbook()
    with pytest.raises(KeyError):
        write_table(wb.active, "T-C.33", rows=[{"satuan": "Dokumen"}])
    tmap = write_table(wb.active, "T-C.33", rows=[{"satuan": "Dokumen", "kode": "4"}], unknown_keys="drop")
    assert wb.active[tmap.cell("kode", 0)].value == "4"


def test_constant_memory_workbook(tmp_path):
    path = tmp_path / "cm.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet("T")
    rows = ({"kode": f"4.01.01.2.{i:02d}", "uraian": "Kegiatan", "pagu": i} for i in range(1, 4))
    tmap = write_table(ws, "T-C.33", "setda", tahun=2022, rows=rows)
    book.close()
    ws = openpyxl.load_workbook(path).active
    assert {"A1:P1", "I6:L6", "N6:O6", "A6:A7"} <= {str(r) for r in ws.merged_cells.ranges}
    assert ws["I6"].value == "RENCANA KERJA TAHUN 2022" and ws["D7"].value == "INDIKATOR SASARAN"
    assert [ws.cell(8, c).value for c in range(1, 17)] == list(range(1, 17))
    assert ws[tmap.cell("pagu", 2)].value == 3
    table = _only(find_tables(read_workbook(path)))
    assert (table.variant, len(table.items)) == ("setda", 3)


def test_repeated_header_after_page_break():
    wb = openpyxl.Workbook()
    rows = [{"kode": "4.01.01", "uraian": "P"}, {"kode": "4.01.01.2.01", "uraian": "K"}]
    tmap = write_table(wb.active, "T-C.33", rows=rows, repeat_header_before=1)
    assert tmap.repeated_number_rows == [tmap.data_rows[1] - 1]
    assert tmap.data_rows[1] == tmap.data_rows[0] + 1 + 3


COMMITTED = {
    "T-C.29.xlsx": ("T-C.29", "resmi"), "T-C.30.xlsx": ("T-C.30", "resmi"), "T-C.31.xlsx": ("T-C.31", "resmi"),
    "T-C.33.xlsx": ("T-C.33", "resmi"), "T-C.33-setda.xlsx": ("T-C.33", "setda"),
    "definisi-operasional.xlsx": ("definisi-operasional", "resmi"),
    "evaluasi-triwulan.xlsx": ("evaluasi-triwulan", "resmi"),
}


@pytest.mark.parametrize("name", COMMITTED)
def test_committed_templates_are_what_the_writer_produces(tmp_path, name):
    lid, variant = COMMITTED[name]
    path = tmp_path / name
    write_template_workbook(path, lid, variant)
    assert _snapshot(TEMPLATES_DIR / name) == _snapshot(path)
    assert openpyxl.load_workbook(TEMPLATES_DIR / name).active.title == template(lid, variant).sheet
