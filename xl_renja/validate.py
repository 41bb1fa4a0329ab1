"""The Validate action every front end shares (xlwings Lite, classic xlwings, ``annotate``).

It is a pure function of what the front end can read: the workbook's values (``from_grid`` or a
file read), plus the current fill and note of the cells it is about to mark or restore. It returns
a :class:`Plan`: the fills and notes to set, and the rows of the ``Validasi`` sheet, whose hidden
columns record, for every marked cell, the fill and note it had before. A second run first restores
what the previous run marked (a cell whose fill or note the user changed since is left to the user),
so running Validate again, or ``Hapus Tanda``, leaves every other fill, note and value as it was.
Values are never changed.

Two steps, so an asynchronous front end (xlwings Lite reads colours and notes with ``await``) can
read in between::

    pending = prepare(workbook, lang="id")          # lint + the previous run's records
    state = {cell: CellState(...) for cell in pending.cells}
    plan = pending.plan(state, now="2024-05-01 10:00")

Pure standard library (runs under Pyodide).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from xl_renja.diagnostics import LintResult, Severity, qualified
from xl_renja.pengecualian import split_qualified

SHEET = "Validasi"

#: fill of a marked cell, by the worst severity of its findings (Excel's "bad"/"neutral" colours)
FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

#: the visible table of findings
HEADER = ("Kode", "Jenis", "Lembar", "Sel", "Kode rekening", "Pesan")
HEADER_EN = ("Code", "Severity", "Sheet", "Cell", "Kode rekening", "Message")
HEADER_ROW = 4
#: the restore records: one row per marked cell, in hidden columns from RECORD_COL
RECORD_HEADER = ("tanda_lembar", "tanda_sel", "isian_lama", "catatan_lama", "gaya_lama",
                 "isian_tanda", "catatan_tanda")
RECORD_COL = 10  # J
RECORD_COLUMNS = tuple("JKLMNOP")
WIDTHS = (8, 11, 14, 8, 20, 100, 3, 3, 3)

_SEVERITY_ID = {Severity.ERROR: "galat", Severity.WARNING: "peringatan", Severity.INFO: "info"}


@dataclass(frozen=True)
class CellState:
    """What a front end reads of a cell before marking it: its solid fill colour (``RRGGBB``, or
    None for no fill), its note text (None for no note) and, for the file writer, its format index."""

    fill: str | None = None
    note: str | None = None
    style: int | None = None


@dataclass(frozen=True)
class Record:
    """One marked cell: where, what it had before, and the mark that was put there."""

    sheet: str
    cell: str
    fill: str | None
    note: str | None
    style: int | None
    mark_fill: str
    mark_note: str

    def row(self) -> list:
        return [self.sheet, self.cell, self.fill, self.note, self.style, self.mark_fill, self.mark_note]


@dataclass(frozen=True)
class SetFill:
    """Give a cell the fill ``rgb`` (``RRGGBB``), or no fill when None; ``style`` is the format
    index to restore instead, when the file writer recorded one."""

    sheet: str
    cell: str
    rgb: str | None
    style: int | None = None


@dataclass(frozen=True)
class SetNote:
    """Set a cell's note to ``text``, or remove it when None."""

    sheet: str
    cell: str
    text: str | None


@dataclass
class Plan:
    """What a front end writes: ``fills`` and ``notes``, then the ``Validasi`` sheet ``rows``
    (values only; text is text) with ``links`` (Validasi cell -> target ``'Lembar'!A1``) and the
    record columns hidden."""

    result: LintResult
    fills: list[SetFill]
    notes: list[SetNote]
    rows: list[list[Any]]
    links: list[tuple[str, str]]
    records: list[Record]
    hidden_columns: tuple[str, ...] = RECORD_COLUMNS
    widths: tuple[float, ...] = WIDTHS

    @property
    def marked(self) -> int:
        return len(self.records)


@dataclass(frozen=True)
class Mark:
    sheet: str
    cell: str
    fill: str
    note: str


def normal_rgb(value) -> str | None:
    """``#ffc7ce`` / ``FFFFC7CE`` / ``(255, 199, 206)`` -> ``FFC7CE``; None for no fill."""
    if value is None or value == "":
        return None
    if isinstance(value, (tuple, list)) and len(value) == 3:
        return "".join(f"{int(v):02X}" for v in value)
    if isinstance(value, int) and not isinstance(value, bool):  # Excel's BGR integer
        return f"{value & 0xFF:02X}{(value >> 8) & 0xFF:02X}{(value >> 16) & 0xFF:02X}"
    text = str(value).strip().lstrip("#").upper()
    return text[-6:] if len(text) in (6, 8) else text or None


