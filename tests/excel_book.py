"""What a front end hands over: a workbook's values as xlwings' ``Range.value`` gives them, and the
JSON payload xlwings Lite sends (``xw.Book(json=...)``)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTOH = ROOT / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx"


def grid_of(wb) -> dict:
    """The values of a workbook as Range.value gives them from A1 (errors as text)."""
    grid = {}
    for s in wb.sheets:
        rows = [[None] * s.max_col for _ in range(s.max_row)]
        for r, c, cell in s.iter_cells():
            rows[r - 1][c - 1] = cell.value
        grid[s.name] = rows
    return grid


def payload(grid, notes=None):
    import xlwings as xw

    sheets = []
    for name, rows in grid.items():
        width = max((len(r) for r in rows), default=0)
        values = [[("" if v is None else v) for v in r] + [""] * (width - len(r)) for r in rows] or [[]]
        sheets.append({"name": name, "values": values, "pictures": [], "tables": [], "shapes": [],
                       "charts": [], "notes": [{"address": a} for a in (notes or {}).get(name, {})]})
    return {"client": "Office.js", "version": xw.__version__, "names": [],
            "book": {"name": "renja.xlsx", "active_sheet_index": 0, "selection": "A1"}, "sheets": sheets}
