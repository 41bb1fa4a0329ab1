"""Every .xlsx engine reads content, not spelling (issue 9, part 1).

Each workbook is rewritten by tests/spelling.py in another legal OOXML spelling (namespace
prefixes, attribute order, quotes, whitespace inside tags, entities, inline/shared/rich strings,
cells without r=, shared formulas, numFmt order, combinations) and every engine must give the
same cells as openpyxl gives for the original: values, kinds, formulas, number formats, merges.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from builders import SOFFICE, soffice_convert
from spelling import ALL_AT_ONCE, SPELLINGS, Spelling, combined, rewrite
from xl_renja import lint
from xl_renja import read as read_workbook
from xl_renja.readers import xlsx_fast
from xl_renja.readers.common import translate_formula

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx"
TEMPLATES = sorted((REPO / "workbooks" / "templates").glob("*.xlsx"))
SIPD = REPO.parent / "shared" / "reference" / "sipd_nomenklatur_subkegiatan_2027.xlsx"
ENGINES = ("fast", "xml", "openpyxl")
VARIANTS = SPELLINGS + [combined(seed) for seed in (1, 2, 3)] + [ALL_AT_ONCE]
#: The templates are small and spelled like the example: the combinations cover every spelling.
TEMPLATE_VARIANTS = [sp for sp in VARIANTS if sp.name.startswith(("combined", "everything", "prefix", "attr-"))]
_XSTRING = re.compile(r"_x([0-9A-Fa-f]{4})_")


def dump(wb, decode_xstring: bool = False) -> dict:
    """Per sheet (in order): {(row, col): (value, kind, formula, number_format)} and sorted merges."""
    out = {}
    for s in wb.sheets:
        cells = {}
        for r, c, cell in s.iter_cells():
            value = cell.value
            if decode_xstring and isinstance(value, str):
                value = _XSTRING.sub(lambda m: chr(int(m.group(1), 16)), value)
            cells[(r, c)] = (value, cell.kind, cell.formula, cell.number_format)
        out[s.name] = (cells, sorted(s.merges))
    return out


def assert_same(got: dict, want: dict, label: str) -> None:
    assert list(got) == list(want), label
    for name in want:
        gcells, gmerges = got[name]
        wcells, wmerges = want[name]
        diff = sorted(k for k in gcells.keys() | wcells.keys() if gcells.get(k) != wcells.get(k))
        assert not diff, f"{label} {name}: {len(diff)} cells differ, first {diff[0]}: " \
                         f"{gcells.get(diff[0])} != {wcells.get(diff[0])}"
        assert gmerges == wmerges, f"{label} {name}: merges"


# ----------------------------------------------------------------------------- inputs


def build_formulas(path: Path) -> Path:
    """Formulas worth rewriting: runs down a column (shared-formula candidates), absolute and
    relative references, a quoted sheet name, strings with & < " ', error values, formats."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"] = "Judul & <rincian> \"kutip\" 'tunggal'"
    ws.merge_cells("A1:E1")
    for r in range(2, 12):
        ws.cell(r, 1, r * 1000)
        ws.cell(r, 2, r % 3 + 1).number_format = "0.00"
        ws.cell(r, 3, f"=A{r}*B{r}").number_format = "#,##0"
        ws.cell(r, 4, f"=C{r}/$C$12").number_format = "0.00%"
        ws.cell(r, 5, f'=IF(A{r}>5000,"besar & <lebih>","kecil")')
        ws.cell(r, 6, f"=SUM($A$2:A{r})")
    ws["C12"] = "=SUM(C2:C11)"
    ws["A13"] = "#REF!"
    ws["B13"] = "=#REF!+1"
    ws["C13"] = "=1/0"
    ws["D13"] = dt.datetime(2022, 1, 31)
    ws["D13"].number_format = "yyyy-mm-dd"
    ws["E13"] = True
    other = wb.create_sheet("Tabel 3.1")
    other["J24"] = "=Data!C12*2"
    other["A1"] = "='Tabel 3.1'!J24&\" rupiah\""
    other["B1"] = "=A1&\"'\""
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("src")
    out = {"example": EXAMPLE, **{p.stem: p for p in TEMPLATES}}
    out["formulas"] = build_formulas(d / "formulas.xlsx")
    if SOFFICE is not None:  # cached values (numbers, texts, errors) next to every formula
        (out["formulas-recalc"],) = soffice_convert([out["formulas"]], "xlsx", d / "recalc")
    return out


