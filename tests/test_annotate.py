"""``annotate``: the Validate marks written into a copy through the patching writer; run twice,
user's own fills/notes/values kept, VBA kept, marks surviving a LibreOffice round trip."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import xl_renja
from builders import SOFFICE, soffice_convert
from xl_renja.annotate import annotate
from xl_renja.validate import SHEET
from xl_renja.writer import fill_rgb, read_notes

ROOT = Path(__file__).resolve().parents[1]
CONTOH = ROOT / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx"
XLSM = ROOT / "workbooks" / "templates" / "renja_validasi.xlsm"


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "xl_renja", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def sheet_part(path, name) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    index = wb.sheetnames.index(name)
    with zipfile.ZipFile(path) as z:
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        book = z.read("xl/workbook.xml").decode()
    sheets = re.findall(r'<sheet [^>]*?r:id="(rId\d+)"', book)
    target = re.search(rf'Id="{sheets[index]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{sheets[index]}"', rels)
    t = target.group(1) or target.group(2)
    return "xl/" + t.lstrip("/").removeprefix("xl/")


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    out = tmp_path_factory.mktemp("ann") / "marked.xlsx"
    done = annotate(CONTOH, out, now="2024-01-01 10:00")
    return out, done


def test_validasi_and_marks_agree_with_lint_json(marked):
    out, done = marked
    doc = json.loads(cli("lint", CONTOH, "--format", "json").stdout)
    expected = [(d["code"], d["sheet"], d["cell"]) for d in doc["diagnostics"]]
    wb = xl_renja.read(out)
    v = wb.sheet(SHEET)
    rows = [(v.value(r, 1), v.value(r, 3), v.value(r, 4)) for r in range(5, 5 + len(expected))]
    assert rows == expected
    cells = {c.replace("'", "") for d in doc["diagnostics"] for c in d["cells"]}
    notes = read_notes(out)
    assert {f"{s}!{c}" for s, c in notes} == cells
    d = doc["diagnostics"][0]
    assert d["code"] in notes[(d["sheet"], d["cell"])] and d["message"] in notes[(d["sheet"], d["cell"])]
    red = next(x for x in doc["diagnostics"] if x["severity"] == "error")
    assert fill_rgb(out, red["sheet"], red["cell"]).endswith("FFC7CE")
    # the copy lints like the source (Validasi is not linted)
    again = json.loads(cli("lint", out, "--format", "json").stdout)
    assert [(x["code"], x["sheet"], x["cell"]) for x in again["diagnostics"]] == expected


def test_second_run_equals_first_part_for_part(marked, tmp_path):
    out, _ = marked
    second = tmp_path / "marked2.xlsx"
    annotate(out, second, now="2024-02-02 11:11")
    a, b = parts(out), parts(second)
    assert list(a) == list(b)
    validasi = sheet_part(out, SHEET)
    for name in a:
        if name == validasi:
            assert a[name].decode().replace("2024-01-01 10:00", "T") == b[name].decode().replace("2024-02-02 11:11", "T")
        else:
            assert a[name] == b[name], name


def test_source_parts_unchanged_except_marked_sheets(marked):
    out, _ = marked
    src, dst = parts(CONTOH), parts(out)
    catatan = sheet_part(CONTOH, "Catatan")
    assert src[catatan] == dst[catatan]  # a sheet without findings keeps its bytes
    for name in ("xl/theme/theme1.xml", "docProps/core.xml"):
        assert src[name] == dst[name]
    # every value and formula is the same
    a, b = xl_renja.read(CONTOH), xl_renja.read(out)
    for s in a.sheets:
        assert [(r, c, x.value, x.formula) for r, c, x in s.iter_cells()] == \
            [(r, c, x.value, x.formula) for r, c, x in b.sheet(s.name).iter_cells()]


def test_user_fills_notes_and_values_survive(tmp_path):
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    lint = xl_renja.lint(CONTOH)
    target = next(d for d in lint.diagnostics if d.sheet == "Tabel 3.1" and d.severity.value == "error")
    wb = openpyxl.load_workbook(CONTOH)
    ws = wb["Tabel 3.1"]
    ws[target.cell].fill = PatternFill("solid", fgColor="FF00B050")
    ws[target.cell].comment = Comment("catatan pengguna pada sel bertemuan", "budi")
    ws["A1"].fill = PatternFill("solid", fgColor="FFFFFF00")  # a cell without findings
    ws["A1"].comment = Comment("judul", "budi")
    src = tmp_path / "pengguna.xlsx"
    wb.save(src)
    m1, m2 = tmp_path / "m1.xlsx", tmp_path / "bersih.xlsx"
    annotate(src, m1)
    assert fill_rgb(m1, "Tabel 3.1", target.cell).endswith("FFC7CE")
    assert read_notes(m1)[("Tabel 3.1", target.cell)].startswith(target.code)
    assert fill_rgb(m1, "Tabel 3.1", "A1").endswith("FFFF00") and read_notes(m1)[("Tabel 3.1", "A1")] == "judul"
    # Hapus Tanda gives back the user's fill and note; nothing else changed
    annotate(m1, m2, clear=True)
    assert fill_rgb(m2, "Tabel 3.1", target.cell).endswith("00B050")
    assert read_notes(m2)[("Tabel 3.1", target.cell)] == "catatan pengguna pada sel bertemuan"
    assert set(read_notes(m2)) == set(read_notes(src))
    other = next(d for d in lint.diagnostics if d.sheet == "Tabel 2.1")
    assert fill_rgb(m2, "Tabel 2.1", other.cell) == fill_rgb(src, "Tabel 2.1", other.cell)
    a, b = xl_renja.read(src), xl_renja.read(m2)
    for s in a.sheets:
        assert [(r, c, x.value) for r, c, x in s.iter_cells()] == [(r, c, x.value) for r, c, x in b.sheet(s.name).iter_cells()]


def test_xlsm_keeps_its_vba(tmp_path):
    out = tmp_path / "bertanda.xlsm"
    r = cli("annotate", XLSM, "-o", out)
    assert r.returncode == 0, r.stderr
    assert parts(out)["xl/vbaProject.bin"] == parts(XLSM)["xl/vbaProject.bin"]
    assert SHEET in [s.name for s in xl_renja.read(out).sheets]
    # the button still calls the quickstart macro
    assert b"SampleCall" in parts(out)["xl/drawings/vmlDrawing1.vml"]


def test_cli_rules(tmp_path):
    out = tmp_path / "m.xlsx"
    r = cli("annotate", CONTOH, "-o", out)
    assert r.returncode == 1 and out.exists()
    assert cli("annotate", CONTOH, "-o", out).returncode == 2  # exists, no --force
    assert cli("annotate", CONTOH, "-o", out, "--force", "--select", "KR04").returncode == 0  # warnings only
    assert cli("annotate", CONTOH, "-o", tmp_path / "m.xlsm").returncode == 2  # wrong type
    assert cli("annotate", tmp_path / "none.xlsx", "-o", out, "--force").returncode == 2
    assert cli("annotate", CONTOH, "-o", CONTOH).returncode == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_text("bukan workbook")
    r = cli("annotate", bad, "-o", tmp_path / "x.xlsx")
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_marks_survive_libreoffice_round_trip(marked, tmp_path):
    import openpyxl

    out, done = marked
    back = soffice_convert([out], "xlsx", tmp_path / "lo")[0]
    wb = openpyxl.load_workbook(back)
    for rec in done.plan.records:
        cell = wb[rec.sheet][rec.cell]
        assert cell.fill.fgColor.rgb[-6:].upper() == rec.mark_fill, rec
        assert cell.comment is not None and cell.comment.text.strip() == rec.mark_note.strip(), rec
    v = wb[SHEET]
    links = {c.coordinate: c.hyperlink.location for row in v.iter_rows() for c in row if c.hyperlink is not None}
    assert links and all(links.get(cell, "").replace("'", "") == target.replace("'", "") for cell, target in done.plan.links)
    # the records are readable again after the round trip: Hapus Tanda still works
    clean = tmp_path / "bersih.xlsx"
    annotate(back, clean, clear=True)
    assert read_notes(clean) == {}
