"""KR03 kode-ganda: the same kode twice in one table."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule, kode_tables

MESSAGES = {
    "summary": ("Kode yang sama muncul dua kali dalam satu tabel", "The same kode twice in one table"),
    "duplicate": ("Kode {kode} sudah dipakai di baris {first_row} ({first_name})",
                  "Kode {kode} already used on row {first_row}"),
}

DOC_ID = """
KR03 kode-ganda: kode yang sama muncul dua kali dalam satu tabel.

Setiap program, kegiatan dan sub kegiatan muncul sekali; baris kedua dengan kode yang sama adalah
salah ketik (sering kali nomor berikutnya yang dimaksud) dan menghitung pagunya dua kali.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    4.01.01.2.13.03  Peningkatan Kinerja dan Reformasi Birokrasi
    4.01.01.2.13.03  Monitoring, Evaluasi dan Pengendalian Kualitas Pelayanan Publik

Contoh benar::

    4.01.01.2.13.03  Peningkatan Kinerja dan Reformasi Birokrasi
    4.01.01.2.13.04  Monitoring, Evaluasi dan Pengendalian Kualitas Pelayanan Publik
"""


class KodeDuplicate(Rule):
    """KR03 kode-ganda: the same kode appears twice in one table.

    Each program, kegiatan and sub kegiatan appears once; a second row with the same kode is
    a typing error (often the next number was meant) and double-counts its pagu.
    """

    code = "KR03"
    name = "kode-ganda"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        for table in kode_tables(ctx):
            seen: dict[str, object] = {}
            for row in table.items:
                if row.kode is None:
                    continue
                key = row.kode.canonical(4) if not row.legacy else row.kode.text
                first = seen.get(key)
                if first is None:
                    seen[key] = row
                    continue
                kv = row.get("kode")
                yield self.at_value(
                    ctx, kv, self.msg("duplicate", kode=row.kode.text, first_row=first.row, first_name=first.name or "-"),
                    table=table, row=row, actual=row.kode.text, expected=None,
                    cells=[first.get("kode").qualified],
                )
