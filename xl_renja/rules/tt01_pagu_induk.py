"""TT01 pagu-induk: a parent's pagu against the sum of its children (and the base TT02 shares)."""

from __future__ import annotations

from xl_renja.compute import parent_sums, tree_sums
from xl_renja.diagnostics import Severity, rupiah
from xl_renja.edits import Edit
from xl_renja.rules.base import LEVEL_NAMES, Context, Rule, level_name

#: how the children of each level are named in a message
_CHILD = {3: "kegiatan", 4: "sub kegiatannya", 2: "program", 1: "bidang"}

MESSAGES = {
    "summary": ("Pagu induk (n dan n+1) berbeda dari jumlah pagu anak-anaknya",
                "A parent's pagu differs from the sum of its children"),
    "mismatch": ("Pagu {level} {kode} tahun {year} ({stated}) berbeda {diff} dari jumlah {children} ({total})",
                 "Pagu of {kode} for year {year} ({stated}) differs by {diff} from the sum of its children ({total})"),
    "rounding": (": selisih pembulatan", ": rounding"),
    "counted_elsewhere": ("; termasuk {kode} ({amount}) yang tertulis di bawah {above}",
                          "; includes {kode} ({amount}) written under {above}"),
    "indicator_row": ("Pagu tahun {year} ({amount}) tertulis di baris indikator {level} {kode}, bukan di baris "
                      "kodenya (baris {row}): tidak terhitung dalam pagu mana pun",
                      "Pagu for year {year} ({amount}) written on an indikator row of {kode}, not on its kode "
                      "row ({row}): counted in no pagu"),
    "hidden": ("; termasuk baris tersembunyi {row} ({kode}, {amount})",
               "; includes hidden row {row} ({kode}, {amount})"),
    "not_counted": ("; tidak termasuk {kode} ({amount}) yang tertulis di bawahnya tetapi kodenya milik {parent}",
                    "; excludes {kode} ({amount}) written under it whose kode belongs to {parent}"),
}

DOC_ID = """
TT01 pagu-induk: pagu induk berbeda dari jumlah pagu anak-anaknya.

Untuk kedua tahun (n dan n+1) pagu program sama dengan jumlah pagu kegiatannya dan pagu kegiatan
sama dengan jumlah pagu sub kegiatannya. Anak sebuah baris ditentukan oleh kodenya (kegiatan yang
salah letak dihitung pada program pemilik kodenya, dan pesan menyebutnya). Selisih lebih dari
``--tolerance`` (bawaan Rp 1) adalah ketidaksesuaian; yang lebih kecil adalah pembulatan (TT02).
Anak pada baris tersembunyi disebut dalam pesan (baris itu tidak terlihat saat jumlahnya diperiksa
di layar atau di kertas). Perbaikannya (tidak otomatis aman) adalah rumus ``=SUM(...)`` atas tepat
anak-anaknya. Pagu yang tertulis di baris indikator tambahan sebuah program, kegiatan atau sub
kegiatan (baris tanpa kode) tidak terhitung di mana pun dan dilaporkan di selnya.
Di T-C.31 (Tabel 2.3, tanpa kolom kode) kedua kolom uang (6 rancangan awal, 11 hasil analisis
kebutuhan) diperiksa; tingkat baris diambil dari kode yang tertulis, pasangan barisnya di T-C.33,
nomenklatur resmi, atau awalan ``PROGRAM``.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    4.01.03.2.01     Pelaksanaan Kebijakan Perekonomian   1.300.000.000
    4.01.03.2.01.01  ...                                    548.025.000
    4.01.03.2.01.02  ...                                    237.050.000
    4.01.03.2.01.03  ...                                    457.570.575

Contoh benar::

    4.01.03.2.01     Pelaksanaan Kebijakan Perekonomian   1.242.645.575
    (sub kegiatan yang sama: jumlahnya 1.242.645.575)
"""


def pagu_differences(ctx: Context):
    """Every parent whose pagu differs from its children's sum: (table, ParentSum, within_tolerance).
    Shared by TT01 and TT02, computed once per run."""
    key = ("pagu_differences", ctx.options.tolerance)
    if key not in ctx.cache:
        tol = ctx.options.tolerance
        found = []
        for table in ctx.tables:
            if "pagu" not in table.columns:
                continue
            for ps in _sums(ctx, table):
                if abs(ps.difference) < 1e-6:
                    continue
                found.append((table, ps, abs(ps.rupiah_difference) <= tol + 1e-9))
        ctx.cache[key] = found
    return ctx.cache[key]


def _sums(ctx: Context, table):
    """The parent sums of a table: by kode (``Row.children``), or for a T-C.31 table without kode
    column by the levels of :func:`xl_renja.crosscheck.review_tree` (both money columns, 6 and 11)."""
    if table.id != "T-C.31" or "kode" in table.columns:
        return parent_sums(table)
    from xl_renja.crosscheck import review_tree

    tree = review_tree(table, ctx.tables, nomenklatur=ctx.options.nomenklatur)
    return tree_sums(table, tree.children, tree.levels, skip=tree.uncertain)


