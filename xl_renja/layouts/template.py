"""Layout templates: the official header of each table, declared once, written through XlsxWriter.

Every layout module declares ``TEMPLATES`` (one :class:`Template` per template variant): the title
lines, one :class:`Col` per numbered slot (its logical key, the header texts from the top group row
down to its own text, the label of the column-number row, width and number format) and, for
value/satuan or K/Rp columns, the partner column. :func:`write_table` lays a template out on a
worksheet and returns a :class:`TableMap` that says where every logical key lives.

The header block is derived from the declaration:

* a column's texts are read top-down; all but the last are group headers, merged across the
  neighbouring columns that declare the same group path; the last text is the column's own header
  and reaches down to the bottom of the header block (or to the K/Rp row of a pair);
* a paired column takes two sheet columns under one number (merged header and number cells);
  ``sub`` labels (``K``/``Rp``) go in an extra bottom row;
* ``{n}``, ``{n+1}``, ``{n-2}``, ... in texts are the plan year ``tahun`` and its neighbours;
  ``{renstra}`` is the closing year of the Renstra period; both read ``...`` when not given.

Writers: an XlsxWriter worksheet (the normal target: formulas are written with their cached value,
so every reader sees the numbers; works in ``constant_memory`` mode) or, for code that needs an
openpyxl workbook in memory, an openpyxl worksheet (formulas are then written without a cached
value). Rows are 1-based Excel rows and columns are 1-based in the whole API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from xl_renja.layouts.base import Col, Template

__all__ = [
    "Col", "Template", "TableMap", "Formula", "Fmt", "template", "templates", "write_table",
    "write_rows", "write_template_workbook", "col_letter", "fill",
]


def _registry() -> dict[str, dict[str, Template]]:
    from xl_renja.layouts import definisi, tc29, tc30, tc31, tc33, triwulan

    mods = (tc29, tc30, tc31, tc33, definisi, triwulan)
    return {m.LAYOUT.id: m.TEMPLATES for m in mods}


def templates() -> dict[str, dict[str, Template]]:
    """Every declared template: layout id -> template variant name -> :class:`Template`."""
    return _registry()


def template(layout_id: str | Template, variant: str | None = None) -> Template:
    """The template of ``layout_id`` (``T-C.33``...) and variant (default: its first one)."""
    if isinstance(layout_id, Template):
        return layout_id
    reg = _registry()
    if layout_id not in reg:
        raise KeyError(f"unknown layout {layout_id!r}; known: {', '.join(reg)}")
    variants = reg[layout_id]
    if variant is None:
        return next(iter(variants.values()))
    if variant not in variants:
        raise KeyError(f"{layout_id} has no template variant {variant!r}; known: {', '.join(variants)}")
    return variants[variant]


# ---------------------------------------------------------------------------------- values

@dataclass(frozen=True)
class Formula:
    """A formula (``"=SUM(F9:F12)"``) with the value it evaluates to, written as its cached value."""

    formula: str
    value: Any = None


@dataclass(frozen=True)
class Fmt:
    """A cell value with an Excel number format."""

    value: Any
    fmt: str = "General"


_PLACEHOLDER = re.compile(r"\{(n(?:[+-]\d+)?|renstra)\}")


def fill(text: str, tahun: int | None = None, tahun_renstra: int | str | None = None) -> str:
    """Replace ``{n}``, ``{n+1}``, ``{n-2}``, ``{renstra}`` (``...`` when the year is not given)."""

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name == "renstra":
            return "..." if tahun_renstra is None else str(tahun_renstra)
        if tahun is None:
            return "..."
        return str(int(tahun) + int(name[1:] or 0))

    return _PLACEHOLDER.sub(sub, text)


def col_letter(col: int) -> str:
    """1-based column number -> letters (1 -> A, 27 -> AA)."""
    s = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        s = chr(65 + rem) + s
    return s


# ---------------------------------------------------------------------------------- the map

@dataclass
class TableMap:
    """Where :func:`write_table` put a table (1-based rows and columns)."""

    layout: str
    variant: str            # the detection variant (``Table.variant``)
    template: Template
    first_col: int
    last_col: int
    title_rows: list[int]
    header_rows: list[int]
    number_row: int
    columns: dict[str, str]  # logical key -> column letter
    data_rows: list[int] = field(default_factory=list)  # sheet row of each data row written
    repeated_number_rows: list[int] = field(default_factory=list)
    last_row: int = 0

    @property
    def first_data_row(self) -> int:
        return self.number_row + 1

    def col(self, key: str) -> int:
        """1-based column of ``key``."""
        return self.first_col + self.template.offsets()[key]

    def cell(self, key: str, i: int) -> str:
        """Address of ``key`` on the i-th data row (0 = first); past the rows written, rows
        continue one by one after the last."""
        if i < len(self.data_rows):
            row = self.data_rows[i]
        elif self.data_rows:
            row = self.data_rows[-1] + i - len(self.data_rows) + 1
        else:
            row = self.first_data_row + i
        return f"{self.columns[key]}{row}"


# ---------------------------------------------------------------------------------- layout

@dataclass
class _Cell:
    row: int  # 0-based within the header block
    col: int  # 0-based offset
    text: str
    rows: int = 1
    cols: int = 1


def _header_cells(t: Template, depth: int, texts: Mapping[str, str]) -> list[_Cell]:
    """The header block of ``t`` as cells (0-based offsets), group cells merged."""
    offsets = t.offsets()
    cells: list[_Cell] = []
    # groups: per level, runs of adjacent columns with the same declared path
    levels = max(len(c.heads) for c in t.cols) - 1
    for level in range(levels):
        run: list[Col] = []

        def close(run: list[Col]) -> None:
            if not run:
                return
            first, last = run[0], run[-1]
            c0 = offsets[first.key]
            c1 = offsets[last.key] + (1 if t.is_paired(last) else 0)
            text = next((texts[f"{c.key}:{level}"] for c in run if f"{c.key}:{level}" in texts),
                        first.heads[level])
            cells.append(_Cell(level, c0, text, 1, c1 - c0 + 1))

        for c in t.cols:
            grouped = len(c.heads) - 1 > level
            if run and (not grouped or c.heads[: level + 1] != run[-1].heads[: level + 1]):
                close(run)
                run = []
            if grouped:
                run.append(c)
        close(run)
    for c in t.cols:
        paired = t.is_paired(c)
        top = len(c.heads) - 1
        bottom = depth - 1 - (1 if paired and c.sub else 0)
        text = texts.get(c.key, texts.get(f"{c.key}:{top}", c.heads[-1]))
        off = offsets[c.key]
        cells.append(_Cell(top, off, text, bottom - top + 1, 2 if paired else 1))
        if paired and c.sub:
            cells.append(_Cell(depth - 1, off, c.sub[0]))
            cells.append(_Cell(depth - 1, off + 1, c.sub[1]))
    return cells


# ---------------------------------------------------------------------------------- sinks

_HEAD = dict(bold=True, align="center", valign="vcenter", text_wrap=True, border=1, bg_color="#D9D9D9")
_NUM = dict(bold=True, font_size=9, align="center", valign="vcenter", border=1, bg_color="#F2F2F2")
_TITLE = dict(bold=True, font_size=12, align="center")


class _XlsxSink:
    """XlsxWriter worksheet; formats cached per workbook."""

    def __init__(self, ws):
        self.ws = ws
        add_format = ws.workbook_add_format
        book = getattr(add_format, "__self__", None)
        cache = getattr(book, "_xl_renja_formats", None) if book is not None else None
        if cache is None:
            cache = {}
            if book is not None:
                book._xl_renja_formats = cache
        self.cache = cache
        self.add_format = add_format
        self.constant_memory = bool(getattr(ws, "constant_memory", False))

    def fmt(self, kind: str, number_format: str | None = None):
        key = (kind, number_format)
        f = self.cache.get(key)
        if f is None:
            props = {"head": _HEAD, "num": _NUM, "title": _TITLE}.get(kind, {})
            props = dict(props)
            if number_format and number_format != "General":
                props["num_format"] = number_format
            f = self.cache[key] = self.add_format(props) if props else None
        return f

    def text(self, r: int, c: int, text, kind: str) -> None:
        f = self.fmt(kind)
        if text is None or text == "":
            self.ws.write_blank(r - 1, c - 1, None, f)
        elif isinstance(text, (int, float)) and not isinstance(text, bool):
            self.ws.write_number(r - 1, c - 1, text, f)
        else:
            self.ws.write_string(r - 1, c - 1, str(text), f)

    def merge(self, r1: int, c1: int, r2: int, c2: int, text, kind: str) -> None:
        if self.constant_memory:
            # every cell was already written row by row; only the merge itself is recorded
            # (merge_range would write into rows already flushed to disk)
            self.ws.merge.append([r1 - 1, c1 - 1, r2 - 1, c2 - 1])
        else:
            self.ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, text, self.fmt(kind))

    def value(self, r: int, c: int, value, number_format: str | None) -> None:
        ws, r, c = self.ws, r - 1, c - 1
        if isinstance(value, Fmt):
            value, number_format = value.value, value.fmt
        f = self.fmt("data", number_format) if number_format else None
        if value is None:
            return
        if isinstance(value, Formula):
            ws.write_formula(r, c, value.formula, f, value.value if value.value is not None else 0)
        elif isinstance(value, str):
            ws.write_string(r, c, value, f)  # text stays text, even with a leading "="
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, f)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, f)
        else:
            ws.write(r, c, value, f)

    def width(self, c: int, width: float) -> None:
        self.ws.set_column(c - 1, c - 1, width)

    def freeze(self, row: int, col: int) -> None:
        self.ws.freeze_panes(row - 1, col - 1)

    def page(self, first: int, last: int) -> None:
        self.ws.repeat_rows(first - 1, last - 1)
        self.ws.set_landscape()
        self.ws.fit_to_pages(1, 0)


class _OpenpyxlSink:
    """openpyxl worksheet, for callers that need the workbook in memory (tests, the example)."""

    def __init__(self, ws):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws = ws
        thin = Side(style="thin")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.styles = {
            "head": (Font(bold=True), center, border, PatternFill("solid", fgColor="D9D9D9")),
            "num": (Font(bold=True, size=9), Alignment(horizontal="center", vertical="center"), border,
                    PatternFill("solid", fgColor="F2F2F2")),
            "title": (Font(bold=True, size=12), Alignment(horizontal="center"), None, None),
        }

    def _style(self, cell, kind: str) -> None:
        font, align, border, fill = self.styles[kind]
        cell.font, cell.alignment = font, align
        if border is not None:
            cell.border = border
        if fill is not None:
            cell.fill = fill

    def text(self, r: int, c: int, text, kind: str) -> None:
        cell = self.ws.cell(r, c)
        if text is not None and text != "":
            cell.value = text
            if isinstance(text, str):
                cell.data_type = "s"
        self._style(cell, kind)

    def merge(self, r1: int, c1: int, r2: int, c2: int, text, kind: str) -> None:
        self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    def value(self, r: int, c: int, value, number_format: str | None) -> None:
        if isinstance(value, Fmt):
            value, number_format = value.value, value.fmt
        if value is None:
            return
        cell = self.ws.cell(r, c)
        if isinstance(value, Formula):
            cell.value = value.formula  # openpyxl keeps no cached value
        else:
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text stays text
        if number_format:
            cell.number_format = number_format

    def width(self, c: int, width: float) -> None:
        self.ws.column_dimensions[col_letter(c)].width = width

    def freeze(self, row: int, col: int) -> None:
        self.ws.freeze_panes = f"{col_letter(col)}{row}"

    def page(self, first: int, last: int) -> None:
        self.ws.print_title_rows = f"{first}:{last}"
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True


def _sink(ws):
    if hasattr(ws, "write_formula"):
        return _XlsxSink(ws)
    if hasattr(ws, "merge_cells"):
        return _OpenpyxlSink(ws)
    raise TypeError(f"not an XlsxWriter or openpyxl worksheet: {type(ws).__name__}")


# ---------------------------------------------------------------------------------- writing

def _case(text: str, header_case: str | None) -> str:
    if header_case == "upper":
        return text.upper()
    if header_case == "lower":
        return text.lower()
    if header_case not in (None, "as-is"):
        raise ValueError(f"header_case must be 'upper', 'lower' or None, not {header_case!r}")
    return text


def _write_header(sink, t: Template, top: int, left: int, depth: int, texts: Mapping[str, str],
                  labels: Sequence, header_case: str | None, tahun, tahun_renstra) -> int:
    """Header block from row ``top`` and the number row below it; returns the number row."""
    cells = _header_cells(t, depth, texts)
    width = t.width
    grid: dict[tuple[int, int], str] = {}
    for cell in cells:
        grid[(cell.row, cell.col)] = _case(fill(cell.text, tahun, tahun_renstra), header_case)
    for r in range(depth):  # row by row (constant_memory), blanks keep the borders
        for c in range(width):
            sink.text(top + r, left + c, grid.get((r, c)), "head")
    nrow = top + depth
    offsets = t.offsets()
    for col, label in zip(t.cols, labels):
        off = offsets[col.key]
        sink.text(nrow, left + off, label, "num")
        if t.is_paired(col):
            sink.text(nrow, left + off + 1, None, "num")
    for cell in cells:
        if cell.rows > 1 or cell.cols > 1:
            sink.merge(top + cell.row, left + cell.col, top + cell.row + cell.rows - 1,
                       left + cell.col + cell.cols - 1, grid[(cell.row, cell.col)], "head")
    for col, label in zip(t.cols, labels):
        if t.is_paired(col):
            off = offsets[col.key]
            sink.merge(nrow, left + off, nrow, left + off + 1, label, "num")
    return nrow


def write_table(
    worksheet,
    layout_id: str | Template,
    variant: str | None = None,
    *,
    tahun: int | None = None,
    tahun_renstra: int | str | None = None,
    first_row: int = 1,
    first_col: int = 1,
    title: bool | str | Sequence[str] | None = True,
    title_gap: int = 1,
    header_case: str | None = None,
    depth: int | None = None,
    paired: bool | Iterable[str] | None = None,
    omit: Iterable[str] = (),
    texts: Mapping[str, str] | None = None,
    labels: Sequence | None = None,
    rows: Iterable[Mapping[str, Any] | None] = (),
    repeat_header_before: int | None = None,
    formats: bool = True,
    unknown_keys: str = "error",
    freeze: bool = False,
    widths: bool = True,
    page_setup: bool = False,
) -> TableMap:
    """Write the official table ``layout_id`` (template ``variant``) on ``worksheet``.

    From ``first_row``: the title lines (``title``: True = the template's, a str or list = these,
    False/None = none), ``title_gap`` blank rows, the header block (``depth`` rows, default the
    template's; deeper blocks stretch the columns' own headers; ``header_case`` ``"upper"`` or
    ``"lower"``), the column-number row, then ``rows``.

    ``paired``/``omit``: see :meth:`Template.options`. ``texts`` replaces header texts: by
    column key (the column's own header) or ``"key:level"`` (a group header above that column,
    level 0 = top). ``labels`` replaces the number-row labels (one per slot).

    ``rows``: dicts of logical keys (partner columns as ``key_satuan``/``key_rp``) or None for a
    blank row. Values: numbers, text (always written as text, even with a leading ``=``),
    :class:`Formula` (with its cached value), :class:`Fmt` (a number format); numbers without a
    format take the column's declared format unless ``formats`` is False. ``unknown_keys``:
    ``"error"`` or ``"drop"`` (keys the template has no column for). ``repeat_header_before=i``
    writes the header block and number row again before data row i (a page break).
    """
    t = template(layout_id, variant).options(paired=paired, omit=omit)
    sink = _sink(worksheet)
    texts = dict(texts or {})
    labels = list(labels) if labels is not None else t.number_labels()
    if len(labels) != len(t.cols):
        raise ValueError(f"{t.layout}: {len(t.cols)} number labels needed, got {len(labels)}")
    depth = max(depth or 0, t.depth)
    width = t.width
    if title is True:
        titles = [fill(x, tahun, tahun_renstra) for x in t.titles]
    elif not title:
        titles = []
    elif isinstance(title, str):
        titles = [title]
    else:
        titles = list(title)
    r = first_row
    title_rows = []
    for line in titles:
        sink.text(r, first_col, line, "title")
        title_rows.append(r)
        r += 1
    if titles:
        r += title_gap
    top = r
    nrow = _write_header(sink, t, top, first_col, depth, texts, labels, header_case, tahun, tahun_renstra)
    offsets = t.offsets()
    columns = {k: col_letter(first_col + off) for k, off in offsets.items()}
    tmap = TableMap(t.layout, t.variant, t, first_col, first_col + width - 1, title_rows,
                    list(range(top, top + depth)), nrow, columns)
    for line_row in title_rows:
        if width > 1:
            sink.merge(line_row, first_col, line_row, first_col + width - 1,
                       titles[line_row - first_row], "title")
    if widths:
        for col in t.cols:
            sink.width(first_col + offsets[col.key], col.width)
            if t.is_paired(col):
                sink.width(first_col + offsets[col.key] + 1, col.pair_width or col.width)
    if freeze:
        sink.freeze(nrow + 1, first_col)
    if page_setup:
        sink.page(top, nrow)

    def header_again(row: int) -> int:
        rep = _write_header(sink, t, row, first_col, depth, texts, labels, header_case, tahun, tahun_renstra)
        tmap.repeated_number_rows.append(rep)
        return rep + 1

    write_rows(sink, tmap, rows, formats=formats, unknown_keys=unknown_keys,
               repeat_header_before=repeat_header_before, header_again=header_again)
    return tmap


def write_rows(worksheet_or_sink, tmap: TableMap, rows: Iterable[Mapping[str, Any] | None], *,
               formats: bool = True, unknown_keys: str = "error", repeat_header_before: int | None = None,
               header_again=None) -> None:
    """Write data rows after the rows already written for ``tmap`` (see :func:`write_table`)."""
    sink = worksheet_or_sink if isinstance(worksheet_or_sink, (_XlsxSink, _OpenpyxlSink)) else _sink(
        worksheet_or_sink)
    t = tmap.template
    offsets = t.offsets()
    col_of = {k: tmap.first_col + off for k, off in offsets.items()}
    fmt_of: dict[str, str | None] = {}
    if formats:
        for c in t.cols:
            fmt_of[c.key] = c.fmt
            if t.is_paired(c):
                fmt_of[f"{c.key}_{c.pair}"] = c.pair_fmt
    r = tmap.data_rows[-1] + 1 if tmap.data_rows else tmap.first_data_row
    for i, values in enumerate(rows, start=len(tmap.data_rows)):
        if repeat_header_before is not None and i == repeat_header_before and header_again is not None:
            r = header_again(r)
        tmap.data_rows.append(r)
        for key, value in (values or {}).items():
            col = col_of.get(key)
            if col is None:
                if unknown_keys == "drop":
                    continue
                raise KeyError(f"{t.layout} ({t.name}) has no column {key!r}")
            if value is None:
                continue
            number_format = None
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                number_format = fmt_of.get(key)
            sink.value(r, col, value, number_format)
        r += 1
    tmap.last_row = r - 1 if tmap.data_rows else tmap.number_row


def write_template_workbook(path, layout_id: str | Template, variant: str | None = None, *,
                            sheet: str | None = None, creator: str = "xl_renja", **kw) -> TableMap:
    """An .xlsx holding one empty (or, with ``rows=``, filled) official table, frozen below its
    number row and printed landscape with the header repeated; ``kw`` as :func:`write_table`."""
    import xlsxwriter

    t = template(layout_id, variant)
    book = xlsxwriter.Workbook(str(path))
    try:
        book.set_properties({"creator": creator})
        ws = book.add_worksheet(sheet or t.sheet)
        kw.setdefault("freeze", True)
        kw.setdefault("page_setup", True)
        return write_table(ws, t, **kw)
    finally:
        book.close()
