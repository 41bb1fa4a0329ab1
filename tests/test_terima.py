"""Terima: accept the finding of the selected cell inside Excel (Pengecualian sheet), then Validate."""

from __future__ import annotations

import asyncio

import xl_renja
from xl_renja import pengecualian
from tests.excel_book import payload


def _book(grid, sheet, cell):
    import xlwings as xw

    data = payload(grid)
    data["book"]["active_sheet_index"] = list(grid).index(sheet)
    data["book"]["selection"] = cell
    return xw.Book(json=data)


def test_accept_rows_one_per_code(contoh_grid):
    result = xl_renja.lint(xl_renja.from_grid(contoh_grid))
    rows = pengecualian.accept_rows(result, "Tabel 3.1", "K17", "sesuai DPA")
    # K17 is marked by its Rp 1 rounding (TT02) and by Tabel 2.3's pagu compared with it (TT04)
    assert sorted(rows) == [["TT02", "'Tabel 3.1'!K17", "sesuai DPA"], ["TT04", "'Tabel 3.1'!K17", "sesuai DPA"]]
    assert pengecualian.accept_rows(result, "Tabel 3.1", "A1") == []


def test_terima_adds_the_selected_finding_and_validate_no_longer_marks_it(lite, contoh_grid):
    main, _state = lite
    names = list(contoh_grid)
    book = _book(contoh_grid, "Tabel 3.1", "K17")
    asyncio.run(main.terima(book))
    actions = book.json()["actions"]
    assert any(a["func"] == "addSheet" and a["args"][1] == pengecualian.SHEET for a in actions)
    written = [[v[1:] if isinstance(v, str) and v.startswith("'") else v for v in r]
               for a in actions if a["func"] == "setValues" for r in a["values"]]
    assert ["TT02", "'Tabel 3.1'!K17", "diterima di Excel"] in written
    assert ["TT04", "'Tabel 3.1'!K17", "diterima di Excel"] in written
    colored = {(names[a["sheet_position"]], a["start_row"] + 1, a["start_column"] + 1)
               for a in actions if a["func"] == "setRangeColor" and a["sheet_position"] < len(names)}
    assert ("Tabel 3.1", 17, 11) not in colored and colored  # the accepted cell is not marked; others are
    # lint of the book with that sheet lists the finding apart, as accepted
    grid = dict(contoh_grid)
    grid[pengecualian.SHEET] = [list(pengecualian.HEADER), ["TT02", "'Tabel 3.1'!K17", "diterima di Excel"]]
    result = xl_renja.lint(xl_renja.from_grid(grid))
    assert ("TT02", "Tabel 3.1", "K17") not in result.flatten()
    assert [a.diagnostic.key() for a in result.accepted] == [("TT02", "Tabel 3.1", "K17")]


def test_terima_on_a_cell_without_finding_adds_nothing(lite, contoh_grid):
    main, _state = lite
    book = _book(contoh_grid, "Tabel 3.1", "A1")
    asyncio.run(main.terima(book))
    assert not any(a["func"] == "addSheet" and a["args"][1] == pengecualian.SHEET for a in book.json()["actions"])
