"""What the readers share: number formats, dates, the corrupt-file error."""

from __future__ import annotations

import datetime as _dt
import os
import re
import zipfile

from xl_renja.model import WorkbookError

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


_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

def workbook_sheets(zf: zipfile.ZipFile, ET) -> list[tuple[str, str | None]]:
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
