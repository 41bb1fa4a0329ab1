"""OpenDocument spreadsheets (.ods): one streaming pass over content.xml."""

from __future__ import annotations

import datetime as _dt
import os
import zipfile

from xl_renja.model import ERROR_VALUES, Cell, Sheet, Workbook
from xl_renja.readers.common import corrupt

_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODS_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_ODS_MAX_REPEAT = 1000


def read_ods(path: str) -> Workbook:
    """OpenDocument spreadsheet: one streaming pass over content.xml (values, errors, formulas, merges).

    python-calamine reads .ods values but turns error cells into empty strings and drops
    formulas, so the few elements needed are read directly (OpenDocument 1.2, part 1, 9.1).
    """
    from xml.etree import ElementTree as ET

    name = os.path.basename(path)
    T, O, X, C = _ODS_TABLE, _ODS_OFFICE, _ODS_TEXT, _ODS_CALCEXT
    cell_tags = (f"{T}table-cell", f"{T}covered-table-cell")
    sheets: list[Sheet] = []
    try:
        with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
            sheet: Sheet | None = None
            row_num, col_num, row_repeat = 0, 0, 1
            pending: list[tuple[int, Cell]] = []
            for event, el in ET.iterparse(fh, events=("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == f"{T}table":
                        sheet = Sheet(el.get(f"{T}name") or f"Sheet{len(sheets) + 1}")
                        row_num = 0
                    elif tag == f"{T}table-row":
                        row_repeat = int(el.get(f"{T}number-rows-repeated", "1"))
                        col_num, pending = 0, []
                        if sheet is not None and el.get(f"{T}visibility") in ("collapse", "filter") \
                                and row_repeat <= _ODS_MAX_REPEAT:
                            sheet.hidden_rows.update(range(row_num + 1, row_num + 1 + row_repeat))
                    continue
                if tag in cell_tags and sheet is not None:
                    repeat = int(el.get(f"{T}number-columns-repeated", "1"))
                    cell = _ods_cell(el, O, T, X, C) if tag == cell_tags[0] else None
                    if cell is not None and repeat <= _ODS_MAX_REPEAT:
                        for i in range(repeat):
                            pending.append((col_num + 1 + i, cell))
                        spans_c = int(el.get(f"{T}number-columns-spanned", "1"))
                        spans_r = int(el.get(f"{T}number-rows-spanned", "1"))
                        if spans_c > 1 or spans_r > 1:
                            sheet.merges.append((row_num + 1, col_num + 1, row_num + spans_r, col_num + spans_c))
                    col_num += repeat
                    el.clear()
                elif tag == f"{T}table-row" and sheet is not None:
                    if pending and row_repeat <= _ODS_MAX_REPEAT:
                        for i in range(row_repeat):
                            for c, cell in pending:
                                sheet.set(row_num + 1 + i, c, cell)
                    row_num += row_repeat
                    el.clear()
                elif tag == f"{T}table" and sheet is not None:
                    sheets.append(sheet)
                    sheet = None
                    el.clear()
    except (KeyError, zipfile.BadZipFile, ET.ParseError, ValueError, OSError) as exc:
        raise corrupt(name, exc) from None
    wb = Workbook(path, sheets, "ods")
    wb.notes.append("ods: number formats are not read (percent cells are)")
    return wb


def _ods_cell(el, O, T, X, C) -> Cell | None:
    vtype = el.get(f"{O}value-type")
    formula = el.get(f"{T}formula")
    if formula:
        formula = "=" + formula.split(":", 1)[1].lstrip("=") if formula[:3] in ("of:", "oooc") else formula
    text = "\n".join("".join(p.itertext()) for p in el.iter(f"{X}p"))
    if el.get(f"{C}value-type") == "error" or (text in ERROR_VALUES and vtype in (None, "string", "float")):
        return Cell(text or "#N/A", "e", formula)
    if vtype in ("float", "percentage", "currency"):
        raw = el.get(f"{O}value", "0")
        num = float(raw)
        value = int(num) if num.is_integer() and "." not in raw and "e" not in raw.lower() else num
        fmt = "0%" if vtype == "percentage" else "#,##0" if vtype == "currency" else "General"
        return Cell(value, "n", formula, fmt)
    if vtype == "boolean":
        return Cell(el.get(f"{O}boolean-value") == "true", "b", formula)
    if vtype in ("date", "time"):
        raw = el.get(f"{O}date-value") or ""
        try:
            return Cell(_dt.datetime.fromisoformat(raw), "d", formula)
        except ValueError:
            return Cell(raw or text, "s", formula)
    if text or formula:
        return Cell(text, "s", formula)
    return None
