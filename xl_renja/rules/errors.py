"""Error values in cells and formulas."""

from __future__ import annotations

import re

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule

_ERROR_TEXT = re.compile(r"^\s*#(?:REF!|DIV/0!|N/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!)\s*$", re.I)
_ERROR_TOKEN = re.compile(r"#(?:REF!|DIV/0!|N/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!)", re.I)


def _suspects(sheet):
    """Cells that can hold an error: error-typed, with a formula, or text starting with '#'."""
    for r, row in sheet.rows.items():
        for c, cell in row.items():
            if cell.kind == "e" or cell.formula or (cell.kind == "s" and "#" in cell.value[:3]):
                yield r, c, cell


class ErrorValue(Rule):
    """FX01 nilai-galat: a cell holds an Excel error value, or its formula contains one.

    Any sheet, any cell: ``#REF!``, ``#DIV/0!``, ``#N/A``, ``#VALUE!``, ``#NAME?``, ``#NUM!``,
    ``#NULL!``, ``#SPILL!``, ``#CALC!``, as the cached value or inside the formula text
    (``=SUM(#REF!)`` after a deleted row). An error value hides the number the table needs.

    Contoh salah::

        4.01.01.2.01.07 | Evaluasi Kinerja Perangkat Daerah | ... | Target: #REF!

    Contoh benar::

        4.01.01.2.01.07 | Evaluasi Kinerja Perangkat Daerah | ... | Target: 1 Dokumen
    """

    code = "FX01"
    name = "nilai-galat"
    severity = Severity.ERROR
    summary = "Sel berisi nilai galat Excel (#REF!, #DIV/0!, #N/A, ...) atau rumusnya memuatnya"
    summary_en = "A cell holds an Excel error value, or its formula contains one"

    def check(self, ctx: Context):
        for sheet in ctx.workbook.sheets:
            for r, c, cell in _suspects(sheet):
                in_formula = _ERROR_TOKEN.search(cell.formula) if cell.formula else None
                as_text = cell.kind == "s" and _ERROR_TEXT.match(cell.value)
                if not cell.is_error and not in_formula and not as_text:
                    continue
                table, row = ctx.row_at(sheet.name, r)
                if cell.is_error and in_formula:
                    msg = f"Sel berisi {cell.value} dan rumusnya ({cell.formula}) merujuk ke {in_formula.group(0)}"
                    msg_en = f"Cell shows {cell.value} and its formula ({cell.formula}) refers to {in_formula.group(0)}"
                elif as_text and not cell.is_error:
                    msg = f"Sel berisi teks {cell.value.strip()} (nilai galat yang tersalin sebagai teks)"
                    msg_en = f"Cell holds the text {cell.value.strip()} (an error value pasted as text)"
                elif cell.is_error:
                    msg = f"Sel berisi nilai galat {cell.value}"
                    if cell.formula:
                        msg += f" dari rumus {cell.formula}"
                    msg_en = f"Cell holds the error value {cell.value}"
                else:
                    msg = f"Rumus {cell.formula} memuat {in_formula.group(0)}: rujukan sel telah rusak"
                    msg_en = f"Formula {cell.formula} contains {in_formula.group(0)}: a broken reference"
                if row is not None:
                    kode = row.parent.kode_text if row.kind == "continuation" and row.parent else row.kode_text
                    if kode:
                        msg += f" (baris kode {kode})"
                        msg_en += f" (row of kode {kode})"
                yield self.at(ctx, sheet.name, r, c, msg, msg_en, table=table, row=row,
                              actual=cell.value if cell.is_error else cell.formula)
