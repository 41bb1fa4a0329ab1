"""LibreOffice headless: convert workbooks, and recalculate every formula (a private profile per
run sets Calc's "recalculate on load" to *always* for OOXML and ODF files)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from xl_renja.writer.errors import OutputError

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
#: LibreOffice export filters by target extension (the default for xlsx is fine).
FILTERS = {"xlsm": "xlsm:Calc MS Excel 2007 VBA XML", "xls": "xls:MS Excel 97", "csv": "csv:Text - txt - csv (StarCalc):44,34,76,1"}


class RecalcError(OutputError):
    """LibreOffice is missing or failed; ``message`` is one Indonesian line."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_available() -> bool:
    return soffice() is not None


def convert(paths, fmt: str, out_dir, timeout: float = 180):
    """Convert one workbook (returns its output path) or a list of them in one LibreOffice run
    (returns the list of outputs) to ``fmt`` (xlsx, xlsm, ods, xls, csv, pdf ...) in ``out_dir``.
    Formulas are recalculated on load. Inputs need distinct file names."""
    single = isinstance(paths, (str, Path))
    files = [Path(paths)] if single else [Path(p) for p in paths]
    exe = soffice()
    if exe is None:
        raise RecalcError(
            "LibreOffice (soffice) tidak terpasang; pasang paket libreoffice-calc untuk menghitung ulang atau mengubah format.",
            "LibreOffice (soffice) is not installed; install libreoffice-calc to recalculate or convert.",
        )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="xl_renja-lo-"))
    try:
        (profile / "user").mkdir()
        (profile / "user" / "registrymodifications.xcu").write_text(_XCU, encoding="utf-8")
        cmd = [exe, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", FILTERS.get(fmt, fmt), "--outdir", str(out_dir), *map(str, files)]
        try:
            run = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise RecalcError(
                f"LibreOffice tidak selesai dalam {timeout:g} detik.",
                f"LibreOffice did not finish within {timeout:g} seconds.",
            ) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    outs = [out_dir / f"{f.stem}.{fmt}" for f in files]
    missing = [o.name for o in outs if not o.exists()]
    if missing:
        detail = (run.stderr or b"").decode(errors="replace").strip().splitlines()
        raise RecalcError(
            f"LibreOffice gagal mengubah {', '.join(missing)}{': ' + detail[-1] if detail else ''}.",
            f"LibreOffice failed to convert {', '.join(missing)}.",
        )
    return outs[0] if single else outs


def recalculate(path, out_path=None, timeout: float = 180, lossless: bool = True) -> Path:
    """Recalculate every formula of ``path`` with LibreOffice and write the result to ``out_path``
    (default: replace ``path``, atomically). Returns the written path.

    For .xlsx/.xlsm with ``lossless`` (the default) LibreOffice only computes: the new values are
    written back into a copy of the original as the formulas' cached values (:class:`CachedValue`),
    so nothing else of the file changes. Otherwise the file LibreOffice saves is the result."""
    from xl_renja.writer.atomic import write_atomic

    src = Path(path)
    dst = Path(out_path) if out_path is not None else src
    ext = src.suffix.lower()
    with tempfile.TemporaryDirectory(prefix="xl_renja-recalc-") as tmp:
        if lossless and ext in (".xlsx", ".xlsm"):
            from xl_renja.writer.patch import apply_edits

            computed = convert(src, "xlsx", Path(tmp) / "lo", timeout=timeout)
            out = Path(tmp) / f"hasil{ext}"
            apply_edits(src, out, _cached_values(src, computed))
        else:
            out = convert(src, ext.lstrip(".") or "xlsx", tmp, timeout=timeout)
        write_atomic(dst, lambda t: shutil.copyfile(out, t))
    return dst


def _cached_values(original: Path, computed: Path) -> list:
    """A :class:`CachedValue` for every formula cell of ``original``, valued from ``computed``."""
    import openpyxl

    from xl_renja.writer.ops import CachedValue

    formulas: dict[str, set[str]] = {}
    wb = openpyxl.load_workbook(original, read_only=True)
    try:
        for ws in wb.worksheets:
            formulas[ws.title] = {c.coordinate for row in ws.iter_rows() for c in row if getattr(c, "data_type", None) == "f"}
    finally:
        wb.close()
    out = []
    wb = openpyxl.load_workbook(computed, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            wanted = formulas.get(ws.title)
            if not wanted:
                continue
            for row in ws.iter_rows():
                for c in row:
                    coord = getattr(c, "coordinate", None)
                    if coord in wanted:
                        out.append(CachedValue(ws.title, coord, c.value))
    finally:
        wb.close()
    return out
