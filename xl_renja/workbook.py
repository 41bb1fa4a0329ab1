"""Read a workbook once into sheets of cells.

Every cell keeps its cached value, its kind (number, text, bool, date, error), the formula text
where there is one, and its number format; every sheet keeps its merged ranges. Both the cached
value and the formula matter: ``#REF!`` can be a value or sit inside a formula.

Three readers produce the same model for .xlsx/.xlsm:

- ``engine="fast"`` (default): python-calamine for the values plus targeted scans of the sheet XML
  for what calamine drops (error cells, formulas, number formats, merges); see ``fastxlsx``.
- ``engine="xml"``: one streaming pass over the sheet XML with the standard library's
  C-accelerated ElementTree (ECMA-376 part 1, 18.3); the fallback when calamine refuses a file.
- ``engine="openpyxl"``: the reference path (two openpyxl loads, ``data_only`` True and False),
  used by the tests to check the other two.

Legacy .xls goes through xlrd (types, formats, merges; BIFF keeps no formula text) and .ods through
python-calamine (values only).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Iterator

__all__ = [
    "Cell",
    "Sheet",
    "Workbook",
    "WorkbookError",
    "read_workbook",
    "cell_ref",
    "col_letter",
    "ERROR_VALUES",
]

ERROR_VALUES = (
    "#REF!",
    "#DIV/0!",
    "#N/A",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
)

#: Files larger than this are refused instead of exhausting memory (bytes on disk).
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Refuse zip members that inflate past this (zip bombs).
MAX_UNCOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024


class WorkbookError(Exception):
    """A file that cannot be read as a workbook. ``message`` is one Indonesian line."""

    def __init__(self, message: str, message_en: str | None = None):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message


@dataclass(slots=True)
class Cell:
    """One non-empty cell. ``kind`` is 'n' number, 's' text, 'b' bool, 'd' date, 'e' error."""

    value: Any
    kind: str
    formula: str | None = None
    number_format: str = "General"

    @property
    def is_error(self) -> bool:
        return self.kind == "e"

    @property
    def is_blank(self) -> bool:
        v = self.value
        return v is None or (v.__class__ is str and not v.strip())


def col_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


_REF_RE = re.compile(r"([A-Z]+)(\d+)")


def parse_ref(ref: str) -> tuple[int, int]:
    m = _REF_RE.match(ref.replace("$", "").upper())
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


@dataclass
class Sheet:
    name: str
    rows: dict[int, dict[int, Cell]] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    max_row: int = 0
    max_col: int = 0
    _merge_index: dict[tuple[int, int], tuple[int, int]] | None = field(default=None, repr=False)

    def cell(self, row: int, col: int) -> Cell | None:
        r = self.rows.get(row)
        return r.get(col) if r else None

    def value(self, row: int, col: int) -> Any:
        c = self.cell(row, col)
        return None if c is None else c.value

    def set(self, row: int, col: int, cell: Cell) -> None:
        self.rows.setdefault(row, {})[col] = cell
        if row > self.max_row:
            self.max_row = row
        if col > self.max_col:
            self.max_col = col

    def merge_anchor(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding (row, col), or (row, col) itself."""
        if self._merge_index is None:
            index: dict[tuple[int, int], tuple[int, int]] = {}
            for r1, c1, r2, c2 in self.merges:
                if (r2 - r1 + 1) * (c2 - c1 + 1) > 10_000:
                    continue  # a whole-row/column merge: irrelevant for headers
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        index[(r, c)] = (r1, c1)
            self._merge_index = index
        return self._merge_index.get((row, col), (row, col))

    def merged_value(self, row: int, col: int) -> Any:
        return self.value(*self.merge_anchor(row, col))

    def iter_cells(self) -> Iterator[tuple[int, int, Cell]]:
        for r in sorted(self.rows):
            row = self.rows[r]
            for c in sorted(row):
                yield r, c, row[c]

    @property
    def is_empty(self) -> bool:
        return not any(not c.is_blank for row in self.rows.values() for c in row.values())


@dataclass
class Workbook:
    path: str
    sheets: list[Sheet]
    engine: str
    notes: list[str] = field(default_factory=list)

    def sheet(self, name: str) -> Sheet:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)


# ----------------------------------------------------------------------------- number formats

BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
    11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm",
    17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
    22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0",
    49: "@",
}

_DATE_STRIP = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def is_date_format(fmt: str) -> bool:
    """True for date/time formats: d, m, y, h or s outside quotes, brackets and escapes."""
    if not fmt or fmt == "General":
        return False
    core = _DATE_STRIP.sub("", fmt.split(";")[0]).lower()
    return any(ch in core for ch in "dmyhs")


_EPOCH = _dt.datetime(1899, 12, 30)


def excel_serial_to_datetime(serial: float) -> _dt.datetime:
    return _EPOCH + _dt.timedelta(days=float(serial))


