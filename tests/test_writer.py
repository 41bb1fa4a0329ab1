"""The patching writer: edits land, everything else keeps its exact bytes."""

from __future__ import annotations

import re
import shutil
import zipfile

import openpyxl
import pytest
from writer_fixtures import build_rich, cells_xml, parts, rezip, vba_project

from xl_renja.edits import Edit
from xl_renja.writer import (
    ClearNote, Fill, HideColumns, Hyperlink, Note, OutputError, SetStyle, SheetData,
    apply_edits, cell_style, convert, fill_rgb, new_workbook, read_notes,
)

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")

EDITS = [
    Edit("Data", "B3", 250),
    Edit("Data", "B5", 650, formula="SUM(B2:B4)"),
    Edit("Data", "C9", "=1+1"),
    Edit("Data", "C3", '=HYPERLINK("http://x")'),
    Edit("Data", "C4", "+cmd|' /C calc'!A0"),
    Fill("Data", "B3", "FFC7CE"),
    Note("Data", "B3", "Pagu berubah"),
    Hyperlink("Data", "A3", "'Grafik'!A1"),
    HideColumns("Data", ["E"]),
    SheetData("Validasi", [["Sel", "Pesan"], ["Data!B3", "=salah"], [1, True]], hidden_columns=["C"]),
]
EDITED = {"B3", "B5", "C9", "C3", "C4"}
TOUCHED = {
    "[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "docProps/app.xml",
    "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml",
}


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    d = tmp_path_factory.mktemp("rich")
    src = build_rich(d / "rich.xlsm")
    dst = d / "hasil.xlsm"
    apply_edits(src, dst, EDITS)
    return src, dst


def test_fixture_has_everything(rich):
    src, _ = rich
    names = set(parts(src))
    assert {"xl/vbaProject.bin", "xl/drawings/vmlDrawing1.vml", "xl/charts/chart1.xml", "xl/media/image1.png",
            "xl/comments1.xml", "xl/drawings/drawing1.xml"} <= names or vba_project() is None


