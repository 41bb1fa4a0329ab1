"""The Python side of renja_validasi.xlsm (classic xlwings, Windows/macOS desktop).

Keep this file in the same folder as the workbook. The workbook's Validasi button runs
``RunPython "import renja_validasi; renja_validasi.main()"`` (xlwings' quickstart macro
``SampleCall``); ``hapus_tanda``, ``perbaiki`` (list the repairs in the Perbaikan sheet) and
``terapkan_perbaikan`` (apply them, then Validasi) are run with ``RunPython "import renja_validasi;
renja_validasi.perbaiki()"`` and so on, or after "Import Functions" as macros.
"""

import xlwings as xw

from xl_renja.excel import perbaiki_book, terapkan_book, terima_book, validate_book


@xw.sub
def main():
    """Validasi: lint the workbook and mark every finding in its cells and in the Validasi sheet."""
    validate_book(xw.Book.caller())


@xw.sub
def hapus_tanda():
    """Hapus Tanda: give back every fill and note Validasi changed."""
    validate_book(xw.Book.caller(), clear=True)


@xw.sub
def perbaiki():
    """Perbaiki: list every certain repair in the Perbaikan sheet (nothing else changes)."""
    perbaiki_book(xw.Book.caller())


@xw.sub
def terapkan_perbaikan():
    """Terapkan perbaikan: apply the rows of the Perbaikan sheet, then Validasi."""
    terapkan_book(xw.Book.caller())


@xw.sub
def terima():
    """Terima: accept the findings of the selected cell (Pengecualian sheet), then Validasi."""
    terima_book(xw.Book.caller())