# ----------------------------------------------------------------------------- sniffing

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff(path: str) -> str:
    """'zip', 'ole', 'encrypted' or 'text'/'unknown' from the first bytes, whatever the name says."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head.startswith(b"PK"):
            return "zip"
        if head == _OLE_MAGIC:
            fh.seek(0)
            blob = fh.read(1 << 20)
            if "EncryptedPackage".encode("utf-16-le") in blob or "EncryptionInfo".encode("utf-16-le") in blob:
                return "encrypted"
            return "ole"
    if not head:
        return "empty"
    try:
        head.decode("utf-8")
        with open(path, "rb") as fh:
            sample = fh.read(4096)
        if b"\x00" not in sample:
            return "text"
    except UnicodeDecodeError:
        pass
    return "unknown"


def read_workbook(path: str | os.PathLike, engine: str = "fast") -> Workbook:
    """Read ``path`` once. Raises :class:`WorkbookError` (one Indonesian line) for bad input."""
    path = os.fspath(path)
    name = os.path.basename(path)
    if not os.path.exists(path):
        raise WorkbookError(f"Berkas tidak ditemukan: {path}", f"File not found: {path}")
    if os.path.isdir(path):
        raise WorkbookError(f"{name} adalah folder, bukan berkas workbook.", f"{name} is a folder.")
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        raise WorkbookError(
            f"{name} terlalu besar ({size // (1024 * 1024)} MB; batas {MAX_FILE_BYTES // (1024 * 1024)} MB).",
            f"{name} is too large ({size // (1024 * 1024)} MB).",
        )
    kind = _sniff(path)
    ext = os.path.splitext(name)[1].lower()
    if kind == "empty":
        raise WorkbookError(f"{name} kosong (0 bita), bukan workbook Excel.", f"{name} is empty (0 bytes).")
    if kind == "encrypted":
        raise WorkbookError(
            f"{name} dilindungi kata sandi (terenkripsi); buka di Excel, hapus kata sandinya, lalu simpan ulang.",
            f"{name} is password-protected (encrypted); remove the password in Excel and save again.",
        )
    if kind == "text":
        raise WorkbookError(
            f"{name} berisi teks (CSV/TXT), bukan workbook Excel; buka di Excel lalu simpan sebagai .xlsx.",
            f"{name} is a text (CSV/TXT) file, not an Excel workbook; save it as .xlsx.",
        )
    if kind == "ole":
        return _read_xls(path)
    if kind == "zip":
        sheets_meta = _open_package(path, name)
        if sheets_meta is None:
            return _read_ods(path)
        if engine == "openpyxl":
            return _read_xlsx_openpyxl(path)
        if engine == "xml":
            return _read_xlsx_xml(path, sheets_meta)
        try:
            from xl_renja.fastxlsx import read_fast

            return read_fast(path, sheets_meta)
        except Exception:  # calamine refuses some hand-made files; the XML reader still reads them
            return _read_xlsx_xml(path, sheets_meta)
    raise WorkbookError(
        f"{name} bukan workbook Excel yang dikenali (rusak atau format lain){'' if not ext else f'; ekstensi {ext}'}.",
        f"{name} is not a recognised Excel workbook (corrupt or another format).",
    )


def _open_package(path: str, name: str) -> list[tuple[str, str | None]] | None:
    """Check a zip package once: None for an .ods, else the .xlsx sheets (name, part) in order.
    Refuses zips that are not workbooks and zip bombs."""
    from xml.etree import ElementTree as ET

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "content.xml" in names and "mimetype" in names:
                return None
            if "xl/workbook.xml" not in names:
                raise WorkbookError(
                    f"{name} adalah arsip ZIP tetapi bukan workbook Excel (.xlsx/.xlsm).",
                    f"{name} is a ZIP archive but not an Excel workbook.",
                )
            total = sum(i.file_size for i in zf.infolist())
            if total > MAX_UNCOMPRESSED_BYTES:
                raise WorkbookError(
                    f"{name} terlalu besar setelah diekstrak ({total // (1024 * 1024)} MB).",
                    f"{name} is too large once uncompressed.",
                )
            return _workbook_sheets(zf, ET)
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, ET.ParseError, KeyError, ValueError, EOFError, OSError) as exc:
        raise _corrupt(name, exc) from None


def _corrupt(name: str, exc: Exception) -> WorkbookError:
    return WorkbookError(
        f"{name} rusak dan tidak dapat dibaca ({type(exc).__name__}).",
        f"{name} is corrupt and cannot be read ({type(exc).__name__}).",
    )


# ----------------------------------------------------------------------------- .xlsx fast path

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _read_xlsx_xml(path: str, sheets_meta: list[tuple[str, str | None]]) -> Workbook:
    from xml.etree import ElementTree as ET

    name = os.path.basename(path)
    try:
        with zipfile.ZipFile(path) as zf:
            strings = _shared_strings(zf, ET)
            formats = _cell_formats(zf, ET)
            members = set(zf.namelist())
            sheets = []
            for sheet_name, target in sheets_meta:
                if target is None or target not in members:
                    sheets.append(Sheet(sheet_name))  # chartsheet or missing part
                    continue
                with zf.open(target) as fh:
                    sheets.append(_parse_sheet(sheet_name, fh, strings, formats, ET))
    except (zipfile.BadZipFile, ET.ParseError, KeyError, ValueError, EOFError, OSError) as exc:
        raise _corrupt(name, exc) from None
    return Workbook(path, sheets, "xml")


def _workbook_sheets(zf: zipfile.ZipFile, ET) -> list[tuple[str, str | None]]:
    rels = {}
    try:
        root = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        for rel in root.iter(f"{_NS_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            if target.startswith("/"):
                target = target[1:]
            elif not target.startswith("xl/"):
                target = "xl/" + target
            rels[rel.get("Id")] = os.path.normpath(target).replace(os.sep, "/")
    except KeyError:
        pass
    root = ET.fromstring(zf.read("xl/workbook.xml"))
    out = []
    for sh in root.iter(f"{_NS_MAIN}sheet"):
        out.append((sh.get("name"), rels.get(sh.get(f"{_NS_REL}id"))))
    return out


def _shared_strings(zf: zipfile.ZipFile, ET) -> list[str]:
    try:
        fh = zf.open("xl/sharedStrings.xml")
    except KeyError:
        return []
    out: list[str] = []
    t_tag, si_tag, rph_tag = f"{_NS_MAIN}t", f"{_NS_MAIN}si", f"{_NS_MAIN}rPh"
    with fh:
        for _event, el in ET.iterparse(fh, events=("end",)):
            if el.tag == si_tag:
                parts = []
                for child in el:
                    if child.tag == t_tag:
                        parts.append(child.text or "")
                    elif child.tag != rph_tag:  # rich text run: <r><rPr/><t/></r>
                        for t in child.iter(t_tag):
                            parts.append(t.text or "")
                out.append("".join(parts))
                el.clear()
    return out


def _cell_formats(zf: zipfile.ZipFile, ET) -> list[str]:
    try:
        root = ET.fromstring(zf.read("xl/styles.xml"))
    except KeyError:
        return ["General"]
    custom = {}
    numfmts = root.find(f"{_NS_MAIN}numFmts")
    if numfmts is not None:
        for nf in numfmts:
            custom[int(nf.get("numFmtId"))] = nf.get("formatCode")
    out = []
    xfs = root.find(f"{_NS_MAIN}cellXfs")
    if xfs is not None:
        for xf in xfs:
            fid = int(xf.get("numFmtId", 0))
            out.append(custom.get(fid) or BUILTIN_FORMATS.get(fid, "General"))
    return out or ["General"]


def _parse_sheet(sheet_name: str, fh, strings: list[str], formats: list[str], ET) -> Sheet:
    sheet = Sheet(sheet_name)
    c_tag, v_tag, f_tag, is_tag = (f"{_NS_MAIN}{t}" for t in ("c", "v", "f", "is"))
    t_tag, row_tag, merge_tag = f"{_NS_MAIN}t", f"{_NS_MAIN}row", f"{_NS_MAIN}mergeCell"
    shared_formulas: dict[str, str] = {}
    date_cache: dict[str, bool] = {}
    row_num, col_num = 0, 0
    rows = sheet.rows
    max_col = 0
    for event, el in ET.iterparse(fh, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == row_tag:
                r = el.get("r")
                row_num = int(r) if r else row_num + 1
                col_num = 0
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
                        shared_formulas[si] = ftext
                    else:
                        ftext = shared_formulas.get(si)
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
                value = "".join(x.text or "" for x in node.iter(t_tag)) if node is not None else ""
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


# ----------------------------------------------------------------------------- reference path

def _read_xlsx_openpyxl(path: str) -> Workbook:
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
        raise _corrupt(name, exc) from None
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
        sheets.append(sheet)
    # chartsheets have no cells but keep their place
    return Workbook(path, sheets, "openpyxl")


# ----------------------------------------------------------------------------- .xls and .ods

def _read_xls(path: str) -> Workbook:
    import xlrd

    name = os.path.basename(path)
    try:
        book = xlrd.open_workbook(path, formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd.biffh.XLRDError and struct errors for corrupt files
        raise _corrupt(name, exc) from None
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
            for rlo, rhi, clo, chi in xs.merged_cells:
                sheet.merges.append((rlo + 1, clo + 1, rhi, chi))
            sheets.append(sheet)
    finally:
        book.release_resources()
    wb = Workbook(path, sheets, "xlrd")
    wb.notes.append("xls: formula text is not kept in .xls files read by xlrd; cached values only")
    return wb


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODS_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
#: Rows or columns repeated more often than this are trailing empty areas, not data.
_ODS_MAX_REPEAT = 1000


def _read_ods(path: str) -> Workbook:
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
        raise _corrupt(name, exc) from None
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
