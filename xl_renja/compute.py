"""The domain arithmetic, once: children sums and the derived columns, as values and as formulas.

CP01 checks what these functions compute, the worksheet functions answer with them, and ``fix``
and ``fill`` write the formulas they give, so the three never disagree. Every derived value comes
with the A1 formula that produces it in its own cell (in that cell's unit: a percent-formatted
cell gets ``H9/G9``, a plain one ``H9/G9*100``), guarded against division by zero.

- T-C.29: 8 = 7/6 x 100, 10 = 5 + 7 + 9, 11 = 10/4 x 100.
- Quarterly evaluation (K and Rp): 13 = 9 + 10 + 11 + 12, 14 = 7 + 13, 15 = 14/6 x 100.
- A derived value follows the corrected derived values it uses (11 from the recomputed 10, 15 from
  the recomputed 14), so the formula written in its cell and its value agree once the row is fixed.
- Counts (Dokumen, Bulan, Orang) add up across periods; percentages and indices do not, so 10,
  13 and 14 are only computed for counts and rupiah. For "lower is better" indicators (angka
  kemiskinan, inflasi) a capaian is (2 x target - realisasi) / target x 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from xl_renja.model import col_letter

if TYPE_CHECKING:
    from xl_renja.layouts.base import Row, Table, Value

#: the pagu columns of a parent and the year each one is for
PAGU_YEARS = (("pagu", "n"), ("pagu_n1", "n+1"))


# ----------------------------------------------------------------------------- numbers


def quantity(value: "Value | None"):
    """A number from a numeric cell or from a target text such as ``24 Bulan``."""
    if value is None or value.is_blank or value.is_error:
        return None
    num = value.number()
    if num is not None:
        return num
    from xl_renja.values import parse_target

    return parse_target(value.raw).quantity


def certain_quantity(value: "Value | None") -> bool:
    """Whether :func:`quantity` reads the cell without doubt: a number, or one number followed
    by a known satuan (``24 Bulan``, ``100%``)."""
    if value is None or value.is_blank or value.is_error:
        return False
    if value.cell.kind == "n":
        return True
    from xl_renja.satuan import canonical_satuan
    from xl_renja.values import parse_target

    t = parse_target(value.raw)
    return t.quantity is not None and (not t.satuan or t.is_percent or canonical_satuan(t.satuan) is not None)


_RATE_INDIKATOR = re.compile(
    r"^\s*(persentase|presentase|prosentase|tingkat|capaian|rasio|indeks|nilai|rata)", re.I
)
_COUNT_INDIKATOR = re.compile(r"^\s*[-\u2022]?\s*(jumlah|banyaknya|total)\b", re.I)


def is_count(satuan: str | None, indikator: str | None) -> bool:
    """Whether values add up across periods: from the satuan, else from the indikator's wording
    ("Jumlah Dokumen ..." counts; "Persentase ...", "Indeks ..." do not)."""
    from xl_renja.satuan import canonical_satuan, is_additive

    if satuan and canonical_satuan(satuan) is not None:
        return is_additive(satuan)
    text = indikator or ""
    if _RATE_INDIKATOR.match(text):
        return False
    if _COUNT_INDIKATOR.match(text):
        return True
    return bool(satuan) and is_additive(satuan)


def capaian(target, realisasi, lower: bool = False):
    """Capaian in percent: realisasi / target x 100, or (2 x target - realisasi) / target x 100 for
    a lower-is-better indicator. None when the target is missing or zero."""
    if target in (None, 0) or realisasi is None:
        return None
    if lower:
        return (2 * target - realisasi) / target * 100
    return realisasi / target * 100


def capaian_formula(target_ref: str, realisasi_ref: str, lower: bool = False, percent_cell: bool = False) -> str:
    """The A1 formula of :func:`capaian` (without ``=``), empty text when the target is 0."""
    ratio = f"(2*{target_ref}-{realisasi_ref})/{target_ref}" if lower else f"{realisasi_ref}/{target_ref}"
    return f'IF({target_ref}=0,"",{ratio}{"" if percent_cell else "*100"})'


# ----------------------------------------------------------------------------- hierarchy sums


def total(numbers: Iterable[float | None]) -> float | None:
    """The sum of the numbers, blanks (None) skipped; None when there is no number at all."""
    nums = [n for n in numbers if n is not None]
    return sum(nums) if nums else None


def children_sum(row: "Row", key: str) -> tuple[float | None, int]:
    """Sum of ``key`` over the row's children and how many children there are; None when no
    child has a number there."""
    return total(c.number(key) for c in row.children), len(row.children)


def kode_children_sum(pairs: Iterable[tuple], kode) -> tuple[float | None, float | None, int]:
    """A parent's stated pagu and the sum over its children, from (kode, pagu) pairs such as two
    columns of a sheet: ``(stated, children_sum, children)``. The children are the pairs whose
    kode is one level below ``kode`` (``X``/``XX`` segments match anything); numbers may be
    Indonesian text (``1.260.789.058``). ``stated`` is None when ``kode`` is not among the pairs
    or its pagu is not a number."""
    from xl_renja.kode import parse_kode
    from xl_renja.values import parse_number

    parent = parse_kode(kode)
    if parent is None:
        raise ValueError(f"kode {kode!r}")
    stated, found, nums = None, False, []
    for k, pagu in pairs:
        kk = parse_kode(k)
        if kk is None:
            continue
        if kk.matches(parent) and not found:
            found, stated = True, parse_number(pagu)
        elif kk.parent is not None and kk.parent.matches(parent):
            nums.append(parse_number(pagu))
    return stated, total(nums), len(nums)


@dataclass
class ParentSum:
    """A parent's stated pagu for one year against the sum of its children."""

    row: "Row"
    key: str
    year: str
    value: "Value"
    stated: float
    children_sum: float
    #: the table's ``scale``: ``stated`` and ``children_sum`` are in the cells' own unit (what a
    #: repair writes); times ``scale`` they are rupiah (what a report says)
    scale: int = 1
    #: the children summed, when they are not ``row.children`` (a T-C.31 row, whose hierarchy
    #: comes from levels: :func:`xl_renja.crosscheck.review_tree`)
    children: "list[Row] | None" = None
    #: the parent's level (3 program, 4 kegiatan) when the row has no kode
    level: int | None = None

    @property
    def difference(self) -> float:
        return self.stated - self.children_sum

    @property
    def rupiah_stated(self) -> float:
        return self.stated * self.scale

    @property
    def rupiah_children_sum(self) -> float:
        return self.children_sum * self.scale

    @property
    def rupiah_difference(self) -> float:
        return self.difference * self.scale

    def formula(self) -> str:
        """``SUM(...)`` over exactly the children's cells of this column."""
        col = self.value.col
        return sum_formula([c.row for c in self.child_rows], col)

    @property
    def child_rows(self) -> "list[Row]":
        return list(self.row.children) if self.children is None else self.children


