"""The fast .xlsx/.xlsm reader: python-calamine for the values, targeted scans for the rest.

python-calamine (Rust) reads every cached value of a sheet in a fraction of the time any Python
parser needs, but it turns error cells (``#REF!``) into empty strings and drops formulas and
number formats. Those are rare or few, so they are found with regular expressions over the raw
sheet XML (``t="e"`` cells, ``<f>`` elements, cells whose style has a number format other than
General), which the ``re`` module scans in C without building a tree. The result is the same
:class:`~xl_renja.model.Workbook` as the other readers; a test compares it with the openpyxl
reference on every bundled workbook.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
import zipfile

from xl_renja.model import Cell, Sheet, Workbook, parse_ref
from xl_renja.readers.common import BUILTIN_FORMATS

_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]+\d+):([A-Z]+\d+)"')
_ERROR_CELL = re.compile(rb'<c\s+r="([A-Z]+\d+)"[^>]*?\bt="e"[^>]*>(.*?)</c>', re.S)
_FORMULA = re.compile(rb"<f\b([^>]*?)(/>|>(.*?)</f>)", re.S)
_CELL_START = re.compile(rb'<c\s+r="([A-Z]+\d+)"([^>]*?)(/?)>')
_VALUE = re.compile(rb"<v>(.*?)</v>", re.S)
_ATTR = re.compile(rb'\b([a-z]+)="([^"]*)"')
_NUMFMT = re.compile(rb'<numFmt\s+numFmtId="(\d+)"\s+formatCode="([^"]*)"')
_CELLXFS = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.S)
_XF = re.compile(rb"<xf\b([^>]*?)(?:/>|>)")

#: calamine returns a dense grid from A1 to the last used cell; one stray value in XFD1048576 would
#: make it billions of cells. Past this size the streaming XML reader (present cells only) reads.
MAX_GRID_CELLS = 20_000_000


class SparseSheet(Exception):
    """A sheet whose used range is too large for a dense grid."""


_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')
_LAST_ROW = re.compile(rb'<row\s+r="(\d+)"')
_WIDE_COL = re.compile(rb'<c\s+r="([A-Z]{2,3})\d')


def _grid_area(data: bytes) -> int:
    """Rows x columns of the dense grid calamine would build for this sheet XML."""
    m = _DIMENSION.search(data, 0, 4096)
    if m:
        dim = parse_ref((m.group(1) + m.group(2)).decode())
    else:
        dim = (0, 0)
    last = data.rfind(b"<row ")
    rows = int(_LAST_ROW.match(data, last).group(1)) if last >= 0 and _LAST_ROW.match(data, last) else 0
    cols = 26
    wide = {c for c in _WIDE_COL.findall(data)} if not m else set()
    if wide:
        cols = max(parse_ref(c.decode() + "1")[1] for c in wide)
    return max(dim[0], rows) * max(dim[1], cols)


def _styles(zf: zipfile.ZipFile) -> list[str]:
    try:
        data = zf.read("xl/styles.xml")
    except KeyError:
        return ["General"]
    custom = {int(i): html.unescape(code.decode("utf-8")) for i, code in _NUMFMT.findall(data)}
    m = _CELLXFS.search(data)
    out = []
    if m:
        for attrs in _XF.findall(m.group(1)):
            fid = re.search(rb'numFmtId="(\d+)"', attrs)
            n = int(fid.group(1)) if fid else 0
            out.append(custom.get(n) or BUILTIN_FORMATS.get(n, "General"))
    return out or ["General"]


def _cell_value(v):
    """(value, kind) from a calamine value."""
    t = type(v)
    if t is str:
        return v, "s"
    if t is float:
        return (int(v) if v.is_integer() and abs(v) < 1e15 else v), "n"
    if t is int:
        return v, "n"
    if t is bool:
        return v, "b"
    if t is _dt.datetime:
        return v, "d"
    if t is _dt.date:
        return _dt.datetime.combine(v, _dt.time()), "d"
    if t is _dt.time:
        return v, "d"
    if t is _dt.timedelta:
        return v.total_seconds() / 86400, "n"
    return str(v), "s"


def read_fast(path: str, sheets_meta: list[tuple[str, str | None]]) -> Workbook:
    """Read ``path`` (already known to be an .xlsx/.xlsm zip) with calamine plus XML scans."""
    from python_calamine import CalamineWorkbook

    cwb = CalamineWorkbook.from_path(path)
    intern: dict[str, Cell] = {}  # one Cell per repeated short text ("Dana Perimbangan", "Dokumen")
    with zipfile.ZipFile(path) as zf:
        formats = _styles(zf)
        names = set(zf.namelist())
        sheets = []
        for sheet_name, target in sheets_meta:
            if target is None or target not in names:
                sheets.append(Sheet(sheet_name))
                continue
            data = zf.read(target)
            if _grid_area(data) > MAX_GRID_CELLS:
                raise SparseSheet(sheet_name)  # before calamine allocates it
            try:
                grid = cwb.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            except Exception:  # a chartsheet or dialog sheet: no cells
                grid = []
            sheets.append(_build_sheet(sheet_name, grid, data, formats, intern))
    return Workbook(path, sheets, "fast")


def _build_sheet(name: str, grid, data: bytes, formats: list[str], intern: dict) -> Sheet:
    sheet = Sheet(name)
    rows = sheet.rows
    max_col = 0
    for r, values in enumerate(grid, start=1):
        row = None
        for c, v in enumerate(values, start=1):
            if v == "" or v is None:
                continue
            value, kind = _cell_value(v)
            if kind == "s" and len(value) < 64:
                key = value
                cell = intern.get(key)
                if cell is None:
                    cell = intern[key] = Cell(value, "s")
            else:
                cell = Cell(value, kind)
            if row is None:
                row = rows[r] = {}
            row[c] = cell
            if c > max_col:
                max_col = c
    _overlay_formulas_and_errors(sheet, data)
    _overlay_formats(sheet, data, formats)
    for a, b in _MERGE.findall(data):
        r1, c1 = parse_ref(a.decode())
        r2, c2 = parse_ref(b.decode())
        sheet.merges.append((r1, c1, r2, c2))
    sheet.max_row = max(rows) if rows else 0
    sheet.max_col = max((max(r) for r in rows.values() if r), default=0)
    return sheet


def _replace(sheet: Sheet, r: int, c: int, **changes) -> Cell | None:
    row = sheet.rows.get(r)
    old = row.get(c) if row else None
    if old is None:
        return None
    new = Cell(changes.get("value", old.value), changes.get("kind", old.kind),
               changes.get("formula", old.formula), changes.get("number_format", old.number_format))
    row[c] = new
    return new


def _overlay_formats(sheet: Sheet, data: bytes, formats: list[str]) -> None:
    styled = [str(i).encode() for i, f in enumerate(formats) if f != "General"]
    if not styled:
        return
    ids = b"|".join(styled)
    if b'<c s="' in data or b"<c t=" in data:  # attributes in an unusual order: look ahead
        pattern = re.compile(rb'<c\s+r="([A-Z]+)(\d+)"(?=[^>]*?\bs="(' + ids + rb')")')
    else:  # r then s, as Excel, LibreOffice and openpyxl write it: a plain, faster pattern
        pattern = re.compile(rb'<c r="([A-Z]+)(\d+)" s="(' + ids + rb')"')
    rows = sheet.rows
    for col_b, row_b, s in pattern.findall(data):
        r = int(row_b)
        row = rows.get(r)
        if not row:
            continue
        col = 0
        for ch in col_b:
            col = col * 26 + ch - 64
        old = row.get(col)
        if old is None:
            continue
        row[col] = Cell(old.value, old.kind, old.formula, formats[int(s)])


def _overlay_formulas_and_errors(sheet: Sheet, data: bytes) -> None:
    if b"<f" not in data and b't="e"' not in data:
        return
    shared: dict[bytes, str] = {}
    for m in _FORMULA.finditer(data):
        start = data.rfind(b"<c ", 0, m.start())
        if start < 0:
            continue
        cm = _CELL_START.match(data, start)
        if cm is None:
            continue
        r, c = parse_ref(cm.group(1).decode())
        attrs = dict(_ATTR.findall(m.group(1)))
        text = m.group(3)
        si = attrs.get(b"si")
        if attrs.get(b"t") == b"shared" and si is not None:
            if text:
                shared[si] = html.unescape(text.decode("utf-8"))
                formula = shared[si]
            else:
                formula = shared.get(si)
        else:
            formula = html.unescape(text.decode("utf-8")) if text else None
        if not formula:
            continue
        formula = "=" + formula
        if _replace(sheet, r, c, formula=formula) is None:
            sheet.set(r, c, Cell("", "s", formula))
    pos = data.find(b't="e"')
    while pos >= 0:
        start = data.rfind(b"<c ", 0, pos)
        m = _ERROR_CELL.match(data, start) if start >= 0 else None
        pos = data.find(b't="e"', pos + 5)
        if m is None:
            continue
        v = _VALUE.search(m.group(2))
        if v is None:
            continue
        r, c = parse_ref(m.group(1).decode())
        value = html.unescape(v.group(1).decode("utf-8"))
        if _replace(sheet, r, c, value=value, kind="e") is None:
            sheet.set(r, c, Cell(value, "e"))

