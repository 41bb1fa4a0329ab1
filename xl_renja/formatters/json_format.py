"""JSON: schema_version 2, the tool, a summary and every diagnostic (stdout holds nothing else).

Version 2 added per diagnostic ``cells`` (every cell it covers, sheet-qualified, ``cell`` first) and
``fix`` (its repair: ``[{sheet, cell, value, formula, safe}]``, values in the cell's own unit).
``accepted`` lists the findings accepted in the workbook's ``Pengecualian`` sheet (with ``alasan``).
"""

from __future__ import annotations

import json

from xl_renja import __version__

SCHEMA_VERSION = 2


def _diagnostic(d, lang: str) -> dict:
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "path": d.path,
        "sheet": d.sheet,
        "cell": d.cell,
        "row": d.row,
        "column": d.column,
        "table": d.table,
        "kode": d.kode,
        "message": d.text(lang),
        "expected": d.expected,
        "actual": d.actual,
        "cells": list(d.cells),
        "fix": [e.as_dict() for e in d.fix],
    }


def as_dict(result, lang: str = "id") -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "xl_renja", "version": __version__},
        "summary": {
            "files": result.files,
            "errors": result.errors,
            "warnings": result.warnings,
        },
        # files that could not be read at all (exit code 2); the fields above stay as specified
        "failures": [{"path": f.path, "message": f.text(lang)} for f in result.failures],
        "diagnostics": [_diagnostic(d, lang) for d in result.diagnostics],
        # findings accepted in the workbook's Pengecualian sheet, with the reason; not counted
        "accepted": [dict(_diagnostic(a.diagnostic, lang), alasan=a.acceptance.alasan) for a in result.accepted],
    }


def format_result(result, lang: str = "id", color: bool = False) -> str:
    return json.dumps(as_dict(result, lang), ensure_ascii=False, indent=2, default=str) + "\n"
