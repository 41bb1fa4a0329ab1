"""Build Renja tables in openpyxl workbooks for the reader and layout tests.

The header of every table comes from the layout templates of the package
(``xl_renja/layouts/<table>.py`` ``TEMPLATES``, written by ``xl_renja.layouts.template``); here a
:class:`Layout` only picks a template, its year and the columns a test wants. ``write_table``
places it anywhere on a worksheet, optionally with a title above, a deeper (three-row) header,
UPPER or lower case headers, data rows and a header block repeated after a page break.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from xl_renja.layouts import template as tpl


@dataclass(frozen=True)
class Layout:
    """A template of the package with the options the tests write it with."""

    layout_id: str
    variant: str | None = None
    options: dict = field(default_factory=dict)  # tahun, tahun_renstra, paired, omit
    tahun: int = 2022

    @property
    def template(self) -> tpl.Template:
        opts = {k: v for k, v in self.options.items() if k in ("paired", "omit")}
        return tpl.template(self.layout_id, self.variant).options(**opts)

    @property
    def keys(self) -> dict[str, int]:
        """Logical key -> column offset from the table's first column (0-based)."""
        return self.template.offsets()

    @property
    def depth(self) -> int:
        return self.template.depth

    @property
    def width(self) -> int:
        return self.template.width

    @property
    def title(self) -> str:
        t = self.template
        return " ".join(tpl.fill(x, self.tahun) for x in t.titles[:2])


_TC29 = dict(omit=("penanggung_jawab", "ket"), tahun_renstra=2023)  # the 11 numbered columns of detection

TC33 = Layout("T-C.33", "resmi")
TC33_SETDA = Layout("T-C.33", "setda")
TC29 = Layout("T-C.29", "resmi", _TC29)
TC29_PAIRS = Layout("T-C.29", "berpasangan", _TC29)
TC30 = Layout("T-C.30", "resmi")
TC31 = Layout("T-C.31", "resmi")
DEFINISI = Layout("definisi-operasional", "resmi")
TRIWULAN = Layout("evaluasi-triwulan", "resmi", dict(tahun_renstra=2023))

LAYOUTS = {
    "T-C.33": TC33, "T-C.33-setda": TC33_SETDA, "T-C.29": TC29, "T-C.29-pairs": TC29_PAIRS,
    "T-C.30": TC30, "T-C.31": TC31, "definisi-operasional": DEFINISI, "evaluasi-triwulan": TRIWULAN,
}


def letter(col: int) -> str:
    return tpl.col_letter(col)


@dataclass
class Placed:
    """Where ``write_table`` put things (1-based rows/cols on the sheet)."""

    layout: Layout
    top: int
    left: int
    header_rows: list[int]
    number_row: int
    data_rows: list[int] = field(default_factory=list)  # sheet row of each data row given
    repeated_number_rows: list[int] = field(default_factory=list)
    last_row: int = 0

    def col(self, key: str) -> int:
        return self.left + self.layout.keys[key]

    def letter(self, key: str) -> str:
        return letter(self.col(key))

    def ref(self, key: str, i: int) -> str:
        """Address of ``key`` in the i-th data row given to write_table."""
        return f"{self.letter(key)}{self.data_rows[i]}"

    def columns(self) -> dict[str, str]:
        return {k: letter(self.left + c) for k, c in self.layout.keys.items()}


def _value(value):
    if isinstance(value, tuple):  # (value, number_format)
        return tpl.Fmt(*value)
    return value


def write_table(ws, layout: Layout, rows, *, top: int = 1, left: int = 1, title: bool = False,
                depth: int | None = None, upper: bool = False, lower: bool = False,
                repeat_header_before: int | None = None) -> Placed:
    """Write ``layout`` with its header at (top, left) (the title row goes two rows above ``top``).

    ``rows`` is a list of ``dict(key -> value)`` or ``None`` for a blank spacer row; a value may be
    ``(value, number_format)``. ``repeat_header_before=i`` writes the header block and number row
    again before data row i.
    """
    data = [None if r is None else {k: _value(v) for k, v in r.items()} for r in rows]
    tmap = tpl.write_table(
        ws, layout.layout_id, layout.variant, tahun=layout.tahun,
        first_row=top - 2 if title else top, first_col=left, title=[layout.title] if title else False,
        header_case="upper" if upper else "lower" if lower else None, depth=depth, rows=data,
        repeat_header_before=repeat_header_before, formats=False, widths=False, **layout.options)
    assert tmap.header_rows[0] == top
    return Placed(layout, top, left, tmap.header_rows, tmap.number_row, tmap.data_rows,
                  tmap.repeated_number_rows, tmap.last_row)


# ----------------------------------------------------------------------------- LibreOffice

SOFFICE = shutil.which("soffice") or ("/usr/bin/soffice" if Path("/usr/bin/soffice").exists() else None)


def soffice_convert(files: list[Path], fmt: str, outdir: Path, filter_name: str | None = None) -> list[Path]:
    """Convert all ``files`` in one LibreOffice call with a private profile; return the outputs."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path("/tmp") / f"lo-xl-renja-{uuid.uuid4().hex}"
    target = f"{fmt}:{filter_name}" if filter_name else fmt
    try:
        subprocess.run(
            [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
             "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
            check=True, capture_output=True, timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    outs = [outdir / (Path(f).stem + "." + fmt) for f in files]
    missing = [o for o in outs if not o.exists()]
    if missing:
        raise RuntimeError(f"soffice did not produce {missing}")
    return outs