def _label(row) -> str:
    """How a message names a row: its kode, else its name in quotes (a T-C.31 row)."""
    if row.kode is not None:
        return row.kode.text
    return f'"{row.name}"' if row.name else f"baris {row.row}"


class PaguDifference(Rule):
    """Shared by TT01 and TT02: report the parents whose rounding flag matches ``rounding``."""

    rounding = False

    def check(self, ctx: Context):
        for table, ps, rounding in pagu_differences(ctx):
            if rounding != self.rounding:
                continue
            row = ps.row
            level = int(row.kode.level) if row.kode is not None else ps.level
            msg = self.msg("mismatch", level=LEVEL_NAMES.get(level, "baris"), kode=_label(row), year=ps.year,
                           stated=rupiah(ps.rupiah_stated), diff=rupiah(abs(ps.rupiah_difference)),
                           children=_CHILD.get(level, "anaknya"),
                           total=rupiah(ps.rupiah_children_sum))
            extras = list(self._placement(row, ps.key)) if row.kode is not None else []
            hidden = row.table.sheet.hidden_rows
            if hidden:
                # a hidden child is not seen by the reader who checks the sum on screen or on paper
                extras += [self.msg("hidden", row=c.row, kode=_label(c), amount=rupiah(c.rupiah(ps.key)))
                           for c in ps.child_rows if c.row in hidden and c.number(ps.key)]
            for extra in extras:
                msg = (msg[0] + extra[0], msg[1] + extra[1])
            if rounding:
                tail = self.msg("rounding")
                msg = (msg[0] + tail[0], msg[1] + tail[1])
            edit = Edit(table.sheet_name, ps.value.ref, ps.children_sum, ps.formula(), safe=False)
            yield self.at_value(ctx, ps.value, msg, table=table, row=row, expected=ps.rupiah_children_sum,
                                actual=ps.rupiah_stated, fix=(edit,))

    def _placement(self, row, key):
        """Children counted by kode although written elsewhere, and rows written under this one
        whose kode belongs to another parent: named in the message, so the sum can be followed."""
        for child in row.children:
            if child.above is not None and child.above is not row and not _under(child.above, row):
                yield self.msg("counted_elsewhere", kode=child.kode.text, amount=rupiah(child.rupiah(key)),
                               above=child.above.kode.text)
        for other in row.table.items:
            if other.above is row and other.parent is not row and other.parent is not None:
                yield self.msg("not_counted", kode=other.kode.text, amount=rupiah(other.rupiah(key)),
                               parent=other.parent.kode.text)


def _under(row, ancestor) -> bool:
    while row is not None:
        if row is ancestor:
            return True
        row = row.parent
    return False


class PaguMismatch(PaguDifference):
    """TT01 pagu-induk: a parent's pagu differs from the sum of its children.

    For both years (n and n+1) the pagu of a program equals the sum of its kegiatan and the pagu
    of a kegiatan the sum of its sub kegiatan. Children follow the kode (``Row.children``): a
    misplaced kegiatan counts under the program its kode names, and the message says so. A
    difference larger than ``--tolerance`` (Rp 1 by default) is a real mismatch; smaller ones
    are rounding (TT02). A child on a hidden row is named in the message (it is not seen when the
    sum is checked on screen or on paper). The repair (not marked safe) is ``=SUM(...)`` over exactly the children.
    A pagu written on a further indikator row of a program, kegiatan or sub kegiatan (a
    continuation row, without kode) is counted nowhere and is reported at its cell.
    In T-C.31 (no kode column) both money columns (6 rancangan awal, 11 hasil analisis kebutuhan)
    are checked; a row's level comes from a kode written in it, its paired T-C.33 row, the
    official names, or a ``PROGRAM`` prefix (:func:`xl_renja.crosscheck.review_tree`).
    """

    code = "TT01"
    name = "pagu-induk"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        yield from super().check(ctx)
        yield from self._indicator_rows(ctx)

    def _indicator_rows(self, ctx: Context):
        from xl_renja.compute import PAGU_YEARS

        for table in ctx.tables:
            if "pagu" not in table.columns:
                continue
            for row in table.rows:
                owner = row.parent
                if row.kind != "continuation" or owner is None or owner.kode is None:
                    continue
                for key, year in PAGU_YEARS:
                    amount = row.number(key) if key in table.columns else None
                    if not amount:
                        continue
                    yield self.at_value(
                        ctx, row.get(key),
                        self.msg("indicator_row", year=year, amount=rupiah(amount), level=level_name(owner),
                                 kode=owner.kode.text, row=owner.row),
                        table=table, row=row, actual=amount, expected=None)
