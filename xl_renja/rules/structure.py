"""Tables that look official but cannot be read fully."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule


class UnreadableTable(Rule):
    """ST01 tabel-tak-terbaca: a sheet looks like a Renja table but cannot be read fully.

    Missing official columns, an unrecognised header, or no column-number row. The other rules
    then cannot check that table; error values (FX01) are still scanned on every sheet.

    Contoh salah::

        KODE | PROGRAM/KEGIATAN | INDIKATOR          (no pagu column, no row 1 2 3 ...)

    Contoh benar::

        KODE | URAIAN | INDIKATOR | LOKASI | TARGET | PAGU | SUMBER DANA | CATATAN | TARGET n+1 | PAGU n+1
        1    | 2      | 3         | 4      | 5      | 6    | 7           | 8       | 9          | 10
    """

    code = "ST01"
    name = "tabel-tak-terbaca"
    severity = Severity.ERROR
    summary = "Lembar tampak berisi tabel Renja tetapi tidak dapat dibaca sepenuhnya"
    summary_en = "A sheet looks like a Renja table but cannot be read fully"

    def check(self, ctx: Context):
        for p in ctx.unreadable:
            table = next((t for t in ctx.tables if t.sheet_name == p.sheet and t.first_row == p.row), None)
            what = f"Tabel {p.table}" if p.table else "Tabel"
            yield self.at(ctx, p.sheet, p.row, p.col, f"{what}: {p.reason}", f"{what}: {p.reason_en}",
                          table=table)
