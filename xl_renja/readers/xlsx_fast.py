"""The fast .xlsx/.xlsm reader: python-calamine for the values, targeted scans for the rest.

python-calamine (Rust) reads every cached value of a sheet in a fraction of the time any Python
parser needs, but it turns error cells (``#REF!``) into empty strings and drops formulas and
number formats. Those are rare or few, so they are found with regular expressions over the raw
sheet XML (``t="e"`` cells, ``<f>`` elements, cells whose style has a number format other than
General), which the ``re`` module scans in C without building a tree.

The scans assume the spelling every common writer uses (Excel, LibreOffice, openpyxl, XlsxWriter,
PhpSpreadsheet): unprefixed elements, cell tags that start ``<c r="A1"`` and carry ``s`` before
``t`` in double quotes. OOXML allows many other spellings of the same cells (a namespace prefix,
any attribute order, single quotes, whitespace inside tags, cells without ``r``); :func:`_plain`
checks each sheet cheaply (the namespace declarations, every cell tag's start, and the full
spelling of the cell tags in the sheet's first 64 KB) and a sheet spelled otherwise takes its
formats, formulas, errors and merges from one ElementTree pass instead (values still come from
calamine). The result is the same :class:`~xl_renja.model.Workbook` as the other readers; tests
compare it with the openpyxl reference on every bundled workbook, rewritten in every spelling.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import re
import zipfile

from xl_renja.model import Cell, Sheet, Workbook, parse_ref
from xl_renja.readers.common import (
    cell_formats,
    excel_serial_to_datetime,
    is_date_format,
    stale_values,
    translate_formula,
)

#: A prefix bound to the main namespace (transitional or strict): elements may be spelled <x:c>.
_MAIN_PREFIX = re.compile(
    rb"xmlns:[\w.-]+\s*=\s*[\"']http://(?:schemas\.openxmlformats\.org/spreadsheetml/2006/main"
    rb"|purl\.oclc\.org/ooxml/spreadsheetml/main)[\"']")
#: The rest of a cell tag after ``r="A1"`` in the plain spelling.
_PLAIN_TAIL = rb'(?: t="\w+")?(?: ?/?>| (?:cm|vm|ph)="\d+")'
#: A cell tag not in the plain spelling (checked on the first 64 KB of <sheetData>).
_UNPLAIN_CELL = re.compile(rb'<c\b(?! r="[A-Z]+\d+"(?: s="\d+")?' + _PLAIN_TAIL + rb")")
_SAMPLE = 65536
#: A cell tag that does not start <c r=" (checked on the whole sheet, in the style scan).
_CELL_WITHOUT_R = re.compile(rb'<c(?=[\s/>])(?! r=")')
_MERGE = re.compile(rb"<(?:[\w.-]+:)?mergeCell\b([^>]*)>")
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_REF = re.compile(rb'<c r="([A-Z]+\d+)"([^>]*?)(/?)>')
_FORMULA = re.compile(rb"<f\b([^>]*?)(/>|>(.*?)</f>)", re.S)
_VALUE = re.compile(rb"<v\b[^>]*?(?:/>|>(.*?)</v>)", re.S)
_CDATA = re.compile(rb"<!\[CDATA\[(.*?)\]\]>", re.S)

#: calamine returns a dense grid from A1 to the last used cell; one stray value in XFD1048576 would
#: make it billions of cells. Past this size the streaming XML reader (present cells only) reads.
MAX_GRID_CELLS = 20_000_000


class SparseSheet(Exception):
    """A sheet whose used range is too large for a dense grid."""


_DIMENSION = re.compile(rb'<(?:[\w.-]+:)?dimension\s+ref\s*=\s*["\'][A-Z]*\d*:?([A-Z]+)(\d+)["\']')
_LAST_ROW = re.compile(rb'<row\s+r="(\d+)"')
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\bhidden\s*=\s*["\'](?:1|true)["\'][^>]*>')
_ROW_NUMBER = re.compile(rb'\br\s*=\s*["\'](\d+)["\']')
_WIDE_COL = re.compile(rb'<c\s+r="([A-Z]{2,3})\d')


def _grid_area(data: bytes) -> int:
    """Rows x columns of the dense grid calamine would build for this (plain) sheet XML."""
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


def _sheet_data(data: bytes) -> tuple[int, int] | None:
    """Byte offsets (start, end) of the cells: the inside of the unprefixed <sheetData>."""
    a = data.find(b"<sheetData")
    if a < 0:
        return None
    a = data.find(b">", a) + 1
    if data[a - 2:a] == b"/>":
        return a, a
    b = data.find(b"</sheetData>", a)
    return (a, b) if b >= 0 else None


def _plain(data: bytes, region: tuple[int, int] | None) -> bool:
    """True when this sheet XML is spelled as the scans expect (see the module docstring)."""
    if region is None:
        return False
    a, b = region
    if _MAIN_PREFIX.search(data, 0, a) or data.find(b"xmlns", a, b) >= 0:
        return False
    end = data.find(b"<c ", a + _SAMPLE, b) if b - a > _SAMPLE else b  # whole tags only
    return _UNPLAIN_CELL.search(data, a, b if end < 0 else end) is None


def _xml_text(raw: bytes) -> str:
    """Element text from the raw bytes between its tags: CDATA sections and character references."""
    if b"<![CDATA[" in raw:
        parts, pos = [], 0
        for m in _CDATA.finditer(raw):
            parts.append(html.unescape(raw[pos:m.start()].decode("utf-8")))
            parts.append(m.group(1).decode("utf-8"))
            pos = m.end()
        parts.append(html.unescape(raw[pos:].decode("utf-8")))
        return "".join(parts)
    return html.unescape(raw.decode("utf-8"))


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    """The attributes of a tag, in either quotes (values still escaped)."""
    return {k: dq or sq for k, dq, sq in _ATTR.findall(raw)}


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


class _NoStrings:
    """Shared strings for an ElementTree pass that only wants formats, formulas and errors."""

    def __getitem__(self, index) -> str:
        return ""


def read_fast(path: str, sheets_meta: list[tuple[str, str | None]]) -> Workbook:
    """Read ``path`` (already known to be an .xlsx/.xlsm zip) with calamine plus XML scans."""
    from xml.etree import ElementTree as ET

    from python_calamine import CalamineWorkbook

    cwb = CalamineWorkbook.from_path(path)
    intern: dict[str, Cell] = {}  # one Cell per repeated short text ("Dana Perimbangan", "Dokumen")
    with zipfile.ZipFile(path) as zf:
        formats = cell_formats(zf, ET)
        stale = stale_values(zf)
        names = set(zf.namelist())
        sheets = []
        for sheet_name, target in sheets_meta:
            if target is None or target not in names:
                sheets.append(Sheet(sheet_name))
                continue
            data = zf.read(target)
            region = _sheet_data(data)
            if _plain(data, region):
                tree_sheet = None
                area = _grid_area(data)
            else:  # another spelling: one ElementTree pass gives what the scans would
                from xl_renja.readers.xlsx_xml import _parse_sheet

                tree_sheet = _parse_sheet(sheet_name, io.BytesIO(data), _NoStrings(), formats, ET)
                area = tree_sheet.max_row * tree_sheet.max_col
            if area > MAX_GRID_CELLS:
                raise SparseSheet(sheet_name)  # before calamine allocates it
            try:
                grid = cwb.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            except Exception:
                if region is not None or tree_sheet is not None and tree_sheet.rows:
                    raise  # a worksheet calamine cannot read: the XML reader reads the file
                grid = []  # a chartsheet or dialog sheet: no cells
            sheets.append(_build_sheet(sheet_name, grid, data, region, formats, intern, tree_sheet))
    return Workbook(path, sheets, "fast", stale_values=stale)


def _build_sheet(name: str, grid, data: bytes, region, formats: list[str], intern: dict,
                 tree_sheet: Sheet | None) -> Sheet:
    sheet = Sheet(name)
    rows = sheet.rows
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
    if tree_sheet is None:
        _overlay_formulas_and_errors(sheet, data, region)  # only from cells with r= (see below)
        if not _overlay_formats(sheet, data, region, formats):
            # a cell tag past the checked sample has no r=: the tree pass decides the whole sheet
            from xml.etree import ElementTree as ET

            from xl_renja.readers.xlsx_xml import _parse_sheet

            tree_sheet = _parse_sheet(name, io.BytesIO(data), _NoStrings(), formats, ET)
    if tree_sheet is None:
        if b"hidden" in data:  # rows hidden by the user (plain spelling: every <row> has r=)
            for m in _HIDDEN_ROW.finditer(data, region[0], region[1]):
                num = _ROW_NUMBER.search(m.group(0))
                if num:
                    sheet.hidden_rows.add(int(num.group(1)))
        for raw in _MERGE.findall(data, region[1]):
            ref = _attrs(raw).get(b"ref", b"")
            if b":" in ref:
                a, b = ref.split(b":", 1)
                r1, c1 = parse_ref(a.decode())
                r2, c2 = parse_ref(b.decode())
                sheet.merges.append((r1, c1, r2, c2))
    else:
        _overlay_tree(sheet, tree_sheet)
    sheet.max_row = max(rows) if rows else 0
    sheet.max_col = max((max(r) for r in rows.values() if r), default=0)
    return sheet


def _overlay_tree(sheet: Sheet, tree_sheet: Sheet) -> None:
    """Formats, formulas, error cells and merges from an ElementTree pass over the same sheet."""
    rows = sheet.rows
    for r, c, t in tree_sheet.iter_cells():
        if t.kind != "e" and t.formula is None and t.number_format == "General":
            continue
        row = rows.get(r)
        old = row.get(c) if row else None
        if t.kind == "e":
            new = Cell(t.value, "e", t.formula, t.number_format)
        elif old is not None and t.kind == "d" and old.kind == "n":
            new = _as_date(Cell(old.value, old.kind, t.formula), t.number_format)
        elif old is not None:
            new = Cell(old.value, old.kind, t.formula, t.number_format)
        elif t.formula is not None:
            new = Cell("", "s", t.formula, t.number_format)
        else:
            continue
        if row is None:
            row = rows[r] = {}
        row[c] = new
    sheet.merges.extend(tree_sheet.merges)
    sheet.hidden_rows |= tree_sheet.hidden_rows


def _replace(sheet: Sheet, r: int, c: int, **changes) -> Cell | None:
    row = sheet.rows.get(r)
    old = row.get(c) if row else None
    if old is None:
        return None
    new = Cell(changes.get("value", old.value), changes.get("kind", old.kind),
               changes.get("formula", old.formula), changes.get("number_format", old.number_format))
    row[c] = new
    return new


def _overlay_formats(sheet: Sheet, data: bytes, region: tuple[int, int], formats: list[str]) -> bool:
    """Number formats of the cells whose style has one, in the same scan as the last check of the
    spelling: False (and the sheet needs the tree pass) when some cell tag does not start <c r=".
    """
    styled = [str(i).encode() for i, f in enumerate(formats) if f != "General"]
    if not styled:
        return _CELL_WITHOUT_R.search(data, *region) is None
    # r then s, as Excel, LibreOffice and openpyxl write it (_plain checked the spelling)
    pattern = re.compile(rb'<c(?: r="([A-Z]+)(\d+)" s="(' + b"|".join(styled) + rb')"|(?=[\s/>])(?! r="))')
    rows = sheet.rows
    dates = {str(i).encode() for i, f in enumerate(formats) if f != "General" and is_date_format(f)}
    for col_b, row_b, s in pattern.findall(data, *region):
        if not col_b:
            return False
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
        if s in dates and old.kind == "n":
            row[col] = _as_date(old, formats[int(s)])
        else:
            row[col] = Cell(old.value, old.kind, old.formula, formats[int(s)])
    return True


def _as_date(old: Cell, fmt: str) -> Cell:
    """A number calamine did not see as a date (it missed the style's date format): as the other
    readers give it."""
    try:
        return Cell(excel_serial_to_datetime(old.value), "d", old.formula, fmt)
    except OverflowError:
        return Cell(old.value, old.kind, old.formula, fmt)


def _overlay_formulas_and_errors(sheet: Sheet, data: bytes, region: tuple[int, int]) -> None:
    a, b = region
    shared: dict[bytes, tuple[str, int, int]] = {}  # si -> (master text, row, col)
    if data.find(b"<f", a, b) >= 0:
        for m in _FORMULA.finditer(data, a, b):
            start = data.rfind(b"<c ", a, m.start())
            cm = _CELL_REF.match(data, start) if start >= 0 else None
            if cm is None or cm.group(3):
                continue
            r, c = parse_ref(cm.group(1).decode())
            attrs = _attrs(m.group(1))
            text = _xml_text(m.group(3)) if m.group(3) else None
            si = attrs.get(b"si")
            if attrs.get(b"t") == b"shared" and si is not None:
                if text:
                    shared[si] = (text, r, c)
                    formula = text
                elif si in shared:
                    master, r0, c0 = shared[si]
                    formula = translate_formula(master, r - r0, c - c0)
                else:
                    formula = None
            else:
                formula = text
            if not formula:
                continue
            formula = "=" + formula
            if _replace(sheet, r, c, formula=formula) is None:
                sheet.set(r, c, Cell("", "s", formula))
    pos = data.find(b't="e"', a, b)
    while pos >= 0:
        start = data.rfind(b"<c ", a, pos)
        m = _CELL_REF.match(data, start) if start >= 0 else None
        hit, pos = pos, data.find(b't="e"', pos + 5, b)
        if m is None or m.end() <= hit or m.group(3):  # not in a cell tag, or <c r="A1" t="e"/>
            continue
        end = data.find(b"</c>", m.end(), b)
        v = _VALUE.search(data, m.end(), end)
        if v is None or v.group(1) is None:
            continue
        r, c = parse_ref(m.group(1).decode())
        value = _xml_text(v.group(1))
        if _replace(sheet, r, c, value=value, kind="e") is None:
            sheet.set(r, c, Cell(value, "e"))