_reference: dict[Path, dict] = {}


def reference(path: Path) -> dict:
    """openpyxl on the original file (cached: the slow reader reads each original once)."""
    if path not in _reference:
        _reference[path] = dump(read_workbook(path, engine="openpyxl"))
    return _reference[path]


@pytest.fixture(scope="module")
def rewritten(sources, tmp_path_factory):
    d = tmp_path_factory.mktemp("spelled")
    cache: dict[tuple[str, str], Path] = {}

    def get(source: str, sp: Spelling) -> Path:
        key = (source, sp.name)
        if key not in cache:
            cache[key] = rewrite(sources[source], d / f"{source}-{sp.name}.xlsx", sp)
        return cache[key]

    return get


# ----------------------------------------------------------------------------- the rewriter itself


def test_rewriter_changes_the_spelling(sources, rewritten):
    """The spellings are really there (else the tests below would prove nothing)."""
    def sheet1(sp):
        with zipfile.ZipFile(rewritten("example", sp)) as zf:
            return zf.read("xl/worksheets/sheet1.xml")

    plain = sheet1(Spelling())
    assert b'<c r="A1" s="1" t="inlineStr">' in plain
    assert b"<x:c " in sheet1(Spelling("p", prefix=True)) and b"<c " not in sheet1(Spelling("p", prefix=True))
    assert b't="inlineStr" s="1" r="A1"' in sheet1(Spelling("r", order="reverse"))
    assert b"r='A1'" in sheet1(Spelling("q", quote="'"))
    assert b"<is><r><rPr>" in sheet1(Spelling("rich", rich=True))
    assert re.search(rb"<c s=\"\d+\" t=\"inlineStr\">", sheet1(Spelling("n", no_r=True)))
    assert b"&#" in sheet1(Spelling("e", entities=True))
    assert b"<v>" in sheet1(Spelling("s", strings="shared")) and b"inlineStr" not in sheet1(Spelling("s", strings="shared"))
    with zipfile.ZipFile(rewritten("formulas", Spelling("sf", shared_formulas=True))) as zf:
        data = zf.read("xl/worksheets/sheet1.xml")
    assert data.count(b't="shared"') >= 30 and b'<f t="shared" si="0"/>' in data


# ----------------------------------------------------------------------------- every engine, every spelling


@pytest.mark.parametrize("sp", VARIANTS, ids=lambda sp: sp.name)
@pytest.mark.parametrize("source", ["example", "formulas", "formulas-recalc"])
def test_engines_read_every_spelling(sources, rewritten, source, sp):
    if source not in sources:
        pytest.skip("LibreOffice (soffice) not installed")
    want = reference(sources[source])
    path = rewritten(source, sp)
    for engine in ENGINES:
        assert_same(dump(read_workbook(path, engine=engine)), want, f"{sp.name}/{engine}")


@pytest.mark.parametrize("template", [p.stem for p in TEMPLATES])
def test_templates_in_every_spelling(sources, rewritten, template):
    want = reference(sources[template])
    for sp in TEMPLATE_VARIANTS:
        path = rewritten(template, sp)
        for engine in ENGINES:
            assert_same(dump(read_workbook(path, engine=engine)), want, f"{template}/{sp.name}/{engine}")


@pytest.mark.parametrize("source", ["example", "formulas"])
def test_strict_namespaces(sources, rewritten, source):
    """ISO 29500 strict namespaces (openpyxl cannot read them; the other two engines can)."""
    want = reference(sources[source])
    for sp in (Spelling("strict", strict=True), Spelling("strict-prefix", strict=True, prefix=True, order="reverse")):
        path = rewritten(source, sp)
        for engine in ("fast", "xml"):
            assert_same(dump(read_workbook(path, engine=engine)), want, f"{sp.name}/{engine}")


