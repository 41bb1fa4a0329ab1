"""The table model shared by every official layout: specs of columns, tables, typed rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Sequence

from xl_renja.kode import Kode, KodeLevel
from xl_renja.model import Cell, Sheet, cell_ref


@dataclass(frozen=True)
class ColumnSpec:
    """One logical column of an official layout.

    ``key`` names it everywhere (rules, JSON); ``patterns`` are regular expressions that the
    normalised header text of the column must match (any), used to verify or to place it;
    ``pair`` names the partner column when the official layout splits it in two under one number
    (``satuan`` in T-C.29 value/satuan pairs, ``rp`` in K/Rp pairs); ``numeric`` marks columns
    that must hold numbers; ``money`` marks rupiah columns.
    """

    key: str
    patterns: tuple[str, ...] = ()
    pair: str | None = None
    numeric: bool = False
    money: bool = False
    required: bool = True
    repeat: bool = False  # pattern mode: takes every matching slot (key_1, key_2, ...)

    def matches(self, header: str) -> bool:
        return any(re.search(p, header) for p in self.patterns)


@dataclass(frozen=True)
class Variant:
    """A layout variant: its name and its columns in official order (one per numbered slot)."""

    name: str
    columns: tuple[ColumnSpec, ...]
    mode: str = "position"  # or "pattern"


@dataclass(frozen=True)
class LayoutSpec:
    id: str
    title: str
    all_of: tuple[str, ...]       # every pattern must appear in the joined header text
    none_of: tuple[str, ...] = ()  # no pattern may appear
    variants: tuple[Variant, ...] = ()
    has_kode: bool = True
    derived: dict[str, str] = field(default_factory=dict)  # key -> formula label (documentation)
    #: the cells each kode level must fill (3 program, 4 kegiatan, 5 sub kegiatan): RQ01 and schema()
    required: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def recognises(self, header_text: str) -> bool:
        return all(re.search(p, header_text) for p in self.all_of) and not any(
            re.search(p, header_text) for p in self.none_of
        )


@dataclass(slots=True)
class Value:
    """A cell value that remembers its place."""

    sheet: str
    row: int
    col: int
    cell: Cell | None

    @property
    def ref(self) -> str:
        return cell_ref(self.row, self.col)

    @property
    def qualified(self) -> str:
        """``'Tabel 3.1'!K17``."""
        from xl_renja.diagnostics import qualified

        return qualified(self.sheet, self.ref)

    @property
    def raw(self) -> Any:
        return None if self.cell is None else self.cell.value

    @property
    def is_blank(self) -> bool:
        return self.cell is None or self.cell.is_blank

    @property
    def is_error(self) -> bool:
        return self.cell is not None and self.cell.is_error

    @property
    def text(self) -> str | None:
        if self.is_blank or self.is_error:
            return None
        raw = self.raw
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        return str(raw).strip()

    @property
    def is_percent_format(self) -> bool:
        return self.cell is not None and "%" in (self.cell.number_format or "")

    def number(self) -> float | int | None:
        """The number a person reads in the cell: percent-formatted 0.5 reads as 50."""
        from xl_renja.values import parse_number

        if self.is_blank or self.is_error:
            return None
        raw = self.raw
        if isinstance(raw, bool):
            return None
        if isinstance(raw, (int, float)):
            if self.is_percent_format:
                return round(raw * 100, 10)
            return raw
        return parse_number(raw)

    def decimals_shown(self) -> int | None:
        """Decimals the number format shows (None for General)."""
        if self.cell is None:
            return None
        fmt = (self.cell.number_format or "General").split(";")[0]
        if fmt == "General":
            return None
        m = re.search(r"0\.(0+)", fmt)
        return len(m.group(1)) if m else 0


@dataclass(slots=True, eq=False)
class Row:
    """One data row of a table, typed.

    ``kind``: ``item`` (a row with a kode, or a named row in a table without kode column),
    ``continuation`` (a further indikator of the item above, empty kode), ``label`` (urusan,
    bidang, tujuan or sasaran text without kode), ``total`` (closing TOTAL/JUMLAH row).

    The hierarchy every feature uses: :attr:`parent` of an item is the row holding its parent
    kode (or, when that row is missing, its nearest ancestor kode) when the kode is well formed,
    so a misplaced kegiatan is not counted under the program above it; for a malformed kode it is
    the nearest row above of a higher level. :attr:`children` are the items whose parent this
    row is, in sheet order. :attr:`above` is always the nearest row above of a higher level
    (what KR02 compares with). A continuation row's ``parent`` is the item it continues.
    ``raw`` is the sheet's own row of cells (shared, not copied); :attr:`values` gives the
    non-blank ones as :class:`Value` objects by logical key, and :meth:`get` answers for every
    column of the table. ``own`` holds the cells of logical columns that are not one sheet cell as
    written: the kode rebuilt from parts in several columns (at the first part's cell), or the
    kode and the name read apart from one ``4.01.01.2.01.06 Koordinasi ...`` cell.
    """

    table: "Table"
    row: int
    kind: str
    raw: dict[int, Cell] = field(default_factory=dict)  # the sheet's cells of this row, by column
    kode: Kode | None = None
    kode_problems: tuple[str, ...] = ()
    legacy: bool = False
    # sequences: an empty tuple until the first one is added (most rows have none, and a list per
    # row costs on 50k-row tables), then a list
    continuations: "Sequence[Row]" = ()
    parent: "Row | None" = None
    children: "Sequence[Row]" = ()
    above: "Row | None" = None
    own: dict[str, Cell] | None = None

    def cell_of(self, key: str) -> Cell | None:
        """The non-blank cell of a logical column, or None."""
        col = self.table.columns.get(key)
        if col is None:
            return None
        cell = self.own[key] if self.own is not None and key in self.own else self.raw.get(col)
        return None if cell is None or cell.is_blank else cell

    @property
    def cells(self) -> dict[str, tuple[int, Cell]]:
        out = {}
        raw = self.raw
        for k, c in self.table.columns.items():
            cell = raw.get(c)
            if cell is not None and not cell.is_blank:
                out[k] = (c, cell)
        if self.own is not None:
            for k, cell in self.own.items():
                c = self.table.columns.get(k)
                if c is not None:
                    out[k] = (c, cell)
        return out

    @property
    def kode_split(self) -> bool:
        """Whether the kode is not one sheet cell as written (parts in several columns, or the
        kode and the name in one cell)."""
        return bool(self.table.kode_parts) or self.table.kode_with_name

    @property
    def values(self) -> dict[str, Value]:
        name = self.table.sheet.name
        return {k: Value(name, self.row, c, cell) for k, (c, cell) in self.cells.items()}

    def has(self, key: str) -> bool:
        return self.cell_of(key) is not None

    def get(self, key: str) -> Value | None:
        """The value of a logical column; blank cells come back as a blank Value that still
        knows its place. None only for columns the table lacks."""
        col = self.table.columns.get(key)
        if col is None:
            return None
        if self.own is not None and key in self.own:
            return Value(self.table.sheet.name, self.row, col, self.own[key])
        return Value(self.table.sheet.name, self.row, col, self.raw.get(col))

    def text(self, key: str) -> str | None:
        cell = self.cell_of(key)
        return None if cell is None else Value(self.table.sheet.name, self.row, 0, cell).text

    def number(self, key: str):
        cell = self.cell_of(key)
        return None if cell is None else Value(self.table.sheet.name, self.row, 0, cell).number()

    def rupiah(self, key: str):
        """The amount of a money column in rupiah: the cell's number times the table's ``scale``."""
        n = self.number(key)
        return None if n is None else n * self.table.scale

    @property
    def level(self) -> KodeLevel | None:
        return self.kode.level if self.kode else None

    @property
    def kode_text(self) -> str | None:
        if self.kode:
            return self.kode.text
        return self.text("kode")

    @property
    def name(self) -> str | None:
        return self.text("uraian")

    def with_continuations(self) -> Iterator["Row"]:
        yield self
        yield from self.continuations


@dataclass
class Table:
    """An official table found on a sheet."""

    id: str
    title: str
    variant: str
    sheet: Sheet
    header_rows: list[int]
    number_row: int
    last_row: int
    columns: dict[str, int]          # logical key -> column index
    number_labels: dict[int, str]    # column -> label in the number row
    rows: list[Row] = field(default_factory=list)
    totals: list[Row] = field(default_factory=list)
    repeated_headers: list[int] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    spec: LayoutSpec | None = None
    #: multiply the money cells by this to get rupiah (1000 for a table "dalam ribuan rupiah")
    scale: int = 1
    #: where the money unit is declared (row, col) when ``scale`` is not 1, and its words
    scale_cell: tuple[int, int] | None = None
    scale_text: str = ""
    #: False when the table has no column-number row (recognised by its headers alone, ST02)
    numbered: bool = True
    #: the columns of a kode written in parts (``5 | 03 | 01 | 2.01 | 01``); empty for one column
    kode_parts: list[int] = field(default_factory=list)
    #: kode and name written in one cell of the uraian column (``4.01.01.2.01.06 Koordinasi ...``)
    kode_with_name: bool = False

    @property
    def sheet_name(self) -> str:
        return self.sheet.name

    @property
    def first_row(self) -> int:
        return self.header_rows[0] if self.header_rows else self.number_row

    @property
    def items(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "item"]

    def header_cell(self) -> str:
        row = self.header_rows[0] if self.header_rows else self.number_row
        col = min(self.number_labels) if self.number_labels else 1
        return cell_ref(row, col)

    def count_levels(self) -> dict[KodeLevel, int]:
        out: dict[KodeLevel, int] = {}
        for r in self.items:
            if r.kode is not None:
                out[r.kode.level] = out.get(r.kode.level, 0) + 1
        return out

    def kode_cells(self, row: Row) -> list[str]:
        """Every sheet cell (qualified) that holds part of the row's kode."""
        from xl_renja.diagnostics import qualified

        cols = self.kode_parts or ([self.columns["kode"]] if "kode" in self.columns else [])
        return [qualified(self.sheet.name, cell_ref(row.row, c)) for c in cols]

    def kode_edits(self, row: Row, text: str) -> tuple:
        """The edits that write kode ``text`` in the row's own form: the one kode cell; the kode
        followed by the name in a kode-and-name cell; each part cell when ``text`` splits into the
        parts as written (same number of segments per part), else none (no certain repair)."""
        from xl_renja.edits import Edit
        from xl_renja.kode import part_text

        col = self.columns.get("kode")
        if col is None:
            return ()
        name = self.sheet.name
        if self.kode_parts:
            segments = text.split(".")
            edits, i = [], 0
            for c in self.kode_parts:
                cell = row.raw.get(c)
                if cell is None or cell.is_blank:
                    continue
                written = part_text(cell.value, cell.number_format)
                n = len([s for s in written.split(".") if s])
                part = ".".join(segments[i:i + n])
                i += n
                if part != written:
                    edits.append(Edit(name, cell_ref(row.row, c), part))
            return tuple(edits) if i == len(segments) else ()
        if self.kode_with_name:
            rest = row.text("uraian")
            return (Edit(name, cell_ref(row.row, col), f"{text} {rest}" if rest else text),)
        return (Edit(name, cell_ref(row.row, col), text),)

    def column_spec(self, key: str) -> ColumnSpec | None:
        if self.spec is None:
            return None
        base = key
        for variant in self.spec.variants:
            if variant.name == self.variant:
                for spec in variant.columns:
                    if spec.key == base or (spec.repeat and key.startswith(spec.key + "_")):
                        return spec
        return None


# ---------------------------------------------------------------------------------- templates
# How each layout is printed (written by xl_renja.layouts.template.write_table).

@dataclass(frozen=True)
class Col:
    """One numbered slot of a layout.

    ``heads``: header texts top-down (group headers first, the column's own header last).
    ``pair``: suffix of the partner column (``satuan``/``rp``) when the slot may take two sheet
    columns; whether it does is decided by the template (:attr:`Template.paired`).
    ``sub``: labels of the bottom row under a pair (``("K", "Rp")``), or None when the pair's
    header spans both columns. ``fmt``/``pair_fmt``: number formats of data cells.
    """

    key: str
    label: int | str
    heads: tuple[str, ...]
    width: float = 12
    fmt: str | None = None
    pair: str | None = None
    sub: tuple[str, str] | None = None
    pair_width: float | None = None
    pair_fmt: str | None = None


@dataclass(frozen=True)
class Template:
    """A layout's printed form: title lines, slots, and the detection variant it is read as."""

    layout: str
    variant: str
    name: str
    sheet: str
    titles: tuple[str, ...]
    cols: tuple[Col, ...]
    paired: frozenset[str] = frozenset()  # keys of the slots written as two columns

    def options(self, *, paired: bool | Iterable[str] | None = None,
                omit: Iterable[str] = ()) -> "Template":
        """This template with other pairs (True: every pairable slot; False: none; or the keys)
        and without the ``omit`` slots (integer number labels are renumbered 1, 2, ...)."""
        t = self
        if paired is not None:
            pairable = {c.key for c in self.cols if c.pair}
            keys = pairable if paired is True else set() if paired is False else set(paired)
            unknown = keys - pairable
            if unknown:
                raise ValueError(f"{self.layout}: not pairable: {sorted(unknown)}")
            t = replace(t, paired=frozenset(keys))
        omit = set(omit)
        if omit:
            unknown = omit - {c.key for c in t.cols}
            if unknown:
                raise ValueError(f"{self.layout}: no such column: {sorted(unknown)}")
            cols, n = [], 0
            for c in t.cols:
                if c.key in omit:
                    continue
                n += 1
                cols.append(replace(c, label=n) if isinstance(c.label, int) else c)
            t = replace(t, cols=tuple(cols), paired=t.paired - omit)
        return t

    def is_paired(self, col: Col) -> bool:
        return col.pair is not None and col.key in self.paired

    @property
    def depth(self) -> int:
        """Header rows above the column-number row."""
        return max(len(c.heads) + (1 if c.sub and self.is_paired(c) else 0) for c in self.cols)

    @property
    def width(self) -> int:
        return sum(2 if self.is_paired(c) else 1 for c in self.cols)

    def offsets(self) -> dict[str, int]:
        """Logical key (and partner key) -> 0-based column offset from the table's first column."""
        out, pos = {}, 0
        for c in self.cols:
            out[c.key] = pos
            if self.is_paired(c):
                out[f"{c.key}_{c.pair}"] = pos + 1
                pos += 2
            else:
                pos += 1
        return out

    def number_labels(self) -> list[int | str]:
        return [c.label for c in self.cols]