def parent_sums(table: "Table") -> Iterator[ParentSum]:
    """Every coded parent with children, for each pagu year the table has, where both the stated
    pagu and some child amount are numbers."""
    for row in table.items:
        if not row.children or row.kode is None:
            continue
        for key, year in PAGU_YEARS:
            if key not in table.columns:
                continue
            pv = row.get(key)
            stated = pv.number() if pv is not None else None
            total, _n = children_sum(row, key)
            if stated is None or total is None:
                continue
            yield ParentSum(row, key, year, pv, stated, total, getattr(table, "scale", 1))


#: the money columns of T-C.31 (rancangan awal, column 6; hasil analisis kebutuhan, column 11)
#: and how a message names each one
REVIEW_COLUMNS = (("pagu", "n (rancangan awal)"), ("pagu_hasil", "n (hasil analisis kebutuhan)"))


def tree_sums(table: "Table", children: dict, levels: dict, columns=REVIEW_COLUMNS,
              skip=frozenset()) -> Iterator[ParentSum]:
    """:func:`parent_sums` over a hierarchy given apart from ``Row.children`` (``children``: parent
    row -> child rows; ``levels``: row -> level), for the money ``columns`` (key, label) the table
    has; parents in ``skip`` are left out."""
    scale = getattr(table, "scale", 1)
    for row, kids in children.items():
        if row in skip or not kids:
            continue
        for key, label in columns:
            if key not in table.columns:
                continue
            pv = row.get(key)
            stated = pv.number()
            total_ = total(c.number(key) for c in kids)
            if stated is None or total_ is None:
                continue
            yield ParentSum(row, key, label, pv, stated, total_, scale, list(kids), levels.get(row))


