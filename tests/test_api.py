"""The public API of xl_renja: read, from_grid, find_tables, lint, the hierarchy, to_frame, schema."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import xl_renja
from tests.rules.helpers import K1, P, P2, S1, S2, clean_rows, tc33

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx"


def _grid_of(path, with_formats=True, with_merges=True):
    """What xlwings hands over: Range.value rows (None blanks, floats, '#REF!' strings), and the
    number formats and merged ranges where the front end can read them."""
    wb = openpyxl.load_workbook(path, data_only=True)
    values, formats, merges = {}, {}, {}
    for ws in wb.worksheets:
        rows, fmts = [], []
        for row in ws.iter_rows(min_row=1, min_col=1, max_row=ws.max_row, max_col=ws.max_column):
            rows.append([float(c.value) if isinstance(c.value, int) and not isinstance(c.value, bool) else c.value
                         for c in row])
            fmts.append([c.number_format for c in row])
        values[ws.title] = rows
        formats[ws.title] = fmts
        merges[ws.title] = [str(r) for r in ws.merged_cells.ranges]
    return values, formats if with_formats else None, merges if with_merges else None


def test_public_names_resolve():
    for name in xl_renja.__all__:
        assert getattr(xl_renja, name) is not None, name
    with pytest.raises(AttributeError):
        xl_renja.no_such_name  # noqa: B018


def test_read_path_and_bytes_give_the_same_cells():
    a = xl_renja.read(EXAMPLE)
    b = xl_renja.read(EXAMPLE.read_bytes())
    assert [s.name for s in a.sheets] == [s.name for s in b.sheets]
    for sa, sb in zip(a.sheets, b.sheets):
        assert {(r, c): (x.value, x.kind) for r, c, x in sa.iter_cells()} == \
               {(r, c): (x.value, x.kind) for r, c, x in sb.iter_cells()}
    with pytest.raises(xl_renja.WorkbookError) as exc:
        xl_renja.read(b"not a workbook, just text\n")
    assert "CSV" in exc.value.message


def test_lint_of_a_grid_equals_lint_of_the_file():
    file_result = xl_renja.lint(EXAMPLE)
    values, formats, merges = _grid_of(EXAMPLE)
    grid_result = xl_renja.lint(xl_renja.from_grid(values, formats, merges), path=str(EXAMPLE))
    assert grid_result.flatten() == file_result.flatten()
    assert grid_result.errors == file_result.errors > 0


def test_lint_of_a_bare_grid_reports_no_error_the_file_does_not():
    file_errors = {d.key() for d in xl_renja.lint(EXAMPLE).diagnostics if d.severity == xl_renja.Severity.ERROR}
    values, _, _ = _grid_of(EXAMPLE, with_formats=False, with_merges=False)
    wb = xl_renja.from_grid(values)
    assert wb.formats_known is False
    grid_errors = {d.key() for d in xl_renja.lint(wb).diagnostics if d.severity == xl_renja.Severity.ERROR}
    assert grid_errors <= file_errors
    assert ("FX01", "Tabel 3.1", "J24") in grid_errors  # the #REF! handed over as a string


def test_bare_grid_does_not_call_a_share_wrong(tmp_path):
    """0.5 in a percent-formatted cell reads 50 %; handed over without its format it may be a
    share or a percentage, so it is not an error."""
    from tests.rules.helpers import V, tc29

    row = {"kode": "4.01.01", "uraian": "PROGRAM", "indikator": "Persentase dokumen", "target_renstra": 100,
           "realisasi_n3": 50, "target_n": 100, "realisasi_n": 50, "tingkat_realisasi": V(0.5, "0.00%"),
           "target_n1": 100, "realisasi_sd": 100, "capaian_renstra": 100}
    book = tc29(tmp_path, [row])
    assert not [d for d in xl_renja.lint(book.path, select=["CP01"]).diagnostics if d.cell == book.cell("tingkat_realisasi", 0)]
    values, formats, merges = _grid_of(book.path)
    with_formats = xl_renja.lint(xl_renja.from_grid(values, formats, merges), select=["CP01"])
    bare = xl_renja.lint(xl_renja.from_grid(values, None, merges), select=["CP01"])
    cell = book.cell("tingkat_realisasi", 0)
    assert cell not in {d.cell for d in with_formats.diagnostics}
    assert cell not in {d.cell for d in bare.diagnostics}
    # a plain 0.5 where 50 is expected is an error when the format says it is not a percentage
    values[book.sheet][8][book_col(book, "tingkat_realisasi")] = 0.5
    formats[book.sheet][8][book_col(book, "tingkat_realisasi")] = "General"
    wrong = xl_renja.lint(xl_renja.from_grid(values, formats, merges), select=["CP01"])
    assert cell in {d.cell for d in wrong.diagnostics}


def book_col(book, key) -> int:
    return openpyxl.utils.column_index_from_string(book.columns[key]) - 1


def test_from_grid_origin_formats_by_ref_and_merges():
    wb = xl_renja.from_grid({"S": ("B3", [[1.0, "#DIV/0!"], [None, "teks"]])},
                            formats={"S": {"B3": "0.00%"}}, merges={"S": ["B4:C4", (6, 1, 6, 3)]})
    s = wb.sheet("S")
    assert s.cell(3, 2).value == 1.0 and s.cell(3, 2).number_format == "0.00%"
    assert s.cell(3, 3).kind == "e" and s.cell(4, 3).kind == "s" and s.cell(4, 2) is None
    assert s.merges == [(4, 2, 4, 3), (6, 1, 6, 3)]


# ------------------------------------------------------------------------------- hierarchy


def _table(tmp_path, rows, variant="resmi"):
    book = tc33(tmp_path, variant, rows)
    (table,) = xl_renja.find_tables(xl_renja.read(book.path))
    return table


def test_hierarchy_follows_the_kode(tmp_path):
    table = _table(tmp_path, clean_rows())
    by_kode = {r.kode.text: r for r in table.items}
    assert by_kode[S1].parent is by_kode[K1] and by_kode[K1].parent is by_kode[P]
    assert [c.kode.text for c in by_kode[K1].children] == [S1, S2, "4.01.01.2.01.0007"]
    assert int(by_kode[P].level) == 3 and [c.kode.text for c in by_kode[P].children] == [K1, "4.01.01.2.06"]
    assert by_kode[P].parent is None


def test_misplaced_kegiatan_counts_under_the_program_its_kode_names(tmp_path):
    rows = clean_rows()
    # data row 5 (kegiatan 4.01.01.2.06) written with program 4.01.03's kode, still under 4.01.01
    rows[5]["kode"] = "4.01.03.2.06"
    rows[6]["kode"] = "4.01.03.2.06.0002"
    table = _table(tmp_path, rows)
    by_kode = {r.kode.text: r for r in table.items}
    moved = by_kode["4.01.03.2.06"]
    assert moved.above is by_kode[P]          # what KR02 compares with
    assert moved.parent is by_kode[P2]        # the hierarchy every feature uses
    assert moved in by_kode[P2].children and moved not in by_kode[P].children
    sums = {(s.row.kode.text, s.key): s.children_sum for s in xl_renja.compute.parent_sums(table)}
    assert sums[(P, "pagu")] == 450_000 and sums[(P2, "pagu")] == 450_000


def test_malformed_kode_takes_the_row_above(tmp_path):
    rows = clean_rows()
    rows[3]["kode"] = "4.01.03.2.01.002"  # malformed (3 digits), written under kegiatan K1
    table = _table(tmp_path, rows)
    row = next(r for r in table.items if r.row == 9 + 3)
    assert row.kode_problems and row.parent.kode.text == K1


def test_continuation_rows_belong_to_their_item(tmp_path):
    rows = clean_rows()
    rows.insert(3, {"indikator": "Jumlah Laporan", "target": "2 Laporan", "target_n1": "2 Laporan"})
    table = _table(tmp_path, rows)
    cont = next(r for r in table.rows if r.kind == "continuation")
    assert cont.parent.kode.text == S1 and cont in cont.parent.continuations
    assert all(c.kind == "item" for r in table.items for c in r.children)


# ------------------------------------------------------------------------------- frames


def test_to_frame_and_schema_map_back_to_lints_cells():
    pandera = pytest.importorskip("pandera.pandas")
    from xl_renja.frames import failure_cells

    wb = xl_renja.read(EXAMPLE)
    table = next(t for t in xl_renja.find_tables(wb) if t.sheet_name == "Tabel 3.1")
    frame = xl_renja.to_frame(table)
    assert list(frame.columns[:4]) == ["kind", "kode", "level", "parent"]
    assert str(frame["pagu"].dtype) == "float64" and str(frame["level"].dtype) == "Int64"
    assert frame.loc[13, "kode"] == "4.01.01" and frame.loc[13, "pagu"] == 55_792_371_818
    assert frame.cell(13, "pagu") == "'Tabel 3.1'!K13"
    assert frame.loc[frame["kode"] == "4.01.02.2.03", "parent"].iloc[0] == "4.01.02"
    with pytest.raises(pandera.errors.SchemaErrors) as exc:
        xl_renja.schema("T-C.33", table.variant).validate(frame, lazy=True)
    found = failure_cells(frame, exc.value.failure_cases)
    shared = {(d.code, d.cells[0]) for d in xl_renja.lint(wb, select=["KR01", "RQ01", "VL01"]).diagnostics
              if d.sheet == "Tabel 3.1"}
    assert found == shared and {c for c, _ in found} == {"KR01", "RQ01"}


def test_schema_reports_a_number_stored_as_text(tmp_path):
    pandera = pytest.importorskip("pandera.pandas")
    from xl_renja.frames import failure_cells

    rows = clean_rows()
    rows[2]["pagu"] = "100.000"
    book = tc33(tmp_path, "resmi", rows)
    wb = xl_renja.read(book.path)
    frame = xl_renja.to_frame(xl_renja.find_tables(wb)[0])
    assert frame["pagu"].dtype == object
    with pytest.raises(pandera.errors.SchemaErrors) as exc:
        xl_renja.schema("T-C.33").validate(frame, lazy=True)
    assert failure_cells(frame, exc.value.failure_cases) == {("VL01", f"'Tabel 3.1'!{book.cell('pagu', 2)}")}
    assert {d.cells[0] for d in xl_renja.lint(wb, select=["VL01"]).diagnostics} == {f"'Tabel 3.1'!{book.cell('pagu', 2)}"}


def test_schema_rejects_unknown_layouts():
    with pytest.raises(ValueError):
        xl_renja.schema("T-C.99")
    with pytest.raises(ValueError):
        xl_renja.schema("T-C.33", "nope")


def test_lint_does_not_import_pandas_pandera_or_xlwings():
    code = ("import sys\nfrom xl_renja.cli import main\n"
            f"rc = main(['lint', {str(EXAMPLE)!r}, '--format', 'json', '-o', os.devnull])\n"
            "heavy = sorted(m for m in ('pandas', 'pandera', 'xlwings') if m in sys.modules)\n"
            "assert rc == 1 and not heavy, heavy\n")
    proc = subprocess.run([sys.executable, "-c", "import os\n" + code], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
