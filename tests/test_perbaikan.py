"""Perbaiki and Terapkan perbaikan inside Excel (issue 12): the Perbaikan sheet lists exactly the
repairs of ``fix``, and applying it writes those cells and nothing else, through xlwings' Book API."""

from __future__ import annotations

import asyncio

import pytest

import xl_renja
from xl_renja import perbaikan
from xl_renja.model import col_letter
from xl_renja.fix import plan
from tests.excel_book import CONTOH, payload

@pytest.fixture(scope="module")
def contoh_formats():
    wb = xl_renja.read(CONTOH)
    return {(s.name, r, c): cell.number_format for s in wb.sheets for r, c, cell in s.iter_cells()}


@pytest.fixture
def lite_formats(lite, monkeypatch, contoh_formats):
    from xlwings.pro import _xlremote

    from xl_renja.model import parse_ref

    async def get_number_format(self):
        a, _, b = self.address.replace("$", "").partition(":")
        (r1, c1), (r2, c2) = parse_ref(a), parse_ref(b or a)
        return [[contoh_formats.get((self.sheet.name, r, c), "General") for c in range(c1, c2 + 1)]
                for r in range(r1, r2 + 1)]

    monkeypatch.setattr(_xlremote.Range, "get_number_format", get_number_format)
    return lite


def _sheet_values(actions, names, sheet):
    pos = names.index(sheet) if sheet in names else None
    out = [a for a in actions if a["func"] == "setValues" and (pos is None or a["sheet_position"] == pos)]
    return out


def test_perbaiki_lists_exactly_the_repairs_of_fix(lite_formats, contoh_grid, contoh_formats):
    import xlwings as xw

    main, _state = lite_formats
    book = xw.Book(json=payload(contoh_grid))
    asyncio.run(main.perbaiki(book))
    actions = book.json()["actions"]
    add = [a for a in actions if a["func"] == "addSheet"]
    assert add and add[0]["args"][1] == perbaikan.SHEET
    rows = [[v.lstrip("'") if isinstance(v, str) else v for v in r] for r in
            next(a for a in actions if a["func"] == "setValues")["values"]]
    listed = perbaikan.read_listed(rows)
    # what the front end sees: the values (no merges), with the number formats of the file
    formats = {}
    for (sheet, r, c), fmt in contoh_formats.items():
        formats.setdefault(sheet, {})[f"{col_letter(c)}{r}"] = fmt
    expected = plan(xl_renja.from_grid(contoh_grid, formats)).changes
    assert expected
    assert [(i.sheet, i.cell, i.formula) for i in listed] == [(c.edit.sheet, c.edit.cell, c.edit.formula) for c in expected]
    for item, change in zip(listed, expected):
        assert item.value == pytest.approx(change.edit.value) if isinstance(change.edit.value, float) \
            else item.value == change.edit.value
    # nothing but the Perbaikan sheet is written
    assert {a["func"] for a in actions} <= {"addSheet", "setValues", "sheetClear"}


def test_terapkan_applies_listed_rows_whose_cell_is_unchanged(lite_formats, contoh_grid):
    import xlwings as xw

    main, _state = lite_formats
    fplan = plan(xl_renja.read(CONTOH))
    wb = xl_renja.from_grid(contoh_grid)
    shown = {(c.edit.sheet, c.edit.cell): None for c in fplan.changes}
    from xl_renja.excel import shown_values  # the same "before" the front end records

    rows = perbaikan.rows_of(fplan, shown_values(wb, list(shown)), now="2024-01-01 10:00")
    grid = dict(contoh_grid)
    # the user deleted the row of one change, and changed the cell of another since perbaiki
    (deleted, changed) = rows[perbaikan.HEADER_ROW], rows[perbaikan.HEADER_ROW + 1]
    rows = rows[:perbaikan.HEADER_ROW] + rows[perbaikan.HEADER_ROW + 1:]
    sheet_rows = [list(r) for r in grid[changed[0]]]
    from xl_renja.model import parse_ref

    r, c = parse_ref(changed[1])
    sheet_rows[r - 1][c - 1] = 12345
    grid[changed[0]] = sheet_rows
    grid[perbaikan.SHEET] = rows
    names = list(grid)
    book = xw.Book(json=payload(grid))
    asyncio.run(main.terapkan_perbaikan(book))
    actions = book.json()["actions"]
    def sheet_of(a):
        return names[a["sheet_position"]] if a["sheet_position"] < len(names) else None

    written = {(sheet_of(a), a["start_row"] + 1, a["start_column"] + 1): a for a in actions
               if a["func"] in ("setFormula", "setValues") and sheet_of(a) not in (None, perbaikan.SHEET, "Validasi")}
    wanted = {(ch.edit.sheet, *parse_ref(ch.edit.cell)) for ch in fplan.changes}
    wanted -= {(deleted[0], *parse_ref(deleted[1])), (changed[0], *parse_ref(changed[1]))}
    assert set(written) == wanted
    for key, a in written.items():
        change = next(ch for ch in fplan.changes if (ch.edit.sheet, *parse_ref(ch.edit.cell)) == key)
        if change.edit.formula:
            assert a["func"] == "setFormula" and a["values"] == [["=" + change.edit.formula]]
    statuses = [a for a in actions if a["func"] == "setValues" and sheet_of(a) == perbaikan.SHEET]
    texts = [s["values"][0][0].lstrip("'") for s in statuses]
    assert texts.count(perbaikan.APPLIED[0]) == len(wanted) and texts.count(perbaikan.STALE[0]) == 1
    # then Validate ran: the Validasi sheet is written
    assert any(a["func"] == "addSheet" and a["args"][1] == "Validasi" for a in actions)


def test_rows_round_trip_and_applied_rows_are_not_applied_twice():
    fplan = plan(xl_renja.read(CONTOH))
    rows = perbaikan.rows_of(fplan, {}, lang="en")
    listed = perbaikan.read_listed(rows)
    assert len(listed) == len(fplan.changes) and rows[perbaikan.HEADER_ROW - 1][0] == "Sheet"
    done = [list(r) for r in rows]
    done[perbaikan.HEADER_ROW][7] = perbaikan.APPLIED[0]
    apply, stale = perbaikan.to_apply(perbaikan.read_listed(done), {(i.sheet, i.cell): i.before for i in listed})
    assert len(apply) == len(listed) - 1 and not stale


def test_perbaikan_sheet_is_not_linted(contoh_grid):
    fplan = plan(xl_renja.read(CONTOH))
    grid = dict(contoh_grid)
    grid[perbaikan.SHEET] = perbaikan.rows_of(fplan, {})
    assert xl_renja.lint(xl_renja.from_grid(grid)).flatten() == xl_renja.lint(xl_renja.from_grid(contoh_grid)).flatten()
