"""Run the rules on files: read once, find the tables, let every chosen rule look."""

from __future__ import annotations

import os

from xl_renja.diagnostics import FileFailure, LintResult
from xl_renja.rules.base import Context, Options

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def analyse(path: str, engine: str = "fast"):
    """Read a workbook and find its tables: (workbook, tables, unreadable parts)."""
    from xl_renja.layouts.detect import find_tables
    from xl_renja.workbook import read_workbook

    wb = read_workbook(path, engine=engine)
    tables, unreadable = find_tables(wb)
    return wb, tables, unreadable


def lint_file(path: str, rules, options: Options | None = None, engine: str = "fast",
              display_path: str | None = None) -> LintResult:
    from xl_renja.workbook import WorkbookError

    result = LintResult(files=1)
    shown = display_path or path
    try:
        wb, tables, unreadable = analyse(path, engine)
    except WorkbookError as exc:
        result.failures.append(FileFailure(shown, exc.message, exc.message_en))
        return result
    if all(s.is_empty for s in wb.sheets):
        name = os.path.basename(path)
        result.failures.append(FileFailure(shown, f"{name}: semua lembar kosong.", f"{name}: every sheet is empty."))
        return result
    if not tables and not unreadable:
        name = os.path.basename(path)
        result.failures.append(FileFailure(
            shown,
            f"{name}: tidak ada tabel Renja resmi yang dikenali (T-C.29, T-C.30, T-C.31, T-C.33, "
            f"definisi operasional, evaluasi triwulan); periksa judul kolom dan baris nomor kolom 1, 2, 3, ...",
            f"{name}: no official Renja table recognised (T-C.29, T-C.30, T-C.31, T-C.33, definisi "
            f"operasional, evaluasi triwulan); check the column headers and the column-number row 1, 2, 3, ...",
        ))
        return result
    ctx = Context(shown, wb, tables, unreadable, options or Options())
    for rule in rules:
        result.diagnostics.extend(rule.check(ctx))
    result.sort()
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
