"""``fill``: the official T-C.33 from a data sheet, a SIPD export or an existing Renja."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest

import xl_renja
from xl_renja import compute
from xl_renja.cli import main
from xl_renja.fill import DATA_COLUMNS, fill_table

REPO = Path(__file__).resolve().parent.parent
FORM = REPO / "workbooks" / "templates" / "data_renja.xlsx"
CONTOH = REPO / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx"
BERSIH = REPO / "workbooks" / "contoh" / "renja_setda_kota_serang_2022_tabel31_bersih.xlsx"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")

KEYS = [k for k, _h, _w in DATA_COLUMNS]
SUB = dict(satuan="Dokumen", lokasi="Kota Serang", sumber_dana="Dana Perimbangan")

#: a small Renja: program/kegiatan rows with indicators, subs with pagu n and n+1, a further indikator
DATA = [
    dict(kode="4.01.01", indikator="Persentase dokumen tepat waktu", satuan="%", target="100%", target_n1="100%"),
    dict(kode="4.01.01.2.01", indikator="Jumlah dokumen perencanaan", satuan="Dokumen", target=5, target_n1=5),
    dict(kode="4.01.01.2.01.01", indikator="Jumlah Renja", target=1, pagu=125_000_000, target_n1=1,
         pagu_n1=130_000_000, **SUB),
    dict(kode="4.01.01.2.01.02", indikator="Jumlah RKA", target=4, pagu=75_500_001, target_n1=4,
         pagu_n1=80_000_000, **SUB),
    dict(indikator="Jumlah rapat RKA", target=2, target_n1=2, **SUB),
    dict(kode="4.01.01.2.02", indikator="Persentase gaji dibayar", satuan="%", target="100%", target_n1="100%"),
    dict(kode="4.01.01.2.02.01", indikator="Jumlah bulan gaji", target=14, pagu=1_000_000_000, target_n1=14,
         pagu_n1=1_100_000_000, satuan="Bulan", lokasi="Kota Serang", sumber_dana="Dana Perimbangan"),
    dict(kode="4.01.02", indikator="Capaian tata pemerintahan", satuan="%", target="100%", target_n1="100%"),
    dict(kode="4.01.02.2.01", indikator="Persentase dokumen pemerintahan", satuan="%", target="100%",
         target_n1="100%"),
    dict(kode="4.01.02.2.01.01", indikator="Jumlah dokumen rakor", target=12, pagu=333_333_333, target_n1=12,
         pagu_n1=350_000_000, **SUB),
]
#: the sums a person computes from DATA: kode -> (n, n+1)
EXPECTED = {
    "4.01.01.2.01": (200_500_001, 210_000_000),
    "4.01.01.2.02": (1_000_000_000, 1_100_000_000),
    "4.01.01": (1_200_500_001, 1_310_000_000),
    "4.01.02.2.01": (333_333_333, 350_000_000),
    "4.01.02": (333_333_333, 350_000_000),
    "TOTAL": (1_533_833_334, 1_660_000_000),
}


def write_data(path: Path, rows, sheet_rows=None) -> Path:
    """The committed data form with ``rows`` typed in (dicts of logical keys) from row 2."""
    wb = openpyxl.load_workbook(FORM)
    ws = wb["Data"]
    for i, row in enumerate(rows, start=2):
        for key, value in row.items():
            cell = ws.cell(i, KEYS.index(key) + 1, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # typed as text, the way a user enters '=...
    wb.save(path)
    return path


def t33(path):
    wb = xl_renja.read(path)
    return next(t for t in xl_renja.find_tables(wb) if t.id == "T-C.33")


def table_content(path):
    """Every row of the T-C.33 as (kind, sorted (key, value) pairs); TOTAL rows keep their pagu."""
    t = t33(path)
    out = []
    for r in sorted(t.rows + t.totals, key=lambda r: r.row):
        vals = {k: c.value for k, col in t.columns.items() if (c := r.raw.get(col)) is not None and not c.is_blank}
        if r.kind == "total":
            vals = {k: v for k, v in vals.items() if k.startswith("pagu")}
        out.append((r.kind, tuple(sorted(vals.items()))))
    return out


def sums_of(path):
    """kode (and TOTAL) -> ((n, n+1) as read, formulas) of every parent of the output."""
    t = t33(path)
    out = {}
    for row in t.items:
        if row.children:
            out[row.kode.text] = tuple(row.number(k) for k in ("pagu", "pagu_n1"))
    total = t.totals[0]
    out["TOTAL"] = tuple(total.number(k) for k in ("pagu", "pagu_n1"))
    return out


def errors(path):
    result = xl_renja.lint(str(path))
    assert not result.failures
    return [(d.code, d.cell) for d in result.diagnostics if d.severity.value == "error"]


def problems_of(capsys_out: str) -> set[tuple[str, str]]:
    out = set()
    for line in capsys_out.splitlines():
        m = re.match(r"^.*?:'?([^'!]+)'?!([A-Z]+\d+): ([A-Z]{2}\d\d) ", line)
        if m:
            out.add((m.group(3), m.group(2)))
    return out


@pytest.fixture
def data(tmp_path):
    return write_data(tmp_path / "data.xlsx", DATA)


@pytest.mark.parametrize("layout", ["tc33", "setda"])
def test_parents_are_sum_formulas_over_exactly_their_children_with_cached_sums(tmp_path, data, layout):
    out = tmp_path / "tabel31.xlsx"
    assert main(["fill", str(data), "-o", str(out), "--layout", layout, "--tahun", "2026"]) == 0
    t = t33(out)
    assert t.variant == ("resmi" if layout == "tc33" else "setda")
    for row in t.items:
        if not row.children:
            continue
        for key in ("pagu", "pagu_n1"):
            cell = row.get(key).cell
            assert cell.formula.lstrip("=") == compute.sum_formula([c.row for c in row.children], t.columns[key])
    sums = sums_of(out)
    assert {k: sums[k] for k in EXPECTED} == EXPECTED
    # the official layout has the urusan and bidang rows too, over their programs
    assert set(sums) - set(EXPECTED) == ({"4", "4.01"} if layout == "tc33" else set())
    assert all(sums[k] == EXPECTED["TOTAL"] for k in set(sums) - set(EXPECTED))
    total = t.totals[0]
    programs = [r.row for r in t.items if int(r.kode.level) == 3]
    assert total.get("pagu").cell.formula.lstrip("=") == compute.sum_formula(programs, t.columns["pagu"])
    assert errors(out) == []
    # header rows repeated when printed, landscape, frozen under the header, A4
    ws = openpyxl.load_workbook(out)["Tabel 3.1"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.freeze_panes == f"A{t.number_row + 1}"
    assert ws.print_title_rows.replace("$", "") == f"{t.header_rows[0]}:{t.number_row}"


@needs_soffice
def test_libreoffice_recalculation_gives_the_python_sums_and_the_cached_values(tmp_path, data):
    from xl_renja.writer import recalculate

    out = tmp_path / "tabel31.xlsx"
    fill_table(data, out, layout="setda", tahun=2026)
    cached = sums_of(out)
    recalculated = recalculate(out, tmp_path / "recalc.xlsx")
    assert sums_of(recalculated) == cached == EXPECTED
    assert errors(recalculated) == []


@pytest.mark.parametrize("layout", ["tc33", "setda"])
def test_refilling_a_clean_table_gives_back_its_rows_and_values(tmp_path, data, layout):
    first = tmp_path / "first.xlsx"
    second = tmp_path / "second.xlsx"
    fill_table(data, first, layout=layout, tahun=2026)
    assert main(["fill", str(first), "-o", str(second)]) == 0  # the variant is the input's
    assert table_content(second) == table_content(first)
    assert t33(second).variant == t33(first).variant


def test_refilling_the_corrected_example_reproduces_it(tmp_path):
    out = tmp_path / "ulang.xlsx"
    assert main(["fill", str(BERSIH), "-o", str(out)]) == 0
    assert table_content(out) == table_content(BERSIH)
    assert errors(out) == [] and errors(BERSIH) == []


def test_corrected_example_notes_every_change_it_made():
    contoh = openpyxl.load_workbook(CONTOH)["Tabel 3.1"]
    bersih = openpyxl.load_workbook(BERSIH)
    notes = {}
    for no, ref, old, new, reason in bersih["Catatan"].iter_rows(min_row=5, values_only=True):
        assert reason
        notes[ref] = new
    table = bersih["Tabel 3.1"]
    changed = set()
    for row in table.iter_rows(min_row=9, max_row=table.max_row):
        for cell in row:
            if cell.value != contoh[cell.coordinate].value:
                changed.add(cell.coordinate)
    assert changed == set(notes)
    assert all(table[ref].value == new for ref, new in notes.items())
    # the original findings that made the example unusable are gone
    before = {d.code for d in xl_renja.lint(str(CONTOH)).diagnostics if d.sheet == "Tabel 3.1"}
    assert {"KR01", "KR03", "FX01", "TT01", "TT02", "RQ01", "VL03", "KR04"} <= before
    after = {d.code for d in xl_renja.lint(str(BERSIH)).diagnostics}
    assert after.isdisjoint({"KR01", "KR02", "KR03", "FX01", "TT01", "TT02", "TT03", "RQ01", "VL03", "KR04"})


def test_bad_rows_are_refused_with_every_bad_cell_and_nothing_written(tmp_path, capsys):
    rows = [dict(r) for r in DATA]
    rows[2]["kode"] = "4.01.01.2.01.001"      # row 4: KR01
    rows[3]["pagu"] = "75.500.001"             # row 5: VL01 (number as text)
    del rows[6]["lokasi"]                      # row 8: RQ01 lokasi
    rows[1]["target"] = None                   # row 3: RQ01 target of a kegiatan
    rows[9]["target"] = "#REF!"                # row 11: FX01
    path = write_data(tmp_path / "bad.xlsx", rows)
    out = tmp_path / "tabel31.xlsx"
    assert main(["fill", str(path), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    col = {k: openpyxl.utils.get_column_letter(i + 1) for i, k in enumerate(KEYS)}
    assert problems_of(captured.out) == {
        ("KR01", f"{col['kode']}4"), ("VL01", f"{col['pagu']}5"), ("RQ01", f"{col['lokasi']}8"),
        ("RQ01", f"{col['target']}3"), ("FX01", f"{col['target']}11"),
    }
    assert len(captured.err.strip().splitlines()) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == [path]


def test_the_original_example_is_refused_with_its_bad_cells(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    assert main(["fill", str(CONTOH), "-o", str(out)]) == 1
    found = problems_of(capsys.readouterr().out)
    assert {("KR01", "E90"), ("KR01", "E94"), ("KR01", "E97"), ("KR03", "E73"), ("FX01", "J24"),
            ("RQ01", "J34")} <= found
    assert not out.exists()


def test_generated_parents_take_official_names_and_unknown_names_are_refused(tmp_path, capsys):
    path = write_data(tmp_path / "d.xlsx", [dict(kode="4.01.03.2.01.02", indikator="Jumlah dokumen", target=1,
                                                pagu=10, **SUB)])
    out = tmp_path / "t.xlsx"
    assert main(["fill", str(path), "-o", str(out), "--layout", "setda"]) == 0
    t = t33(out)
    assert [(r.kode.text, r.name) for r in t.items] == [
        ("4.01.03", "PROGRAM PEREKONOMIAN DAN PEMBANGUNAN"),
        ("4.01.03.2.01", "Pelaksanaan Kebijakan Perekonomian"),
        ("4.01.03.2.01.02", "Pengendalian dan Distribusi Perekonomian"),
    ]
    capsys.readouterr()
    unknown = write_data(tmp_path / "u.xlsx", [dict(kode="7.01.02.2.01.01", indikator="x", target=1, pagu=1, **SUB)])
    assert main(["fill", str(unknown), "-o", str(tmp_path / "u_out.xlsx")]) == 1
    name_col = openpyxl.utils.get_column_letter(KEYS.index("uraian") + 1)
    assert ("RQ01", f"{name_col}2") in problems_of(capsys.readouterr().out)
    assert not (tmp_path / "u_out.xlsx").exists()


def test_text_starting_with_equals_stays_text(tmp_path):
    rows = [dict(r) for r in DATA]
    rows[2]["uraian"] = "=HYPERLINK(\"http://x\",\"klik\")"
    rows[2]["indikator"] = "=1+1"
    path = write_data(tmp_path / "d.xlsx", rows)
    out = tmp_path / "t.xlsx"
    fill_table(path, out, layout="setda")
    t = t33(out)
    row = next(r for r in t.items if r.kode.text == "4.01.01.2.01.01")
    for key, text in (("uraian", rows[2]["uraian"]), ("indikator", "=1+1")):
        cell = row.get(key).cell
        assert (cell.kind, cell.value, cell.formula) == ("s", text, None)


def _sipd_export(path: Path) -> Path:
    """Two OPDs, kode and name in one cell, one line per budget line (an empty amount is zero)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rincian"
    ws.append(["Laporan RKA per sub kegiatan"])
    ws.append(["SKPD", "PROGRAM", "KEGIATAN", "SUB KEGIATAN", "INDIKATOR", "SATUAN", "TARGET", "LOKASI",
               "SUMBER DANA", "PAGU"])
    setda = "4.01.0.00.0.00.01.0000 SEKRETARIAT DAERAH"
    dinkes = "1.02.0.00.0.00.01.0000 DINAS KESEHATAN"
    p1, k1 = "4.01.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "4.01.01.2.01 Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
    s1 = "4.01.01.2.01.0006 Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD"
    s2 = "4.01.01.2.01.0001 Penyusunan Dokumen Perencanaan Perangkat Daerah"
    p2, k2 = "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN", "1.02.02.2.01 Penyediaan Fasilitas Pelayanan Kesehatan"
    s3 = "1.02.02.2.01.0014 Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan"
    for line in [
        [setda, p1, k1, s1, "Jumlah Laporan", "Laporan", 3, "Kota Serang", "DAU", 1_000_000],
        [setda, p1, k1, s1, "Jumlah Laporan", "Laporan", 3, "Kota Serang", "DAU", 2_500_000],
        [setda, p1, k1, s1, "Jumlah Laporan", "Laporan", 3, "Kota Serang", "DAU", None],
        [setda, p1, k1, s2, "Jumlah Dokumen", "Dokumen", 2, "Kota Serang", "DAU", 4_000_000],
        [dinkes, p2, k2, s3, "Jumlah Alat", "Unit", 10, "Kota Serang", "DAK Fisik", 7_000_000],
        [dinkes, p2, k2, s3, "Jumlah Alat", "Unit", 10, "Kota Serang", "DAK Fisik", 8_000_000],
    ]:
        ws.append(line)
    wb.save(path)
    return path


