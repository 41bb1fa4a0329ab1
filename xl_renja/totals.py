"""The auditor's question: do the numbers of a Renja hold together?

For each T-C.33 table the money tree (program -> kegiatan -> sub kegiatan, and urusan/bidang
rows above when present) with, for pagu n and n+1, the stated value, the sum of the children,
the difference in rupiah and a verdict (``cocok``, ``pembulatan`` within the tolerance,
``selisih``), plus the TOTAL row against the programs. The arithmetic is the one of TT01, TT02
and TT03 (:mod:`xl_renja.compute`), so the verdicts agree with lint. A whole folder gives one
:class:`FileTotals` per workbook and a region roll-up (:class:`RegionTotals`).

This module builds plain data (no pandas): the terminal tree, the JSON and the .xlsx report
(:mod:`xl_renja.totals_report`) are views of it. Amounts are rupiah; every table carries a
``scale`` (1 by default) by which its cells are multiplied, the hook for workbooks written in
thousands of rupiah.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from xl_renja.compute import PAGU_YEARS, children_sum, program_rows
from xl_renja.diagnostics import Diagnostic, Severity, plain_number

if TYPE_CHECKING:
    from xl_renja.layouts.base import Row, Table
    from xl_renja.rules.base import Options

#: version of the JSON document written by ``totals --format json``
SCHEMA_VERSION = 1

COCOK, PEMBULATAN, SELISIH = "cocok", "pembulatan", "selisih"
VERDICTS = (COCOK, PEMBULATAN, SELISIH)

#: JSON year labels of the pagu columns

#: the cross-check rules whose findings a totals run reports beside the trees
CROSS_CHECK_CODES = ("TT04", "TT05", "TT06")


def verdict(stated: float, children: float, tolerance: float) -> str:
    """``cocok`` when equal, ``pembulatan`` when off by at most ``tolerance`` rupiah, else ``selisih``
    (the same thresholds as TT01/TT02/TT03)."""
    diff = abs(stated - children)
    if diff < 1e-6:
        return COCOK
    if diff <= tolerance + 1e-9:
        return PEMBULATAN
    return SELISIH


@dataclass
class Amount:
    """One year's pagu of a node: stated, the sum of its children, difference and verdict.
    ``children_sum``/``difference``/``verdict`` are None for a node without children (a leaf)."""

    year: str
    stated: float | None
    children_sum: float | None
    cell: str | None
    tolerance: float = 1.0

    @property
    def difference(self) -> float | None:
        if self.stated is None or self.children_sum is None:
            return None
        return self.stated - self.children_sum

    @property
    def verdict(self) -> str | None:
        if self.difference is None:
            return None
        return verdict(self.stated, self.children_sum, self.tolerance)

    def to_json(self) -> dict:
        return {"stated": plain_number(self.stated), "children_sum": plain_number(self.children_sum),
                "difference": plain_number(self.difference), "verdict": self.verdict, "cell": self.cell}


@dataclass
class Node:
    """One row of the money tree (or the TOTAL row, ``level`` None, ``kode`` None)."""

    kode: str | None
    level: int | None
    nama: str | None
    row: int
    amounts: dict[str, Amount]
    cells: list[str]
    children: list["Node"] = field(default_factory=list)

    @property
    def verdicts(self) -> list[str]:
        return [a.verdict for a in self.amounts.values() if a.verdict is not None]

    @property
    def worst(self) -> str | None:
        vs = self.verdicts
        for v in (SELISIH, PEMBULATAN, COCOK):
            if v in vs:
                return v
        return None

    def walk(self) -> Iterable["Node"]:
        yield self
        for c in self.children:
            yield from c.walk()

    def to_json(self) -> dict:
        return {"kode": self.kode, "level": self.level, "nama": self.nama, "row": self.row,
                "n": self.amounts["n"].to_json() if "n" in self.amounts else None,
                "n+1": self.amounts["n+1"].to_json() if "n+1" in self.amounts else None,
                "cells": list(self.cells), "children": [c.to_json() for c in self.children]}


@dataclass
class TableTotals:
    """The money tree of one T-C.33 table."""

    sheet: str
    table_id: str
    variant: str
    title: str
    nodes: list[Node]
    total: Node | None
    programs: list[Node]
    scale: int = 1  # multiply the cells by this to get rupiah (1000 for tables in thousands)
    #: the table as ``xl_renja.to_frame`` gives it (only when a report is built: pandas is loaded then)
    frame: Any = None

    def walk(self) -> Iterable[Node]:
        for n in self.nodes:
            yield from n.walk()
        if self.total is not None:
            yield self.total

    def program_sum(self, year: str) -> float:
        return sum(p.amounts[year].stated or 0 for p in self.programs if year in p.amounts)

    def total_stated(self, year: str) -> float | None:
        if self.total is None or year not in self.total.amounts:
            return None
        return self.total.amounts[year].stated

    def count(self, v: str) -> int:
        return sum(n.verdicts.count(v) for n in self.walk())

    def to_json(self) -> dict:
        return {"sheet": self.sheet, "table": self.table_id, "variant": self.variant, "scale": self.scale,
                "programs": {y: plain_number(self.program_sum(y)) for y in ("n", "n+1")},
                "total": self.total.to_json() if self.total is not None else None,
                "counts": {v: self.count(v) for v in VERDICTS},
                "nodes": [n.to_json() for n in self.nodes]}


@dataclass
class FileTotals:
    """Everything a totals run says about one workbook."""

    path: str
    opd: str | None = None
    tables: list[TableTotals] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    cross_checks: list[Diagnostic] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)  # rows/statements no check could pair
    failure: str | None = None
    failure_en: str | None = None

    def pagu(self, year: str, source: str) -> float | None:
        """Pagu of ``year`` from the TOTAL rows (``source="total"``) or from the programs."""
        if not self.tables:
            return None
        if source == "total":
            vals = [t.total_stated(year) for t in self.tables]
            if all(v is None for v in vals):
                return None
            return sum(v for v in vals if v is not None)
        return sum(t.program_sum(year) for t in self.tables)

    @property
    def selisih(self) -> int:
        return sum(t.count(SELISIH) for t in self.tables)

    @property
    def cross_errors(self) -> int:
        return sum(1 for d in self.cross_checks if d.severity == Severity.ERROR)

    def to_json(self) -> dict:
        return {
            "path": self.path, "opd": self.opd, "failure": self.failure,
            "pagu": {y: {"total": plain_number(self.pagu(y, "total")), "programs": plain_number(self.pagu(y, "programs"))}
                     for y in ("n", "n+1")},
            "counts": {v: sum(t.count(v) for t in self.tables) for v in VERDICTS},
            "lint": {"errors": self.errors, "warnings": self.warnings},
            "tables": [t.to_json() for t in self.tables],
            "cross_checks": [_diag_json(d) for d in self.cross_checks],
            "tidak_dicocokkan": list(self.unmatched),
        }


@dataclass
class RegionTotals:
    """A folder (or several files) at once."""

    files: list[FileTotals]
    tolerance: float = 1.0

    def grand(self, year: str, source: str) -> float:
        return sum(f.pagu(year, source) or 0 for f in self.files if f.failure is None)

    @property
    def selisih(self) -> int:
        return sum(f.selisih for f in self.files)

    def exit_code(self) -> int:
        """lint's exit codes: 2 unreadable input, 1 a ``selisih`` (or a cross-check error), else 0."""
        if any(f.failure for f in self.files):
            return 2
        if self.selisih or any(f.cross_errors for f in self.files):
            return 1
        return 0

    def to_json(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "tolerance": plain_number(self.tolerance),
            "summary": {
                "files": len(self.files),
                "failures": sum(1 for f in self.files if f.failure),
                "pagu": {y: {"total": plain_number(self.grand(y, "total")), "programs": plain_number(self.grand(y, "programs"))}
                         for y in ("n", "n+1")},
                "counts": {v: sum(t.count(v) for f in self.files for t in f.tables) for v in VERDICTS},
            },
            "files": [f.to_json() for f in self.files],
        }


