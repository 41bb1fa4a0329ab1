"""TT06 pagu-narasi: an amount stated in BAB IV (``--narasi``) that disagrees with Tabel 3.1."""

from __future__ import annotations

from xl_renja.diagnostics import Severity, rupiah
from xl_renja.rules.base import Context, Rule, level_name

MESSAGES = {
    "summary": ("Pagu yang disebut di narasi BAB IV (--narasi) berbeda dari Tabel 3.1",
                "An amount stated in the BAB IV narrative (--narasi) differs from Tabel 3.1"),
    "mismatch": ("Narasi paragraf {paragraph} menyebut pagu {nama} sebesar {narasi}, tetapi pagu {level} {kode} "
                 "di tabel {tabel} (selisih {diff})",
                 "Narrative paragraph {paragraph} states {narasi} for {nama}, but the pagu of {kode} in the "
                 "table is {tabel} (difference {diff})"),
    "rounding": (": selisih pembulatan", ": rounding"),
}

DOC_ID = """
TT06 pagu-narasi: pagu yang disebut di narasi BAB IV berbeda dari Tabel 3.1.

Hanya dengan ``--narasi RENJA.docx`` (pada ``lint`` dan ``totals``). Setiap kalimat "... dengan
pagu indikatif/anggaran sebesar Rp. X" di BAB IV dicocokkan dengan baris program, kegiatan atau
sub kegiatan Tabel 3.1 menurut namanya (nama tertulis atau nama resmi kodenya); jumlah yang
berbeda dari pagu tahun n dilaporkan di sel pagu tabel. Kalimat yang tidak cocok dengan baris
mana pun (jumlah per bagian/unit) atau yang jumlahnya tidak terbaca (``Rp. 3.246.145.-``)
bukan temuan TT06: ``totals`` mendaftarnya sebagai "tidak dicocokkan".
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    BAB IV: "... Program Penunjang Urusan Pemerintahan Kab/Kota ... pagu anggaran sebesar Rp. 55.797.371.818"
    Tabel 3.1: 4.01.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA  55.792.371.818

Contoh benar::

    BAB IV: "... pagu anggaran sebesar Rp. 55.792.371.818,-"
    Tabel 3.1: 4.01.01 ...  55.792.371.818
"""


class NarasiPagu(Rule):
    """TT06 pagu-narasi: an amount stated in the BAB IV narrative differs from Tabel 3.1.

    Only with ``--narasi RENJA.docx`` (on ``lint`` and ``totals``). Each "... dengan pagu
    indikatif/anggaran sebesar Rp. X" of BAB IV is matched to a program, kegiatan or sub kegiatan
    row of Tabel 3.1 by name (its written name or the official name of its kode); an amount that
    differs from the year-n pagu is reported at the table's pagu cell. Statements that match no
    row (unit totals) or whose amount does not parse (``Rp. 3.246.145.-``) are not TT06 findings:
    ``totals`` lists them as "tidak dicocokkan".
    """

    code = "TT06"
    name = "pagu-narasi"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        narasi = getattr(ctx.options, "narasi", None)
        if narasi is None:
            return
        from xl_renja.narasi import match_statements

        tol = ctx.options.tolerance
        for m in match_statements(narasi, ctx.tables, tol).matches:
            diff = m.difference
            if diff is None or abs(diff) < 1e-6:
                continue
            rounding = abs(diff) <= tol + 1e-9
            row, value = m.row, m.row.get("pagu")
            msg = self.msg("mismatch", paragraph=m.statement.paragraph, nama=m.statement.name,
                           narasi=rupiah(m.statement.amount), level=level_name(row), kode=row.kode.text,
                           tabel=rupiah(m.stated), diff=rupiah(abs(diff)))
            if rounding:
                tail = self.msg("rounding")
                msg = (msg[0] + tail[0], msg[1] + tail[1])
            yield self.at_value(ctx, value, msg, table=m.table, row=row, expected=m.stated,
                                actual=m.statement.amount, severity=Severity.WARNING if rounding else None)
