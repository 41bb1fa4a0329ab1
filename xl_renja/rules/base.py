"""The rule contract and the context a rule looks at."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from xl_renja.diagnostics import Diagnostic, Severity
from xl_renja.model import Workbook, cell_ref

if TYPE_CHECKING:
    from xl_renja.layouts.base import Row, Table, Value
    from xl_renja.layouts.detect import Unreadable
    from xl_renja.nomenklatur import Nomenklatur


@dataclass
class Options:
    tolerance: float = 1.0
    nomenklatur: "Nomenklatur | None" = None


@dataclass
class Context:
    """What every rule sees: the workbook once read, its tables, and the options."""

    path: str
    workbook: Workbook
    tables: list["Table"]
    unreadable: list["Unreadable"]
    options: Options = field(default_factory=Options)
    cache: dict = field(default_factory=dict)  # results shared between rules (e.g. TT01/TT02 sums)
    _row_index: dict | None = None

    def row_at(self, sheet: str, row: int) -> tuple["Table | None", "Row | None"]:
        """The table and typed row that hold a sheet row (for FX01 context)."""
        if self._row_index is None:
            index = {}
            for t in self.tables:
                for r in t.rows + t.totals:
                    index[(t.sheet_name, r.row)] = (t, r)
            self._row_index = index
        hit = self._row_index.get((sheet, row))
        if hit:
            return hit
        for t in self.tables:
            if t.sheet_name == sheet and t.first_row <= row <= t.last_row:
                return t, None
        return None, None


class Rule:
    """Base class. Subclasses set ``code``, ``name``, ``severity`` and ``summary`` and implement
    :meth:`check`; their docstring is the published documentation (``rule CODE``) with an
    "Contoh salah" (failing) and a "Contoh benar" (passing) Indonesian example."""

    code: str = ""
    name: str = ""
    severity: Severity = Severity.ERROR
    summary: str = ""
    summary_en: str = ""

    def check(self, ctx: Context) -> Iterator[Diagnostic]:  # pragma: no cover - interface
        raise NotImplementedError

    # helpers -----------------------------------------------------------------------------
    def at_value(
        self,
        ctx: Context,
        value: "Value",
        message: str,
        message_en: str,
        *,
        table: "Table | None" = None,
        row: "Row | None" = None,
        expected: Any = None,
        actual: Any = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        return self.at(ctx, value.sheet, value.row, value.col, message, message_en, table=table,
                       row=row, expected=expected, actual=actual, severity=severity)

    def at(
        self,
        ctx: Context,
        sheet: str | None,
        r: int | None,
        c: int | None,
        message: str,
        message_en: str,
        *,
        table: "Table | None" = None,
        row: "Row | None" = None,
        kode: str | None = None,
        expected: Any = None,
        actual: Any = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        if kode is None and row is not None:
            owner = row.parent if row.kind == "continuation" and row.parent is not None else row
            kode = owner.kode.text if owner.kode is not None else owner.kode_text
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            path=ctx.path,
            sheet=sheet,
            cell=cell_ref(r, c) if r and c else None,
            row=r,
            column=c,
            table=table.id if table is not None else None,
            kode=kode,
            expected=_plain(expected),
            actual=_plain(actual),
            message=message,
            message_en=message_en,
        )

    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


def _plain(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, float):
        return round(v, 6)
    return v


LEVEL_NAMES = {1: "urusan", 2: "bidang", 3: "program", 4: "kegiatan", 5: "sub kegiatan"}


def level_name(row: "Row") -> str:
    return LEVEL_NAMES.get(int(row.kode.level), "baris") if row.kode is not None else "baris"


def quantity(value: "Value | None"):
    """A number from a numeric cell or from a target text such as ``24 Bulan``."""
    if value is None or value.is_blank or value.is_error:
        return None
    num = value.number()
    if num is not None:
        return num
    from xl_renja.values import parse_target

    return parse_target(value.raw).quantity


_RATE_INDIKATOR = re.compile(
    r"^\s*(persentase|presentase|prosentase|tingkat|capaian|rasio|indeks|nilai|rata)", re.I
)
_COUNT_INDIKATOR = re.compile(r"^\s*[-\u2022]?\s*(jumlah|banyaknya|total)\b", re.I)


def is_count(satuan: str | None, indikator: str | None) -> bool:
    """Whether values add up across periods: from the satuan, else from the indikator's wording
    ("Jumlah Dokumen ..." counts; "Persentase ...", "Indeks ..." do not)."""
    from xl_renja.satuan import canonical_satuan, is_additive

    if satuan and canonical_satuan(satuan) is not None:
        return is_additive(satuan)
    text = indikator or ""
    if _RATE_INDIKATOR.match(text):
        return False
    if _COUNT_INDIKATOR.match(text):
        return True
    return bool(satuan) and is_additive(satuan)
