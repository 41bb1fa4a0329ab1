"""The reference .xlsx reader: openpyxl, loaded twice (cached values and formulas)."""

from __future__ import annotations

import datetime as _dt
import os

from xl_renja.model import ERROR_VALUES, Cell, Sheet, Workbook
from xl_renja.readers.common import corrupt, stale_values

def read_xlsx_openpyxl(path: str) -> Workbook:
    """Reference reader: two openpyxl loads (formulas + cached values). Slow but independent."""
    import warnings

    import openpyxl
    from openpyxl.worksheet.formula import ArrayFormula

    name = os.path.basename(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb_f = openpyxl.load_workbook(path, data_only=False)
            wb_v = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for corrupt files
        raise corrupt(name, exc) from None
    sheets = []
    for ws_f in wb_f.worksheets:
        ws_v = wb_v[ws_f.title]
        sheet = Sheet(ws_f.title)
        for row in ws_f.iter_rows():
            for c in row:
                raw = c.value
                formula = None
                if isinstance(raw, ArrayFormula):
                    formula = raw.text if raw.text.startswith("=") else "=" + raw.text
                elif c.data_type == "f" or (isinstance(raw, str) and raw.startswith("=") and c.data_type == "f"):
                    formula = raw
                value = ws_v.cell(row=c.row, column=c.column).value
                if value is None and formula is None:
                    continue
                if isinstance(value, bool):
                    kind = "b"
                elif isinstance(value, (int, float)):
                    kind = "n"
                elif isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
                    kind = "d"
                    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
                        value = _dt.datetime.combine(value, _dt.time())
                elif isinstance(value, str) and value in ERROR_VALUES and ws_v.cell(
                    row=c.row, column=c.column
                ).data_type == "e":
                    kind = "e"
                else:
                    kind = "s"
                    if value is None:
                        value = ""
                    elif not isinstance(value, str):
                        value = str(value)
                sheet.set(c.row, c.column, Cell(value, kind, formula, c.number_format or "General"))
        for rng in ws_f.merged_cells.ranges:
            sheet.merges.append((rng.min_row, rng.min_col, rng.max_row, rng.max_col))
        sheet.hidden_rows = {r for r, dim in ws_f.row_dimensions.items() if dim.hidden}
        sheets.append(sheet)
    # chartsheets have no cells but keep their place
    # from workbook.xml itself: openpyxl fills a missing <calcPr> with fullCalcOnLoad=True
    import zipfile

    with zipfile.ZipFile(path) as zf:
        stale = stale_values(zf)
    return Workbook(path, sheets, "openpyxl", stale_values=stale)


# ----------------------------------------------------------------------------- .xls and .ods
