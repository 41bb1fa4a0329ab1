"""ST01 tabel-tak-terbaca: tables that look official but cannot be read fully."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule

MESSAGES = {
    "summary": ("Lembar tampak berisi tabel Renja tetapi tidak dapat dibaca sepenuhnya",
                "A sheet looks like a Renja table but cannot be read fully"),
    "unreadable": ("{what}: {reason}", "{what_en}: {reason_en}"),
}

DOC_ID = """
ST01 tabel-tak-terbaca: lembar tampak berisi tabel Renja tetapi tidak dapat dibaca sepenuhnya.

Kolom resmi tidak ditemukan, judul kolom tidak dikenali, atau baris nomor kolom tidak ada. Aturan
lain tidak dapat memeriksa tabel itu; nilai galat (FX01) tetap dicari di semua lembar.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    KODE | PROGRAM/KEGIATAN | INDIKATOR          (tanpa kolom pagu, tanpa baris 1 2 3 ...)

Contoh benar::

    KODE | URAIAN | INDIKATOR | LOKASI | TARGET | PAGU | SUMBER DANA | CATATAN | TARGET n+1 | PAGU n+1
    1    | 2      | 3         | 4      | 5      | 6    | 7           | 8       | 9          | 10
"""


class UnreadableTable(Rule):
    """ST01 tabel-tak-terbaca: a sheet looks like a Renja table but cannot be read fully.

    Missing official columns, an unrecognised header, or no column-number row. The other rules
    then cannot check that table; error values (FX01) are still scanned on every sheet.
    """

    code = "ST01"
    name = "tabel-tak-terbaca"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        for p in ctx.unreadable:
            table = next((t for t in ctx.tables if t.sheet_name == p.sheet and t.first_row == p.row), None)
            what = f"Tabel {p.table}" if p.table else "Tabel"
            what_en = f"Table {p.table}" if p.table else "Table"
            yield self.at(ctx, p.sheet, p.row, p.col,
                          self.msg("unreadable", what=what, what_en=what_en, reason=p.reason, reason_en=p.reason_en),
                          table=table)
