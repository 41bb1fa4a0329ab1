"""What the readers share: number formats, dates, the corrupt-file error."""

from __future__ import annotations

import datetime as _dt
import os
import re
import zipfile

from xl_renja.model import WorkbookError, col_index, col_letter

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


def corrupt(name: str, exc: Exception) -> WorkbookError:
    return WorkbookError(
        f"{name} rusak dan tidak dapat dibaca ({type(exc).__name__}).",
        f"{name} is corrupt and cannot be read ({type(exc).__name__}).",
    )


# ----------------------------------------------------------------------------- package parts


def local(tag: str) -> str:
    """'{uri}name' -> 'name': elements are matched by local name, whatever their namespace
    (transitional or strict) and whatever prefix the file spelled it with."""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    """'{uri}name' -> '{uri}' ('' for a name without namespace)."""
    return tag[: tag.index("}") + 1] if tag[:1] == "{" else ""


def _rel_id(el) -> str | None:
    """The r:id of a <sheet>: the attribute 'id' in any relationships namespace."""
    for key, value in el.attrib.items():
        if key[:1] == "{" and key.endswith("}id") and "relationships" in key:
            return value
    return None


def workbook_sheets(zf: zipfile.ZipFile, ET) -> list[tuple[str, str | None]]:
    """The sheets (name, part) of an .xlsx in workbook order. Elements are matched by local name,
    so a namespace prefix or the strict-OOXML namespace reads the same."""
    rels = {}
    try:
        root = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        for rel in root.iter():
            if local(rel.tag) != "Relationship":
                continue
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
    for el in root.iter():
        if local(el.tag) == "sheets":
            for sh in el:
                if local(sh.tag) == "sheet":
                    out.append((sh.get("name"), rels.get(_rel_id(sh))))
    return out


def stale_values(zf: zipfile.ZipFile) -> bool:
    """Whether workbook.xml declares the cached values stale: ``<calcPr fullCalcOnLoad="1"/>``
    (any prefix, quotes or attribute order; ``true`` as well as ``1``)."""
    try:
        data = zf.read("xl/workbook.xml")
    except KeyError:
        return False
    m = _CALC_PR.search(data)
    if m is None:
        return False
    full = _FULL_CALC.search(m.group(0))
    return full is not None and full.group(2).strip().lower() in (b"1", b"true")


_CALC_PR = re.compile(rb"<(?:[\w.-]+:)?calcPr\b[^>]*>")
_FULL_CALC = re.compile(rb"""\sfullCalcOnLoad\s*=\s*(["'])(.*?)\1""")


def cell_formats(zf: zipfile.ZipFile, ET) -> list[str]:
    """The number format of every cell style (index = the cells' ``s``), from xl/styles.xml.

    A real XML parse (styles.xml is small): the formats read the same whatever the order of
    ``<numFmts>`` and ``<cellXfs>`` or of their attributes, the quotes and the namespace prefix.
    Only the ``<numFmt>`` children of ``<numFmts>`` count (``<dxf>`` styles have their own)."""
    try:
        root = ET.fromstring(zf.read("xl/styles.xml"))
    except KeyError:
        return ["General"]
    custom: dict[int, str] = {}
    xfs = None
    for child in root:
        name = local(child.tag)
        if name == "numFmts":
            for nf in child:
                if local(nf.tag) == "numFmt" and nf.get("numFmtId") is not None:
                    custom[int(nf.get("numFmtId"))] = nf.get("formatCode") or ""
        elif name == "cellXfs":
            xfs = child
    out = []
    if xfs is not None:
        for xf in xfs:
            if local(xf.tag) != "xf":
                continue
            fid = int(xf.get("numFmtId") or 0)
            out.append(custom.get(fid) or BUILTIN_FORMATS.get(fid, "General"))
    return out or ["General"]


# ----------------------------------------------------------------------------- shared formulas

_FORMULA_TOKEN = re.compile(
    r'(?P<str>"(?:[^"]|"")*")'           # a string literal: kept
    r"|(?P<part>'(?:[^']|'')*'"           # a quoted sheet name, [1] or Table[Column], or a run of
    r"|\[[^\]]*\]"                         # operand characters: glued into one operand
    r"|[^\s\"'\[+\-*/^&=<>%,;(){}]+)"
    r"|(?P<sep>.)", re.S)                 # an operator, a parenthesis, a space: ends an operand
_ROW_RANGE = re.compile(r"(\$?[1-9][0-9]{0,6}):(\$?[1-9][0-9]{0,6})$")
_COL_RANGE = re.compile(r"(\$?[A-Za-z]{1,3}):(\$?[A-Za-z]{1,3})$")
_CELL_REF = re.compile(r"(\$?[A-Za-z]{1,3})(\$?[1-9][0-9]{0,6})$")


def _shift_row(text: str, dr: int) -> str:
    if text.startswith("$"):
        return text
    row = int(text) + dr
    if row <= 0:
        raise ValueError(text)
    return str(row)


def _shift_col(text: str, dc: int) -> str:
    if text.startswith("$"):
        return text
    col = col_index(text) + dc
    if not 0 < col <= 16384:
        raise ValueError(text)
    return col_letter(col)


def _shift_range(operand: str, dr: int, dc: int) -> str:
    sheet, bang, ref = operand.rpartition("!")
    prefix = sheet + bang
    m = _ROW_RANGE.match(ref)
    if m:
        return f"{prefix}{_shift_row(m.group(1), dr)}:{_shift_row(m.group(2), dr)}"
    m = _COL_RANGE.match(ref)
    if m:
        return f"{prefix}{_shift_col(m.group(1), dc)}:{_shift_col(m.group(2), dc)}"
    if ":" in ref:
        return prefix + ":".join(_shift_range(p, dr, dc) for p in ref.split(":"))
    m = _CELL_REF.match(ref)
    if m is None:  # a defined name, a number, TRUE
        return operand
    return f"{prefix}{_shift_col(m.group(1), dc)}{_shift_row(m.group(2), dr)}"


def translate_formula(formula: str, dr: int, dc: int) -> str:
    """A shared formula's text (without '=') as it reads ``dr`` rows and ``dc`` columns away from
    its master cell: relative references move, ``$`` ones stay, strings and names are kept (the
    same result as openpyxl's ``Translator``). A reference pushed off the sheet becomes ``#REF!``."""
    if not dr and not dc:
        return formula
    out: list[str] = []
    operand: list[str] = []

    def flush(next_char: str) -> None:
        if operand:
            text = "".join(operand)
            operand.clear()
            if next_char == "(" or text[0] == "#":
                out.append(text)  # a function name, an error literal
                return
            try:
                out.append(_shift_range(text, dr, dc))
            except ValueError:
                out.append("#REF!")

    for m in _FORMULA_TOKEN.finditer(formula):
        if m.lastgroup == "part":
            operand.append(m.group())
        else:
            tok = m.group()
            flush(tok)
            out.append(tok)
    flush("")
    return "".join(out)
