"""xl_renja: read, lint and fill the official Renja tables kept in Excel workbooks.

The public API (everything else is private)::

    import xl_renja
    wb = xl_renja.read("renja.xlsx")              # or xl_renja.from_grid({...}) from Excel
    tables = xl_renja.find_tables(wb)             # Table -> rows -> Row.kode/.level/.parent/.children
    result = xl_renja.lint(wb, select=["TT"])     # LintResult of Diagnostic (with .cells and .fix)
    frame = xl_renja.to_frame(tables[0])          # pandas DataFrame, index = sheet row
    xl_renja.schema("T-C.33", "setda").validate(frame, lazy=True)
    xl_renja.apply_edits("renja.xlsx", "renja_perbaikan.xlsx", [d.fix[0] for d in result.diagnostics if d.fix])

Names are imported on first use, so ``import xl_renja`` (and ``python -m xl_renja lint``) stays
light: pandas and pandera are loaded only by :func:`to_frame` and :func:`schema`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS = {
    "read": "xl_renja.engine",
    "from_grid": "xl_renja.engine",
    "find_tables": "xl_renja.engine",
    "lint": "xl_renja.engine",
    "Options": "xl_renja.rules.base",
    "Workbook": "xl_renja.model",
    "Sheet": "xl_renja.model",
    "Cell": "xl_renja.model",
    "WorkbookError": "xl_renja.model",
    "Tables": "xl_renja.layouts.detect",
    "Table": "xl_renja.layouts.base",
    "Row": "xl_renja.layouts.base",
    "Value": "xl_renja.layouts.base",
    "Diagnostic": "xl_renja.diagnostics",
    "LintResult": "xl_renja.diagnostics",
    "Severity": "xl_renja.diagnostics",
    "ExitCode": "xl_renja.diagnostics",
    "Edit": "xl_renja.edits",
    "Kode": "xl_renja.kode",
    "parse_kode": "xl_renja.kode",
    "to_frame": "xl_renja.frames",
    "schema": "xl_renja.frames",
    "cell": "xl_renja.frames",
    "Nomenklatur": "xl_renja.nomenklatur",
    "load_nomenklatur": "xl_renja.nomenklatur",
    "ALL_RULES": "xl_renja.rules",
    "apply_edits": "xl_renja.writer",
}

__all__ = sorted(_EXPORTS) + ["compute", "__version__"]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from xl_renja import compute  # noqa: F401
    from xl_renja.diagnostics import Diagnostic, ExitCode, LintResult, Severity  # noqa: F401
    from xl_renja.edits import Edit  # noqa: F401
    from xl_renja.engine import find_tables, from_grid, lint, read  # noqa: F401
    from xl_renja.frames import cell, schema, to_frame  # noqa: F401
    from xl_renja.kode import Kode, parse_kode  # noqa: F401
    from xl_renja.layouts.base import Row, Table, Value  # noqa: F401
    from xl_renja.layouts.detect import Tables  # noqa: F401
    from xl_renja.model import Cell, Sheet, Workbook, WorkbookError  # noqa: F401
    from xl_renja.nomenklatur import Nomenklatur, load_nomenklatur  # noqa: F401
    from xl_renja.rules import ALL_RULES  # noqa: F401
    from xl_renja.rules.base import Options  # noqa: F401
    from xl_renja.writer import apply_edits  # noqa: F401


def __getattr__(name: str):
    if name == "compute":
        return importlib.import_module("xl_renja.compute")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'xl_renja' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__():
    return __all__
