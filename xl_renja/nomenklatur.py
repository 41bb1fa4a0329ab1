"""Official names of program, kegiatan and sub kegiatan.

Two sources: the built-in table (Permendagri 90/2019 kab/kota, bidang 4.01 and the shared
penunjang program X.XX.01, in ``data/nomenklatur_kabkota_4_01.tsv``) and a user's own SIPD
export (``--nomenklatur SIPD.xlsx``: columns PROGRAM, KEGIATAN, SUBKEGIATAN written
"kode nama"), which covers every bidang with 4-digit sub kegiatan codes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from xl_renja.kode import Kode, check_kode

_DATA = os.path.join(os.path.dirname(__file__), "data", "nomenklatur_kabkota_4_01.tsv")
_KODE_NAME = re.compile(r"^\s*([0-9Xx]+(?:\.[0-9Xx]+)*)\s+(.+?)\s*$", re.S)


class NomenklaturError(Exception):
    pass


def _key(segments: tuple[str, ...]) -> tuple:
    out = []
    for i, seg in enumerate(segments):
        seg = seg.upper()
        out.append(seg if "X" in seg else int(seg))
    return tuple(out)


def _generic_key(kode: Kode) -> tuple | None:
    segs = kode.segments
    if len(segs) >= 3 and segs[2].isdigit() and int(segs[2]) == 1:
        return ("X", "XX", 1) + _key(segs[3:])
    return None


@dataclass
class Nomenklatur:
    source: str
    names: dict[tuple, tuple[str, str]] = field(default_factory=dict)  # key -> (kode text, nama)

    def add(self, kode_text: str, name: str) -> None:
        kode, problems = check_kode(kode_text.replace("0.00.01", "X.XX.01", 1) if kode_text.startswith("0.00.01") else kode_text)
        if kode is None:
            return
        self.names.setdefault(_key(kode.segments), (kode.text, " ".join(name.split())))

    def lookup(self, kode: Kode) -> tuple[str, str] | None:
        hit = self.names.get(_key(kode.segments))
        if hit is None:
            g = _generic_key(kode)
            if g is not None:
                hit = self.names.get(g)
        return hit

    def __len__(self) -> int:
        return len(self.names)


def builtin() -> Nomenklatur:
    nom = Nomenklatur("Permendagri 90/2019 (bawaan xl_renja: bidang 4.01 dan program penunjang)")
    with open(_DATA, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            _level, kode, name = line.rstrip("\n").split("\t")
            nom.add(kode, name)
    return nom


def load_sipd_export(path: str) -> Nomenklatur:
    """Read a SIPD nomenclature export (.xlsx/.xls) into a :class:`Nomenklatur`."""
    from xl_renja.model import WorkbookError
    from xl_renja.readers import read_workbook

    try:
        wb = read_workbook(path)
    except WorkbookError as exc:
        raise NomenklaturError(f"Berkas nomenklatur tidak dapat dibaca: {exc.message}") from None
    nom = Nomenklatur(f"ekspor SIPD {os.path.basename(path)}")
    for sheet in wb.sheets:
        add_sipd_sheet(nom, sheet)
    if not nom.names:
        raise NomenklaturError(
            f"{os.path.basename(path)} bukan ekspor nomenklatur SIPD: kolom SUBKEGIATAN tidak ditemukan."
        )
    return nom


def add_sipd_sheet(nom: Nomenklatur, sheet) -> bool:
    """Add the names of one sheet laid out as a SIPD export (a header row within the first 20
    rows naming SUBKEGIATAN, and cells "kode nama" under PROGRAM/KEGIATAN/SUBKEGIATAN). Returns
    whether the sheet had that header."""
    header_row, cols = None, {}
    for r in sorted(sheet.rows)[:20]:
        labels = {str(c.value).strip().upper(): col for col, c in sheet.rows[r].items() if c.kind == "s"}
        if "SUBKEGIATAN" in labels or "SUB KEGIATAN" in labels:
            header_row, cols = r, labels
            break
    if header_row is None:
        return False
    wanted = [cols.get(k) for k in ("BIDANG", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "SUB KEGIATAN")]
    wanted = [c for c in wanted if c]
    for r in sorted(sheet.rows):
        if r <= header_row:
            continue
        row = sheet.rows[r]
        for c in wanted:
            cell = row.get(c)
            if cell is None or cell.kind != "s":
                continue
            m = _KODE_NAME.match(cell.value)
            if m:
                nom.add(m.group(1), m.group(2))
    return True


#: the sheet of a workbook that holds a pasted SIPD export
SHEET = "Nomenklatur"


def from_workbook(workbook) -> "Nomenklatur | None":
    """The names of the workbook's own ``Nomenklatur`` sheet (a pasted SIPD export), or None
    when it has no such sheet or the sheet holds no SIPD names."""
    sheet = next((s for s in workbook.sheets if s.name.strip().casefold() == SHEET.casefold()), None)
    if sheet is None:
        return None
    nom = Nomenklatur(f"lembar {sheet.name} (ekspor SIPD)")
    add_sipd_sheet(nom, sheet)
    return nom if nom.names else None


def load_nomenklatur(path: str | None = None) -> Nomenklatur:
    """The official names: a user's SIPD export when ``path`` is given, else the built-in reference."""
    return builtin() if path is None else load_sipd_export(path)
