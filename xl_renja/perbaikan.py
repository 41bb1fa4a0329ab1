"""The ``Perbaikan`` sheet: the repairs of ``fix`` listed inside the workbook, then applied in place.

Excel has no modal confirm in xlwings Lite, so repairing inside Excel is two actions:
``perbaiki`` writes the sheet listing every change (sheet, cell, before, after, code, and the
formula or value to write) and what is not repaired; the user reads it, may delete rows they do not
want, and ``terapkan_perbaikan`` applies the listed rows whose cell still holds its "before" value.
Both front ends (xlwings Lite and classic) use these functions through :mod:`xl_renja.excel`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xl_renja.fix import FixPlan

SHEET = "Perbaikan"
HEADER = ("Lembar", "Sel", "Sebelum", "Sesudah", "Kode", "Rumus", "Nilai", "Status")
HEADER_EN = ("Sheet", "Cell", "Before", "After", "Code", "Formula", "Value", "Status")
#: the row of the header; changes follow it until the first empty row
HEADER_ROW = 3
APPLIED = ("diterapkan", "applied")
STALE = ("dilewati: sel sudah berubah", "skipped: the cell has changed")


@dataclass(frozen=True)
class Listed:
    """One change read back from the sheet (row = its sheet row)."""

    row: int
    sheet: str
    cell: str
    before: Any
    formula: str | None
    value: Any
    status: str | None


def rows_of(fplan: FixPlan, current: dict[tuple[str, str], Any], lang: str = "id", now: str = "") -> list[list]:
    """The sheet's rows: a summary line, the header, one row per change, then what is not repaired.
    ``current`` gives the value each changed cell shows now (what "before" compares with)."""
    en = lang == "en"
    n = len(fplan.changes)
    summary = (f"xl_renja fix {now}: {n} changes; run terapkan_perbaikan to apply them (delete a row to leave that cell)"
               if en else f"xl_renja perbaiki {now}: {n} perubahan; jalankan terapkan_perbaikan untuk menerapkannya "
               "(hapus baris yang tidak ingin diterapkan)")
    rows: list[list] = [[summary], [], list(HEADER_EN if en else HEADER)]
    for c in fplan.changes:
        e = c.edit
        rows.append([e.sheet, e.cell, current.get((e.sheet, e.cell)), c.after, c.code, e.formula, e.value, None])
    rows.append([])
    rows.append(["not repaired:" if en else "tidak diperbaiki:"])
    for s in fplan.skipped:
        d = s.diagnostic
        rows.append([d.sheet, d.cell, None, None, d.code, d.text(lang), s.text(lang), None])
    return rows


def read_listed(rows: list[list]) -> list[Listed]:
    """The changes listed on the sheet (``rows`` as ``Range.value`` gives them from A1)."""
    out = []
    for i, row in enumerate(rows[HEADER_ROW:], start=HEADER_ROW + 1):
        cells = list(row or []) + [None] * 8
        if not any(v not in (None, "") for v in cells[:8]):
            break
        sheet, cell, before, _after, _code, formula, value, status = cells[:8]
        if not sheet or not cell:
            continue
        out.append(Listed(i, str(sheet), str(cell), before, str(formula) if formula else None, value,
                          str(status) if status else None))
    return out


def same(a: Any, b: Any) -> bool:
    """Whether a cell still shows what the sheet recorded as "before" (numbers within 1e-9)."""
    if a in (None, "") and b in (None, ""):
        return True
    try:
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))
    except (TypeError, ValueError):
        return str(a) == str(b)


def to_apply(listed: list[Listed], current: dict[tuple[str, str], Any]) -> tuple[list[Listed], list[Listed]]:
    """(rows to apply, rows whose cell has changed since): rows already applied are left out."""
    apply, stale = [], []
    for item in listed:
        if item.status in APPLIED:
            continue
        (apply if same(current.get((item.sheet, item.cell)), item.before) else stale).append(item)
    return apply, stale