def marks_of(result: LintResult, lang: str = "id") -> dict[tuple[str, str], Mark]:
    """One mark per cell of every finding (``Diagnostic.cells``): the fill of the worst severity
    and a note with each finding's code and message, in finding order."""
    worst: dict[tuple[str, str], Severity] = {}
    texts: dict[tuple[str, str], list[str]] = {}
    for d in result.diagnostics:
        cells = d.cells or ((qualified(d.sheet, d.cell),) if d.sheet and d.cell else ())
        for q in cells:
            sheet, cell = split_qualified(q)
            if sheet is None:
                continue
            key = (sheet, cell)
            if key not in worst or _RANK[d.severity] < _RANK[worst[key]]:
                worst[key] = d.severity
            line = f"{d.code}: {d.text(lang)}"
            bucket = texts.setdefault(key, [])
            if line not in bucket:
                bucket.append(line)
    return {k: Mark(k[0], k[1], FILLS[worst[k]], "\n".join(texts[k])) for k in worst}


def _text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    text = str(v)
    return text if text != "" else None


def read_records(workbook) -> list[Record]:
    """The restore records of the workbook's ``Validasi`` sheet (hidden columns J:P), [] without."""
    sheet = next((s for s in workbook.sheets if s.name == SHEET), None)
    if sheet is None:
        return []
    out = []
    for r in sorted(sheet.rows):
        if r <= HEADER_ROW:
            continue
        vals = [sheet.value(r, RECORD_COL + i) for i in range(len(RECORD_HEADER))]
        where, cell = _text(vals[0]), _text(vals[1])
        if not where or not cell:
            continue
        style = vals[4]
        try:
            style = int(style) if style not in (None, "") else None
        except (TypeError, ValueError):
            style = None
        out.append(Record(where, cell.upper(), normal_rgb(vals[2]), _text(vals[3]), style,
                          normal_rgb(vals[5]) or "", _text(vals[6]) or ""))
    return out


@dataclass
class Pending:
    """A lint result and the previous run's records, waiting for the current state of ``cells``."""

    result: LintResult
    marks: dict[tuple[str, str], Mark]
    previous: list[Record]
    lang: str = "id"
    formats_known: bool = True
    source: str = ""
    notices: list[str] = field(default_factory=list)
    merges_known: bool = True

    @property
    def cells(self) -> list[tuple[str, str]]:
        """Every (sheet, cell) whose fill and note the front end must read: cells marked before
        and cells to mark now."""
        keys = {(r.sheet, r.cell) for r in self.previous} | set(self.marks)
        return sorted(keys)

    def plan(self, state: Mapping[tuple[str, str], CellState], now: str = "") -> Plan:
        """The fills, notes and Validasi rows, given the current state of :attr:`cells` (a cell
        missing from ``state`` counts as having no fill and no note)."""
        blank = CellState()
        old = {(r.sheet, r.cell): r for r in self.previous}
        fills: list[SetFill] = []
        notes: list[SetNote] = []
        for key, rec in old.items():
            if key in self.marks:
                continue
            cur = state.get(key, blank)
            if normal_rgb(cur.fill) == rec.mark_fill:  # still our mark: give back what was there
                fills.append(SetFill(rec.sheet, rec.cell, rec.fill, rec.style))
            if cur.note == rec.mark_note:
                notes.append(SetNote(rec.sheet, rec.cell, rec.note))
        records = []
        for key in sorted(self.marks, key=_cell_order):
            mark = self.marks[key]
            cur = state.get(key, blank)
            rec = old.get(key)
            cur_fill = normal_rgb(cur.fill)
            if rec is not None and cur_fill == rec.mark_fill:
                prev_fill, prev_style = rec.fill, rec.style
            else:
                prev_fill, prev_style = cur_fill, cur.style
            prev_note = rec.note if rec is not None and cur.note == rec.mark_note else cur.note
            if cur_fill != mark.fill:
                fills.append(SetFill(mark.sheet, mark.cell, mark.fill))
            if cur.note != mark.note:
                notes.append(SetNote(mark.sheet, mark.cell, mark.note))
            records.append(Record(mark.sheet, mark.cell, prev_fill, prev_note, prev_style, mark.fill, mark.note))
        rows, links = self._rows(records, now)
        return Plan(self.result, fills, notes, rows, links, records)

    def _rows(self, records: Sequence[Record], now: str) -> tuple[list[list], list[tuple[str, str]]]:
        en = self.lang == "en"
        res = self.result
        rows: list[list] = []
        head = (f"xl_renja Validate: {res.summary(self.lang)}; {len(records)} cells marked"
                if en else f"Validasi xl_renja: {res.summary(self.lang)}; {len(records)} sel ditandai")
        if now:
            head += f" ({'run' if en else 'diperiksa'} {now})"
        rows.append([head])
        second = list(self.notices)
        for f in res.failures:
            second.append(f.text(self.lang))
        if not self.formats_known:
            second.append(
                "Number formats were not available from Excel: findings that depend on a format "
                "(is 0.5 a share or 50 %?) are not reported as errors."
                if en else
                "Format angka tidak tersedia dari Excel: temuan yang bergantung pada format angka "
                "(0,5 atau 50 %?) tidak dilaporkan sebagai galat.")
        if not self.merges_known:
            second.append(
                "Merged ranges were not available from Excel: a table whose header needs them may be "
                "read partly (the annotate command reads them from the file)."
                if en else
                "Sel gabungan tidak tersedia dari Excel: tabel yang judul kolomnya memerlukannya mungkin "
                "terbaca sebagian (perintah annotate membacanya dari berkas).")
        rows.append([" ".join(second)] if second else [])
        rows.append([("Red = error, yellow = warning; each marked cell has a note. Hapus Tanda removes the marks."
                      if en else "Merah = galat, kuning = peringatan; setiap sel bertanda memiliki catatan. "
                                 "Hapus Tanda mengembalikan semua tanda.")])
        header = list(HEADER_EN if en else HEADER)
        rows.append(header + [None] * (RECORD_COL - 1 - len(header)) + list(RECORD_HEADER))
        links = []
        body = [self._finding_row(d) for d in res.diagnostics]
        for i, d in enumerate(res.diagnostics):
            if d.sheet and d.cell:
                links.append((f"D{HEADER_ROW + 1 + i}", qualified(d.sheet, d.cell)))
        if res.accepted:
            body.append([])
            body.append(["Accepted (Pengecualian)" if en else "Diterima (Pengecualian)"])
            body.append(header + ["Reason" if en else "Alasan"])
            for a in res.accepted:
                d = a.diagnostic
                if d.sheet and d.cell:
                    links.append((f"D{HEADER_ROW + 1 + len(body)}", qualified(d.sheet, d.cell)))
                body.append(self._finding_row(d) + [a.acceptance.alasan or None])
        n = max(len(body), len(records))
        for i in range(n):
            row = list(body[i]) if i < len(body) else []
            if i < len(records):
                row = row + [None] * (RECORD_COL - 1 - len(row))
                row[RECORD_COL - 1:] = records[i].row()
            rows.append(row)
        return rows, links

    def _finding_row(self, d) -> list:
        sev = d.severity.value if self.lang == "en" else _SEVERITY_ID[d.severity]
        return [d.code, sev, d.sheet, d.cell, d.kode, d.text(self.lang)]


