"""FX02 rumus-induk: a parent's pagu formula does not add up exactly its children."""

from __future__ import annotations

from xl_renja.compute import PAGU_YEARS, children_sum, sum_formula
from xl_renja.diagnostics import Severity, qualified
from xl_renja.edits import Edit
from xl_renja.rules.base import Context, Rule, level_name

MESSAGES = {
    "summary": ("Rumus pagu induk tidak menjumlahkan tepat anak-anaknya",
                "A parent's pagu formula does not add up exactly its children"),
    "wrong": ("Rumus pagu {level} {kode} tahun {year} ({formula}) {problems}; seharusnya ={expected}",
              "The pagu formula of {kode} for year {year} ({formula}) {problems_en}; it should be ={expected}"),
    "missing": ("tidak menjumlahkan {rows}", "leaves out {rows}"),
    "extra": ("ikut menjumlahkan {rows} yang bukan anaknya", "also adds {rows}, which are not its children"),
    "twice": ("menjumlahkan {rows} dua kali", "adds {rows} twice"),
    "and": (" dan ", " and "),
}

DOC_ID = """
FX02 rumus-induk: rumus pagu induk tidak menjumlahkan tepat anak-anaknya.

Pagu program dan kegiatan yang ditulis sebagai rumus penjumlahan (``=SUM(...)``, ``=K10+K14``,
``=SUBTOTAL(9,...)``) diperiksa bentuknya: rumus itu harus menjumlahkan tepat sel pagu
anak-anaknya (anak ditentukan oleh kodenya) pada kolom yang sama, masing-masing sekali. Rumus yang
melewatkan satu anak, ikut menjumlahkan baris milik induk lain (mis. sub kegiatan sekaligus
kegiatannya), atau menjumlahkan satu baris dua kali adalah galat, walaupun nilainya saat ini
kebetulan sama (anak yang terlewat masih kosong): begitu angkanya berubah, pagu induk salah.
Rumus lain (merujuk lembar atau kolom lain, atau memakai fungsi lain) tidak diperiksa di sini.
Perbaikannya (tidak otomatis aman; ``fix --select FX02``) adalah ``=SUM(...)`` atas tepat
anak-anaknya.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    baris 10  4.01.01.2.01       Perencanaan ...      =SUM(K11:K12)
    baris 11  4.01.01.2.01.0001  ...                  100.000
    baris 12  4.01.01.2.01.0002  ...                  150.000
    baris 13  4.01.01.2.01.0007  ...                  (kosong)

Contoh benar::

    baris 10  4.01.01.2.01       Perencanaan ...      =SUM(K11:K13)
"""


def summed_rows(formula: str, sheet: str, col: int) -> list[tuple[int, int]] | None:
    """The row intervals ``(first, last)`` of column ``col`` on ``sheet`` that a plain sum formula
    adds (``SUM`` of references, ``+`` between references, ``SUBTOTAL(9|109, ...)``), one entry per
    reference; None for any other formula (another column or sheet, a number, another function)."""
    from xl_renja.formula import Unsupported, parse

    try:
        node = parse(formula)
    except (Unsupported, ValueError, RecursionError):
        return None
    out: list[tuple[int, int]] = []

    def walk(n) -> bool:
        kind = n[0]
        if kind == "ref":
            ref_sheet, r1, c1, r2, c2 = n[1]
            if ref_sheet is not None and ref_sheet.upper() != sheet.upper():
                return False
            if c1 != col or c2 != col:
                return False
            out.append((r1, r2))
            return True
        if kind == "bin" and n[1] == "+":
            return walk(n[2]) and walk(n[3])
        if kind == "call" and n[1] == "SUM":
            return bool(n[2]) and all(walk(a) for a in n[2])
        if kind == "call" and n[1] == "SUBTOTAL" and len(n[2]) >= 2:
            first = n[2][0]
            return first[0] == "lit" and first[1] in (9, 109) and all(walk(a) for a in n[2][1:])
        return False

    return out if walk(node) else None


def _label(row, ref: str) -> str:
    return f"{row.kode.text} ({ref})" if row.kode is not None else ref


class ParentFormula(Rule):
    """FX02 rumus-induk: a parent's pagu formula does not add up exactly its children.

    The pagu of a program or kegiatan written as a plain sum formula (``=SUM(...)``,
    ``=K10+K14``, ``=SUBTOTAL(9,...)``) is checked for its shape: it must add exactly the pagu
    cells of the row's children (children follow the kode, ``Row.children``) in the same column,
    each once. A formula that leaves out a child, also takes a row of another parent (a sub
    kegiatan together with its kegiatan, say), or adds a row twice is an error even when the
    values happen to agree today (the child left out is still empty): once the numbers change,
    the parent's pagu is wrong. Other formulas (another sheet or column, other functions) are not
    checked here. The repair (not marked safe; ``fix --select FX02``) is ``=SUM(...)`` over
    exactly the children.
    """

    code = "FX02"
    name = "rumus-induk"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        for table in ctx.tables:
            keys = [(k, y) for k, y in PAGU_YEARS if k in table.columns]
            if not keys:
                continue
            items = [r for r in table.items if r.kode is not None]
            for row in items:
                if not row.children:
                    continue
                for key, year in keys:
                    value = row.get(key)
                    cell = value.cell
                    if cell is None or not cell.formula:
                        continue
                    spans = summed_rows(cell.formula, table.sheet_name, value.col)
                    if spans is None:
                        continue
                    d = self._judge(ctx, table, row, key, year, value, spans, items)
                    if d is not None:
                        yield d

    def _judge(self, ctx, table, row, key, year, value, spans, items):
        from xl_renja.model import cell_ref

        col = value.col
        children = {c.row: c for c in row.children}

        def count(r: int) -> int:
            return sum(1 for a, b in spans if a <= r <= b)

        missing = [c for r, c in sorted(children.items()) if count(r) == 0]
        twice = [c for r, c in sorted(children.items()) if count(r) > 1]
        extra = [r for r in items if r.row not in children and count(r.row) > 0]
        if not (missing or twice or extra):
            return None
        ref = lambda r: cell_ref(r.row, col)  # noqa: E731
        parts = []
        if missing:
            parts.append(self.msg("missing", rows=", ".join(_label(c, ref(c)) for c in missing)))
        if extra:
            parts.append(self.msg("extra", rows=", ".join(_label(c, ref(c)) for c in extra)))
        if twice:
            parts.append(self.msg("twice", rows=", ".join(_label(c, ref(c)) for c in twice)))
        glue = self.msg("and")
        problems = (glue[0].join(p[0] for p in parts), glue[1].join(p[1] for p in parts))
        expected = sum_formula(list(children), col)
        msg = self.msg("wrong", level=level_name(row), kode=row.kode.text, year=year, formula=value.cell.formula,
                       problems=problems[0], problems_en=problems[1], expected=expected)
        total, _n = children_sum(row, key)
        edit = Edit(table.sheet_name, value.ref, total if total is not None else 0, expected, safe=False)
        cells = [qualified(table.sheet_name, ref(c)) for c in missing + extra + twice]
        return self.at_value(ctx, value, msg, table=table, row=row, expected="=" + expected,
                             actual=value.cell.formula, cells=cells, fix=(edit,))
