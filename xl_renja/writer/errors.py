"""The one error of the writing layer."""

from __future__ import annotations

from xl_renja.model import WorkbookError


class OutputError(WorkbookError):
    """A workbook that cannot be written as asked. ``message`` is one Indonesian line (the CLI
    prints it and exits 2); ``message_en`` its English form."""
