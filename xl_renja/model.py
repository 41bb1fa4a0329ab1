"""The cell model every reader produces and every feature reads: no I/O here.

A :class:`Workbook` holds :class:`Sheet` objects; a sheet holds only its non-empty cells
(``rows[row][col] -> Cell``) and its merged ranges. Every cell keeps its cached value, its kind
(number, text, bool, date, error), the formula text where there is one, and its number format.
Readers live in :mod:`xl_renja.readers`; :func:`xl_renja.from_grid` builds the same model from the
values Excel hands over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

__all__ = ["Cell", "Sheet", "Workbook", "WorkbookError", "cell_ref", "col_letter", "parse_ref", "ERROR_VALUES"]

ERROR_VALUES = (
    "#REF!",
    "#DIV/0!",
    "#N/A",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
)


class WorkbookError(Exception):
    """A file that cannot be read as a workbook. ``message`` is one Indonesian line."""

    def __init__(self, message: str, message_en: str | None = None):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message


@dataclass(slots=True)
class Cell:
    """One non-empty cell. ``kind`` is 'n' number, 's' text, 'b' bool, 'd' date, 'e' error."""

    value: Any
    kind: str
    formula: str | None = None
    number_format: str = "General"

    @property
    def is_error(self) -> bool:
        return self.kind == "e"

    @property
    def is_blank(self) -> bool:
        v = self.value
        return v is None or (v.__class__ is str and not v.strip())


def col_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col


def cell_ref(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


_REF_RE = re.compile(r"([A-Z]+)(\d+)")


def parse_ref(ref: str) -> tuple[int, int]:
    m = _REF_RE.match(ref.replace("$", "").upper())
    if not m:
        raise ValueError(ref)
    return int(m.group(2)), col_index(m.group(1))


@dataclass
class Sheet:
    name: str
    rows: dict[int, dict[int, Cell]] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    max_row: int = 0
    max_col: int = 0
    #: rows hidden in the spreadsheet (Excel ``<row hidden="1">``, ODS ``table:visibility``), 1-based
    hidden_rows: set[int] = field(default_factory=set)
    _merge_index: dict[tuple[int, int], tuple[int, int]] | None = field(default=None, repr=False)

    def cell(self, row: int, col: int) -> Cell | None:
        r = self.rows.get(row)
        return r.get(col) if r else None

    def value(self, row: int, col: int) -> Any:
        c = self.cell(row, col)
        return None if c is None else c.value

    def set(self, row: int, col: int, cell: Cell) -> None:
        self.rows.setdefault(row, {})[col] = cell
        if row > self.max_row:
            self.max_row = row
        if col > self.max_col:
            self.max_col = col

    def merge_anchor(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding (row, col), or (row, col) itself."""
        if self._merge_index is None:
            index: dict[tuple[int, int], tuple[int, int]] = {}
            for r1, c1, r2, c2 in self.merges:
                if (r2 - r1 + 1) * (c2 - c1 + 1) > 10_000:
                    continue  # a whole-row/column merge: irrelevant for headers
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        index[(r, c)] = (r1, c1)
            self._merge_index = index
        return self._merge_index.get((row, col), (row, col))

    def merged_value(self, row: int, col: int) -> Any:
        return self.value(*self.merge_anchor(row, col))

    def iter_cells(self) -> Iterator[tuple[int, int, Cell]]:
        for r in sorted(self.rows):
            row = self.rows[r]
            for c in sorted(row):
                yield r, c, row[c]

    @property
    def is_empty(self) -> bool:
        return not any(not c.is_blank for row in self.rows.values() for c in row.values())


@dataclass
class Workbook:
    path: str
    sheets: list[Sheet]
    engine: str
    notes: list[str] = field(default_factory=list)
    #: False when the cells came without their number formats (a grid handed over by a front end
    #: that cannot read them): findings that depend on a format (is 0.5 a share or 50 %?) are
    #: then not reported as errors.
    formats_known: bool = True
    #: False when the cells came without their merged ranges (xlwings Lite cannot hand them over):
    #: header blocks are then read from their text alone, and some tables may not be read fully.
    merges_known: bool = True
    #: True when the file declares its cached formula values stale (``<calcPr fullCalcOnLoad="1"/>``
    #: in workbook.xml: Excel recomputes every formula on opening); :mod:`xl_renja.formula` then
    #: computes every formula, not only those saved without a value.
    stale_values: bool = False

    def sheet(self, name: str) -> Sheet:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)