def _cell_order(key: tuple[str, str]) -> tuple:
    import re

    m = re.match(r"([A-Z]+)(\d+)", key[1])
    if not m:
        return (key[0], 0, 0, key[1])
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return (key[0], int(m.group(2)), col, "")


def prepare(
    workbook,
    *,
    lang: str = "id",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    options=None,
    path: str | None = None,
    clear: bool = False,
) -> Pending:
    """Lint ``workbook`` (from :func:`xl_renja.from_grid` or :func:`xl_renja.read`) and read the
    previous run's records from its ``Validasi`` sheet. ``clear`` (Hapus Tanda) marks nothing,
    so the plan only restores."""
    from xl_renja.engine import lint

    previous = read_records(workbook)
    if clear:
        result = LintResult(files=1)
        notices = ["Tanda dihapus." if lang != "en" else "Marks removed."]
    else:
        result = lint(workbook, select=select, ignore=ignore, options=options, path=path)
        notices = []
    marks = {} if clear else marks_of(result, lang)
    return Pending(result, marks, previous, lang, getattr(workbook, "formats_known", True),
                   path or getattr(workbook, "path", ""), notices, getattr(workbook, "merges_known", True))


def validate(workbook, state: "Mapping[tuple[str, str], CellState] | None" = None, *, now: str = "",
             **kw) -> Plan:
    """:func:`prepare` and :meth:`Pending.plan` in one call, for a front end that read the state
    of every cell beforehand (or knows there is none)."""
    return prepare(workbook, **kw).plan(state or {}, now)


def restore_all(workbook, state: "Mapping[tuple[str, str], CellState] | None" = None, *, now: str = "",
                lang: str = "id") -> Plan:
    """Hapus Tanda: a plan that gives back every fill and note the previous run marked."""
    return prepare(workbook, lang=lang, clear=True).plan(state or {}, now)


def as_excel_text(value: Any) -> Any:
    """A value as a front end writes it through ``Range.value``: text gets a leading apostrophe
    so Excel keeps it as text (never a formula, a number or a date)."""
    if isinstance(value, str) and value:
        return "'" + value
    return value


def cells_by_sheet(cells: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for sheet, cell in cells:
        out.setdefault(sheet, []).append(cell)
    return out