@pytest.mark.parametrize("source", ["formulas", "formulas-recalc"])
def test_shared_formulas_in_cells_without_r(sources, rewritten, source):
    """Shared formulas whose cells have no r= (openpyxl fails on those: fast and xml only)."""
    if source not in sources:
        pytest.skip("LibreOffice (soffice) not installed")
    want = reference(sources[source])
    sp = Spelling("no-r-shared", no_r=True, no_r_formulas=True, shared_formulas=True)
    path = rewritten(source, sp)
    with zipfile.ZipFile(path) as zf:
        assert re.search(rb'<c(?: [st]="\w+")*><f [^>]*t="shared"[^>]*/>', zf.read("xl/worksheets/sheet1.xml"))
    for engine in ("fast", "xml"):
        assert_same(dump(read_workbook(path, engine=engine)), want, f"{sp.name}/{engine}")


@pytest.mark.parametrize("sp", VARIANTS, ids=lambda sp: sp.name)
def test_lint_of_every_spelling(rewritten, sp):
    """The findings of the example do not depend on its spelling."""
    want = sorted(d.key() for d in lint(EXAMPLE).diagnostics)
    got = sorted(d.key() for d in lint(rewritten("example", sp)).diagnostics)
    assert got == want


def test_the_findings_the_issue_lost(rewritten):
    """Issue 9: reordered attributes lost the #REF! in 'Tabel 3.1'!J24 and the percent formats
    (false CP01 on Q35, Q39, Q40, Q78); a prefix or single quotes lost 22 findings on 'Tabel 2.1'."""
    found = lint(EXAMPLE).diagnostics
    want = sorted(d.key() for d in found)
    assert ("FX01", "Tabel 3.1", "J24") in want
    # (CP01 groups a column's findings: count the cells they cover)
    assert sum(len(d.cells) for d in found if d.sheet == "Tabel 2.1") >= 22
    assert not [k for k in want if k[0] == "CP01" and k[2] in ("Q35", "Q39", "Q40", "Q78")]
    for sp in (Spelling("r", order="reverse"), Spelling("p", prefix=True), Spelling("q", quote="'")):
        wb = read_workbook(rewritten("example", sp))
        j24 = wb.sheet("Tabel 3.1").cell(24, 10)
        assert (j24.value, j24.kind) == ("#REF!", "e"), sp.name


# ----------------------------------------------------------------------------- the fast path