def test_sipd_export_is_filled_per_opd_with_the_budget_lines_summed(tmp_path, capsys):
    export = _sipd_export(tmp_path / "sipd.xlsx")
    out = tmp_path / "semua.xlsx"
    assert main(["fill", str(export), "-o", str(out), "--layout", "setda"]) == 0
    wb = xl_renja.read(out)
    tables = {t.sheet_name: t for t in xl_renja.find_tables(wb) if t.id == "T-C.33"}
    assert set(tables) == {"SEKRETARIAT DAERAH", "DINAS KESEHATAN"}

    def amounts(t):
        return {r.kode.text: r.number("pagu") for r in t.items} | {"TOTAL": t.totals[0].number("pagu")}

    assert amounts(tables["SEKRETARIAT DAERAH"]) == {
        "4.01.01": 7_500_000, "4.01.01.2.01": 7_500_000, "4.01.01.2.01.0001": 4_000_000,
        "4.01.01.2.01.0006": 3_500_000, "TOTAL": 7_500_000}
    assert amounts(tables["DINAS KESEHATAN"]) == {
        "1.02.02": 15_000_000, "1.02.02.2.01": 15_000_000, "1.02.02.2.01.0014": 15_000_000, "TOTAL": 15_000_000}
    one = tmp_path / "dinkes.xlsx"
    assert main(["fill", str(export), "-o", str(one), "--opd", "kesehatan"]) == 0
    t = t33(one)
    # urusan 1 and bidang 1.02 have no known name (no --nomenklatur): no row is made for them
    assert [r.kode.text for r in t.items] == ["1.02.02", "1.02.02.2.01", "1.02.02.2.01.0014"]
    assert t.totals[0].number("pagu") == 15_000_000
    capsys.readouterr()
    assert main(["fill", str(export), "-o", str(tmp_path / "x.xlsx"), "--opd", "pariwisata"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not (tmp_path / "x.xlsx").exists()


def test_usage_errors_are_one_line_exit_2(tmp_path, data, capsys):
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"keep")
    empty = openpyxl.Workbook()
    empty.active["A1"] = "bukan data"
    empty.save(tmp_path / "lain.xlsx")
    cases = [
        ["fill", str(tmp_path / "tidak_ada.xlsx"), "-o", str(tmp_path / "a.xlsx")],
        ["fill", str(data), "-o", str(out)],                          # exists, no --force
        ["fill", str(data), "-o", str(data), "--force"],              # over the input
        ["fill", str(data), "-o", str(tmp_path / "a.xlsx"), "--layout", "t-c.29"],
        ["fill", str(tmp_path / "lain.xlsx"), "-o", str(tmp_path / "a.xlsx")],
        ["fill", str(FORM), "-o", str(tmp_path / "a.xlsx")],          # the empty form: nothing to fill
    ]
    for argv in cases:
        capsys.readouterr()
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, argv
    assert out.read_bytes() == b"keep" and not (tmp_path / "a.xlsx").exists()
    assert main(["fill", str(data), "-o", str(out), "--force", "--layout", "setda"]) == 0
    assert sums_of(out) == EXPECTED


def test_data_form_has_the_header_validation_lists_and_instructions():
    wb = openpyxl.load_workbook(FORM)
    assert wb.sheetnames[:1] == ["Data"] and "Petunjuk" in wb.sheetnames
    ws = wb["Data"]
    assert [c.value for c in ws[1]] == [h for _k, h, _w in DATA_COLUMNS]
    col = {k: openpyxl.utils.get_column_letter(i + 1) for i, k in enumerate(KEYS)}
    lists = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert set(lists) == {f"{col['satuan']}2", f"{col['sumber_dana']}2"}
    names = wb.defined_names
    satuan = [c.value for c in wb["Daftar"]["A"][1:] if c.value]
    assert "Dokumen" in satuan and "Bulan" in satuan and "DaftarSatuan" in names