# ----------------------------------------------------------------------------- building


def _diag_json(d: Diagnostic) -> dict:
    return {"code": d.code, "severity": d.severity.value, "sheet": d.sheet, "cell": d.cell, "kode": d.kode,
            "expected": d.expected, "actual": d.actual, "message": d.message, "message_en": d.message_en,
            "cells": list(d.cells)}


def _node(table: "Table", row: "Row", tolerance: float, scale: int, seen: dict) -> Node:
    amounts = {}
    cells = []
    kv = row.get("kode")
    if kv is not None and not kv.is_blank:
        cells.append(kv.qualified)
    for key, year in PAGU_YEARS:
        if key not in table.columns:
            continue
        v = row.get(key)
        cells.append(v.qualified)
        stated = row.number(key)
        total, _n = children_sum(row, key) if row.children else (None, 0)
        amounts[year] = Amount(year, _scaled(stated, scale), _scaled(total, scale) if stated is not None else None,
                               v.qualified, tolerance)
    node = Node(row.kode.text if row.kode is not None else row.kode_text,
                int(row.kode.level) if row.kode is not None else None, row.name, row.row, amounts, cells)
    seen[id(row)] = node
    node.children = [_node(table, c, tolerance, scale, seen) for c in row.children if id(c) not in seen]
    return node


def _scaled(v, scale):
    return None if v is None else v * scale