def _sheet_parts(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as zf:
        return [zf.read(n) for n in sorted(zf.namelist()) if n.startswith("xl/worksheets/sheet")]


@pytest.mark.parametrize("sp", [Spelling(), Spelling("t-before-s", order="reverse"), Spelling("p", prefix=True),
                                Spelling("q", quote="'"), Spelling("w", space=True), Spelling("n", no_r=True)],
                         ids=lambda sp: sp.name)
def test_fast_path_only_for_the_plain_spelling(rewritten, sp):
    """The regex scans run on the spelling writers use; any other spelling takes the tree pass."""
    for data in _sheet_parts(rewritten("example", sp)):
        assert xlsx_fast._plain(data, xlsx_fast._sheet_data(data)) is (sp.name == "plain")


def test_real_files_take_the_fast_path(sources):
    for path in [EXAMPLE, *TEMPLATES, sources.get("formulas-recalc", sources["formulas"])] + (
            [SIPD] if SIPD.exists() else []):
        for data in _sheet_parts(path):
            assert xlsx_fast._plain(data, xlsx_fast._sheet_data(data)), path.name


def test_cells_without_r_past_the_checked_sample(tmp_path):
    """Only the first 64 KB of a sheet are checked in full; a cell without r= further down is still
    caught (by the style scan) and the sheet takes the tree pass."""
    with zipfile.ZipFile(EXAMPLE) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    name = max((n for n in parts if n.startswith("xl/worksheets/sheet")), key=lambda n: len(parts[n]))
    data = parts[name]
    cut = data.find(b"<row ", data.find(b"<sheetData") + 70_000)
    dropped = 0

    def drop(row: re.Match) -> bytes:  # r= off every cell whose column follows the previous one
        nonlocal dropped
        prev = 0

        def cell(m: re.Match) -> bytes:
            nonlocal prev, dropped
            col = sum((ch - 64) * 26 ** i for i, ch in enumerate(reversed(m.group(1))))
            implied, prev = col == prev + 1, col
            dropped += implied and b's="' in m.group(2)
            return b"<c" + m.group(2) + b">" if implied else m.group(0)

        return re.sub(rb'<c r="([A-Z]+)\d+"([^>]*)>', cell, row.group(0))

    tail = re.sub(rb"<row .*?</row>", drop, data[cut:], flags=re.S)
    assert dropped >= 20
    parts[name] = data = data[:cut] + tail
    assert xlsx_fast._plain(data, xlsx_fast._sheet_data(data))  # the sample looks plain
    path = tmp_path / "late.xlsx"
    with zipfile.ZipFile(path, "w") as zout:
        for n, blob in parts.items():
            zout.writestr(n, blob)
    assert_same(dump(read_workbook(path)), reference(EXAMPLE), "fast")


def test_style_numbers_sharing_a_prefix(tmp_path):
    """s="12" is not style 1: the style scan must not stop at a prefix of the number."""
    wb = openpyxl.Workbook()
    ws = wb.active
    formats = ["0%", "General", "0.00", "#,##0", "0.0", "0.000", "mm-dd-yy", "0.0%", "0.00E+00", "@", "0.0000", "#,##0.0"]
    for i, fmt in enumerate(formats, start=1):
        ws.cell(i, 1, i).number_format = fmt
    path = tmp_path / "styles.xlsx"
    wb.save(path)
    assert_same(dump(read_workbook(path)), reference(path), "fast")


# ----------------------------------------------------------------------------- shared formulas


@pytest.mark.parametrize("formula", [
    "F10*G10", "SUM(H10:H20)", "'Tabel 3.1'!J24+1", 'IF(A1="x",$B$2,B$2&"A1")', "LOG10(A1)+Sheet1!A1:B2",
    "SUM(A:A)+SUM(1:1)", "#REF!+A1", "1.5E+10*A1", "Table1[[#This Row],[Col]]+A1", "A1%", "-A1^2", "TRUE",
    "MyName*2", "SUM(A1 B2)", "{1,2;3,4}", "'It''s'!B3", "$A1+A$1", "[1]Sheet1!A1", 'A1<>""',
    "ROUND(I24/H24*100,2)",
])
def test_translate_formula_like_openpyxl(formula):
    from openpyxl.formula.translate import Translator

    for dr, dc in [(0, 0), (1, 0), (3, 2), (0, 1)]:
        want = Translator("=" + formula, "C5").translate_formula(row_delta=dr, col_delta=dc)[1:]
        assert translate_formula(formula, dr, dc) == want


def test_translate_formula_off_the_sheet():
    assert translate_formula("A2+B2", -1, 0) == "A1+B1"
    assert translate_formula("A1+B1", -1, 0) == "#REF!+#REF!"


# ----------------------------------------------------------------------------- the SIPD export


#: One rewrite of the 7.5k-row export: prefixes, single quotes, reversed attributes, open empty
#: elements, inline strings, no r=, numFmt order at once; the spellings that cost a random choice
#: per character or attribute (entities, whitespace, shuffles) are tested on the example. openpyxl
#: reads only the original (3 s); its reading of rewritten files is tested on the smaller workbooks.
SIPD_SPELLING = Spelling("sipd", prefix=True, quote="'", order="reverse", empty="open", strings="inline",
                         no_r=True, numfmt_order=True)


@pytest.mark.skipif(not SIPD.exists(), reason="SIPD reference export not present")
def test_sipd_export_in_another_spelling(tmp_path):
    """7,581 real rows. calamine decodes the _xHHHH_ escapes of ST_Xstring (one cell has
    _x0002_) and ElementTree/openpyxl keep them: a difference between the engines that is not
    about spelling, so texts are compared with the escapes decoded."""
    want = _sipd_reference()
    path = rewrite(SIPD, tmp_path / "sipd.xlsx", SIPD_SPELLING)
    for engine in ("fast", "xml"):
        assert_same(dump(read_workbook(path, engine=engine), decode_xstring=True), want, engine)


def _sipd_reference() -> dict:
    if "sipd" not in _reference:
        _reference["sipd"] = dump(read_workbook(SIPD, engine="openpyxl"), decode_xstring=True)
    return _reference["sipd"]
