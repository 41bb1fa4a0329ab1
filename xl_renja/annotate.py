"""``annotate``: the Validate action on a file, written into a copy through the patching writer.

The same :mod:`xl_renja.validate` plan as the Validate button in Excel: the ``Validasi`` sheet
(findings, cell hyperlinks, hidden restore records), a fill by severity and a note on every cell
of every finding. Everything else of the source is kept byte for byte (values, formulas, styles,
VBA, data validation, images). Run again on its own output, it first gives back what it marked.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field

from xl_renja.validate import SHEET, CellState, Plan, prepare


@dataclass
class Annotated:
    plan: Plan
    output: str
    #: marks a previous run made in Excel on cells that had no fill: the writer cannot remove a
    #: fill it did not add, so these keep the mark colour (their notes are restored)
    kept_fills: list[tuple[str, str]] = field(default_factory=list)


def file_state(path, cells) -> dict[tuple[str, str], CellState]:
    """The fill colour, note and format index of each cell of an .xlsx/.xlsm file."""
    from xl_renja.writer import cell_style, fill_rgb, read_notes

    notes = read_notes(path)
    out = {}
    for sheet, cell in cells:
        try:
            style = cell_style(path, sheet, cell)
            rgb = fill_rgb(path, sheet, cell)
        except Exception:  # noqa: BLE001 - a sheet renamed or removed since the last run
            continue
        out[(sheet, cell)] = CellState(rgb[-6:] if rgb else None, notes.get((sheet, cell)), style)
    return out


def edits_of(plan: Plan) -> tuple[list, list[tuple[str, str]]]:
    """The writer edits of a plan, and the cells whose fill cannot be given back (see Annotated)."""
    from xl_renja.writer import ClearNote, Fill, Hyperlink, Note, SetStyle, SheetData

    edits, kept = [], []
    edits.append(SheetData(SHEET, plan.rows, hidden_columns=plan.hidden_columns, widths=plan.widths))
    for f in plan.fills:
        if f.style is not None:
            edits.append(SetStyle(f.sheet, f.cell, f.style))
        elif f.rgb:
            edits.append(Fill(f.sheet, f.cell, f.rgb))
        else:
            kept.append((f.sheet, f.cell))
    for n in plan.notes:
        edits.append(Note(n.sheet, n.cell, n.text) if n.text is not None else ClearNote(n.sheet, n.cell))
    for cell, target in plan.links:
        edits.append(Hyperlink(SHEET, cell, target))
    return edits, kept


def annotate(source, output, *, lang: str = "id", select=None, ignore=None, options=None,
             now: str | None = None, clear: bool = False, display_path: str | None = None) -> Annotated:
    """Lint ``source`` (.xlsx/.xlsm) and write the marked copy to ``output`` (atomically).
    Raises :class:`xl_renja.WorkbookError` (or the writer's ``OutputError``) with one line."""
    from xl_renja.engine import read
    from xl_renja.writer import apply_edits

    wb = read(source)
    pending = prepare(wb, lang=lang, select=select, ignore=ignore, options=options,
                      path=display_path or os.fspath(source), clear=clear)
    state = file_state(source, pending.cells)
    plan = pending.plan(state, now or _dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    edits, kept = edits_of(plan)
    apply_edits(source, output, edits)
    return Annotated(plan, os.fspath(output), kept)
