"""The Python side of renja_validasi.xlsm (classic xlwings, Windows/macOS desktop).

Keep this file in the same folder as the workbook. The workbook's Validasi button runs
``RunPython "import renja_validasi; renja_validasi.main()"`` (xlwings' quickstart macro
``SampleCall``); ``hapus_tanda`` is run with ``RunPython "import renja_validasi;
renja_validasi.hapus_tanda()"`` or after "Import Functions" as a macro.
"""

import xlwings as xw

from xl_renja.excel import validate_book


@xw.sub
def main():
    """Validasi: lint the workbook and mark every finding in its cells and in the Validasi sheet."""
    validate_book(xw.Book.caller())


@xw.sub
def hapus_tanda():
    """Hapus Tanda: give back every fill and note Validasi changed."""
    validate_book(xw.Book.caller(), clear=True)
