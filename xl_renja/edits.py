"""An edit to one cell: what a finding's repair (``Diagnostic.fix``) and the writers share."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Edit:
    """Set one cell of a sheet.

    ``value`` is what the cell holds after the edit (for a formula, its cached value); ``formula``
    is the A1 formula text without the leading ``=`` (None for a plain value). Text is always
    written as text, never as a formula. ``safe`` marks a repair that is certain (CP01, VL01,
    VL03 with one candidate, KR01 with a certain intended form); parent SUMs are not.
    """

    sheet: str
    cell: str
    value: Any = None
    formula: str | None = None
    safe: bool = True

    def as_dict(self) -> dict:
        return asdict(self)
