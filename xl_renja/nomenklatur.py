"""Official names of program, kegiatan and sub kegiatan.

Two sources: the built-in table (Permendagri 90/2019 kab/kota, bidang 4.01 and the shared
penunjang program X.XX.01, in ``data/nomenklatur_kabkota_4_01.tsv``) and a user's own SIPD
export (``--nomenklatur SIPD.xlsx``: columns PROGRAM, KEGIATAN, SUBKEGIATAN written
"kode nama"), which covers every bidang with 4-digit sub kegiatan codes. An export's JENIS PEMDA
column (``KABKOT``/``PROV``) is honoured: the same kode may carry another name for a province,
and a kab/kota Renja is judged with the kab/kota names (:func:`pemda_kind` tells which a workbook
is). Names are compared with spacing normalised too ("Kerjasama" = "Kerja Sama"): :func:`same_name`.
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


KABKOTA, PROVINSI = "kabkota", "provinsi"


def jenis_pemda(text) -> str | None:
    """``KABKOT``/``Kabupaten/Kota`` -> kabkota, ``PROV``/``Provinsi`` -> provinsi, else None."""
    t = str(text or "").strip().upper()
    if t.startswith(("KAB", "KOT")):
        return KABKOTA
    if t.startswith("PROV"):
        return PROVINSI
    return None


def same_name(a, b) -> bool:
    """Whether two names are the same after case, punctuation and spacing are normalised
    ("Kerjasama" = "Kerja Sama")."""
    from xl_renja.values import normalize_text

    return normalize_text(a).replace(" ", "") == normalize_text(b).replace(" ", "")


def pemda_kind(workbook, tables=()) -> str:
    """Whether a workbook is a kab/kota or a provincial Renja, from the titles of its sheets (the
    rows above each table's header, else the first rows): kab/kota unless only "Provinsi" is named
    there."""
    starts: dict[str, int] = {}
    for t in tables:
        starts[t.sheet_name] = min(starts.get(t.sheet_name, t.first_row), t.first_row)
    kabkota = provinsi = False
    for sheet in workbook.sheets:
        limit = starts.get(sheet.name)
        for r in sorted(sheet.rows)[:8]:
            if limit is not None and r >= limit:
                break
            for cell in sheet.rows[r].values():
                if cell.kind != "s":
                    continue
                text = str(cell.value)
                kabkota = kabkota or bool(_KABKOTA_WORD.search(text))
                provinsi = provinsi or bool(_PROVINSI_WORD.search(text))
    return PROVINSI if provinsi and not kabkota else KABKOTA


_KABKOTA_WORD = re.compile(r"\b(kabupaten|kota)\b", re.I)
_PROVINSI_WORD = re.compile(r"\bprovinsi\b", re.I)


@dataclass
class Nomenklatur:
    source: str
    names: dict[tuple, tuple[str, str]] = field(default_factory=dict)  # key -> (kode text, nama)
    #: names of an export with a JENIS PEMDA column, per kind (kabkota, provinsi)
    by_jenis: dict[str, dict[tuple, tuple[str, str]]] = field(default_factory=dict)
    _by_name: dict = field(default_factory=dict, repr=False)

    def add(self, kode_text: str, name: str, jenis: str | None = None) -> None:
        kode, problems = check_kode(kode_text.replace("0.00.01", "X.XX.01", 1) if kode_text.startswith("0.00.01") else kode_text)
        if kode is None:
            return
        entry = (kode.text, " ".join(name.split()))
        key = _key(kode.segments)
        self._by_name.clear()
        if jenis is not None:
            first_kabkota = jenis == KABKOTA and key not in self.by_jenis.get(KABKOTA, {})
            self.by_jenis.setdefault(jenis, {}).setdefault(key, entry)
            if first_kabkota:
                self.names[key] = entry  # without a kind asked for, the kab/kota name wins
                return
        self.names.setdefault(key, entry)

    def _table(self, jenis: str | None) -> dict:
        if jenis and jenis in self.by_jenis:
            return self.by_jenis[jenis]
        return self.names

    def lookup(self, kode: Kode, jenis: str | None = None) -> tuple[str, str] | None:
        """(official kode, name) of ``kode``; with ``jenis`` (kabkota/provinsi) the names of that
        kind of pemda when the export has them, else the kab/kota ones, else any."""
        first = self._table(jenis)
        key = _key(kode.segments)
        generic = None
        for table in (first,) if first is self.names else (first, self.names):
            hit = table.get(key)
            if hit is None:
                generic = generic if generic is not None else _generic_key(kode) or ()
                if generic:
                    hit = table.get(generic)
            if hit is not None:
                return hit
        return None

    def kodes_named(self, name: str, jenis: str | None = None) -> list[str]:
        """The official kodes (as the reference writes them, ``X.XX.01...`` for the penunjang
        program) whose name is ``name`` (spacing and case normalised)."""
        from xl_renja.values import normalize_text

        index = self._by_name.get(jenis)
        if index is None:
            index = self._by_name[jenis] = {}
            for kode_text, official in self._table(jenis).values():
                index.setdefault(normalize_text(official).replace(" ", ""), []).append(kode_text)
        return index.get(normalize_text(name).replace(" ", ""), [])

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
    jenis_col = cols.get("JENIS PEMDA") or cols.get("JENIS_PEMDA")
    for r in sorted(sheet.rows):
        if r <= header_row:
            continue
        row = sheet.rows[r]
        jenis = None
        if jenis_col is not None and row.get(jenis_col) is not None:
            jenis = jenis_pemda(row[jenis_col].value)
        for c in wanted:
            cell = row.get(c)
            if cell is None or cell.kind != "s":
                continue
            m = _KODE_NAME.match(cell.value)
            if m:
                nom.add(m.group(1), m.group(2), jenis)
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