def program_rows(table: "Table") -> list["Row"]:
    """Rows that are programs: by kode level, or by name ("PROGRAM ...") in tables without kode."""
    rows = [r for r in table.items if r.kode is not None and int(r.kode.level) == 3]
    if rows:
        return rows
    return [r for r in table.items if (r.name or "").strip().upper().startswith("PROGRAM")]


def sum_formula(rows: Iterable[int], col: int) -> str:
    """``SUM(K10:K12,K15)`` over exactly the given sheet rows of one column."""
    rows = sorted(set(rows))
    if not rows:
        return "0"
    letter = col_letter(col)
    parts, start, prev = [], rows[0], rows[0]
    for r in rows[1:] + [None]:
        if r is not None and r == prev + 1:
            prev = r
            continue
        parts.append(f"{letter}{start}" if start == prev else f"{letter}{start}:{letter}{prev}")
        if r is not None:
            start = prev = r
    return f"SUM({','.join(parts)})"


# ----------------------------------------------------------------------------- derived columns


@dataclass
class Derived:
    """One derived cell of a row: the value a person should read there, and how to write it.

    ``value`` is in the unit a person reads (66.67 for 66,67 %); ``cell_value`` is what the cell
    must hold (0.6667 in a percent-formatted cell); ``formula`` writes it from the row's own cells
    (None when an input is text, where a formula would give ``#VALUE!``); ``certain`` tells
    whether every input was read without doubt.
    """

    key: str
    label: str
    cell: "Value"
    value: float
    formula: str | None
    certain: bool

    @property
    def cell_value(self) -> float:
        return self.value / 100 if self.cell.is_percent_format else self.value


def _row_satuan(row: "Row", *keys: str) -> str | None:
    for key in keys:
        v = row.get(key)
        if v is not None and v.text:
            return v.text
    return None


def _make(row, key, label, value, formula_of, inputs) -> Derived | None:
    cell = row.get(key)
    if cell is None or value is None:
        return None
    numeric = all(v is not None and not v.is_blank and v.cell.kind == "n" for v in inputs)
    certain = all(certain_quantity(v) for v in inputs)
    formula = formula_of(cell.is_percent_format) if numeric else None
    return Derived(key, label, cell, value, formula, certain)


def _corrected(upstream: Derived | None, cell: "Value | None"):
    """A derived input as it should be: recomputed when its own column is derived (11 follows the
    corrected 10, not what the sheet holds in 10), else the cell's own quantity."""
    return upstream.value if upstream is not None else quantity(cell)


def _downstream(d: Derived | None, upstream: Derived | None, others: tuple = ()) -> Derived | None:
    """A value computed from a recomputed upstream value is as certain as that value and its other
    inputs (the upstream cell itself may be blank or wrong: its recomputation is what counts)."""
    if d is not None and upstream is not None:
        d.certain = upstream.certain and all(certain_quantity(v) for v in others)
    return d


