"""Rules every command that writes a workbook follows: atomic writes, no silent overwrite, never
over the input, the output keeps the input's type (.xls/.ods are converted to .xlsx)."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from xl_renja.writer.atomic import write_atomic  # noqa: F401 - part of the output rules
from xl_renja.writer.errors import OutputError

#: Input extension -> the extension of the written workbook.
OUTPUT_TYPE = {".xlsx": ".xlsx", ".xlsm": ".xlsm", ".xls": ".xlsx", ".ods": ".xlsx"}


@dataclass(frozen=True)
class OutputPlan:
    """Where to write. ``source`` is the workbook to patch: the input, or its .xlsx conversion
    (kept in ``temp_dir``, removed by :meth:`cleanup`). ``notice`` is a line to print, or None."""

    input: Path
    output: Path
    source: Path
    notice: str | None = None
    notice_en: str | None = None
    temp_dir: Path | None = None

    def cleanup(self) -> None:
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)


def default_output(input_path, suffix: str = "_perbaikan") -> Path:
    """``renja.xlsm`` -> ``renja_perbaikan.xlsm`` (``.xls``/``.ods`` -> ``.xlsx``)."""
    p = Path(input_path)
    return p.with_name(p.stem + suffix + OUTPUT_TYPE.get(p.suffix.lower(), p.suffix))


def prepare_output(input_path, output_path=None, force: bool = False, timeout: float = 180) -> OutputPlan:
    """Check the output rules and convert an .xls/.ods input to .xlsx with LibreOffice.
    Raises :class:`OutputError` with one Indonesian line."""
    src = Path(input_path)
    ext = src.suffix.lower()
    if ext not in OUTPUT_TYPE:
        raise OutputError(
            f"{src.name}: jenis berkas {ext or '(tanpa ekstensi)'} tidak dapat ditulis; gunakan .xlsx, .xlsm, .xls atau .ods.",
            f"{src.name}: cannot write a {ext or 'extensionless'} file; use .xlsx, .xlsm, .xls or .ods.",
        )
    if not src.is_file():
        raise OutputError(f"Berkas tidak ditemukan: {src}", f"File not found: {src}")
    dst = Path(output_path) if output_path is not None else default_output(src)
    want = OUTPUT_TYPE[ext]
    if dst.suffix.lower() != want:
        if want != ext:  # an .xls/.ods input is written as .xlsx
            raise OutputError(
                f"Keluaran {dst.name}: masukan {ext} ({src.name}) ditulis sebagai {want}; pilih nama berakhiran {want}.",
                f"Output {dst.name}: a {ext} input ({src.name}) is written as {want}; choose a name ending in {want}.",
            )
        raise OutputError(
            f"Keluaran {dst.name} harus berekstensi {want} seperti masukan {src.name}.",
            f"The output {dst.name} must have the extension {want} like the input {src.name}.",
        )
    if _same_file(src, dst):
        raise OutputError(
            f"Keluaran tidak boleh menimpa berkas masukan {src.name}; pilih nama lain dengan -o.",
            f"The output must not overwrite the input {src.name}; choose another name with -o.",
        )
    if dst.exists() and not force:
        raise OutputError(
            f"{dst} sudah ada; pakai --force untuk menimpanya atau pilih nama lain dengan -o.",
            f"{dst} already exists; use --force to overwrite it or choose another name with -o.",
        )
    if dst.is_dir():
        raise OutputError(f"{dst} adalah folder, bukan berkas.", f"{dst} is a folder.")
    if not dst.parent.is_dir():
        raise OutputError(f"Folder {dst.parent} tidak ada.", f"Folder {dst.parent} does not exist.")
    if ext in (".xlsx", ".xlsm"):
        return OutputPlan(src, dst, src)

    from xl_renja.writer.recalc import RecalcError, convert, soffice_available

    if not soffice_available():
        raise OutputError(
            f"{src.name} berformat {ext}; pasang LibreOffice (soffice) agar dapat diubah ke .xlsx, "
            "atau simpan ulang sebagai .xlsx di Excel.",
            f"{src.name} is {ext}; install LibreOffice (soffice) to convert it to .xlsx, or save it as .xlsx in Excel.",
        )
    temp = Path(tempfile.mkdtemp(prefix="xl_renja-convert-"))
    try:
        converted = convert(src, "xlsx", temp, timeout=timeout)
    except RecalcError:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return OutputPlan(
        src, dst, converted,
        f"Catatan: {src.name} ({ext}) diubah ke .xlsx lewat LibreOffice; hasil ditulis ke {dst.name}.",
        f"Note: {src.name} ({ext}) was converted to .xlsx with LibreOffice; the result is written to {dst.name}.",
        temp,
    )


def _same_file(a: Path, b: Path) -> bool:
    if os.path.abspath(a) == os.path.abspath(b):
        return True
    try:
        return b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
