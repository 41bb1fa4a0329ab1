"""The rule contract and the context a rule looks at."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from xl_renja.diagnostics import Diagnostic, Severity, plain_number, qualified
from xl_renja.edits import Edit
from xl_renja.model import Workbook, cell_ref

if TYPE_CHECKING:
    from xl_renja.layouts.base import Row, Table, Value
    from xl_renja.layouts.detect import Unreadable
    from xl_renja.narasi import Narasi
    from xl_renja.nomenklatur import Nomenklatur


@dataclass
class Options:
    tolerance: float = 1.0
    nomenklatur: "Nomenklatur | None" = None
    #: the statements of a BAB IV narrative (``--narasi``, :func:`xl_renja.narasi.read_narasi`) for TT06
    narasi: "Narasi | None" = None


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
    """Base class. Subclasses set ``code``, ``name``, ``severity`` and their module's catalogue
    (``messages``: key -> (Indonesian, English) templates, with ``summary`` among them; ``doc_id``:
    the Indonesian documentation; ``examples``: a failing ("Contoh salah") and a passing ("Contoh
    benar") example, shown after the documentation in both languages) and implement :meth:`check`.
    The class docstring is the English documentation."""

    code: str = ""
    name: str = ""
    severity: Severity = Severity.ERROR
    messages: dict[str, tuple[str, str]] = {}
    doc_id: str = ""
    examples: str = ""

    def check(self, ctx: Context) -> Iterator[Diagnostic]:  # pragma: no cover - interface
        raise NotImplementedError

    @property
    def summary(self) -> str:
        return self.messages["summary"][0]

    @property
    def summary_en(self) -> str:
        return self.messages["summary"][1]

    def describe(self, lang: str = "id") -> str:
        return self.summary_en if lang == "en" else self.summary

    def msg(self, key: str, **fields) -> tuple[str, str]:
        """The (Indonesian, English) message ``key`` of the catalogue, filled with ``fields``."""
        id_text, en_text = self.messages[key]
        return id_text.format(**fields), en_text.format(**fields)

    # helpers -----------------------------------------------------------------------------
    def at_value(self, ctx: Context, value: "Value", message: tuple[str, str], **kw) -> Diagnostic:
        return self.at(ctx, value.sheet, value.row, value.col, message, **kw)

    def at(
        self,
        ctx: Context,
        sheet: str | None,
        r: int | None,
        c: int | None,
        message: tuple[str, str],
        *,
        table: "Table | None" = None,
        row: "Row | None" = None,
        kode: str | None = None,
        expected: Any = None,
        actual: Any = None,
        severity: Severity | None = None,
        cells: Iterable[str] = (),
        fix: Iterable[Edit] = (),
    ) -> Diagnostic:
        if kode is None and row is not None:
            owner = row.parent if row.kind == "continuation" and row.parent is not None else row
            kode = owner.kode.text if owner.kode is not None else owner.kode_text
        ref = cell_ref(r, c) if r and c else None
        first = (qualified(sheet, ref),) if sheet and ref else ()
        if table is not None and table.kode_parts and c == table.columns.get("kode") and r:
            # a kode written in parts: the finding covers every part cell of its row
            cells = tuple(cells) + tuple(table.kode_cells(row if row is not None and row.row == r else _At(r)))
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            path=ctx.path,
            sheet=sheet,
            cell=ref,
            row=r,
            column=c,
            table=table.id if table is not None else None,
            kode=kode,
            expected=plain_number(expected),
            actual=plain_number(actual),
            message=message[0],
            message_en=message[1],
            cells=first + tuple(x for x in cells if x not in first),
            fix=tuple(fix),
        )

    @classmethod
    def doc(cls, lang: str = "en") -> str:
        import inspect

        text = cls.doc_id if lang == "id" and cls.doc_id else cls.__doc__ or ""
        if cls.examples:
            return inspect.cleandoc(text) + "\n\n" + inspect.cleandoc(cls.examples)
        return inspect.cleandoc(text)


@dataclass
class _At:
    """A sheet row number where a :class:`Row` is expected (Table.kode_cells reads ``.row``)."""

    row: int


LEVEL_NAMES = {1: "urusan", 2: "bidang", 3: "program", 4: "kegiatan", 5: "sub kegiatan"}


def level_name(row: "Row") -> str:
    return LEVEL_NAMES.get(int(row.kode.level), "baris") if row.kode is not None else "baris"


#: the target columns of the layouts (checked by VL02 and VL03)
TARGET_KEYS = ("target", "target_n1", "target_hasil")


def kode_tables(ctx: Context):
    """The tables that have a kode column."""
    for table in ctx.tables:
        if "kode" in table.columns:
            yield table
