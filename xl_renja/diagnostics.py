"""What a lint run finds: severities, diagnostics and the result with its exit code."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from xl_renja.edits import Edit


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2  # usage error or unreadable input


class UsageError(Exception):
    """A usage error (bad option, unreachable scheduler): one Indonesian line, exit 2."""


@dataclass(frozen=True)
class Diagnostic:
    """One finding. Equality ignores the wording (``message`` and ``message_en``)."""

    code: str
    name: str
    severity: Severity
    path: str
    sheet: str | None
    cell: str | None
    row: int | None
    column: int | None
    table: str | None = None
    kode: str | None = None
    expected: Any = None
    actual: Any = None
    message: str = field(default="", compare=False)
    message_en: str = field(default="", compare=False)
    #: every cell the finding covers, sheet-qualified (``'Tabel 3.1'!K17``), ``cell`` first
    cells: tuple[str, ...] = field(default=(), compare=False)
    #: the repair, as cell edits in each cell's own unit (empty when there is none)
    fix: tuple[Edit, ...] = field(default=(), compare=False)

    def text(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message

    @property
    def location(self) -> str:
        if self.sheet and self.cell:
            return qualified(self.sheet, self.cell)
        return self.sheet or ""

    def key(self) -> tuple:
        """(code, sheet, cell): what tests compare."""
        return (self.code, self.sheet, self.cell)

    def sort_key(self) -> tuple:
        return (self.path, self.sheet or "", self.row or 0, self.column or 0, self.code)


def quote_sheet(name: str) -> str:
    """A sheet name as a formula reference writes it: ``'Tabel 3.1'``, ``Data``."""
    if any(ch in name for ch in " -'!") or not name.replace("_", "").isalnum():
        return "'" + name.replace("'", "''") + "'"
    return name


def qualified(sheet: str, cell: str) -> str:
    """``'Tabel 3.1'!K17``."""
    return f"{quote_sheet(sheet)}!{cell}"


@dataclass
class FileFailure:
    """A file that could not be linted at all (corrupt, encrypted, not a workbook)."""

    path: str
    message: str
    message_en: str = ""

    def text(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    failures: list[FileFailure] = field(default_factory=list)
    strict: bool = False
    #: findings accepted in the workbook's Pengecualian sheet (``pengecualian.Accepted``): listed
    #: apart, never counted as errors or warnings
    accepted: list = field(default_factory=list)

    def extend(self, other: "LintResult") -> None:
        self.diagnostics.extend(other.diagnostics)
        self.accepted.extend(other.accepted)
        self.files += other.files
        self.failures.extend(other.failures)

    def sort(self) -> None:
        self.diagnostics.sort(key=Diagnostic.sort_key)
        self.accepted.sort(key=lambda a: a.diagnostic.sort_key())

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def exit_code(self, exit_zero: bool = False) -> ExitCode:
        if self.failures:
            return ExitCode.USAGE
        if exit_zero:
            return ExitCode.OK
        if self.errors or (self.strict and self.warnings):
            return ExitCode.FINDINGS
        return ExitCode.OK

    def summary(self, lang: str = "id") -> str:
        if lang == "en":
            text = f"{self.errors} errors, {self.warnings} warnings in {self.files} file(s)"
            if self.accepted:
                text += f"; {len(self.accepted)} accepted (Pengecualian)"
            if self.failures:
                text += f"; {len(self.failures)} file(s) could not be read"
            return text
        text = f"{self.errors} kesalahan, {self.warnings} peringatan dalam {self.files} berkas"
        if self.accepted:
            text += f"; {len(self.accepted)} diterima (Pengecualian)"
        if self.failures:
            text += f"; {len(self.failures)} berkas tidak dapat dibaca"
        return text

    def flatten(self) -> list[tuple]:
        return [d.key() for d in self.diagnostics]


def plain_number(v: Any) -> Any:
    """A number as JSON shows it: 300.0 -> 300, floats to 6 decimals; anything else as it is."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, float):
        return round(v, 6)
    return v


def rupiah(value: Any) -> str:
    """Rp 1.260.789.058 (Indonesian grouping)."""
    try:
        float(value)
    except (TypeError, ValueError):
        return "-" if value is None else str(value)
    return "Rp " + number_id(value)


def number_id(value: Any, decimals: int | None = None) -> str:
    """66,67 / 1.000 (Indonesian grouping: dot for thousands, comma for decimals)."""
    if value is None:
        return "-"
    try:
        num = float(value)
    except (TypeError, ValueError):
        return str(value)
    if decimals is None:
        decimals = 0 if num.is_integer() else 2
    body = f"{num:,.{decimals}f}"
    return body.replace(",", "_").replace(".", ",").replace("_", ".")
