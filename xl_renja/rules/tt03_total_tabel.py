"""TT03 total-tabel: the closing TOTAL row against the sum of the programs."""

from __future__ import annotations

from xl_renja.compute import program_rows, sum_formula
from xl_renja.diagnostics import Severity, rupiah
from xl_renja.edits import Edit
from xl_renja.rules.base import Context, Rule

MESSAGES = {
    "summary": ("Baris TOTAL/JUMLAH tabel berbeda dari jumlah pagu program",
                "The TOTAL/JUMLAH row differs from the sum of the programs"),
    "total": ("Baris total ({stated}) berbeda {diff} dari jumlah pagu {count} program ({total})",
              "Total row ({stated}) differs by {diff} from the sum of {count} programs ({total})"),
    "rounding": (": selisih pembulatan", ": rounding"),
}

DOC_ID = """
TT03 total-tabel: baris TOTAL/JUMLAH tabel berbeda dari jumlah pagu program.

Baris penutup (``TOTAL KERANGKA PENDANAAN OPD``, ``JUMLAH``) harus sama dengan jumlah pagu
program, untuk setiap kolom pagu (n, n+1; di T-C.31 rancangan awal dan hasil analisis kebutuhan).
Selisih dalam toleransi dilaporkan sebagai peringatan pembulatan.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    TOTAL KERANGKA PENDANAAN OPD   80.000.000.000   (program: 55.792.371.818 + 21.152.297.569 + 3.399.434.810)

Contoh benar::

    TOTAL KERANGKA PENDANAAN OPD   80.344.104.197
"""


class TotalMismatch(Rule):
    """TT03 total-tabel: the table's TOTAL/JUMLAH row differs from the sum of the programs.

    The closing row (``TOTAL KERANGKA PENDANAAN OPD``, ``JUMLAH``) must equal the sum of the
    program pagu, for each pagu column (n, n+1; in T-C.31 both the rancangan awal and the hasil
    analisis kebutuhan). The repair (not marked safe) is ``=SUM(...)`` over the program rows.
    """

    code = "TT03"
    name = "total-tabel"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        tol = ctx.options.tolerance
        for table in ctx.tables:
            money = [k for k in table.columns if (table.column_spec(k) or None) and table.column_spec(k).money]
            if not money or not table.totals:
                continue
            programs = program_rows(table)
            if not programs:
                continue
            for total_row in table.totals:
                for key in money:
                    tv = total_row.get(key)
                    amount = tv.number() if tv is not None else None
                    if amount is None:
                        continue
                    nums = [p.number(key) for p in programs]
                    s = sum(n for n in nums if n is not None)
                    diff = amount - s
                    if abs(diff) < 1e-6:
                        continue
                    k = table.scale  # amounts in rupiah in reports, the repair in the cell's own unit
                    rounding = abs(diff * k) <= tol + 1e-9
                    msg = self.msg("total", stated=rupiah(amount * k), diff=rupiah(abs(diff * k)),
                                   count=len(programs), total=rupiah(s * k))
                    if rounding:
                        tail = self.msg("rounding")
                        msg = (msg[0] + tail[0], msg[1] + tail[1])
                    edit = Edit(table.sheet_name, tv.ref, s, sum_formula([p.row for p in programs], tv.col), safe=False)
                    yield self.at_value(ctx, tv, msg, table=table, row=total_row, expected=s * k, actual=amount * k,
                                        severity=Severity.WARNING if rounding else None, fix=(edit,))
