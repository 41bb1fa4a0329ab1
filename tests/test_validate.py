"""The Validate action (xl_renja.validate) as a pure plan, through xlwings' own Book API on a book
built from JSON (what xlwings Lite sends), without python-calamine (Pyodide), and the
Pengecualian / Nomenklatur sheets."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys


import xl_renja
from tests.excel_book import CONTOH, ROOT, payload
from xl_renja.validate import SHEET, CellState, normal_rgb, prepare, read_records, restore_all, validate



def keys(result):
    return [(d.code, d.sheet, d.cell) for d in result.diagnostics]


def test_plan_agrees_with_lint_finding_for_finding(contoh_grid):
    wb = xl_renja.from_grid(contoh_grid)
    plan = validate(wb, now="2024-01-01 10:00")
    lint = xl_renja.lint(xl_renja.from_grid(contoh_grid))
    rows = plan.rows[4:4 + len(lint.diagnostics)]
    assert [(r[0], r[2], r[3]) for r in rows] == keys(lint)
    # every cell of every finding is marked once, red when any of its findings is an error
    expected = {}
    for d in lint.diagnostics:
        for q in d.cells:
            sheet, _, cell = q.rpartition("!")
            key = (sheet.strip("'"), cell)
            red = d.severity.value == "error"
            expected[key] = expected.get(key, False) or red
    assert {(f.sheet, f.cell): f.rgb == "FFC7CE" for f in plan.fills} == expected
    assert {(n.sheet, n.cell) for n in plan.notes} == set(expected)
    assert len(plan.records) == len(expected)
    # hyperlinks point at the finding's cell
    d0 = lint.diagnostics[0]
    assert plan.links[0] == ("D5", f"'{d0.sheet}'!{d0.cell}")
    # no number formats from this front end: the summary says so
    assert "Format angka tidak tersedia" in plan.rows[1][0]


def _apply_to_state(plan, state):
    new = dict(state)
    for f in plan.fills:
        new[(f.sheet, f.cell)] = CellState(f.rgb, new.get((f.sheet, f.cell), CellState()).note)
    for n in plan.notes:
        new[(n.sheet, n.cell)] = CellState(new.get((n.sheet, n.cell), CellState()).fill, n.text)
    return new


def _with_validasi(grid, plan):
    g = dict(grid)
    g[SHEET] = plan.rows
    return xl_renja.from_grid(g)


def test_second_run_restores_first_and_changes_nothing(contoh_grid):
    user_cell = ("Tabel 3.1", "K17")
    before = {user_cell: CellState("00B050", "catatan pengguna")}
    wb = xl_renja.from_grid(contoh_grid)
    first = prepare(wb)
    assert user_cell in first.marks
    plan1 = first.plan(before)
    state = _apply_to_state(plan1, before)
    # the record keeps what the user had
    rec = next(r for r in plan1.records if (r.sheet, r.cell) == user_cell)
    assert (rec.fill, rec.note) == ("00B050", "catatan pengguna")
    # a second run with the same findings: nothing to change, same records
    plan2 = prepare(_with_validasi(contoh_grid, plan1)).plan(state)
    assert plan2.fills == [] and plan2.notes == []
    assert plan2.records == plan1.records
    # Hapus Tanda gives everything back: the user's fill and note, no fill/note elsewhere
    clear = restore_all(_with_validasi(contoh_grid, plan2), state)
    after = _apply_to_state(clear, state)
    assert after[user_cell] == CellState("00B050", "catatan pengguna")
    assert all(after[k] == CellState(None, None) for k in after if k != user_cell)
    assert clear.records == [] and read_records(_with_validasi(contoh_grid, clear)) == []


def test_fixed_finding_is_restored_and_user_changes_are_kept(contoh_grid):
    wb = xl_renja.from_grid(contoh_grid)
    plan1 = validate(wb)
    state = _apply_to_state(plan1, {})
    (s1, c1), (s2, c2) = [(r.sheet, r.cell) for r in plan1.records[:2]]
    # the user repaints one marked cell and writes their own note on it
    state[(s2, c2)] = CellState("0000FF", "sudah dicek")
    # nothing is found any more (all rules ignored): marks go, the user's own changes stay
    plan2 = prepare(_with_validasi(contoh_grid, plan1), ignore=[r.code for r in xl_renja.ALL_RULES]).plan(state)
    after = _apply_to_state(plan2, state)
    assert after[(s1, c1)] == CellState(None, None)
    assert after[(s2, c2)] == CellState("0000FF", "sudah dicek")


def test_normal_rgb():
    assert normal_rgb((255, 199, 206)) == "FFC7CE" == normal_rgb("#ffc7ce") == normal_rgb("FFFFC7CE")
    assert normal_rgb(None) is None and normal_rgb("") is None
    assert normal_rgb(0xCEC7FF) == "FFC7CE"  # Excel's BGR integer


# ----------------------------------------------------------------------------- xlwings Book API


def test_lite_validate_queues_marks_notes_and_validasi(lite, contoh_grid):
    import xlwings as xw

    main, state = lite
    # the user's own fill and note on a cell that will be marked
    state["colors"][("Tabel 3.1", 17, 11)] = (0, 176, 80)
    state["notes"][("Tabel 3.1", 17, 11)] = "catatan pengguna"
    book = xw.Book(json=payload(contoh_grid, notes={"Tabel 3.1": ["K17"]}))
    asyncio.run(main.validate(book))
    actions = book.json()["actions"]
    names = [s["name"] for s in payload(contoh_grid)["sheets"]]
    colored = {(names[a["sheet_position"]], a["start_row"] + 1, a["start_column"] + 1): a["args"][0]
               for a in actions if a["func"] == "setRangeColor"}
    lint = xl_renja.lint(xl_renja.from_grid(contoh_grid))
    from xl_renja.model import parse_ref

    cells = {}
    for d in lint.diagnostics:
        for q in d.cells:
            sheet, _, ref = q.rpartition("!")
            key = (sheet.strip("'"), *parse_ref(ref))
            cells[key] = cells.get(key) == "#FFC7CE" and "#FFC7CE" or ("#FFC7CE" if d.severity.value == "error" else "#FFEB9C")
    assert colored == cells
    added = {(names[a["sheet_position"]], a["args"][0]) for a in actions if a["func"] == "addNote"}
    assert len(added) == len(cells) - 1  # K17 already had a note: its text is replaced
    assert [a["args"][0] for a in actions if a["func"] == "setNoteText"] == ["$K$17"]
    add_sheet = [a for a in actions if a["func"] == "addSheet"]
    assert add_sheet and add_sheet[0]["args"][1] == SHEET
    values = next(a for a in actions if a["func"] == "setValues")
    rows = values["values"]
    assert [(r[0].lstrip("'"), r[2].lstrip("'"), r[3].lstrip("'")) for r in rows[4:4 + len(lint.diagnostics)]] == keys(lint)
    # text is written as text: every string carries Excel's text prefix
    assert all(v == "" or not isinstance(v, str) or v.startswith("'") for r in rows for v in r)
    links = [a for a in actions if a["func"] == "addHyperlink"]
    assert len(links) == len(lint.diagnostics)
    hidden = [a for a in actions if a["func"] == "setColumnHidden"]
    assert hidden and hidden[0]["start_column"] == 9 and hidden[0]["column_count"] == 7
    # the record of K17 keeps the user's fill and note
    rec = next(r for r in rows if len(r) > 10 and r[9] == "'Tabel 3.1" and r[10] == "'K17")
    assert rec[11] == "'00B050" and rec[12] == "'catatan pengguna"


def test_lite_second_run_and_hapus_tanda(lite, contoh_grid):
    import xlwings as xw

    main, state = lite
    book = xw.Book(json=payload(contoh_grid))
    asyncio.run(main.validate(book))
    actions = book.json()["actions"]
    rows = next(a for a in actions if a["func"] == "setValues")["values"]
    # what Excel holds after the first run: the Validasi sheet (text prefix gone), the marks
    grid = dict(contoh_grid)
    grid[SHEET] = [[(v[1:] if isinstance(v, str) and v.startswith("'") else (None if v == "" else v)) for v in r]
                   for r in rows]
    names = list(contoh_grid)
    notes = {}
    for a in actions:
        key = (names[a["sheet_position"]], a["start_row"] + 1, a["start_column"] + 1) if a["sheet_position"] is not None and a["sheet_position"] < len(names) else None
        if a["func"] == "setRangeColor":
            state["colors"][key] = tuple(int(a["args"][0][i:i + 2], 16) for i in (1, 3, 5))
        if a["func"] == "addNote":
            state["notes"][key] = a["args"][1]
            notes.setdefault(key[0], []).append(a["args"][0].replace("$", ""))
    book2 = xw.Book(json=payload(grid, notes))
    asyncio.run(main.validate(book2))
    funcs = [a["func"] for a in book2.json()["actions"]]
    assert "setRangeColor" not in funcs and "addNote" not in funcs and "setNoteText" not in funcs
    assert "addSheet" not in funcs and "sheetClear" in funcs  # the Validasi sheet is refreshed
    book3 = xw.Book(json=payload(grid, notes))
    asyncio.run(main.hapus_tanda(book3))
    acts = book3.json()["actions"]
    assert {a["args"][0] for a in acts if a["func"] == "setRangeColor"} == {None}
    assert len([a for a in acts if a["func"] == "setRangeColor"]) == sum(len(v) for v in notes.values())
    assert len([a for a in acts if a["func"] == "deleteNote"]) == sum(len(v) for v in notes.values())


# ----------------------------------------------------------------------------- Pyodide


def test_validate_runs_without_python_calamine(tmp_path, contoh_grid):
    (tmp_path / "grid.json").write_text(json.dumps(contoh_grid, default=str))
    code = f"""
