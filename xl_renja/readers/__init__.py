"""Read a workbook file once into the cell model (:mod:`xl_renja.model`).

The file's first bytes decide the reader, whatever its name says:

- .xlsx/.xlsm, ``engine="fast"`` (default): python-calamine for the values plus targeted scans of
  the sheet XML for what calamine drops (error cells, formulas, number formats, merges)
  (:mod:`xl_renja.readers.xlsx_fast`);
- ``engine="xml"``: one streaming pass over the sheet XML with the standard library's
  ElementTree (:mod:`xl_renja.readers.xlsx_xml`); the fallback when calamine refuses a file;
- ``engine="openpyxl"``: the reference (:mod:`xl_renja.readers.xlsx_openpyxl`), used by the tests
  to check the other two;
- legacy .xls through xlrd (:mod:`xl_renja.readers.xls`), .ods from its content.xml
  (:mod:`xl_renja.readers.ods`).

Each reader module imports only :mod:`xl_renja.model` and :mod:`xl_renja.readers.common`
(the fast reader also borrows the XML reader's sheet parser, lazily, for sheets spelled unusually);
this module imports them lazily, so there is no import loop.

Every .xlsx engine reads content, not spelling: namespace prefixes, attribute order, quotes,
whitespace inside tags, entities, inline or shared strings, cells without ``r=`` and shared
formulas give the same cells (tests/test_spelling.py).
"""

from __future__ import annotations

import os
import zipfile

from xl_renja.model import Workbook, WorkbookError
from xl_renja.readers.common import corrupt, workbook_sheets

__all__ = ["read_workbook", "ENGINES", "MAX_FILE_BYTES", "MAX_UNCOMPRESSED_BYTES"]

ENGINES = ("fast", "xml", "openpyxl")

#: Files larger than this are refused instead of exhausting memory (bytes on disk).
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Refuse zip members that inflate past this (zip bombs).
MAX_UNCOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024


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
    """Read ``path`` once. Raises :class:`WorkbookError` (one Indonesian line) for bad input.

    Formulas saved without a cached value, or every formula when the file declares its cached
    values stale, are then computed (:func:`xl_renja.formula.evaluate_workbook`), whatever the
    engine: a parent's ``=SUM(...)`` reads as the number Excel would show."""
    wb = _read_workbook(path, engine)
    from xl_renja.formula import evaluate_workbook

    evaluate_workbook(wb)
    return wb


def _read_workbook(path: str | os.PathLike, engine: str) -> Workbook:
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
        from xl_renja.readers.xls import read_xls

        return read_xls(path)
    if kind == "zip":
        sheets_meta = _open_package(path, name)
        if sheets_meta is None:
            from xl_renja.readers.ods import read_ods

            return read_ods(path)
        if engine == "openpyxl":
            from xl_renja.readers.xlsx_openpyxl import read_xlsx_openpyxl

            return read_xlsx_openpyxl(path)
        if engine == "xml":
            from xl_renja.readers.xlsx_xml import read_xlsx_xml

            return read_xlsx_xml(path, sheets_meta)
        try:
            from xl_renja.readers.xlsx_fast import read_fast

            return read_fast(path, sheets_meta)
        except Exception:  # calamine refuses some hand-made files; the XML reader still reads them
            from xl_renja.readers.xlsx_xml import read_xlsx_xml

            return read_xlsx_xml(path, sheets_meta)
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
            return workbook_sheets(zf, ET)
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, ET.ParseError, KeyError, ValueError, EOFError, OSError) as exc:
        raise corrupt(name, exc) from None
