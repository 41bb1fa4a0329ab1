"""ST02 tanpa-baris-nomor: a table without its column-number row, recognised by its headers alone."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule

MESSAGES = {
    "summary": ("Tabel tanpa baris nomor kolom (1, 2, 3, ...): dikenali dari judul kolomnya saja",
                "A table without its column-number row (1, 2, 3, ...), recognised by its headers alone"),
    "missing": ("Tabel {table} tidak memiliki baris nomor kolom (1, 2, 3, ...) di bawah judul kolom; kolom "
                "dikenali dari judulnya saja: tambahkan baris nomor kolom sesuai format resmi",
                "Table {table} has no column-number row (1, 2, 3, ...) under its headers; columns were "
                "recognised by their headers alone: add the official column-number row"),
}

DOC_ID = """
ST02 tanpa-baris-nomor: tabel tanpa baris nomor kolom (1, 2, 3, ...) di bawah judul kolom.

Format resmi Permendagri 86/2017 memberi setiap kolom nomor di bawah judulnya. Tanpa baris itu
tabel dikenali dari judul kolomnya saja dan semua aturan lain tetap memeriksanya; satu peringatan
per tabel, di sel judul kolom pertama.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    KODE | PROGRAM/KEGIATAN | INDIKATOR | ... | PAGU INDIKATIF
    4.01.01 | PROGRAM PENUNJANG ...

Contoh benar::

    KODE | PROGRAM/KEGIATAN | INDIKATOR | ... | PAGU INDIKATIF
    1    | 2                | 3         | ... | 10
    4.01.01 | PROGRAM PENUNJANG ...
"""


class NoNumberRow(Rule):
    """ST02 tanpa-baris-nomor: a table has no column-number row (1, 2, 3, ...) under its headers.

    The official Permendagri 86/2017 forms number every column under its header. Without that
    row the table is recognised by its headers alone and every other rule still checks it; one
    warning per table, at its first header cell.
    """

    code = "ST02"
    name = "tanpa-baris-nomor"
    severity = Severity.WARNING
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        for table in ctx.tables:
            if not table.numbered:
                yield self.at(ctx, table.sheet_name, table.first_row, min(table.number_labels),
                              self.msg("missing", table=table.id), table=table, kode=None)
