"""Legacy .xls (BIFF) through xlrd: values, types, number formats and merges (BIFF keeps no formula text)."""

from __future__ import annotations

import os

from xl_renja.model import Cell, Sheet, Workbook
from xl_renja.readers.common import corrupt

def read_xls(path: str) -> Workbook:
    import xlrd

    name = os.path.basename(path)
    try:
        book = xlrd.open_workbook(path, formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd.biffh.XLRDError and struct errors for corrupt files
        raise corrupt(name, exc) from None
    sheets = []
    try:
        for idx in range(book.nsheets):
            xs = book.sheet_by_index(idx)
            sheet = Sheet(xs.name)
            for r in range(xs.nrows):
                for c, xc in enumerate(xs.row(r)):  # rows are ragged: only the cells present
                    ctype = xc.ctype
                    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    try:
                        xf = book.xf_list[xc.xf_index]
                        fmt = book.format_map[xf.format_key].format_str or "General"
                    except (IndexError, KeyError, TypeError):
                        fmt = "General"
                    if ctype == xlrd.XL_CELL_TEXT:
                        cell = Cell(xc.value, "s", None, fmt)
                    elif ctype == xlrd.XL_CELL_NUMBER:
                        v = xc.value
                        cell = Cell(int(v) if float(v).is_integer() else v, "n", None, fmt)
                    elif ctype == xlrd.XL_CELL_DATE:
                        try:
                            cell = Cell(xlrd.xldate.xldate_as_datetime(xc.value, book.datemode), "d", None, fmt)
                        except (ValueError, OverflowError):
                            cell = Cell(xc.value, "n", None, fmt)
                    elif ctype == xlrd.XL_CELL_BOOLEAN:
                        cell = Cell(bool(xc.value), "b", None, fmt)
                    elif ctype == xlrd.XL_CELL_ERROR:
                        cell = Cell(xlrd.error_text_from_code.get(xc.value, "#N/A"), "e", None, fmt)
                    else:
                        continue
                    sheet.set(r + 1, c + 1, cell)
            sheet.hidden_rows = {r + 1 for r, info in xs.rowinfo_map.items() if info.hidden}
            for rlo, rhi, clo, chi in xs.merged_cells:
                sheet.merges.append((rlo + 1, clo + 1, rhi, chi))
            sheets.append(sheet)
    finally:
        book.release_resources()
    wb = Workbook(path, sheets, "xlrd")
    wb.notes.append("xls: formula text is not kept in .xls files read by xlrd; cached values only")
    return wb