def derived_tc29(row: "Row") -> list[Derived]:
    """Columns 8, 10 and 11 of a T-C.29 row."""
    from xl_renja.satuan import lower_is_better
    from xl_renja.values import parse_target

    indikator = row.text("indikator") or ""
    lower = lower_is_better(indikator)
    satuan = _row_satuan(row, "target_renstra_satuan", "target_n_satuan")
    if satuan is None and row.get("target_renstra") is not None:
        satuan = parse_target(row.get("target_renstra").raw).satuan
    out = []
    t6, r7 = row.get("target_n"), row.get("realisasi_n")
    out.append(_make(row, "tingkat_realisasi", "8=(7/6x100)", capaian(quantity(t6), quantity(r7), lower),
                     lambda pct: capaian_formula(t6.ref, r7.ref, lower, pct), (t6, r7)))
    d10 = None
    if is_count(satuan, indikator) and not lower:
        parts = [row.get(k) for k in ("realisasi_n3", "realisasi_n", "target_n1")]
        nums = [quantity(p) for p in parts]
        if all(n is not None for n in nums):
            d10 = _make(row, "realisasi_sd", "10=(5+7+9)", sum(nums), lambda pct: "+".join(p.ref for p in parts), parts)
            out.append(d10)
    t4, r10 = row.get("target_renstra"), row.get("realisasi_sd")
    out.append(_downstream(_make(row, "capaian_renstra", "11=(10/4x100)",
                                 capaian(quantity(t4), _corrected(d10, r10), lower),
                                 lambda pct: capaian_formula(t4.ref, r10.ref, lower, pct), (t4, r10)), d10, (t4,)))
    return [d for d in out if d is not None]


def derived_triwulan(row: "Row") -> list[Derived]:
    """Columns 13, 14 and 15 (K and Rp) of a quarterly evaluation row."""
    from xl_renja.satuan import lower_is_better
    from xl_renja.values import parse_target

    table = row.table
    indikator = row.text("indikator") or ""
    lower = lower_is_better(indikator)
    tv = row.get("target_renstra")
    satuan = parse_target(tv.raw).satuan if tv is not None and not tv.is_blank else None
    additive = is_count(satuan, indikator)
    out = []
    for suffix, money in (("", False), ("_rp", True)):
        if "realisasi_n" + suffix not in table.columns:
            continue
        unit = " (Rp)" if money else " (K)"

        def get(key, suffix=suffix):
            return row.get(key + suffix)

        d13 = d14 = None
        if money or (additive and not lower):
            tws = [get(k) for k in ("tw1", "tw2", "tw3", "tw4")]
            present = [t for t in tws if quantity(t) is not None]
            if present:
                d13 = _make(row, "realisasi_n" + suffix, "13=9+10+11+12" + unit, sum(quantity(t) for t in present),
                            lambda pct, tws=tws: f"SUM({','.join(t.ref for t in tws)})", present)
                out.append(d13)
            lalu, n = get("realisasi_lalu"), get("realisasi_n")
            if quantity(lalu) is not None and _corrected(d13, n) is not None:
                d14 = _downstream(_make(row, "realisasi_sd" + suffix, "14=7+13" + unit,
                                        quantity(lalu) + _corrected(d13, n),
                                        lambda pct, a=lalu, b=n: f"{a.ref}+{b.ref}", (lalu, n)), d13, (lalu,))
                out.append(d14)
        t6, r14 = get("target_renstra"), get("realisasi_sd")
        out.append(_downstream(_make(row, "capaian" + suffix, "15=14/6x100" + unit,
                                     capaian(quantity(t6), _corrected(d14, r14), lower and not money),
                                     lambda pct, a=t6, b=r14, lw=lower and not money: capaian_formula(a.ref, b.ref, lw, pct),
                                     (t6, r14)), d14, (t6,)))
    return [d for d in out if d is not None]


def derived(row: "Row") -> list[Derived]:
    """The derived cells of a row of T-C.29 or of the quarterly evaluation; [] for other tables."""
    if row.table.id == "T-C.29":
        return derived_tc29(row)
    if row.table.id == "evaluasi-triwulan":
        return derived_triwulan(row)
    return []
