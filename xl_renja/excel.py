"""Validate inside Excel through xlwings: the glue between a live book and :mod:`xl_renja.validate`.

The same action for xlwings Lite (``udfs/main.py``; colours and note texts are read with ``await``)
and classic xlwings on Windows (``workbooks/templates/renja_validasi.py`` through RunPython):

1. the values of every sheet, error values as text (``err_to_str=True``), into
   :func:`xl_renja.from_grid` (no temporary file; number formats are not read, and the Validasi
   summary says so);
2. :func:`xl_renja.validate.prepare` lints it and reads the previous run's records;
3. the fill and note of the cells to mark or restore are read;
4. the plan's fills and notes are queued, and the ``Validasi`` sheet is rewritten.

Nothing here decides anything; all decisions are in :mod:`xl_renja.validate`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from xl_renja.validate import SHEET, CellState, Pending, Plan, as_excel_text, cells_by_sheet, normal_rgb, prepare


#: the most cells one colour read of xlwings Lite covers
MAX_READ_CELLS = 100_000


def now_text() -> str:
    return _dt.datetime.now().strftime("%Y-%m-%d %H:%M")


def grid_of(book) -> dict[str, Any]:
    """``{sheet name: (top-left, rows)}`` of every sheet's used range, error values as text."""
    grid = {}
    for sheet in book.sheets:
        rng = sheet.used_range
        value = rng.options(ndim=2, err_to_str=True).value
        grid[sheet.name] = (rng.address.replace("$", "").split(":")[0], value or [])
    return grid


def workbook_of(book):
    """The book's values as an :class:`xl_renja.Workbook` (``formats_known=False``)."""
    from xl_renja.engine import from_grid

    return from_grid(grid_of(book), name=getattr(book, "name", "<excel>") or "<excel>")


def _sheet_named(book, name: str):
    for sheet in book.sheets:
        if sheet.name.casefold() == name.casefold():
            return sheet
    return None


def _write_rows(book, name: str, rows: list[list]):
    """Write (or rewrite) a sheet of xl_renja's own from A1; text stays text."""
    sheet = _sheet_named(book, name)
    if sheet is None:
        sheet = book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])
    else:
        sheet.clear()
    width = max(len(r) for r in rows) or 1
    sheet.range("A1").value = [[as_excel_text(v) for v in r] + [None] * (width - len(r)) for r in rows]
    return sheet


# ----------------------------------------------------------------------------- reading state


def read_state(book, cells) -> dict[tuple[str, str], CellState]:
    """Classic xlwings (Windows/macOS desktop): fill colours and note texts, read synchronously."""
    out = {}
    for sheet_name, refs in cells_by_sheet(cells).items():
        try:
            sheet = book.sheets[sheet_name]
        except Exception:  # noqa: BLE001 - a sheet renamed or removed since the last run
            continue
        for ref in refs:
            rng = sheet.range(ref)
            note = rng.note
            out[(sheet_name, ref)] = CellState(normal_rgb(rng.color), note.text if note is not None else None)
    return out


