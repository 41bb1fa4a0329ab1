"""The writing layer: a patching writer that keeps everything it does not edit, output rules,
new workbooks with cached formula values, and LibreOffice recalculation/conversion.

``apply_edits(src, dst, edits)`` takes :class:`xl_renja.edits.Edit` and the edit kinds of
:mod:`xl_renja.writer.ops` (``Fill``, ``SetStyle``, ``Note``, ``ClearNote``, ``Hyperlink``,
``HideColumns``, ``SheetData``, ``CachedValue``).
"""

from xl_renja.edits import Edit
from xl_renja.writer.errors import OutputError
from xl_renja.writer.new import new_workbook
from xl_renja.writer.ops import CachedValue, ClearNote, Fill, HideColumns, Hyperlink, Note, SetStyle, SheetData
from xl_renja.writer.atomic import write_atomic
from xl_renja.writer.output import OutputPlan, default_output, prepare_output
from xl_renja.writer.patch import apply_edits, cell_style, fill_rgb, read_notes
from xl_renja.writer.recalc import RecalcError, convert, recalculate, soffice_available

__all__ = [
    "Edit", "CachedValue", "Fill", "SetStyle", "Note", "ClearNote", "Hyperlink", "HideColumns", "SheetData",
    "apply_edits", "cell_style", "fill_rgb", "read_notes", "new_workbook",
    "OutputError", "OutputPlan", "prepare_output", "default_output", "write_atomic",
    "RecalcError", "convert", "recalculate", "soffice_available",
]
