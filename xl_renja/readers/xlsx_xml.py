"""The streaming .xlsx/.xlsm reader: one pass over each sheet's XML with ElementTree (ECMA-376 part 1, 18.3)."""

from __future__ import annotations

import datetime as _dt
import os
import zipfile
from typing import Any

from xl_renja.model import Cell, Sheet, Workbook, parse_ref
from xl_renja.readers.common import (
    cell_formats,
    corrupt,
    excel_serial_to_datetime,
    is_date_format,
    namespace,
    stale_values,
    translate_formula,
)

def read_xlsx_xml(path: str, sheets_meta: list[tuple[str, str | None]]) -> Workbook:
    from xml.etree import ElementTree as ET

    name = os.path.basename(path)
    try:
        with zipfile.ZipFile(path) as zf:
            strings = _shared_strings(zf, ET)
            formats = cell_formats(zf, ET)
            stale = stale_values(zf)
            members = set(zf.namelist())
            sheets = []
            for sheet_name, target in sheets_meta:
                if target is None or target not in members:
                    sheets.append(Sheet(sheet_name))  # chartsheet or missing part
                    continue
                with zf.open(target) as fh:
                    sheets.append(_parse_sheet(sheet_name, fh, strings, formats, ET))
    except (zipfile.BadZipFile, ET.ParseError, KeyError, ValueError, EOFError, OSError) as exc:
        raise corrupt(name, exc) from None
    return Workbook(path, sheets, "xml", stale_values=stale)



def _shared_strings(zf: zipfile.ZipFile, ET) -> list[str]:
    try:
        fh = zf.open("xl/sharedStrings.xml")
    except KeyError:
        return []
    out: list[str] = []
    with fh:
        events = ET.iterparse(fh, events=("start", "end"))
        _event, root = next(events)
        ns = namespace(root.tag)  # transitional or strict, whatever prefix the file uses
        t_tag, si_tag, rph_tag = f"{ns}t", f"{ns}si", f"{ns}rPh"
        for event, el in events:
            if event == "end" and el.tag == si_tag:
                out.append(_string_item(el, t_tag, rph_tag))
                el.clear()
    return out


def _string_item(el, t_tag: str, rph_tag: str) -> str:
    """The text of an <si> or <is>: its <t>, or its rich-text runs <r><rPr/><t/></r> joined;
    phonetic runs (<rPh>) are not part of the text."""
    parts = []
    for child in el:
        if child.tag == t_tag:
            parts.append(child.text or "")
        elif child.tag != rph_tag:
            for t in child.iter(t_tag):
                parts.append(t.text or "")
    return "".join(parts)


def _parse_sheet(sheet_name: str, fh, strings: list[str], formats: list[str], ET) -> Sheet:
    sheet = Sheet(sheet_name)
    events = ET.iterparse(fh, events=("start", "end"))
    _event, root = next(events)
    ns = namespace(root.tag)  # transitional or strict, whatever prefix the file uses
    c_tag, v_tag, f_tag, is_tag = (f"{ns}{t}" for t in ("c", "v", "f", "is"))
    t_tag, row_tag, merge_tag, rph_tag = f"{ns}t", f"{ns}row", f"{ns}mergeCell", f"{ns}rPh"
    shared_formulas: dict[str, tuple[str, int, int]] = {}  # si -> (master text, row, col)
    date_cache: dict[str, bool] = {}
    row_num, col_num = 0, 0
    rows = sheet.rows
    max_col = 0
    for event, el in events:
        tag = el.tag
        if event == "start":
            if tag == row_tag:
                r = el.get("r")
                row_num = int(r) if r else row_num + 1
                col_num = 0
                if el.get("hidden") in ("1", "true"):
                    sheet.hidden_rows.add(row_num)
            continue
        if tag == c_tag:
            ref = el.get("r")
            if ref:
                i = 0
                while ref[i] > "9":
                    i += 1
                col = 0
                for ch in ref[:i]:
                    col = col * 26 + ord(ch) - 64
                col_num = col
            else:
                col_num += 1
            t = el.get("t", "n")
            s = el.get("s")
            fmt = formats[int(s)] if s is not None and int(s) < len(formats) else "General"
            v = el.find(v_tag)
            text = v.text if v is not None else None
            f = el.find(f_tag)
            formula = None
            if f is not None:
                ftext = f.text
                si = f.get("si")
                if f.get("t") == "shared" and si is not None:
                    if ftext:
                        shared_formulas[si] = (ftext, row_num, col_num)
                    elif si in shared_formulas:
                        master, r0, c0 = shared_formulas[si]
                        ftext = translate_formula(master, row_num - r0, col_num - c0)
                formula = "=" + ftext if ftext else None
            value: Any = None
            kind = "n"
            if t == "s":
                if text is not None:
                    value, kind = strings[int(text)], "s"
            elif t == "str":
                value, kind = text if text is not None else "", "s"
            elif t == "inlineStr":
                node = el.find(is_tag)
                value = _string_item(node, t_tag, rph_tag) if node is not None else ""
                kind = "s"
            elif t == "b":
                if text is not None:
                    value, kind = text == "1", "b"
            elif t == "e":
                if text is not None:
                    value, kind = text, "e"
            elif t == "d":
                if text is not None:
                    value, kind = _dt.datetime.fromisoformat(text), "d"
            elif text is not None:
                num = float(text)
                if num.is_integer() and "E" not in text and "." not in text:
                    num = int(text)
                isdate = date_cache.get(fmt)
                if isdate is None:
                    isdate = date_cache[fmt] = is_date_format(fmt)
                if isdate:
                    try:
                        value, kind = excel_serial_to_datetime(num), "d"
                    except OverflowError:
                        value = num
                else:
                    value = num
            if value is not None or formula is not None:
                if value is None:
                    kind = "s"
                    value = ""
                row = rows.get(row_num)
                if row is None:
                    row = rows[row_num] = {}
                row[col_num] = Cell(value, kind, formula, fmt)
                if col_num > max_col:
                    max_col = col_num
            el.clear()
        elif tag == row_tag:
            el.clear()
        elif tag == merge_tag:
            ref = el.get("ref", "")
            if ":" in ref:
                a, b = ref.split(":")
                r1, c1 = parse_ref(a)
                r2, c2 = parse_ref(b)
                sheet.merges.append((r1, c1, r2, c2))
    sheet.max_row = max(rows) if rows else 0
    sheet.max_col = max_col
    return sheet
