"""Edit kinds of the patching writer besides :class:`xl_renja.edits.Edit` (a cell's value or
formula with its cached value)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence


@dataclass(frozen=True)
class Fill:
    """Give a cell a solid fill ``rgb`` ('FFC7CE' or 'FFFFC7CE') on top of its current format."""

    sheet: str
    cell: str
    rgb: str


@dataclass(frozen=True)
class SetStyle:
    """Set a cell's format index (``s``), e.g. to restore what :func:`cell_style` recorded."""

    sheet: str
    cell: str
    style_index: int


@dataclass(frozen=True)
class Note:
    """Add or replace the note (legacy comment) of a cell."""

    sheet: str
    cell: str
    text: str
    author: str = "xl_renja"


@dataclass(frozen=True)
class ClearNote:
    """Remove the note of a cell (nothing happens when it has none)."""

    sheet: str
    cell: str


@dataclass(frozen=True)
class Hyperlink:
    """Link a cell to ``target``: a location in the workbook (``'Lembar'!A1``, optionally with a
    leading ``#``) or an external ``http(s)://`` / ``mailto:`` address."""

    sheet: str
    cell: str
    target: str


@dataclass(frozen=True)
class HideColumns:
    """Hide columns, given as letters ('C') or 1-based numbers."""

    sheet: str
    columns: Sequence[str | int]


@dataclass(frozen=True)
class SheetData:
    """A whole sheet written from ``rows`` (lists of values; text stays text). An existing sheet of
    that name keeps its place and formats but its cells and merges are replaced; otherwise the
    sheet is appended. ``widths`` are column widths in characters, from column A."""

    name: str
    rows: Sequence[Sequence[Any]]
    hidden_columns: Sequence[str | int] = ()
    widths: Sequence[float] = ()


@dataclass(frozen=True)
class CachedValue:
    """Replace only the cached value of a formula cell (its ``<f>`` stays exactly as it is);
    cells without a formula are left alone. What :func:`recalculate` writes back."""

    sheet: str
    cell: str
    value: Any
