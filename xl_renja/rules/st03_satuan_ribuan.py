"""ST03 satuan-ribuan: a table's money columns are written in thousands or millions of rupiah."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule

_UNIT = {1000: ("ribuan", "thousands"), 1_000_000: ("jutaan", "millions")}

MESSAGES = {
    "summary": ("Kolom uang tabel ditulis dalam ribuan atau jutaan rupiah; jumlah dilaporkan dalam rupiah",
                "A table's money columns are in thousands or millions of rupiah; amounts are reported in rupiah"),
    "scaled": ("Tabel {table} menulis kolom uang dalam {unit} rupiah (\"{text}\"): jumlah dalam pesan dikali "
               "{scale} dan dilaporkan dalam rupiah; perbaikan ditulis dalam satuan sel itu sendiri",
               "Table {table} writes its money columns in {unit_en} of rupiah (\"{text}\"): amounts in messages "
               "are multiplied by {scale} and reported in rupiah; repairs are written in the cell's own unit"),
}

DOC_ID = """
ST03 satuan-ribuan: kolom uang tabel ditulis dalam ribuan atau jutaan rupiah.

Judul kolom pagu (``KEBUTUHAN DANA (Rp 000)``) atau baris judul di atas tabel (``(dalam ribuan
rupiah)``, ``dalam jutaan rupiah``) menyatakan satuannya. Semua jumlah dalam pesan TT01-TT06 dan
``totals`` dikali satuan itu dan disebut dalam rupiah; toleransi pembulatan tetap dalam rupiah;
perbaikan (``fix``) ditulis dalam satuan sel itu sendiri. Satu info per tabel, di sel yang
menyatakan satuannya; bukan galat, bukan peringatan.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    (tidak ada: ini pemberitahuan) KEBUTUHAN DANA/PAGU INDIKATIF (Rp 000)   1.260.789

Contoh benar::

    KEBUTUHAN DANA/PAGU INDIKATIF (Rp)   1.260.789.058
"""


class MoneyUnit(Rule):
    """ST03 satuan-ribuan: a table's money columns are written in thousands or millions of rupiah.

    A pagu column header (``KEBUTUHAN DANA (Rp 000)``) or a title line above the table
    (``(dalam ribuan rupiah)``, ``dalam jutaan rupiah``) declares the unit. Every amount in the
    messages of TT01-TT06 and in ``totals`` is multiplied by it and given in rupiah; the rounding
    tolerance stays in rupiah; repairs (``fix``) are written in the cell's own unit. One info per
    table, at the cell that declares the unit; neither an error nor a warning.
    """

    code = "ST03"
    name = "satuan-ribuan"
    severity = Severity.INFO
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        for table in ctx.tables:
            if table.scale == 1 or table.scale_cell is None:
                continue
            unit, unit_en = _UNIT.get(table.scale, (f"{table.scale:,}".replace(",", "."),) * 2)
            r, c = table.scale_cell
            yield self.at(ctx, table.sheet_name, r, c,
                          self.msg("scaled", table=table.id, unit=unit, unit_en=unit_en, text=table.scale_text,
                                   scale=f"{table.scale:,}".replace(",", ".")),
                          table=table, kode=None, actual=table.scale)