def table_totals(table: "Table", tolerance: float = 1.0, scale: int | None = None) -> TableTotals:
    """The money tree of a table with pagu columns (T-C.33): roots are the coded rows without a
    parent (programs, or urusan/bidang rows above them), children follow ``Row.children``.
    ``scale`` (default: the table's own, :attr:`Table.scale`) turns cells into rupiah."""
    if scale is None:
        scale = getattr(table, "scale", 1)
    seen: dict = {}
    nodes = [_node(table, r, tolerance, scale, seen) for r in table.items if r.kode is not None and r.parent is None]
    programs = [seen[id(r)] for r in program_rows(table) if id(r) in seen]
    total = None
    if table.totals:
        trow = table.totals[-1]
        amounts, cells = {}, []
        for key, year in PAGU_YEARS:
            if key not in table.columns:
                continue
            v = trow.get(key)
            cells.append(v.qualified)
            stated = trow.number(key)
            nums = [p.amounts[year].stated for p in programs if year in p.amounts]
            psum = sum(n for n in nums if n is not None) if programs else None
            amounts[year] = Amount(year, _scaled(stated, scale), psum if stated is not None else None,
                                   v.qualified, tolerance)
        total = Node(None, None, trow.text("uraian") or "TOTAL", trow.row, amounts, cells)
    return TableTotals(table.sheet_name, table.id, table.variant, table.title, nodes, total, programs, scale)


_OPD_LABEL = re.compile(r"^\s*(?:nama\s+)?(?:perangkat daerah|skpd|opd)\s*[:.]?\s*(.+)$", re.I)
_OPD_WORD = re.compile(r"\b(sekretariat|dinas|badan|kantor|inspektorat|kecamatan|satuan|rumah sakit|kelurahan)\b", re.I)


def opd_name(tables) -> str | None:
    """The OPD named in the title lines above a table (``SKPD : ...``, ``SEKRETARIAT DAERAH ...``)."""
    for table in tables:
        sheet = table.sheet
        for r in range(1, table.first_row):
            for _c, cell in sorted(sheet.rows.get(r, {}).items()):
                if cell.kind != "s" or not str(cell.value).strip():
                    continue
                text = " ".join(str(cell.value).split())
                m = _OPD_LABEL.match(text)
                if m and m.group(1).strip(" .") and "..." not in m.group(1):
                    return m.group(1).strip()
                if _OPD_WORD.search(text) and not re.search(r"tabel|rumusan|rencana|review", text, re.I):
                    return text
    return None


def file_totals(path: str, tolerance: float = 1.0, options: "Options | None" = None,
                display_path: str | None = None, frames: bool = False) -> FileTotals:
    """Read one workbook and build its totals: trees, lint counts and the cross-checks; with
    ``frames`` each table's ``to_frame`` too (what the .xlsx report is built from)."""
    import xl_renja
    from xl_renja.rules.base import Options

    shown = display_path or path
    out = FileTotals(shown)
    options = options or Options(tolerance=tolerance)
    options.tolerance = tolerance
    try:
        wb = xl_renja.read(path)
    except xl_renja.WorkbookError as exc:
        out.failure, out.failure_en = exc.message, exc.message_en
        return out
    tables = xl_renja.find_tables(wb)
    result = xl_renja.lint(wb, options=options, path=shown, tables=tables)
    if result.failures:
        out.failure, out.failure_en = result.failures[0].message, result.failures[0].message_en
        return out
    out.errors, out.warnings = result.errors, result.warnings
    money = [t for t in tables if t.id == "T-C.33" and "pagu" in t.columns]
    out.tables = [table_totals(t, tolerance) for t in money]
    if frames:
        for tt, t in zip(out.tables, money):
            tt.frame = xl_renja.to_frame(t)
    out.opd = opd_name(money or list(tables)) or os.path.splitext(os.path.basename(shown))[0]
    out.cross_checks = [d for d in result.diagnostics if d.code in CROSS_CHECK_CODES]
    from xl_renja.crosscheck import unmatched_rows

    out.unmatched = unmatched_rows(list(tables))
    if options.narasi is not None:
        from xl_renja.narasi import match_statements

        report = match_statements(options.narasi, list(tables), tolerance)
        out.unmatched.extend(report.unmatched_json())
    return out


def _file_job(args):
    path, tolerance, options, frames = args
    try:
        return file_totals(path, tolerance, options, frames=frames)
    except Exception as exc:  # one broken file must not stop a region
        name = os.path.basename(path)
        return FileTotals(path, failure=f"{name}: galat internal ({type(exc).__name__}: {exc})",
                          failure_en=f"{name}: internal error ({type(exc).__name__}: {exc})")


def region_totals(paths: list[str], tolerance: float = 1.0, options: "Options | None" = None,
                  jobs: int = 1, frames: bool = False) -> RegionTotals:
    """Totals of many workbooks, ``jobs`` processes at a time (as ``lint --jobs``)."""
    work = [(p, tolerance, options, frames) for p in paths]
    if jobs > 1 and len(work) > 1:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            files = list(pool.map(_file_job, work))
    else:
        files = [_file_job(w) for w in work]
    return RegionTotals(files, tolerance)
