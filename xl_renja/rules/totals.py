"""Parent pagu against the sum of its children, and the closing TOTAL row."""

from __future__ import annotations

from xl_renja.diagnostics import Severity, rupiah
from xl_renja.rules.base import Context, Rule, level_name

_YEARS = (("pagu", "n"), ("pagu_n1", "n+1"))
_CHILD = {3: "kegiatan", 4: "sub kegiatannya", 2: "program", 1: "bidang"}


def parent_sums(table):
    """Yield (parent_row, key, year_label, parent_value, parent_amount, children_sum, n_children)."""
    children: dict[int, list] = {}
    for row in table.items:
        if row.parent is not None:
            children.setdefault(id(row.parent), []).append(row)
    for row in table.items:
        kids = children.get(id(row))
        if not kids or row.kode is None:
            continue
        for key, year in _YEARS:
            if key not in table.columns:
                continue
            pv = row.get(key)
            amount = pv.number() if pv is not None else None
            nums = [k.number(key) for k in kids]
            if amount is None or all(n is None for n in nums):
                continue
            yield row, key, year, pv, amount, sum(n for n in nums if n is not None), len(kids)


def pagu_differences(ctx: Context):
    """Every parent whose pagu differs from its children's sum: (table, row, year, value, amount,
    children_sum, difference, within_tolerance). Shared by TT01 and TT02, computed once."""
    key = ("pagu_differences", ctx.options.tolerance)
    if key not in ctx.cache:
        ctx.cache[key] = list(_pagu_differences(ctx))
    return ctx.cache[key]


def _pagu_differences(ctx: Context):
    tol = ctx.options.tolerance
    for table in ctx.tables:
        if "pagu" not in table.columns:
            continue
        for row, key, year, pv, amount, total, _n in parent_sums(table):
            diff = amount - total
            if abs(diff) < 1e-6:
                continue
            yield table, row, year, pv, amount, total, diff, abs(diff) <= tol + 1e-9


class _PaguDifference(Rule):
    """Shared by TT01 and TT02: report the parents whose rounding flag matches ``rounding``."""

    rounding = False

    def check(self, ctx: Context):
        for table, row, year, pv, amount, total, diff, rounding in pagu_differences(ctx):
            if rounding != self.rounding:
                continue
            what = level_name(row)
            msg = (f"Pagu {what} {row.kode.text} tahun {year} ({rupiah(amount)}) berbeda {rupiah(abs(diff))} "
                   f"dari jumlah {_CHILD.get(int(row.kode.level), 'anaknya')} ({rupiah(total)})")
            msg_en = (f"Pagu of {row.kode.text} for year {year} ({rupiah(amount)}) differs by {rupiah(abs(diff))} "
                      f"from the sum of its children ({rupiah(total)})")
            if rounding:
                msg, msg_en = msg + ": selisih pembulatan", msg_en + ": rounding"
            yield self.at_value(ctx, pv, msg, msg_en, table=table, row=row, expected=total, actual=amount)


class PaguMismatch(_PaguDifference):
    """TT01 pagu-induk: a parent's pagu differs from the sum of its children.

    For both years (n and n+1) the pagu of a program equals the sum of its kegiatan and the pagu
    of a kegiatan the sum of its sub kegiatan. A difference larger than ``--tolerance`` (Rp 1 by
    default) is a real mismatch; smaller ones are rounding (TT02).

    Contoh salah::

        4.01.03.2.01     Pelaksanaan Kebijakan Perekonomian   1.300.000.000
        4.01.03.2.01.01  ...                                    548.025.000
        4.01.03.2.01.02  ...                                    237.050.000
        4.01.03.2.01.03  ...                                    457.570.575

    Contoh benar::

        4.01.03.2.01     Pelaksanaan Kebijakan Perekonomian   1.242.645.575
        (sub kegiatan yang sama: jumlahnya 1.242.645.575)
    """

    code = "TT01"
    name = "pagu-induk"
    severity = Severity.ERROR
    summary = "Pagu induk (n dan n+1) berbeda dari jumlah pagu anak-anaknya"
    summary_en = "A parent's pagu differs from the sum of its children"

class PaguRounding(_PaguDifference):
    """TT02 pagu-pembulatan: a parent's pagu differs from its children's sum by at most the tolerance.

    Excel-made tables carry Rp 1 differences from rounding (a pagu split by a percentage). They
    are reported apart from real mismatches, as warnings, so an auditor can tell the two apart.

    Contoh salah::

        4.01.01.2.01     Perencanaan, Penganggaran, dan Evaluasi ...  1.260.789.058
        (tujuh sub kegiatan berjumlah 1.260.789.059)

    Contoh benar::

        4.01.01.2.01     Perencanaan, Penganggaran, dan Evaluasi ...  1.260.789.059
    """

    code = "TT02"
    name = "pagu-pembulatan"
    severity = Severity.WARNING
    summary = "Selisih pagu induk dengan jumlah anaknya tidak lebih dari toleransi (pembulatan)"
    summary_en = "Parent pagu differs from its children's sum by at most the tolerance (rounding)"

    rounding = True


def program_rows(table):
    """Rows that are programs: by kode level, or by name ("PROGRAM ...") in tables without kode."""
    rows = [r for r in table.items if r.kode is not None and int(r.kode.level) == 3]
    if rows:
        return rows
    return [r for r in table.items if (r.name or "").strip().upper().startswith("PROGRAM")]


class TotalMismatch(Rule):
    """TT03 total-tabel: the table's TOTAL/JUMLAH row differs from the sum of the programs.

    The closing row (``TOTAL KERANGKA PENDANAAN OPD``, ``JUMLAH``) must equal the sum of the
    program pagu, for each pagu column (n, n+1; in T-C.31 both the rancangan awal and the hasil
    analisis kebutuhan).

    Contoh salah::

        TOTAL KERANGKA PENDANAAN OPD   80.000.000.000   (program: 55.792.371.818 + 21.152.297.569 + 3.399.434.810)

    Contoh benar::

        TOTAL KERANGKA PENDANAAN OPD   80.344.104.197
    """

    code = "TT03"
    name = "total-tabel"
    severity = Severity.ERROR
    summary = "Baris TOTAL/JUMLAH tabel berbeda dari jumlah pagu program"
    summary_en = "The TOTAL/JUMLAH row differs from the sum of the programs"

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
                    rounding = abs(diff) <= tol + 1e-9
                    msg = (f"Baris total ({rupiah(amount)}) berbeda {rupiah(abs(diff))} dari jumlah pagu "
                           f"{len(programs)} program ({rupiah(s)})" + (": selisih pembulatan" if rounding else ""))
                    msg_en = (f"Total row ({rupiah(amount)}) differs by {rupiah(abs(diff))} from the sum of "
                              f"{len(programs)} programs ({rupiah(s)})")
                    yield self.at_value(ctx, tv, msg, msg_en, table=table, row=total_row, expected=s,
                                        actual=amount, severity=Severity.WARNING if rounding else None)