def test_untouched_parts_are_byte_identical(rich):
    src, dst = rich
    before, after = parts(src), parts(dst)
    assert set(before) <= set(after)
    changed = {n for n in before if before[n] != after[n]}
    assert changed <= TOUCHED
    for name in ("xl/vbaProject.bin", "xl/charts/chart1.xml", "xl/media/image1.png", "xl/drawings/drawing1.xml",
                 "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "xl/theme/theme1.xml"):
        if name in before:
            assert after[name] == before[name], name
    assert set(after) - set(before) == {"xl/worksheets/sheet3.xml"}


def test_untouched_cells_keep_their_exact_xml(rich):
    src, dst = rich
    old = cells_xml(parts(src)["xl/worksheets/sheet1.xml"])
    new = cells_xml(parts(dst)["xl/worksheets/sheet1.xml"])
    assert "<f>B5*2</f><v>1200</v>" in old["C5"]
    for ref, xml in old.items():
        if ref not in EDITED:
            assert new[ref] == xml, ref
    for ref in EDITED & set(old):
        assert new[ref] != old[ref]
    assert 's="1"' in old["B5"] and 's="1"' in new["B5"]  # the edited formula keeps its format


def test_openpyxl_sees_the_edits_and_keeps_the_rest(rich):
    _, dst = rich
    wb = openpyxl.load_workbook(dst, keep_vba=True)
    ws = wb["Data"]
    assert ws["B3"].value == 250 and ws["B3"].number_format == "#,##0" and ws["B3"].font.b
    assert ws["B3"].fill.fgColor.rgb == "FFFFC7CE" and ws["B2"].fill.fill_type is None
    assert ws["B5"].value == "=SUM(B2:B4)"
    assert ws["B3"].comment.text == "Pagu berubah" and ws["A1"].comment.text == "Catatan asli"
    assert ws["A3"].hyperlink.location == "'Grafik'!A1" and ws["A12"].hyperlink.location == "'Grafik'!A1"
    assert ws.column_dimensions["E"].hidden and not ws.column_dimensions["D"].hidden
    assert [str(r) for r in ws.merged_cells.ranges] == ["A7:C7"]
    assert ws.data_validations.dataValidation[0].formula1 == '"Ya,Tidak"'
    assert len(ws.conditional_formatting) == 1
    assert "Total" in wb.defined_names
    assert wb.sheetnames == ["Data", "Grafik", "Validasi"]
    assert [list(r) for r in wb["Validasi"].values] == [["Sel", "Pesan"], ["Data!B3", "=salah"], [1, True]]
    assert wb["Validasi"].column_dimensions["C"].hidden
    if vba_project() is not None:
        assert wb.vba_archive is not None and "xl/vbaProject.bin" in wb.vba_archive.namelist()
    cached = openpyxl.load_workbook(dst, data_only=True)["Data"]
    assert cached["B5"].value == 650 and cached["C5"].value == 1200


def test_text_is_never_a_formula(rich):
    _, dst = rich
    ws = openpyxl.load_workbook(dst)["Data"]
    for ref, text in (("C9", "=1+1"), ("C3", '=HYPERLINK("http://x")'), ("C4", "+cmd|' /C calc'!A0")):
        assert ws[ref].value == text and ws[ref].data_type == "s"
    assert "<f>" not in cells_xml(parts(dst)["xl/worksheets/sheet1.xml"])["C9"]
    v = openpyxl.load_workbook(dst)["Validasi"]["B2"]
    assert v.value == "=salah" and v.data_type == "s"


def test_styles_are_appended_never_renumbered(rich):
    src, dst = rich
    old, new = parts(src)["xl/styles.xml"].decode(), parts(dst)["xl/styles.xml"].decode()
    block = lambda text, tag: re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", text, re.S).group(1)
    for tag in ("cellXfs", "fills"):
        assert block(new, tag).startswith(block(old, tag)) and len(block(new, tag)) > len(block(old, tag))
    n_xf = len(re.findall(r"<xf\b", block(new, "cellXfs")))
    assert re.search(rf'<cellXfs count="{n_xf}"', new)
    n_fill = len(re.findall(r"<fill>", block(new, "fills")))
    assert re.search(rf'<fills count="{n_fill}"', new)
    assert cell_style(dst, "Data", "B3") == n_xf - 1


def test_notes_share_the_vml_with_the_button(rich):
    _, dst = rich
    vml = parts(dst)["xl/drawings/vmlDrawing1.vml"].decode()
    assert vml.count('ObjectType="Button"') == 1
    assert "say_hello" in vml
    rows_cols = re.findall(r'ObjectType="Note".*?<x:Row>(\d+)</x:Row><x:Column>(\d+)</x:Column>', vml, re.S)
    assert sorted(rows_cols) == [("0", "0"), ("2", "1")]
    ids = re.findall(r'<v:shape id="(_x0000_s\d+)"', vml)
    assert len(ids) == len(set(ids)) == 3
    assert read_notes(dst) == {("Data", "A1"): "Catatan asli", ("Data", "B3"): "Pagu berubah"}


def test_record_and_restore_fill_and_note(rich, tmp_path):
    src, dst = rich
    style, notes = cell_style(src, "Data", "B3"), read_notes(src)
    assert fill_rgb(dst, "Data", "B3") == "FFFFC7CE"
    back = tmp_path / "pulih.xlsm"
    apply_edits(dst, back, [SetStyle("Data", "B3", style), ClearNote("Data", "B3")])
    assert cell_style(back, "Data", "B3") == style and fill_rgb(back, "Data", "B3") is None
    assert read_notes(back) == notes
    vml = parts(back)["xl/drawings/vmlDrawing1.vml"].decode()
    assert vml.count('ObjectType="Note"') == 1 and vml.count('ObjectType="Button"') == 1


def test_sheet_data_refreshes_an_existing_sheet_in_place(rich, tmp_path):
    _, dst = rich
    again = tmp_path / "lagi.xlsm"
    apply_edits(dst, again, [SheetData("Validasi", [["baru"]]), SheetData("Grafik", [["ganti", 2]])])
    wb = openpyxl.load_workbook(again)
    assert wb.sheetnames == ["Data", "Grafik", "Validasi"]
    assert [list(r) for r in wb["Validasi"].values] == [["baru"]]
    assert [list(r) for r in wb["Grafik"].values] == [["ganti", 2]]
    assert parts(again)["xl/drawings/drawing1.xml"] == parts(dst)["xl/drawings/drawing1.xml"]
    assert b"Validasi" in parts(again)["docProps/app.xml"]
    app = parts(dst)["docProps/app.xml"].decode()
    assert "<vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>3</vt:i4>" in app
    assert "<vt:lpstr>Grafik</vt:lpstr><vt:lpstr>Validasi</vt:lpstr><vt:lpstr>Total</vt:lpstr>" in app


def _openpyxl_book(path, formulas=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for r in range(1, 4):
        ws.cell(r, 1, r * 10)
        if formulas:
            ws.cell(r, 2, f"=A{r}*2")
    ws["D1"] = "teks"
    wb.save(path)
    return path


def _with_calc_chain(src, dst):
    p = parts(src)
    chain = b'<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B1" i="1"/></calcChain>'
    rels = p["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    )
    ct = p["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'
    )
    return rezip(src, dst, {"xl/calcChain.xml": chain, "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": ct})


def test_calc_chain_is_dropped_only_when_formulas_change(tmp_path):
    src = _with_calc_chain(_openpyxl_book(tmp_path / "a.xlsx"), tmp_path / "chain.xlsx")
    plain = tmp_path / "plain.xlsx"
    apply_edits(src, plain, [Edit("Data", "D1", "lain")])
    assert "xl/calcChain.xml" in parts(plain) and parts(plain)["[Content_Types].xml"] == parts(src)["[Content_Types].xml"]
    out = tmp_path / "out.xlsx"
    apply_edits(src, out, [Edit("Data", "B2", 99, formula="A2*9")])
    p = parts(out)
    assert "xl/calcChain.xml" not in p
    assert b"calcChain" not in p["xl/_rels/workbook.xml.rels"] and b"calcChain" not in p["[Content_Types].xml"]
    assert openpyxl.load_workbook(out)["Data"]["B2"].value == "=A2*9"
    assert openpyxl.load_workbook(out, data_only=True)["Data"]["B2"].value == 99


def test_shared_formula_master_edit_keeps_the_other_cells(tmp_path):
    src = _openpyxl_book(tmp_path / "a.xlsx")
    sheet = parts(src)["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(r'<c r="B1"><f>A1\*2</f>(?:<v ?/>|<v></v>)</c>', '<c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>20</v></c>', sheet)
    for r in (2, 3):
        sheet = re.sub(rf'<c r="B{r}"><f>A{r}\*2</f>(?:<v ?/>|<v></v>)</c>', f'<c r="B{r}"><f t="shared" si="0"/><v>{r * 20}</v></c>', sheet)
    assert sheet.count('si="0"') == 3
    shared = rezip(src, tmp_path / "shared.xlsx", {"xl/worksheets/sheet1.xml": sheet.encode()})
    out = tmp_path / "out.xlsx"
    apply_edits(shared, out, [Edit("Data", "B1", 5, formula="A1/2")])
    ws = openpyxl.load_workbook(out)["Data"]
    assert [ws[f"B{r}"].value for r in (1, 2, 3)] == ["=A1/2", "=A2*2", "=A3*2"]
    assert openpyxl.load_workbook(out, data_only=True)["Data"]["B3"].value == 60


def test_prefixed_namespace_and_single_quotes(tmp_path):
    src = _openpyxl_book(tmp_path / "a.xlsx", formulas=False)
    sheet = parts(src)["xl/worksheets/sheet1.xml"].decode()
    body = sheet[sheet.index("<worksheet"):]
    body = re.sub(r"<(/?)(?!x:)([a-zA-Z]+)([\s/>])", r"<\1x:\2\3", body)
    body = body.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                        "xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'")
    body = re.sub(r'r="([A-Z]*\d+)"', r"r='\1'", body)
    prefixed = rezip(src, tmp_path / "x.xlsx", {"xl/worksheets/sheet1.xml": body.encode()})
    assert openpyxl.load_workbook(prefixed)["Data"]["A2"].value == 20
    out = tmp_path / "out.xlsx"
    apply_edits(prefixed, out, [Edit("Data", "A2", 7), Edit("Data", "C5", "baru"), Fill("Data", "A1", "00FF00"),
                                Note("Data", "A3", "cek"), HideColumns("Data", [2])])
    text = parts(out)["xl/worksheets/sheet1.xml"].decode()
    assert "<c " not in text and "<x:c r=\"C5\"" in text and "<x:legacyDrawing" in text
    ws = openpyxl.load_workbook(out)["Data"]
    assert (ws["A2"].value, ws["C5"].value, ws["A3"].value) == (7, "baru", 30)
    assert ws["A1"].fill.fgColor.rgb == "FF00FF00" and ws["A3"].comment.text == "cek"
    assert ws.column_dimensions["B"].hidden


def test_errors_are_one_indonesian_line(rich, tmp_path):
    src, _ = rich
    cases = [
        ([Edit("Tidak Ada", "A1", 1)], "Lembar 'Tidak Ada' tidak ada"),
        ([Edit("Data", "1A", 1)], "Alamat sel '1A' tidak sah"),
        ([Fill("Data", "A1", "merah")], "Warna 'merah' tidak sah"),
        ([SheetData("a/b", [])], "Nama lembar 'a/b' tidak sah"),
    ]
    for edits, message in cases:
        with pytest.raises(OutputError) as err:
            apply_edits(src, tmp_path / "x.xlsm", edits)
        assert message in err.value.message and "\n" not in err.value.message
    assert not (tmp_path / "x.xlsm").exists()
    with pytest.raises(OutputError, match="tidak boleh sama"):
        apply_edits(src, src, [Edit("Data", "A1", 1)])


def test_hostile_xml_is_refused(tmp_path):
    src = _openpyxl_book(tmp_path / "a.xlsx")
    sheet = parts(src)["xl/worksheets/sheet1.xml"].decode()
    bomb = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>' + sheet[sheet.index("<worksheet"):]
    bad = rezip(src, tmp_path / "bad.xlsx", {"xl/worksheets/sheet1.xml": bomb.encode()})
    with pytest.raises(OutputError, match="rusak"):
        apply_edits(bad, tmp_path / "out.xlsx", [Edit("Data", "A1", 1)])
    (tmp_path / "not.xlsx").write_bytes(b"bukan zip")
    with pytest.raises(OutputError, match="bukan workbook"):
        apply_edits(tmp_path / "not.xlsx", tmp_path / "out.xlsx", [])


def test_new_workbook_writes_cached_formula_values_and_text_as_text(tmp_path):
    path = tmp_path / "baru.xlsx"
    with new_workbook(path) as wb:
        ws = wb.add_worksheet("Ringkasan")
        ws.write(0, 0, "=1+1")
        ws.write_number(1, 0, 40)
        ws.write_formula(2, 0, "=A2*2", None, 80)
    ws = openpyxl.load_workbook(path)["Ringkasan"]
    assert ws["A1"].value == "=1+1" and ws["A1"].data_type == "s" and ws["A3"].value == "=A2*2"
    assert openpyxl.load_workbook(path, data_only=True)["Ringkasan"]["A3"].value == 80
    with pytest.raises(RuntimeError):
        with new_workbook(tmp_path / "gagal.xlsx") as wb:
            raise RuntimeError("x")
    assert not (tmp_path / "gagal.xlsx").exists()


@needs_soffice
def test_libreoffice_opens_the_result_and_keeps_the_edits(rich, tmp_path):
    _, dst = rich
    plain = tmp_path / "hasil_lo.xlsm"
    shutil.copyfile(dst, plain)
    (out,) = convert([plain], "xlsx", tmp_path / "lo")
    wb = openpyxl.load_workbook(out)
    ws = wb["Data"]
    assert ws["B3"].value == 250 and ws["B3"].fill.fgColor.rgb == "FFFFC7CE"
    assert ws["B3"].comment is not None and "Pagu berubah" in ws["B3"].comment.text
    assert ws["A1"].comment is not None and "Catatan asli" in ws["A1"].comment.text
    assert ws["C9"].value == "=1+1" and ws["C9"].data_type == "s"
    assert ws["C3"].value == '=HYPERLINK("http://x")' and ws["C3"].data_type == "s"
    assert ws["B5"].value == "=SUM(B2:B4)"
    assert openpyxl.load_workbook(out, data_only=True)["Data"]["B5"].value == 650
    assert ws.column_dimensions["E"].hidden
    assert wb.sheetnames == ["Data", "Grafik", "Validasi"] and wb["Validasi"]["B2"].value == "=salah"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A7:C7"]
    with zipfile.ZipFile(out) as zf:
        assert any(n.startswith("xl/charts/") for n in zf.namelist())


def test_external_link_recalc_on_load_and_limits(tmp_path):
    src = _openpyxl_book(tmp_path / "a.xlsx")
    wb_xml = re.sub(rb"<calcPr[^>]*/>", b"", parts(src)["xl/workbook.xml"])
    src = rezip(src, tmp_path / "tanpa_calcpr.xlsx", {"xl/workbook.xml": wb_xml})
    assert b"fullCalcOnLoad" not in parts(src)["xl/workbook.xml"]
    out = tmp_path / "out.xlsx"
    apply_edits(src, out, [Hyperlink("Data", "D1", "https://sipd.kemendagri.go.id/"), Hyperlink("Data", "A1", "#Data!B2")],
                recalc_on_load=True)
    ws = openpyxl.load_workbook(out)["Data"]
    assert ws["D1"].hyperlink.target == "https://sipd.kemendagri.go.id/" and ws["A1"].hyperlink.location == "Data!B2"
    assert b'TargetMode="External"' in parts(out)["xl/worksheets/_rels/sheet1.xml.rels"]
    assert re.search(rb'<calcPr\b[^>]*fullCalcOnLoad="1"', parts(out)["xl/workbook.xml"])
    assert openpyxl.load_workbook(out).calculation.fullCalcOnLoad
    with pytest.raises(OutputError, match="lebih dari 32.767 karakter"):
        apply_edits(src, tmp_path / "x.xlsx", [Edit("Data", "A1", "x" * 32_768)])
    with pytest.raises(OutputError, match="Indeks gaya 999"):
        apply_edits(src, tmp_path / "x.xlsx", [SetStyle("Data", "A1", 999)])


def test_new_elements_go_before_wrapped_controls(tmp_path):
    """Excel wraps form controls in mc:AlternateContent after legacyDrawing; a new legacyDrawing
    and hyperlinks must be placed before it, not inside it."""
    src = _openpyxl_book(tmp_path / "a.xlsx")
    sheet = parts(src)["xl/worksheets/sheet1.xml"].decode()
    controls = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                '<mc:Choice Requires="x14"><controls/></mc:Choice></mc:AlternateContent>')
    sheet = sheet.replace("</worksheet>", controls + "</worksheet>")
    src = rezip(src, tmp_path / "ctl.xlsx", {"xl/worksheets/sheet1.xml": sheet.encode()})
    out = tmp_path / "out.xlsx"
    apply_edits(src, out, [Note("Data", "A1", "n"), Hyperlink("Data", "A2", "Data!A3"), HideColumns("Data", ["C"])])
    text = parts(out)["xl/worksheets/sheet1.xml"].decode()
    order = [text.index(s) for s in ("<cols>", "<sheetData>", "<hyperlinks>", "<pageMargins", "<legacyDrawing", "<mc:AlternateContent")]
    assert order == sorted(order) and text.endswith(controls + "</worksheet>")
    ws = openpyxl.load_workbook(out)["Data"]
    assert ws["A1"].comment.text == "n" and ws["A2"].hyperlink.location == "Data!A3"


def test_first_notes_on_two_sheets_in_one_call_get_their_own_parts(tmp_path):
    import openpyxl as _opx

    from xl_renja.writer import Note, read_notes

    wb = _opx.Workbook()
    wb.active.title = "A"
    wb.active["A1"] = 1
    wb.create_sheet("B")["A1"] = 2
    src = tmp_path / "two.xlsx"
    wb.save(src)
    out = tmp_path / "out.xlsx"
    apply_edits(src, out, [Note("A", "A1", "catatan A"), Note("B", "A1", "catatan B")])
    assert read_notes(out) == {("A", "A1"): "catatan A", ("B", "A1"): "catatan B"}
    names = zipfile.ZipFile(out).namelist()
    assert sum(1 for n in names if n.startswith("xl/comments")) == 2
    again = tmp_path / "again.xlsx"
    apply_edits(out, again, [Note("A", "A2", "lagi")])
    assert read_notes(again)[("B", "A1")] == "catatan B" and len(read_notes(again)) == 3
