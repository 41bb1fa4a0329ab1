"""FX01 nilai-galat: error values in cells and formulas."""

from __future__ import annotations

import re

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule

_ERROR_TEXT = re.compile(r"^\s*#(?:REF!|DIV/0!|N/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!)\s*$", re.I)
_ERROR_TOKEN = re.compile(r"#(?:REF!|DIV/0!|N/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!)", re.I)

MESSAGES = {
    "summary": ("Sel berisi nilai galat Excel (#REF!, #DIV/0!, #N/A, ...) atau rumusnya memuatnya",
                "A cell holds an Excel error value, or its formula contains one"),
    "value_and_formula": ("Sel berisi {value} dan rumusnya ({formula}) merujuk ke {token}",
                          "Cell shows {value} and its formula ({formula}) refers to {token}"),
    "as_text": ("Sel berisi teks {value} (nilai galat yang tersalin sebagai teks)",
                "Cell holds the text {value} (an error value pasted as text)"),
    "value": ("Sel berisi nilai galat {value}", "Cell holds the error value {value}"),
    "value_from": ("Sel berisi nilai galat {value} dari rumus {formula}",
                   "Cell holds the error value {value} from the formula {formula}"),
    "formula": ("Rumus {formula} memuat {token}: rujukan sel telah rusak",
                "Formula {formula} contains {token}: a broken reference"),
    "of_kode": (" (baris kode {kode})", " (row of kode {kode})"),
}

DOC_ID = """
FX01 nilai-galat: sel berisi nilai galat Excel, atau rumusnya memuat nilai galat.

Semua lembar, semua sel: ``#REF!``, ``#DIV/0!``, ``#N/A``, ``#VALUE!``, ``#NAME?``, ``#NUM!``,
``#NULL!``, ``#SPILL!``, ``#CALC!``, sebagai nilai sel atau di dalam teks rumus
(``=SUM(#REF!)`` setelah baris terhapus). Nilai galat menyembunyikan angka yang dibutuhkan tabel.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    4.01.01.2.01.07 | Evaluasi Kinerja Perangkat Daerah | ... | Target: #REF!

Contoh benar::

    4.01.01.2.01.07 | Evaluasi Kinerja Perangkat Daerah | ... | Target: 1 Dokumen
"""


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
    """

    code = "FX01"
    name = "nilai-galat"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        for sheet in ctx.workbook.sheets:
            for r, c, cell in _suspects(sheet):
                in_formula = _ERROR_TOKEN.search(cell.formula) if cell.formula else None
                as_text = cell.kind == "s" and _ERROR_TEXT.match(cell.value)
                if not cell.is_error and not in_formula and not as_text:
                    continue
                table, row = ctx.row_at(sheet.name, r)
                token = in_formula.group(0) if in_formula else None
                if cell.is_error and in_formula:
                    msg = self.msg("value_and_formula", value=cell.value, formula=cell.formula, token=token)
                elif as_text and not cell.is_error:
                    msg = self.msg("as_text", value=cell.value.strip())
                elif cell.is_error:
                    msg = self.msg("value_from" if cell.formula else "value", value=cell.value, formula=cell.formula)
                else:
                    msg = self.msg("formula", formula=cell.formula, token=token)
                if row is not None:
                    kode = row.parent.kode_text if row.kind == "continuation" and row.parent else row.kode_text
                    if kode:
                        suffix = self.msg("of_kode", kode=kode)
                        msg = (msg[0] + suffix[0], msg[1] + suffix[1])
                yield self.at(ctx, sheet.name, r, c, msg, table=table, row=row,
                              actual=cell.value if cell.is_error else cell.formula)
