"""New workbooks with XlsxWriter: formulas are written together with their cached values.

Example::

    with new_workbook("ringkasan.xlsx") as wb:
        ws = wb.add_worksheet("Ringkasan")
        ws.write_row(0, 0, ["Program", "Pagu"])
        ws.write(1, 0, "=bukan rumus")            # text stays text
        ws.write_number(1, 1, 1500)
        ws.write_formula(2, 1, "=SUM(B2:B2)", None, 1500)   # formula + cached value
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import xlsxwriter

from xl_renja.writer.atomic import write_atomic

#: Text that looks like a formula, a URL or a number is written as text.
OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,
}


@contextmanager
def new_workbook(path, **options) -> Iterator[xlsxwriter.Workbook]:
    """An XlsxWriter workbook written atomically to ``path`` when the block ends without error."""
    wb = xlsxwriter.Workbook(str(path), {**OPTIONS, **options})
    yield wb

    def write(tmp: Path) -> None:
        wb.filename = str(tmp)
        wb.close()

    write_atomic(path, write)
