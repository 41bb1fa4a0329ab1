"""Accepted findings: the ``Pengecualian`` sheet a user fills (code, cell or kode, alasan).

Each row accepts the findings of one rule code (a prefix such as ``KR04`` or ``TT``) at one place:
a cell (``K17``, ``Tabel 3.1!K17``, ``'Tabel 3.1'!K17``) or a kode rekening (``4.01.01.2.01.01``).
Lint lists accepted findings apart (``LintResult.accepted``) and does not count them as errors.
Pure standard library: it runs on the grid path (xlwings Lite).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xl_renja.kode import check_kode

#: the sheet name users fill
SHEET = "Pengecualian"
HEADER = ("Kode aturan", "Sel atau kode rekening", "Alasan")

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


@dataclass(frozen=True)
class Acceptance:
    """One row of the Pengecualian sheet."""

    code: str
    sheet: str | None  # for a cell target: the sheet named, or None for any sheet
    cell: str | None
    kode: str | None
    alasan: str
    row: int

    def accepts(self, d) -> bool:
        """Whether this row accepts the diagnostic ``d``."""
        if not d.code.startswith(self.code):
            return False
        if self.cell is not None:
            if d.cell == self.cell and (self.sheet is None or d.sheet == self.sheet):
                return True
            for q in d.cells:
                sheet, cell = split_qualified(q)
                if cell == self.cell and (self.sheet is None or sheet == self.sheet):
                    return True
            return False
        if self.kode is not None and d.kode:
            kode, _ = check_kode(d.kode)
            return (kode.text if kode is not None else str(d.kode).strip()) == self.kode
        return False


@dataclass(frozen=True)
class Accepted:
    """A finding accepted by a row of the Pengecualian sheet."""

    diagnostic: object
    acceptance: Acceptance


def split_qualified(ref: str) -> tuple[str | None, str]:
    """``'Tabel 3.1'!K17`` -> ('Tabel 3.1', 'K17'); ``K17`` -> (None, 'K17')."""
    ref = str(ref).strip()
    if "!" not in ref:
        return None, ref.replace("$", "").upper()
    sheet, _, cell = ref.rpartition("!")
    sheet = sheet.strip()
    if len(sheet) >= 2 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, cell.replace("$", "").upper()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_acceptances(workbook) -> list[Acceptance]:
    """The rows of the workbook's ``Pengecualian`` sheet (case-insensitive name); [] without one.
    A first row whose first cell is not a rule code is a header. Rows without a code or a
    target are skipped."""
    sheet = next((s for s in workbook.sheets if s.name.strip().casefold() == SHEET.casefold()), None)
    if sheet is None:
        return []
    out = []
    for r in sorted(sheet.rows):
        code = _text(sheet.value(r, 1)).upper()
        target = sheet.value(r, 2)
        if not re.fullmatch(r"[A-Z]{2}(\d{0,2})", code) or target is None or _text(target) == "":
            continue
        alasan = _text(sheet.value(r, 3))
        text = _text(target)
        s, cell = split_qualified(text)
        if _CELL.match(cell):
            out.append(Acceptance(code, s, cell, None, alasan, r))
            continue
        kode, _problems = check_kode(target)
        out.append(Acceptance(code, None, None, kode.text if kode is not None else text, alasan, r))
    return out


def split_accepted(diagnostics, acceptances) -> tuple[list, list[Accepted]]:
    """(kept, accepted): each diagnostic accepted by the first matching row goes apart."""
    if not acceptances:
        return list(diagnostics), []
    kept, accepted = [], []
    for d in diagnostics:
        hit = next((a for a in acceptances if a.accepts(d)), None)
        if hit is None:
            kept.append(d)
        else:
            accepted.append(Accepted(d, hit))
    return kept, accepted


def accept_rows(result, sheet: str, cell: str, alasan: str = "") -> list[list]:
    """Rows to add to the Pengecualian sheet that accept every finding of ``result`` covering
    ``sheet``/``cell`` (the "Terima" action on a selected cell): one row per rule code."""
    from xl_renja.diagnostics import qualified

    target = qualified(sheet, cell)
    codes: list[str] = []
    for d in result.diagnostics:
        if (d.sheet == sheet and d.cell == cell) or target in d.cells:
            if d.code not in codes:
                codes.append(d.code)
    return [[code, target, alasan] for code in codes]
