"""Build workbooks/templates/renja_validasi.xlsm: a T-C.33 table, a Pengecualian sheet and a
Validasi button for classic xlwings on Windows.

The VBA project is xlwings' own quickstart project (the ``xlwings.bas`` RunPython glue and
``Module1.SampleCall``, which runs ``import <workbook name>; <workbook name>.main()``), taken from
the installed xlwings package; the button calls ``SampleCall``, so the workbook runs
``renja_validasi.main()`` from ``renja_validasi.py`` in the same folder.

    python workbooks/build_validasi_xlsm.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "templates" / "renja_validasi.xlsm"


def vba_project() -> bytes:
    import xlwings

    quickstart = Path(xlwings.__file__).parent / "quickstart.xlsm"
    with zipfile.ZipFile(quickstart) as z:
        return z.read("xl/vbaProject.bin")


def build(path: Path = OUT) -> Path:
    import xlsxwriter

    sys.path.insert(0, str(HERE.parent))
    from xl_renja.layouts.template import write_table
    from xl_renja.pengecualian import HEADER

    with tempfile.TemporaryDirectory() as tmp:
        bin_path = Path(tmp) / "vbaProject.bin"
        bin_path.write_bytes(vba_project())
        fd, tmp_out = tempfile.mkstemp(suffix=".xlsm", dir=path.parent)
        os.close(fd)
        book = xlsxwriter.Workbook(tmp_out)
        try:
            book.set_properties({"creator": "xl_renja"})
            book.set_vba_name("ThisWorkbook")
            ws = book.add_worksheet("Renja")
            ws.set_vba_name("Sheet1")
            write_table(ws, "T-C.33", "setda", freeze=False)
            ws.insert_button("M2", {"macro": "SampleCall", "caption": "Validasi", "width": 110, "height": 30})
            ws.write("M4", "Klik Validasi: temuan ditandai (merah = galat, kuning = peringatan) dan dicatat di lembar Validasi.")
            ws.write("M5", "Hapus Tanda: makro hapus_tanda (Alt+F8) mengembalikan warna dan catatan.")
            pe = book.add_worksheet("Pengecualian")
            pe.set_vba_name("Sheet2")
            bold = book.add_format({"bold": True})
            pe.write_row(0, 0, HEADER, bold)
            pe.set_column(0, 0, 12)
            pe.set_column(1, 1, 28)
            pe.set_column(2, 2, 60)
            book.add_vba_project(str(bin_path))
        finally:
            book.close()
        os.replace(tmp_out, path)
    return path


if __name__ == "__main__":
    print(build())
