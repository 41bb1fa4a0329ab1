"""SARIF 2.1.0 for code-scanning tools. Cells are given as logical locations (Sheet!A1) and as
a region (row, column) in the workbook artifact."""

from __future__ import annotations

import json

from xl_renja import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def format_result(result, lang: str = "id", color: bool = False) -> str:
    from xl_renja.rules import ALL_RULES

    rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.describe(lang)},
            "fullDescription": {"text": r.doc(lang)},
            "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
        }
        for r in ALL_RULES
    ]
    index = {r.code: i for i, r in enumerate(ALL_RULES)}
    results = []
    for d in result.diagnostics:
        loc = {"physicalLocation": {"artifactLocation": {"uri": d.path}}}
        if d.row:
            loc["physicalLocation"]["region"] = {"startLine": d.row, "startColumn": d.column or 1}
        if d.location:
            loc["logicalLocations"] = [{"name": d.location, "kind": "element"}]
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index.get(d.code, 0),
                "level": _LEVEL[d.severity.value],
                "message": {"text": d.text(lang)},
                "locations": [loc],
                "properties": {k: v for k, v in (("table", d.table), ("kode", d.kode),
                                                  ("expected", d.expected), ("actual", d.actual)) if v is not None},
            }
        )
    notifications = [
        {"level": "error", "message": {"text": f.text(lang)},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path}}}]}
        for f in result.failures
    ]
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "xl_renja", "version": __version__, "rules": rules}},
                "results": results,
                "invocations": [{"executionSuccessful": not result.failures,
                                 "toolExecutionNotifications": notifications}],
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