import json, sys
sys.modules['python_calamine'] = None  # no Pyodide build: any import of it fails
import xl_renja
from xl_renja.validate import validate
grid = json.load(open({str(tmp_path / 'grid.json')!r}))
plan = validate(xl_renja.from_grid(grid))
try:
    import python_calamine
except ImportError:
    print(len(plan.result.diagnostics), len(plan.fills), 'blocked')
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 0, out.stderr
    n, fills, word = out.stdout.split()
    lint = xl_renja.lint(xl_renja.from_grid(contoh_grid))
    assert (int(n), word) == (len(lint.diagnostics), "blocked") and int(fills) > 0


# ----------------------------------------------------------------------------- Pengecualian, Nomenklatur


def test_pengecualian_accepts_by_cell_and_by_kode(contoh_grid, tmp_path):
    lint = xl_renja.lint(xl_renja.from_grid(contoh_grid))
    by_cell = next(d for d in lint.diagnostics if d.severity.value == "error")
    by_kode = next(d for d in lint.diagnostics if d.kode and d.code == "KR04")
    same_kode = [d for d in lint.diagnostics if d.code == "KR04" and d.kode == by_kode.kode]
    grid = dict(contoh_grid)
    grid["Pengecualian"] = [["Kode aturan", "Sel atau kode rekening", "Alasan"],
                            [by_cell.code, f"'{by_cell.sheet}'!{by_cell.cell}", "sesuai dokumen asli"],
                            ["KR", by_kode.kode, "nama lama dipertahankan"]]
    result = xl_renja.lint(xl_renja.from_grid(grid))
    accepted = [(a.diagnostic.code, a.diagnostic.sheet, a.diagnostic.cell) for a in result.accepted]
    assert by_cell.key() in accepted and all(d.key() in accepted for d in same_kode)
    assert result.errors == lint.errors - 1
    assert len(result.diagnostics) + len(result.accepted) == len(lint.diagnostics)
    # Validate lists them apart and does not mark them
    plan = validate(xl_renja.from_grid(grid))
    marked = {(f.sheet, f.cell) for f in plan.fills}
    assert (by_cell.sheet, by_cell.cell) not in marked
    flat = [r[0] for r in plan.rows if r]
    assert "Diterima (Pengecualian)" in flat
    # the CLI honours the same sheet in a file
    import openpyxl

    src = openpyxl.load_workbook(CONTOH)
    ws = src.create_sheet("Pengecualian")
    for row in grid["Pengecualian"]:
        ws.append(row)
    path = tmp_path / "dengan_pengecualian.xlsx"
    src.save(path)
    out = subprocess.run([sys.executable, "-m", "xl_renja", "lint", str(path), "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT)
    doc = json.loads(out.stdout)
    assert {(d["code"], d["sheet"], d["cell"]) for d in doc["accepted"]} == set(accepted)
    accepted_errors = sum(1 for d in doc["accepted"] if d["severity"] == "error")
    assert accepted_errors == 1
    assert doc["summary"]["errors"] == xl_renja.lint(CONTOH).errors - accepted_errors


def test_nomenklatur_sheet_is_used_for_kr04(contoh_grid):
    lint = xl_renja.lint(xl_renja.from_grid(contoh_grid))
    kr04 = next(d for d in lint.diagnostics if d.code == "KR04")
    # a pasted SIPD export naming that kode as the workbook has it: the finding goes away
    name = next(c for c in [contoh_grid[kr04.sheet][kr04.row - 1][kr04.column - 1]])
    level_col = {3: "PROGRAM", 5: "KEGIATAN", 6: "SUBKEGIATAN"}[kr04.kode.count(".") + 1]
    grid = dict(contoh_grid)
    grid["Nomenklatur"] = [["PROGRAM", "KEGIATAN", "SUBKEGIATAN"],
                           [f"{kr04.kode} {name}" if level_col == h else None for h in ("PROGRAM", "KEGIATAN", "SUBKEGIATAN")]]
    result = xl_renja.lint(xl_renja.from_grid(grid))
    assert kr04.key() not in [d.key() for d in result.diagnostics]
    # other kode are not judged by the bundled reference any more (the sheet replaces it)
    assert not [d for d in result.diagnostics if d.code == "KR04"]


def test_validasi_says_what_the_front_end_could_not_pass(contoh_grid):
    """Without number formats or merged ranges (xlwings Lite passes neither), the summary says so."""
    bare = validate(xl_renja.from_grid(contoh_grid), now="2024-01-01 10:00")
    text = " ".join(str(v) for v in bare.rows[1] if v)
    assert "Format angka tidak tersedia" in text and "Sel gabungan tidak tersedia" in text
    wb = xl_renja.read(CONTOH)
    full = validate(wb, now="2024-01-01 10:00")
    assert not any("tidak tersedia" in str(v) for v in full.rows[1] if v)
