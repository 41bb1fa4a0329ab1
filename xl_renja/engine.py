"""The one way through: a file or a live grid -> Workbook -> tables -> rules -> LintResult.

Every front end (CLI, batch, worksheet functions, the Validate button, ``fix``, ``totals``)
goes through these functions; none repeats the reading, detection or failure policy.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
import tempfile
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from xl_renja.diagnostics import FileFailure, LintResult
from xl_renja.model import ERROR_VALUES, Cell, Sheet, Workbook, WorkbookError, parse_ref
from xl_renja.rules.base import Context, Options

if TYPE_CHECKING:
    from xl_renja.layouts.detect import Tables

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
#: sheets xl_renja writes itself (the Validate report, the list of repairs); never linted
OWN_SHEETS = frozenset({"Validasi", "Perbaikan"})


def read(source: "str | os.PathLike | bytes", engine: str = "auto") -> Workbook:
    """Read a workbook file (a path, or its bytes) once into the cell model.

    ``engine``: ``auto`` (= ``fast``), ``fast``, ``xml`` or ``openpyxl`` for .xlsx/.xlsm; .xls and
    .ods are recognised from their content. Raises :class:`~xl_renja.model.WorkbookError` with one
    Indonesian line (``message``; ``message_en`` in English) for input that is not a readable workbook.
    """
    from xl_renja.readers import ENGINES, read_workbook

    engine = "fast" if engine == "auto" else engine
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose auto, {', '.join(ENGINES)}")
    if isinstance(source, (bytes, bytearray, memoryview)):
        # the readers sniff and open files; a private temporary copy keeps one code path for both
        fd, tmp = tempfile.mkstemp(prefix="xl_renja-", suffix=".bin")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(bytes(source))
            wb = read_workbook(tmp, engine=engine)
        finally:
            os.unlink(tmp)
        wb.path = "<bytes>"
        return wb
    return read_workbook(source, engine=engine)


def from_grid(
    values: Mapping[str, Any],
    formats: Mapping[str, Any] | None = None,
    merges: Mapping[str, Iterable[Any]] | None = None,
    name: str = "<grid>",
) -> Workbook:
    """A workbook from what Excel or xlwings hands over, without a file.

    ``values`` maps each sheet name to its rows as ``Range.value`` gives them from A1 (lists of
    rows; ``None`` for blanks, floats for numbers, text, bools, datetimes, and error values as
    the strings ``#REF!``, ``#DIV/0!``, ...), or to ``(top_left, rows)`` such as ``("B3", rows)``.
    ``formats`` optionally maps sheet names to number formats, either rows parallel to ``values``
    or a mapping ``{"A1": "0.00%"}``. ``merges`` optionally maps sheet names to merged ranges
    (``"A5:A7"`` or ``(r1, c1, r2, c2)``). Without ``formats`` the workbook is marked
    ``formats_known=False`` and format-dependent findings are not reported as errors.
    """
    sheets = []
    for sheet_name, grid in values.items():
        origin = (1, 1)
        if isinstance(grid, tuple) and len(grid) == 2 and isinstance(grid[0], str):
            origin = parse_ref(grid[0])
            grid = grid[1]
        sheet = Sheet(str(sheet_name))
        fmts = _format_lookup((formats or {}).get(sheet_name), origin)
        for i, row in enumerate(_rows(grid)):
            r = origin[0] + i
            for j, value in enumerate(row):
                c = origin[1] + j
                cell = _grid_cell(value, fmts(r, c))
                if cell is not None:
                    sheet.set(r, c, cell)
        for m in (merges or {}).get(sheet_name, ()) or ():
            sheet.merges.append(_merge_range(m))
        sheets.append(sheet)
    return Workbook(name, sheets, "grid", formats_known=formats is not None, merges_known=merges is not None)


def _rows(grid) -> list:
    if grid is None:
        return []
    if not isinstance(grid, (list, tuple)):
        return [[grid]]  # a single cell
    if grid and not isinstance(grid[0], (list, tuple)):
        return [list(grid)]  # a single row
    return list(grid)


def _format_lookup(spec, origin):
    if spec is None:
        return lambda r, c: "General"
    if isinstance(spec, Mapping):
        table = {parse_ref(ref): fmt for ref, fmt in spec.items()}
        return lambda r, c: table.get((r, c)) or "General"
    rows = _rows(spec)

    def lookup(r, c):
        i, j = r - origin[0], c - origin[1]
        if 0 <= i < len(rows) and 0 <= j < len(rows[i]):
            return rows[i][j] or "General"
        return "General"

    return lookup


def _grid_cell(value, number_format: str) -> Cell | None:
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if isinstance(value, bool):
        return Cell(value, "b", None, number_format)
    if isinstance(value, (int, float)):
        return Cell(value, "n", None, number_format)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return Cell(value, "d", None, number_format)
    text = str(value)
    if text in ERROR_VALUES:
        return Cell(text, "e", None, number_format)
    return Cell(text, "s", None, number_format)


def _merge_range(m) -> tuple[int, int, int, int]:
    if isinstance(m, str):
        a, _, b = m.replace("$", "").partition(":")
        r1, c1 = parse_ref(a)
        r2, c2 = parse_ref(b or a)
        return (r1, c1, r2, c2)
    r1, c1, r2, c2 = m
    return (int(r1), int(c1), int(r2), int(c2))


def find_tables(workbook: Workbook) -> "Tables":
    """The official tables of every sheet, in sheet order; ``.unreadable`` lists what ST01 reports."""
    from xl_renja.layouts.detect import find_tables as _find

    return _find(workbook)


def lint(
    source: "str | os.PathLike | bytes | Workbook",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    options: Options | None = None,
    *,
    engine: str = "auto",
    path: str | None = None,
    tables: "Tables | None" = None,
) -> LintResult:
    """Lint a workbook file, its bytes, or a :class:`Workbook` (e.g. from :func:`from_grid`).

    ``select``/``ignore`` are rule-code prefixes (the longer matching prefix wins); ``options``
    carries the tolerance and the nomenclature (without one, a ``Nomenklatur`` sheet of the workbook
    holding a pasted SIPD export is used for KR04, else the bundled reference). Findings accepted
    in the workbook's ``Pengecualian`` sheet go to ``result.accepted``, not counted. A file that cannot be read gives a result with a
    failure (exit code 2) rather than an exception; ``path`` is the name shown in the findings.
    """
    from xl_renja.rules import select_rules

    rules = select_rules([s.upper() for s in select] if select else None,
                         [s.upper() for s in ignore] if ignore else None)
    if isinstance(source, Workbook):
        return lint_workbook(source, rules, options, display_path=path, tables=tables)
    shown = path or (os.fspath(source) if not isinstance(source, (bytes, bytearray, memoryview)) else "<bytes>")
    try:
        wb = read(source, engine)
    except WorkbookError as exc:
        return _failed(shown, exc.message, exc.message_en)
    return lint_workbook(wb, rules, options, display_path=shown)


def lint_workbook(wb: Workbook, rules, options: Options | None = None, display_path: str | None = None,
                  tables: "Tables | None" = None) -> LintResult:
    """Run ``rules`` on a workbook already read, with the failure policy of every front end:
    a workbook with only empty sheets, or with no recognised table, is a failure (exit 2)."""
    shown = display_path or wb.path
    name = os.path.basename(shown)
    if all(s.is_empty for s in wb.sheets):
        return _failed(shown, f"{name}: semua lembar kosong.", f"{name}: every sheet is empty.")
    if tables is None:
        tables = find_tables(wb)
    if not tables and not tables.unreadable:
        return _failed(
            shown,
            f"{name}: tidak ada tabel Renja resmi yang dikenali (T-C.29, T-C.30, T-C.31, T-C.33, "
            f"definisi operasional, evaluasi triwulan); periksa judul kolom dan baris nomor kolom 1, 2, 3, ...",
            f"{name}: no official Renja table recognised (T-C.29, T-C.30, T-C.31, T-C.33, definisi "
            f"operasional, evaluasi triwulan); check the column headers and the column-number row 1, 2, 3, ...",
        )
    result = LintResult(files=1)
    options = options or Options()
    if options.nomenklatur is None:
        from xl_renja.nomenklatur import from_workbook

        own = from_workbook(wb)  # a pasted SIPD export in the workbook's Nomenklatur sheet
        if own is not None:
            options = dataclasses.replace(options, nomenklatur=own)
    ctx = Context(shown, wb, list(tables), tables.unreadable, options)
    found = []
    for rule in rules:
        found.extend(d for d in rule.check(ctx) if d.sheet not in OWN_SHEETS)
    from xl_renja.pengecualian import read_acceptances, split_accepted

    result.diagnostics, result.accepted = split_accepted(found, read_acceptances(wb))
    result.sort()
    return result


def lint_file(path: str, rules, options: Options | None = None, engine: str = "fast",
              display_path: str | None = None) -> LintResult:
    """Lint one file with the given rule objects (the batch runner's unit of work)."""
    shown = display_path or path
    try:
        wb = read(path, engine)
    except WorkbookError as exc:
        return _failed(shown, exc.message, exc.message_en)
    return lint_workbook(wb, rules, options, display_path=shown)


def _failed(path: str, message: str, message_en: str) -> LintResult:
    result = LintResult(files=1)
    result.failures.append(FileFailure(path, message, message_en))
    return result


def expand_paths(paths) -> list[str]:
    """Files as given, and the workbooks under any folder (sorted, hidden and ~$ lock files skipped)."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.lower().endswith(WORKBOOK_SUFFIXES) and not f.startswith(("~$", ".")):
                        out.append(os.path.join(root, f))
        else:
            out.append(p)
    return out