async def read_state_async(book, cells) -> dict[tuple[str, str], CellState]:
    """xlwings Lite: one colour read per sheet (the block spanning its cells) and one read per
    existing note (the payload says which cells have one)."""
    from xl_renja.model import cell_ref, parse_ref

    out = {}
    for sheet_name, refs in cells_by_sheet(cells).items():
        try:
            sheet = book.sheets[sheet_name]
        except Exception:  # noqa: BLE001
            continue
        rcs = [parse_ref(r) for r in refs]
        r1, c1 = min(r for r, _ in rcs), min(c for _, c in rcs)
        r2, c2 = max(r for r, _ in rcs), max(c for _, c in rcs)
        band = max(1, MAX_READ_CELLS // (c2 - c1 + 1))  # one read covers at most 100,000 cells
        colors = []
        for top in range(r1, r2 + 1, band):
            bottom = min(r2, top + band - 1)
            colors.extend(await sheet.range(f"{cell_ref(top, c1)}:{cell_ref(bottom, c2)}").get_colors())
        for ref, (r, c) in zip(refs, rcs):
            row = colors[r - r1] if r - r1 < len(colors) else []
            color = row[c - c1] if c - c1 < len(row) else None
            note = sheet.range(ref).note
            text = await note.get_text() if note is not None else None
            out[(sheet_name, ref)] = CellState(normal_rgb(color), text)
    return out


# ----------------------------------------------------------------------------- writing


def apply_plan(book, plan: Plan) -> None:
    """Queue (Lite) or perform (classic) the plan: fills, notes, then the Validasi sheet."""
    sheets = {}

    def sheet_of(name):
        if name not in sheets:
            sheets[name] = book.sheets[name]
        return sheets[name]

    for f in plan.fills:
        sheet_of(f.sheet).range(f.cell).color = ("#" + f.rgb) if f.rgb else None
    for n in plan.notes:
        rng = sheet_of(n.sheet).range(n.cell)
        note = rng.note
        if n.text is None:
            if note is not None:
                note.delete()
        elif note is not None:
            note.text = n.text
        else:
            rng.add_note(n.text)
    sheet = _write_rows(book, SHEET, plan.rows)
    for cell, target in plan.links:
        display = target.rpartition("!")[2]
        sheet.range(cell).add_hyperlink("#" + target, display, target)
    first, last = plan.hidden_columns[0], plan.hidden_columns[-1]
    sheet.range(f"{first}:{last}").columns.hidden = True


def validate_book(book, *, lang: str = "id", now: str | None = None, clear: bool = False, workbook=None) -> Plan:
    """Validate (or, with ``clear``, Hapus Tanda) a live book with classic xlwings. ``workbook``:
    the book's content when the caller has just changed it (the grid read at the start is stale)."""
    pending = prepare(workbook or workbook_of(book), lang=lang, clear=clear)
    plan = pending.plan(read_state(book, pending.cells), now or now_text())
    apply_plan(book, plan)
    return plan


async def validate_book_async(book, *, lang: str = "id", now: str | None = None, clear: bool = False,
                              workbook=None) -> Plan:
    """Validate (or Hapus Tanda) in xlwings Lite: the same steps, state read with ``await``."""
    pending: Pending = prepare(workbook or workbook_of(book), lang=lang, clear=clear)
    plan = pending.plan(await read_state_async(book, pending.cells), now or now_text())
    apply_plan(book, plan)
    return plan


# ----------------------------------------------------------------------------- Perbaiki


def shown_values(workbook, keys) -> dict[tuple[str, str], Any]:
    """What each cell shows now (its value as the front end handed it over)."""
    from xl_renja.model import parse_ref

    sheets = {s.name: s for s in workbook.sheets}
    out = {}
    for sheet, ref in keys:
        cell = sheets[sheet].cell(*parse_ref(ref)) if sheet in sheets else None
        out[(sheet, ref)] = None if cell is None else cell.value
    return out


def _with_formats(workbook, formats: dict[tuple[str, str], str]):
    """The workbook with the number formats read for some cells (the cells a repair writes)."""
    from xl_renja.model import Cell, parse_ref

    for (sheet, ref), fmt in formats.items():
        if not fmt:
            continue
        s = workbook.sheet(sheet)
        r, c = parse_ref(ref)
        cell = s.cell(r, c)
        if cell is not None:
            s.set(r, c, Cell(cell.value, cell.kind, cell.formula, fmt))
    return workbook


def _format_block(sheet, refs):
    from xl_renja.model import cell_ref, parse_ref

    rcs = [parse_ref(r) for r in refs]
    r1, c1 = min(r for r, _ in rcs), min(c for _, c in rcs)
    r2, c2 = max(r for r, _ in rcs), max(c for _, c in rcs)
    return rcs, r1, c1, sheet.range(f"{cell_ref(r1, c1)}:{cell_ref(r2, c2)}")


def _pick(block, rcs, refs, r1, c1, name):
    out = {}
    if not isinstance(block, list):
        block = [[block]]
    block = [row if isinstance(row, list) else [row] for row in block]
    for ref, (r, c) in zip(refs, rcs):
        row = block[r - r1] if r - r1 < len(block) else []
        out[(name, ref)] = row[c - c1] if c - c1 < len(row) else None
    return out


def read_formats(book, cells) -> dict[tuple[str, str], str]:
    """Classic xlwings: the number format of each cell (one read per cell; only the few cells a
    repair writes). Front ends that cannot read them give none."""
    out = {}
    for name, refs in cells_by_sheet(cells).items():
        for ref in refs:
            try:
                out[(name, ref)] = book.sheets[name].range(ref).number_format
            except Exception:  # noqa: BLE001 - a front end without number formats
                return {}
    return out


async def read_formats_async(book, cells) -> dict[tuple[str, str], str]:
    """xlwings Lite: one number-format read per sheet (the block spanning the cells)."""
    out = {}
    for name, refs in cells_by_sheet(cells).items():
        rcs, r1, c1, rng = _format_block(book.sheets[name], refs)
        out.update(_pick(await rng.get_number_format(), rcs, refs, r1, c1, name))
    return out


def _fix_plan(workbook, formats):
    from xl_renja.fix import plan

    return plan(_with_formats(workbook, formats) if formats else workbook)


def _write_perbaikan(book, wb, formats, lang: str, now: str | None):
    from xl_renja import perbaikan

    fplan = _fix_plan(wb, formats)
    keys = [(c.edit.sheet, c.edit.cell) for c in fplan.changes]
    _write_rows(book, perbaikan.SHEET, perbaikan.rows_of(fplan, shown_values(wb, keys), lang, now or now_text()))
    return fplan


def _repaired_cells(wb) -> list[tuple[str, str]]:
    from xl_renja.fix import plan

    return [(c.edit.sheet, c.edit.cell) for c in plan(wb).changes]


def perbaiki_book(book, *, lang: str = "id", now: str | None = None):
    """Perbaiki (classic xlwings): list the repairs in the ``Perbaikan`` sheet; nothing else changes.
    The number formats of the cells a repair writes are read first (a percent cell gets a share)."""
    wb = workbook_of(book)
    return _write_perbaikan(book, wb, read_formats(book, _repaired_cells(wb)), lang, now)


async def perbaiki_book_async(book, *, lang: str = "id", now: str | None = None):
    """Perbaiki in xlwings Lite: the same, the number formats read with ``await``."""
    wb = workbook_of(book)
    return _write_perbaikan(book, wb, await read_formats_async(book, _repaired_cells(wb)), lang, now)


def _apply_listed(book, lang: str):
    """Write the listed repairs whose cell still shows its "before" value; mark each row's status."""
    from xl_renja import perbaikan

    grid = grid_of(book)
    if perbaikan.SHEET not in {s.name for s in book.sheets}:
        return [], []
    origin, rows = grid[perbaikan.SHEET]
    listed = perbaikan.read_listed(rows if origin == "A1" else [])
    wb = workbook_of(book)
    apply, stale = perbaikan.to_apply(listed, shown_values(wb, [(i.sheet, i.cell) for i in listed]))
    sheet = book.sheets[perbaikan.SHEET]
    pick = 1 if lang == "en" else 0
    for item in apply:
        rng = book.sheets[item.sheet].range(item.cell)
        if item.formula:
            rng.formula = "=" + item.formula
        else:
            rng.value = as_excel_text(item.value)
        sheet.range(f"H{item.row}").value = as_excel_text(perbaikan.APPLIED[pick])
    for item in stale:
        sheet.range(f"H{item.row}").value = as_excel_text(perbaikan.STALE[pick])
    return apply, stale


def terapkan_book(book, *, lang: str = "id", now: str | None = None):
    """Terapkan perbaikan (classic xlwings): apply the listed repairs, then run Validate."""
    applied = _apply_listed(book, lang)
    validate_book(book, lang=lang, now=now)
    return applied


async def terapkan_book_async(book, *, lang: str = "id", now: str | None = None):
    """Terapkan perbaikan in xlwings Lite, then Validate."""
    applied = _apply_listed(book, lang)
    await validate_book_async(book, lang=lang, now=now)
    return applied


# ----------------------------------------------------------------------------- Terima


def _accept_selected(book, alasan: str, lang: str):
    """Add the findings of the selected cell to the Pengecualian sheet; return the workbook as it
    is now (for the Validate run that follows) and the rows added."""
    from xl_renja import pengecualian
    from xl_renja.engine import from_grid, lint

    selection = book.selection
    if selection is None:
        return None, []
    sheet_name = selection.sheet.name
    cell = selection.address.replace("$", "").split(":")[0]
    grid = grid_of(book)
    rows = pengecualian.accept_rows(lint(from_grid(grid)), sheet_name, cell, alasan)
    if not rows:
        return None, []
    sheet = _sheet_named(book, pengecualian.SHEET)
    existing: list = []
    if sheet is None:
        sheet = book.sheets.add(pengecualian.SHEET, after=book.sheets[len(book.sheets) - 1])
        existing = [list(pengecualian.HEADER)]
        sheet.range("A1").value = [[as_excel_text(v) for v in existing[0]]]
    else:
        origin, values = grid.get(sheet.name, ("A1", []))
        existing = [list(r) for r in values] if origin == "A1" else []
    first = len(existing) + 1
    sheet.range(f"A{first}").value = [[as_excel_text(v) for v in r] for r in rows]
    grid[pengecualian.SHEET] = ("A1", existing + rows)
    return from_grid(grid, name=getattr(book, "name", "<excel>") or "<excel>"), rows


def terima_book(book, *, alasan: str = "diterima di Excel", lang: str = "id", now: str | None = None):
    """Terima (classic xlwings): accept the findings of the selected cell, then Validate."""
    wb, rows = _accept_selected(book, alasan, lang)
    validate_book(book, lang=lang, now=now, workbook=wb)
    return rows


async def terima_book_async(book, *, alasan: str = "diterima di Excel", lang: str = "id", now: str | None = None):
    """Terima in xlwings Lite: the same, then Validate."""
    wb, rows = _accept_selected(book, alasan, lang)
    await validate_book_async(book, lang=lang, now=now, workbook=wb)
    return rows
