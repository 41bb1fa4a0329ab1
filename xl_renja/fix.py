"""``fix``: write the certain repairs of a lint run back into a copy of the workbook.

A thin layer over the public API: the repairs are the findings' own ``Diagnostic.fix`` (made by the
rules from :mod:`xl_renja.compute`), written through the patching writer (:func:`xl_renja.apply_edits`),
so the copy keeps everything else byte for byte. What is repaired:

- CP01 (derived columns), VL01 (number stored as text), KR01 (a kode whose intended form is
  certain) and VL03 (a satuan with one candidate): the safe repairs;
- TT01, TT02, TT03 only when selected explicitly (``--select TT``): the parent's pagu (and its
  ancestors', and the TOTAL's when a program changes) becomes ``=SUM(...)`` over exactly its
  children, never for a parent with a misplaced (KR02) or duplicated (KR03) row among them;
- FX02 only when selected explicitly (``--select FX02``): a parent's sum formula that leaves out a
  child or takes another parent's row becomes ``=SUM(...)`` over exactly its children.

Everything else stays as it is and is listed as "tidak diperbaiki" with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from xl_renja.compute import PAGU_YEARS, program_rows, sum_formula
from xl_renja.edits import Edit

if TYPE_CHECKING:
    from xl_renja.diagnostics import Diagnostic
    from xl_renja.layouts.base import Row, Table
    from xl_renja.model import Workbook

#: codes whose safe repairs are applied by default
DEFAULT_CODES = ("CP01", "VL01", "KR01", "VL03")
#: codes whose repairs are applied only when selected by name (``--select TT``)
EXPLICIT_CODES = ("TT01", "TT02", "TT03", "FX02")
REPAIRABLE = DEFAULT_CODES + EXPLICIT_CODES

REASONS = {
    "no_repair": ("aturan ini tidak diperbaiki otomatis", "this rule has no automatic repair"),
    "not_selected": ("tidak dipilih (--select)", "not selected (--select)"),
    "tt_explicit": ("pagu induk hanya diperbaiki dengan --select TT", "parent pagu is repaired only with --select TT"),
    "fx_explicit": ("rumus induk hanya diperbaiki dengan --select FX02",
                    "a parent's formula is repaired only with --select FX02"),
    "uncertain": ("perbaikannya tidak pasti (masukan teks atau lebih dari satu kemungkinan)",
                  "the repair is not certain (text input or more than one candidate)"),
    "bad_children": ("ada baris salah letak (KR02) atau kode ganda (KR03) di bawahnya",
                     "a misplaced (KR02) or duplicated (KR03) row is among its rows"),
    "new_finding": ("perbaikannya akan menimbulkan temuan baru", "the repair would cause a new finding"),
}


@dataclass
class Change:
    """One cell the fix writes: before and after as a person reads them."""

    code: str
    edit: Edit
    before: object

    @property
    def after(self) -> object:
        return f"={self.edit.formula}" if self.edit.formula else self.edit.value


@dataclass
class Skipped:
    """A finding left as it is, with the reason."""

    diagnostic: "Diagnostic"
    reason: str
    detail: str = ""

    def text(self, lang: str = "id") -> str:
        text = REASONS[self.reason][1 if lang == "en" else 0]
        return f"{text} ({self.detail})" if self.detail else text


@dataclass
class FixPlan:
    changes: list[Change] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def edits(self) -> list[Edit]:
        return [c.edit for c in self.changes]


def _wanted(code: str, select: list[str] | None) -> bool:
    if select is None:
        return code in DEFAULT_CODES
    explicit = code in EXPLICIT_CODES
    return any(code.startswith(p) and (not explicit or len(p) >= 2) for p in select)


_RANK = {"info": 0, "warning": 1, "error": 2}


def plan(workbook: "Workbook", select: list[str] | None = None, as_values: bool = False,
         options=None) -> FixPlan:
    """The repairs of every finding of ``workbook`` (all rules run), and the findings left.

    Every repair is checked before it is kept: the workbook with the repairs applied is linted
    (in memory) and a repair that would cause a new finding of any rule, or a worse one, is
    dropped and listed with that reason (a parent's SUM that would contradict Tabel 2.3, say)."""
    import xl_renja

    tables = xl_renja.find_tables(workbook)
    baseline = xl_renja.lint(workbook, options=options, tables=tables)
    before = {d.key(): _RANK[d.severity.value] for d in baseline.diagnostics}
    refused: dict[tuple[str, str], "Diagnostic"] = {}
    for _attempt in range(5):
        fplan = _plan(workbook, tables, baseline, select, as_values, refused)
        after = xl_renja.lint(apply_to_model(workbook, fplan.edits), options=options)
        worse = [d for d in after.diagnostics if _RANK[d.severity.value] > before.get(d.key(), -1)]
        changed = {_qualified(c.edit): c.edit for c in fplan.changes}
        culprits = {(changed[q].sheet, changed[q].cell): d for d in worse for q in d.cells if q in changed}
        if not culprits:
            break
        refused.update(culprits)
    fplan.skipped.sort(key=lambda s: s.diagnostic.sort_key())
    return fplan


def _qualified(e: Edit) -> str:
    from xl_renja.diagnostics import qualified

    return qualified(e.sheet, e.cell)


def apply_to_model(workbook: "Workbook", edits) -> "Workbook":
    """A copy of ``workbook`` with the cell edits applied (cells written as the writer writes them:
    a formula with its cached value, text as text), and the formulas that depend on the edited
    cells computed again, as a spreadsheet shows them once opened. The original is not changed."""
    import copy

    from xl_renja.formula import dependents, evaluate_workbook
    from xl_renja.model import Cell, Workbook, parse_ref

    edits = list(edits)
    sheets = {s.name: s for s in workbook.sheets}
    copies: dict[str, object] = {}

    def clone_of(name):
        if name not in copies:
            src = sheets[name]
            clone = copy.copy(src)
            clone.rows = {r: dict(cells) for r, cells in src.rows.items()}
            copies[name] = clone
        return copies[name]

    edited = [(e.sheet, *parse_ref(e.cell)) for e in edits]
    follow = dependents(workbook, edited) if edited else []
    for name, _r, _c in follow:
        clone_of(name)
    for e in edits:
        sheet = clone_of(e.sheet)
        r, c = parse_ref(e.cell)
        old = sheet.cell(r, c)
        fmt = old.number_format if old is not None else "General"
        if e.value is None and e.formula is None:
            sheet.rows.get(r, {}).pop(c, None)
            continue
        kind = "s" if isinstance(e.value, str) else "b" if isinstance(e.value, bool) else "n"
        sheet.set(r, c, Cell(e.value, kind, e.formula, fmt))
    out = Workbook(workbook.path, [copies.get(s.name, s) for s in workbook.sheets], workbook.engine,
                   list(workbook.notes), workbook.formats_known, workbook.stale_values)
    if follow:
        evaluate_workbook(out, targets=follow)
    return out


def _plan(workbook, tables, result, select, as_values, refused: dict) -> FixPlan:

    out = FixPlan()
    written: set[tuple[str, str]] = set()
    tt_parents: dict[int, tuple["Table", "Row"]] = {}
    tt_tables: dict[int, "Table"] = {}
    review: dict[int, tuple] = {}
    row_of = {(t.sheet_name, r.row): (t, r) for t in tables for r in list(t.rows) + list(t.totals)}
    suspects = _suspect_rows(result, row_of)
    # a refused parent cell blocks that parent (both years, and so its ancestors) like a misplaced row
    blocked = {id(row_of[(s, _row_col(c)[0])][1]): f"{new.code} {new.location}"
               for (s, c), new in refused.items() if (s, _row_col(c)[0]) in row_of}
    suspects |= set(blocked)
    for d in result.diagnostics:
        if d.code not in REPAIRABLE:
            out.skipped.append(Skipped(d, "no_repair"))
            continue
        if not _wanted(d.code, select):
            explicit = d.code in EXPLICIT_CODES and select is None
            out.skipped.append(Skipped(d, ("fx_explicit" if d.code == "FX02" else "tt_explicit") if explicit
                                       else "not_selected"))
            continue
        if d.code in EXPLICIT_CODES and d.code != "FX02":
            table, row = row_of.get((d.sheet, d.row), (None, None))
            if not d.fix:
                # a finding without a repair (a pagu on a program's indikator row): nothing to sum
                out.skipped.append(Skipped(d, "no_repair"))
            elif row is None:
                out.skipped.append(Skipped(d, "uncertain"))
            elif row.kind == "total":
                tt_tables[id(table)] = table
            elif id(row) in blocked:
                out.skipped.append(Skipped(d, "new_finding", blocked[id(row)]))
            elif _touches(row, suspects):
                out.skipped.append(Skipped(d, "bad_children"))
            elif row.kode is None:
                # a T-C.31 row (no kode column): its hierarchy comes from levels (review_tree)
                review.setdefault(id(table), (table, []))[1].append((row, _row_col(d.cell)[1], d))
            else:
                tt_parents[id(row)] = (table, row)
            continue
        # FX02's SUM is not marked safe: selecting it by name is the consent
        safe = list(d.fix) if d.code == "FX02" else [e for e in d.fix if e.safe]
        if not safe:
            out.skipped.append(Skipped(d, "uncertain"))
            continue
        if any((e.sheet, e.cell) in refused for e in safe):
            # a finding over many cells (a CP01 column) keeps the repairs that were not refused
            new = next(refused[(e.sheet, e.cell)] for e in safe if (e.sheet, e.cell) in refused)
            kept = [e for e in safe if (e.sheet, e.cell) not in refused]
            detail = f"{new.code} {new.location}"
            if kept:
                detail += "; " + ", ".join(e.cell for e in safe if (e.sheet, e.cell) in refused)
            out.skipped.append(Skipped(d, "new_finding", detail))
            if not kept:
                continue
            safe = kept
        if len(d.cells) > 1 and d.code == "CP01":
            fixed = {_qualified(e) for e in d.fix if e.safe}
            missing = [c for c in d.cells[1:] if c not in fixed]
            if missing:
                out.skipped.append(Skipped(d, "uncertain", ", ".join(missing)))
        for e in safe:
            if as_values and e.formula and d.code != "FX02":  # FX02: after its value is computed
                e = replace(e, formula=None)
            if (e.sheet, e.cell) not in written:
                written.add((e.sheet, e.cell))
                out.changes.append(Change(d.code, e, _before(workbook, e)))
    if tt_parents or tt_tables:
        for code, e in _sum_edits(tt_parents, tt_tables, suspects, as_values):
            if (e.sheet, e.cell) not in written and (e.sheet, e.cell) not in refused:
                written.add((e.sheet, e.cell))
                out.changes.append(Change(code, e, _before(workbook, e)))
    for table, chosen in review.values():
        for code, e in _review_sum_edits(table, tables, chosen, as_values, refused, out):
            if (e.sheet, e.cell) not in written and (e.sheet, e.cell) not in refused:
                written.add((e.sheet, e.cell))
                out.changes.append(Change(code, e, _before(workbook, e)))
    _fx02_values(workbook, out, as_values)
    out.changes.sort(key=lambda c: (c.edit.sheet, _row_col(c.edit.cell)))
    return out


def _fx02_values(workbook, out: FixPlan, as_values: bool) -> None:
    """The cached value written with each FX02 formula: what the formula gives once every repair
    is in place (a program's new SUM over a kegiatan whose own SUM was repaired too)."""
    from xl_renja.formula import evaluate_workbook

    fx = [c for c in out.changes if c.code == "FX02" and c.edit.formula]
    if not fx:
        return
    model = apply_to_model(workbook, out.edits)
    evaluate_workbook(model, targets=[(c.edit.sheet, *_row_col(c.edit.cell)) for c in fx])
    for c in fx:
        cell = model.sheet(c.edit.sheet).cell(*_row_col(c.edit.cell))
        value = cell.value if cell is not None and cell.kind == "n" else c.edit.value
        c.edit = replace(c.edit, value=value, formula=None if as_values else c.edit.formula)


def _row_col(ref: str) -> tuple[int, int]:
    from xl_renja.model import parse_ref

    return parse_ref(ref)


def _before(workbook, e: Edit):
    from xl_renja.model import parse_ref

    cell = workbook.sheet(e.sheet).cell(*parse_ref(e.cell))
    if cell is None:
        return None
    if cell.formula:
        return cell.formula if cell.formula.startswith("=") else f"={cell.formula}"
    return cell.value


def _suspect_rows(result, row_of) -> set[int]:
    """Rows with a KR02 or KR03 finding (misplaced or duplicated)."""
    return {id(row_of[(d.sheet, d.row)][1]) for d in result.diagnostics
            if d.code in ("KR02", "KR03") and (d.sheet, d.row) in row_of}


def _touches(row, suspects: set[int]) -> bool:
    """Whether a suspect row counts under ``row`` or is written under it."""
    return any(id(c) in suspects for c in row.children) or any(
        id(r) in suspects for r in row.table.items if r.above is row)


def _sum_edits(parents: dict, tables: dict, suspects: set[int], as_values: bool):
    """SUM formulas for the chosen parents and every ancestor above them (and the TOTAL rows of
    their tables), with cached values computed bottom-up from the repaired children."""
    chosen: dict[int, "Row"] = {}
    for _table, row in parents.values():
        r = row
        while r is not None and r.kode is not None:
            if id(r) in suspects or _touches(r, suspects):
                break
            chosen[id(r)] = r
            tables.setdefault(id(r.table), r.table)
            r = r.parent
    values: dict[tuple[int, str], float] = {}

    def amount(row, key):
        if (id(row), key) in values:
            return values[(id(row), key)]
        return row.number(key)

    for row in sorted(chosen.values(), key=lambda r: -int(r.kode.level)):
        for key, _year in PAGU_YEARS:
            if key not in row.table.columns:
                continue
            total = sum(amount(c, key) or 0 for c in row.children)
            values[(id(row), key)] = total
            v = row.get(key)
            formula = None if as_values else sum_formula([c.row for c in row.children], v.col)
            yield "TT01", Edit(row.table.sheet_name, v.ref, total, formula, safe=False)
    for table in tables.values():
        programs = program_rows(table)
        for total_row in table.totals:
            for key in (k for k in table.columns if (s := table.column_spec(k)) is not None and s.money):
                v = total_row.get(key)
                if v is None or v.number() is None:
                    continue
                total = sum(amount(p, key) or 0 for p in programs)
                formula = None if as_values else sum_formula([p.row for p in programs], v.col)
                yield "TT03", Edit(table.sheet_name, v.ref, total, formula, safe=False)


def _review_sum_edits(table, tables, chosen, as_values: bool, refused: dict, out: FixPlan):
    """SUM formulas for the chosen cells of a T-C.31 table (no kode column) and the same column of
    every ancestor above them, by the levels of :func:`xl_renja.crosscheck.review_tree`, with
    cached values computed bottom-up; parents whose sum is not judged are left alone."""
    from xl_renja.crosscheck import review_tree

    tree = review_tree(table, tables)
    parent = {id(c): p for p, kids in tree.children.items() for c in kids}
    cells: dict[tuple[int, int], "Row"] = {}
    for row, col, d in chosen:
        r, chain = row, []
        while r is not None and r not in tree.uncertain and r in tree.children:
            chain.append(r)
            r = parent.get(id(r))
        # an ancestor whose repair was refused blocks the whole chain (else it would differ anew)
        stop = next((refused[(table.sheet_name, c.get(_key_of(table, col)).ref)] for c in chain
                     if (table.sheet_name, c.get(_key_of(table, col)).ref) in refused), None)
        if stop is not None:
            out.skipped.append(Skipped(d, "new_finding", f"{stop.code} {stop.location}"))
            continue
        for c in chain:
            cells[(id(c), col)] = c
    values: dict[tuple[int, int], float] = {}

    def amount(row, col):
        if (id(row), col) in values:
            return values[(id(row), col)]
        v = row.raw.get(col)
        return None if v is None else row.get(_key_of(table, col)).number()

    for (_i, col), row in sorted(cells.items(), key=lambda kv: -tree.levels[kv[1]]):
        kids = tree.children[row]
        total = sum(amount(c, col) or 0 for c in kids)
        values[(id(row), col)] = total
        v = row.get(_key_of(table, col))
        formula = None if as_values else sum_formula([c.row for c in kids], col)
        yield "TT01", Edit(table.sheet_name, v.ref, total, formula, safe=False)


def _key_of(table, col: int) -> str:
    return next(k for k, c in table.columns.items() if c == col)


def format_plan(fplan: FixPlan, lang: str = "id") -> str:
    """The table of changes (sheet, cell, before, after, code) and the findings left."""
    from xl_renja.diagnostics import number_id

    en = lang == "en"

    def show(v):
        if v is None:
            return "(kosong)" if not en else "(empty)"
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return number_id(v)
        return str(v)

    head = ("sheet", "cell", "before", "after", "code") if en else ("lembar", "sel", "sebelum", "sesudah", "kode")
    rows = [(c.edit.sheet, c.edit.cell, show(c.before), show(c.after), c.code) for c in fplan.changes]
    lines = []
    if rows:
        widths = [min(40, max(len(str(x)) for x in col)) for col in zip(head, *rows)]
        for r in [head] + rows:
            lines.append("  ".join(str(x)[:40].ljust(w) for x, w in zip(r, widths)).rstrip())
    lines.append(f"{len(fplan.changes)} {'cells changed' if en else 'sel diubah'}")
    if fplan.skipped:
        lines.append("not repaired:" if en else "tidak diperbaiki:")
        for s in fplan.skipped:
            d = s.diagnostic
            lines.append(f"  {d.location} {d.code} {d.text(lang)} -- {s.text(lang)}")
    return "\n".join(lines) + "\n"
