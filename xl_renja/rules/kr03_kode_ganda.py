"""KR03 kode-ganda: the same kode twice in one table."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.kode import parse_legacy_kode
from xl_renja.rules.base import Context, Rule, kode_tables

MESSAGES = {
    "summary": ("Kode yang sama muncul dua kali dalam satu tabel", "The same kode twice in one table"),
    "duplicate": ("Kode {kode} sudah dipakai di baris {first_row} ({first_name})",
                  "Kode {kode} already used on row {first_row}"),
}

DOC_ID = """
KR03 kode-ganda: kode yang sama muncul dua kali dalam satu tabel.

Setiap program, kegiatan dan sub kegiatan muncul sekali; baris kedua dengan kode yang sama adalah
salah ketik (sering kali nomor berikutnya yang dimaksud) dan menghitung pagunya dua kali. Kode
format lama (Permendagri 13/2006) juga: ``4001,01`` dan ``4001.400101.01`` adalah program yang sama.
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
    a typing error (often the next number was meant) and double-counts its pagu. Legacy
    (Permendagri 13/2006) kode too: ``4001,01`` and ``4001.400101.01`` are the same program.
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
                if row.legacy:
                    # 4001,01 and 4001.400101.01 are the same program (Permendagri 13/2006)
                    lk = parse_legacy_kode(row.text("kode"))
                    if lk is None or lk.program is None:
                        continue
                    key, text = ("legacy",) + lk.key, lk.text
                elif row.kode is None:
                    continue
                else:
                    key, text = row.kode.canonical(4), row.kode.text
                first = seen.get(key)
                if first is None:
                    seen[key] = row
                    continue
                kv = row.get("kode")
                yield self.at_value(
                    ctx, kv, self.msg("duplicate", kode=text, first_row=first.row, first_name=first.name or "-"),
                    table=table, row=row, actual=text, expected=None,
                    cells=[first.get("kode").qualified],
                )
