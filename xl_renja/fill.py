"""``fill``: the official T-C.33 (Tabel 3.1) from data, with live ``=SUM`` formulas.

A thin layer over the public API: the input is read with :func:`xl_renja.read` (and, for an
existing Renja, :func:`xl_renja.find_tables`), validated with the pandera schema of the data sheet
(:func:`data_schema`: checks named by the lint rule they share), arranged into the kode tree, and
written through the layout's template (:func:`xl_renja.layouts.template.write_table`). Parent pagu
and the TOTAL are ``SUM`` formulas over exactly their children (:func:`xl_renja.compute.sum_formula`)
with the children sums (:func:`xl_renja.compute.children_sum`) as cached values.

Three inputs are recognised:

* the data sheet (``workbooks/templates/data_renja.xlsx``): a header row (:data:`DATA_COLUMNS`),
  one row per indikator; a row with an empty kode is a further indikator of the kode above, a row
  repeating the kode right below it too; rows of a program or kegiatan kode carry that level's
  indikator and targets, their pagu is computed;
* a SIPD-style export: kode and name share a cell (``4.01.01.2.01.06 Koordinasi ...``), a sub
  kegiatan repeats once per budget line (amounts are summed, empty amounts are zero), and a
  column such as ``SKPD`` names the OPD of each line (``--opd`` picks one, else one sheet per OPD);
* an existing Renja workbook: the rows of its T-C.33 are the data.

Usage::

    from xl_renja.fill import fill_table
    result = fill_table("data.xlsx", "tabel31.xlsx", layout="setda", tahun=2026)
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from xl_renja.kode import PROBLEM_MESSAGES, Kode, check_kode
from xl_renja.model import ERROR_VALUES, Cell, WorkbookError, col_letter

__all__ = [
    "DATA_COLUMNS", "LAYOUTS", "FillError", "FillRefused", "Problem", "Record", "Source", "Node",
    "FillResult", "read_data", "data_frame", "data_schema", "validate", "build_tree", "table_rows",
    "fill_table", "write_data_form",
]

#: ``--layout`` name -> T-C.33 template variant
LAYOUTS = {"tc33": "resmi", "setda": "setda"}

#: the data sheet's columns: logical key, header text, width
DATA_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("kode", "Kode", 18),
    ("uraian", "Nama Program/Kegiatan/Sub Kegiatan", 40),
    ("indikator", "Indikator Kinerja", 40),
    ("satuan", "Satuan", 12),
    ("lokasi", "Lokasi", 16),
    ("target", "Target Tahun n", 12),
    ("pagu", "Pagu Tahun n (Rp)", 18),
    ("sumber_dana", "Sumber Dana", 18),
    ("target_n1", "Target n+1 (Prakiraan Maju)", 14),
    ("pagu_n1", "Pagu n+1 (Rp, Prakiraan Maju)", 18),
    ("catatan", "Catatan", 16),
    ("penanggung_jawab", "Penanggung Jawab", 24),
    ("urusan", "Urusan", 16),
    ("tujuan", "Tujuan", 24),
    ("sasaran", "Sasaran", 24),
    ("indikator_tujuan", "Indikator Tujuan/Sasaran", 24),
)

#: header text (normalised) -> logical key, tried in order (first match wins)
_DATA_HEADERS: tuple[tuple[str, str], ...] = (
    ("kode", r"^kode( rekening)?$"),
    ("indikator_tujuan", r"^indikator (tujuan|sasaran)"),
    ("pagu_n1", r"(pagu|kebutuhan dana|anggaran).*(n ?\+ ?1|maju|prakiraan)|(n ?\+ ?1|maju|prakiraan).*(pagu|dana|anggaran)"),
    ("target_n1", r"target.*(n ?\+ ?1|maju|prakiraan)|(n ?\+ ?1|maju|prakiraan).*target"),
    ("pagu", r"^(pagu|kebutuhan dana|anggaran)"),
    ("target", r"^target"),
    ("sumber_dana", r"^sumber dana"),
    ("satuan", r"^satuan"),
    ("lokasi", r"^lokasi"),
    ("catatan", r"^catatan"),
    ("penanggung_jawab", r"penanggung ?jawab|^skpd|^opd"),
    ("indikator", r"^indikator"),
    ("urusan", r"^urusan$"),
    ("tujuan", r"^tujuan$"),
    ("sasaran", r"^sasaran$"),
    ("uraian", r"^(nama|uraian|program|nomenklatur)"),
)

#: SIPD export headers -> keys; ``program``/``kegiatan``/``sub`` hold "kode nama"
_SIPD_HEADERS: tuple[tuple[str, str], ...] = (
    ("sub", r"^sub ?kegiatan$"),
    ("kegiatan", r"^kegiatan$"),
    ("program", r"^program$"),
    ("opd", r"^(skpd|opd|perangkat daerah|unit( kerja| organisasi)?|sub unit)$"),
    ("pagu_n1", r"(pagu|anggaran|nilai|jumlah).*(n ?\+ ?1|maju|prakiraan)|(n ?\+ ?1|maju|prakiraan)"),
    ("pagu", r"^(pagu|anggaran|nilai|jumlah|total)"),
    ("target_n1", r"target.*(n ?\+ ?1|maju)"),
    ("target", r"^target"),
    ("indikator", r"^(indikator|tolok ukur|keluaran)"),
    ("satuan", r"^satuan"),
    ("lokasi", r"^lokasi"),
    ("sumber_dana", r"^sumber dana"),
)

_KODE_NAME = re.compile(r"^\s*(\d+(?:\.\d+)+|\d)\s+(.+?)\s*$", re.S)
#: the cells each kode level must fill in the data sheet (parents' pagu is computed, never typed)
DATA_REQUIRED = {
    3: ("indikator", "target"),
    4: ("indikator", "target"),
    5: ("indikator", "target", "pagu", "lokasi", "sumber_dana"),
}
PAGU_KEYS = ("pagu", "pagu_n1")
#: keys of an indikator line (everything but the kode, the name and the pagu)
LINE_KEYS = ("indikator", "satuan", "lokasi", "target", "sumber_dana", "catatan", "target_n1",
             "penanggung_jawab", "urusan", "tujuan", "sasaran", "indikator_tujuan")
TOTAL_TEXT = "TOTAL"


class FillError(WorkbookError):
    """Input that cannot be used (unreadable, unknown shape, bad option): one Indonesian line, exit 2."""


@dataclass(frozen=True)
class Problem:
    """A bad cell of the input: lint's rule code, the sheet-qualified cell, the message."""

    code: str
    sheet: str
    cell: str
    message: str

    @property
    def row(self) -> int:
        return int(re.sub(r"\D", "", self.cell))

    @property
    def where(self) -> str:
        from xl_renja.diagnostics import qualified

        return qualified(self.sheet, self.cell)


class FillRefused(Exception):
    """The input has bad rows; :attr:`problems` lists every bad cell. Nothing is written (exit 1)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} sel bermasalah")
        self.problems = problems


# ---------------------------------------------------------------------------------- records


@dataclass
class Record:
    """One input row: ``item`` (it has a kode), ``continuation`` (a further indikator of the item
    above) or ``label`` (urusan/tujuan/sasaran/indikator tujuan without kode)."""

    sheet: str
    row: int
    kind: str
    cells: dict[str, Cell]                 # logical key -> non-blank cell
    cols: dict[str, int]                   # logical key -> sheet column (for the cell of a problem)
    kode: Kode | None = None
    kode_problems: tuple[str, ...] = ()
    opd: str | None = None

    def text(self, key: str) -> str | None:
        c = self.cells.get(key)
        if c is None or c.is_error:
            return None
        v = c.value
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v).strip()

    def ref(self, key: str) -> str:
        col = self.cols.get(key) or self.cols.get("kode") or 1
        return f"{col_letter(col)}{self.row}"


@dataclass
class Source:
    """What :func:`read_data` found: the records (per OPD), their kind and the plan year."""

    path: str
    kind: str                               # data | sipd | table
    records: list[Record]
    variant: str | None = None              # the T-C.33 variant of a table input
    tahun: int | None = None
    opd_names: dict[str, str] = field(default_factory=dict)   # OPD key -> display name
    names: dict[str, str] = field(default_factory=dict)        # kode -> name given by the input

    def opds(self) -> list[str | None]:
        seen: list[str | None] = []
        for r in self.records:
            if r.opd not in seen:
                seen.append(r.opd)
        return seen or [None]


def _norm(text) -> str:
    s = str(text).lower().replace("\n", " ")
    s = re.sub(r"[^0-9a-z+/ ]+", " ", s)
    return " ".join(s.split())


def _match_headers(cells: Mapping[int, Cell], patterns) -> dict[str, int]:
    out: dict[str, int] = {}
    for col in sorted(cells):
        c = cells[col]
        if c.kind != "s" or c.is_blank:
            continue
        h = _norm(c.value)
        for key, pat in patterns:
            if key not in out and re.search(pat, h):
                out[key] = col
                break
    return out


def _kode_cell_text(cell: Cell | None) -> str | None:
    if cell is None or cell.is_blank:
        return None
    v = cell.value
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _number(cell: Cell | None):
    if cell is None or cell.is_blank or cell.is_error or isinstance(cell.value, bool):
        return None
    if cell.kind == "n":
        return cell.value
    return None


def read_data(source: "str | os.PathLike", *, opd: str | None = None) -> Source:
    """Read the input: a data sheet, a SIPD-style export or a Renja workbook with a T-C.33.

    ``opd`` (a SIPD export) keeps the lines of one OPD, chosen by its code or part of its name.
    Raises :class:`FillError` for input that is unreadable or of no known shape."""
    from xl_renja.engine import find_tables, read

    path = os.fspath(source)
    name = os.path.basename(path)
    if not os.path.exists(path):
        raise FillError(f"Berkas tidak ditemukan: {path}", f"File not found: {path}")
    try:
        wb = read(path)
    except WorkbookError as exc:
        raise FillError(exc.message, exc.message_en) from None
    tables = [t for t in find_tables(wb) if t.id == "T-C.33"]
    if tables:
        return _from_table(path, tables[0])
    for sheet in wb.sheets:
        found = _find_header(sheet)
        if found is None:
            continue
        kind, header_row, cols = found
        if kind == "data":
            return _from_data_sheet(path, sheet, header_row, cols)
        return _from_sipd(path, sheet, header_row, cols, opd)
    raise FillError(
        f"{name}: tidak ada lembar data Renja (baris judul dengan kolom Kode, Indikator, Pagu), ekspor "
        "SIPD (kolom SUB KEGIATAN berisi kode dan nama) atau tabel T-C.33 yang dikenali.",
        f"{name}: no Renja data sheet, SIPD export or T-C.33 table recognised.")


def _find_header(sheet):
    for r in sorted(sheet.rows)[:30]:
        cells = sheet.rows[r]
        data = _match_headers(cells, _DATA_HEADERS)
        if "kode" in data and "indikator" in data and ("pagu" in data or "pagu_n1" in data):
            return "data", r, data
        sipd = _match_headers(cells, _SIPD_HEADERS)
        if "sub" in sipd and "kode" not in data:
            return "sipd", r, sipd
    return None


def _from_table(path: str, table) -> Source:
    records = []
    label_rows = set()
    for row in sorted(table.rows, key=lambda r: r.row):
        cells = {k: c for k, c in ((k, row.raw.get(col)) for k, col in table.columns.items())
                 if c is not None and not c.is_blank}
        kind = row.kind
        if kind == "item" and row.kode is None:
            kind = "label"
        if kind == "label":
            label_rows.add(row.row)
        kode, problems = (None, ())
        kode_text = _kode_cell_text(cells.get("kode"))
        if kode_text is not None:
            kode, problems = check_kode(kode_text)
            kind = "item"
        records.append(Record(table.sheet_name, row.row, kind, cells, dict(table.columns), kode,
                              tuple(problems)))
    tahun = None
    texts = " ".join(str(c.value) for r in table.header_rows for c in table.sheet.rows.get(r, {}).values()
                     if c.kind == "s")
    m = re.search(r"tahun\s+(\d{4})", texts, re.I)
    if m:
        tahun = int(m.group(1))
    return Source(path, "table", records, table.variant, tahun)


def _from_data_sheet(path: str, sheet, header_row: int, cols: dict[str, int]) -> Source:
    records = []
    for r in sorted(sheet.rows):
        if r <= header_row:
            continue
        raw = sheet.rows[r]
        cells = {k: raw[c] for k, c in cols.items() if c in raw and not raw[c].is_blank}
        if not cells:
            continue
        kode_text = _kode_cell_text(cells.get("kode"))
        if kode_text is not None:
            kode, problems = check_kode(kode_text)
            records.append(Record(sheet.name, r, "item", cells, dict(cols), kode, tuple(problems)))
        elif any(k in cells for k in ("indikator", "target", "pagu", "pagu_n1", "uraian")):
            records.append(Record(sheet.name, r, "continuation", cells, dict(cols)))
        else:
            records.append(Record(sheet.name, r, "label", cells, dict(cols)))
    return Source(path, "data", records)


def _from_sipd(path: str, sheet, header_row: int, cols: dict[str, int], opd: str | None) -> Source:
    src = Source(path, "sipd", [])
    for r in sorted(sheet.rows):
        if r <= header_row:
            continue
        raw = sheet.rows[r]
        sub = raw.get(cols["sub"])
        m = _KODE_NAME.match(sub.value) if sub is not None and sub.kind == "s" else None
        if m is None:
            continue
        for key in ("program", "kegiatan"):
            c = raw.get(cols.get(key, -1))
            mm = _KODE_NAME.match(c.value) if c is not None and c.kind == "s" else None
            if mm:
                k, _p = check_kode(mm.group(1))
                if k is not None:
                    src.names.setdefault(k.canonical(4), " ".join(mm.group(2).split()))
        opd_key = None
        oc = raw.get(cols.get("opd", -1))
        if oc is not None and not oc.is_blank:
            opd_key = " ".join(str(oc.value).split())
            om = re.match(r"^\s*([\d.]+)\s+(.+)$", opd_key)
            src.opd_names.setdefault(opd_key, om.group(2) if om else opd_key)
        cells: dict[str, Cell] = {"kode": Cell(m.group(1), "s"), "uraian": Cell(" ".join(m.group(2).split()), "s")}
        for key in ("indikator", "satuan", "lokasi", "target", "sumber_dana", "target_n1"):
            c = raw.get(cols.get(key, -1))
            if c is not None and not c.is_blank:
                cells[key] = c
        for key in PAGU_KEYS:
            c = raw.get(cols.get(key, -1))
            if c is not None and not c.is_blank:
                cells[key] = c
            elif key in cols:
                cells[key] = Cell(0, "n")  # an empty amount is zero
        rec_cols = {k: cols[k] for k in cols if k in LINE_KEYS or k in PAGU_KEYS}
        rec_cols["kode"] = rec_cols["uraian"] = cols["sub"]
        kode, problems = check_kode(m.group(1))
        src.records.append(Record(sheet.name, r, "item", cells, rec_cols, kode, tuple(problems), opd_key))
    if opd is not None:
        keys = _pick_opd(src, opd)
        src.records = [r for r in src.records if r.opd in keys]
    return src


def _pick_opd(src: Source, wanted: str) -> set:
    w = wanted.strip().lower()
    hits = set()
    for key, name in src.opd_names.items():
        code = key.split()[0].lower() if key else ""
        if w == code or w == key.lower() or w in name.lower():
            hits.add(key)
    if not hits:
        known = "; ".join(sorted(src.opd_names.values())) or "(tidak ada kolom OPD)"
        raise FillError(f"--opd \"{wanted}\" tidak cocok dengan OPD mana pun dalam {os.path.basename(src.path)}: {known}.",
                        f"--opd \"{wanted}\" matches no OPD of {os.path.basename(src.path)}.")
    if len(hits) > 1:
        raise FillError(f"--opd \"{wanted}\" cocok dengan lebih dari satu OPD: "
                        f"{'; '.join(sorted(src.opd_names[k] for k in hits))}; tulis kodenya.",
                        f"--opd \"{wanted}\" matches several OPDs; give its code.")
    return hits


# ---------------------------------------------------------------------------------- validation


def data_frame(records: Iterable[Record]):
    """The records as a pandas DataFrame for :func:`data_schema`: index = sheet row, columns
    ``kind``, ``kode``, ``level`` and every logical key (numbers as numbers, text as text)."""
    import pandas as pd

    keys = ["kode", "uraian"] + list(LINE_KEYS) + list(PAGU_KEYS)
    data: dict[str, list] = {"kind": [], "level": [], **{k: [] for k in keys}}
    index = []
    for rec in records:
        index.append(rec.row)
        data["kind"].append(rec.kind)
        data["level"].append(int(rec.kode.level) if rec.kode is not None else None)
        for k in keys:
            c = rec.cells.get(k)
            if c is None:
                v = None
            elif k == "kode":
                v = _kode_cell_text(c)
            elif c.is_error:
                v = str(c.value)
            else:
                v = c.value
            data[k].append(v)
    frame = pd.DataFrame(data, index=pd.Index(index, name="row"))
    frame["level"] = frame["level"].astype("Int64")
    return frame


def _kode_ok(v) -> bool:
    if v is None or (isinstance(v, float) and v != v):
        return True
    _k, problems = check_kode(v)
    return not problems


def _is_amount(v) -> bool:
    """Blank or a number (an amount typed as text, ``1.260.789.058``, is refused like VL01)."""
    if v is None or (isinstance(v, float) and v != v):
        return True
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _no_error_value(v) -> bool:
    return not (isinstance(v, str) and v.strip() in ERROR_VALUES)


def data_schema(required: Mapping[int, Iterable[str]] | None = None):
    """The pandera ``DataFrameSchema`` of the data sheet (frames of :func:`data_frame`).

    Checks are named by the lint rule they share: ``KR01`` (kode format), ``VL01`` (pagu that is
    not a number: an amount stored as text), ``FX01:<key>`` (an error value such as ``#REF!``),
    ``RQ01:<key>`` (a required cell empty at a kode level, :data:`DATA_REQUIRED` by default).
    Validate with ``lazy=True`` to collect every failure."""
    import pandas as pd
    import pandera.pandas as pa

    required = DATA_REQUIRED if required is None else required
    fx = pa.Check(_no_error_value, element_wise=True, name="FX01")
    columns = {
        "kind": pa.Column(str, pa.Check.isin(["item", "continuation", "label"])),
        "level": pa.Column("Int64", pa.Check.isin([1, 2, 3, 4, 5]), nullable=True),
        "kode": pa.Column(None, [pa.Check(_kode_ok, element_wise=True, name="KR01")], nullable=True),
    }
    for key in ("uraian",) + LINE_KEYS:
        columns[key] = pa.Column(None, [fx], nullable=True, required=False)
    for key in PAGU_KEYS:
        columns[key] = pa.Column(None, [pa.Check(_is_amount, element_wise=True, name="VL01")],
                                 nullable=True, required=False)
    checks = []
    for key in sorted({k for keys in required.values() for k in keys}):
        levels = sorted(lvl for lvl, keys in required.items() if key in keys)

        def present(df, key=key, levels=levels):
            if key not in df.columns:
                return pd.Series(True, index=df.index)
            return ~((df["kind"] == "item") & df["level"].isin(levels).fillna(False) & df[key].isna())

        checks.append(pa.Check(present, name=f"RQ01:{key}"))
    return pa.DataFrameSchema(columns, checks=checks, name="data_renja", strict=False)


def validate(src: Source, required: Mapping[int, Iterable[str]] | None = None) -> list[Problem]:
    """Every bad cell of the input, with lint's codes and messages (KR01, VL01, FX01, RQ01)."""
    import pandera.errors as pe

    from xl_renja.rules.fx01_nilai_galat import MESSAGES as FX01
    from xl_renja.rules.kr01_format_kode import MESSAGES as KR01
    from xl_renja.rules.rq01_sel_wajib import LABELS, MESSAGES as RQ01
    from xl_renja.rules.vl01_angka_teks import MESSAGES as VL01
    from xl_renja.rules.base import LEVEL_NAMES

    if src.kind == "sipd":
        required = {}
    by_row = {r.row: r for r in src.records}
    frame = data_frame(src.records)
    try:
        data_schema(required).validate(frame, lazy=True)
        return []
    except pe.SchemaErrors as exc:
        cases = exc.failure_cases
    digits = _sub_digits(src.records)
    out: dict[tuple, Problem] = {}
    for case in cases.itertuples(index=False):
        check = str(case.check)
        if case.index is None or (isinstance(case.index, float) and case.index != case.index):
            continue
        rec = by_row.get(int(case.index))
        if rec is None:
            continue
        code, _, key = check.partition(":")
        key = key or case.column
        if code == "KR01":
            text = _kode_cell_text(rec.cells.get("kode"))
            if text in ERROR_VALUES:
                msg = FX01["value"][0].format(value=text)
                code = "FX01"
            else:
                problems = [p for p in rec.kode_problems if p != "legacy"] or ["not_kode"]
                why = "; ".join(PROBLEM_MESSAGES.get(p, p).lower() for p in problems)
                expected = rec.kode.canonical(digits) if rec.kode is not None and set(problems) <= {"sub_width", "separator", "stray_character"} else None
                msg = KR01["malformed_hint" if expected else "malformed"][0].format(
                    kode=text, why=why, expected=expected)
        elif code == "VL01":
            c = rec.cells.get(key)
            value = c.value if c is not None else case.failure_case
            if isinstance(value, str) and value.strip() in ERROR_VALUES:
                code, msg = "FX01", FX01["value"][0].format(value=value.strip())
                if rec.kode is not None:
                    msg += FX01["of_kode"][0].format(kode=rec.kode.text)
            else:
                msg = VL01["as_text"][0].format(text=value)
        elif code == "FX01":
            msg = FX01["value"][0].format(value=str(case.failure_case).strip())
            if rec.kode is not None:
                msg += FX01["of_kode"][0].format(kode=rec.kode.text)
        elif code == "RQ01":
            label = LABELS[key][0].capitalize()
            msg = RQ01["empty"][0].format(label=label, level=LEVEL_NAMES.get(int(rec.kode.level), "baris"),
                                          kode=rec.kode.text)
        else:
            continue
        p = Problem(code, rec.sheet, rec.ref(key), msg)
        out[(p.row, p.cell, p.code)] = p
    return sorted(out.values(), key=_problem_order)


def _problem_order(p: Problem):
    m = re.match(r"([A-Z]+)(\d+)", p.cell)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return (p.sheet, int(m.group(2)), col, p.code)


def _sub_digits(records) -> int:
    from collections import Counter

    widths = Counter(r.kode.sub_digits for r in records
                     if r.kode is not None and not r.kode_problems and r.kode.sub_digits in (2, 4))
    return widths.most_common(1)[0][0] if widths else 2


# ---------------------------------------------------------------------------------- the tree


def _key(kode: Kode) -> str:
    return kode.canonical(4)


def _sort_key(kode: Kode) -> tuple:
    return tuple(int(s) if s.isdigit() else -1 for s in kode.segments)


@dataclass(eq=False)
class Node:
    """One kode of the output: its name, its indikator lines and, for a leaf, its pagu.

    ``number(key)`` answers like :meth:`xl_renja.Row.number`, so :func:`xl_renja.compute.children_sum`
    computes a parent's sums over ``children``."""

    kode: Kode
    name: str | None = None
    lines: list[dict[str, Cell]] = field(default_factory=list)
    typed: dict[str, float] = field(default_factory=dict)     # pagu typed in the input
    labels: list[Record] = field(default_factory=list)          # label rows written just above
    children: list["Node"] = field(default_factory=list)
    record: Record | None = None                                # the input row (None: generated)
    sums: dict[str, float | None] = field(default_factory=dict)  # computed pagu (leaf = typed)

    def number(self, key: str):
        return self.sums.get(key)

    @property
    def level(self) -> int:
        return int(self.kode.level)


@dataclass
class Tree:
    roots: list[Node]
    trailing_labels: list[Record]
    generated: list[Node]
    ignored_pagu: list[tuple[Node, str, float]]   # parent pagu typed in the input and not used

    def walk(self) -> Iterable[Node]:
        stack = list(reversed(self.roots))
        while stack:
            n = stack.pop()
            yield n
            stack.extend(reversed(n.children))


def build_tree(records: list[Record], *, kind: str, variant: str, nomenklatur=None,
               names: Mapping[str, str] | None = None) -> tuple[Tree, list[Problem]]:
    """Arrange validated records into the kode tree; parents missing from the input are generated
    (up to the program; for the ``resmi`` layout up to the urusan) with their official names.

    Returns the tree and the problems found on the way: KR03 (the same kode twice, except the
    repeated rows of one item in a data sheet or budget lines of a SIPD export) and RQ01 (a kode
    whose name is in neither the input nor the nomenclature)."""
    from xl_renja.nomenklatur import load_nomenklatur
    from xl_renja.rules.kr03_kode_ganda import MESSAGES as KR03

    nom = nomenklatur if nomenklatur is not None else load_nomenklatur()
    names = dict(names or {})
    nodes: dict[str, Node] = {}
    problems: list[Problem] = []
    pending: list[Record] = []
    current: Node | None = None
    for rec in records:
        if rec.kind == "label":
            pending.append(rec)
            continue
        if rec.kind == "continuation":
            if current is None:
                problems.append(Problem("KR01", rec.sheet, rec.ref("kode"), _kode_empty_message()))
                continue
            current.lines.append(_line(rec))
            _add_pagu(current, rec)
            continue
        key = _key(rec.kode)
        node = nodes.get(key)
        if node is not None:
            repeat = kind == "sipd" or (kind == "data" and node is current)
            if not repeat:
                first = node.record
                problems.append(Problem("KR03", rec.sheet, rec.ref("kode"), KR03["duplicate"][0].format(
                    kode=rec.kode.text, first_row=first.row if first else "?", first_name=node.name or "")))
                continue
            line = _line(rec)
            if line and line not in node.lines:
                node.lines.append(line)
            _add_pagu(node, rec)
            current = node
            continue
        node = Node(rec.kode, rec.text("uraian"), [], {}, pending, record=rec)
        pending = []
        line = _line(rec)
        if line:
            node.lines.append(line)
        _add_pagu(node, rec)
        nodes[key] = node
        current = node
    # generated ancestors and names
    top = 1 if variant == "resmi" else 3
    generated = []
    for node in list(nodes.values()):
        k = node.kode.parent
        while k is not None and int(k.level) >= top:
            if _key(k) not in nodes:
                g = Node(k)
                nodes[_key(k)] = g
                generated.append(g)
            k = k.parent
    for key, node in list(nodes.items()):
        if node.name:
            continue
        node.name = names.get(_key(node.kode))
        if node.name is None:
            hit = nom.lookup(node.kode)
            node.name = hit[1] if hit else None
        if node.name is None and node.record is None and node.level <= 2:
            del nodes[key]  # an urusan/bidang row is only written when its name is known
            generated.remove(node)
            continue
        if node.name is None:
            rec = node.record or _first_descendant_record(node, nodes)
            level = _level_word(node.kode)
            problems.append(Problem("RQ01", rec.sheet, rec.ref("uraian"),
                                    f"Nama {level} {node.kode.text} tidak ada dalam data maupun nomenklatur; "
                                    f"tulis namanya di kolom nama atau berikan --nomenklatur EKSPOR_SIPD.xlsx"))
    roots = []
    for key, node in nodes.items():
        parent = None
        k = node.kode.parent
        while k is not None:
            parent = nodes.get(_key(k))
            if parent is not None:
                break
            k = k.parent
        (parent.children if parent is not None else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: _sort_key(n.kode))
    roots.sort(key=lambda n: _sort_key(n.kode))
    tree = Tree(roots, pending, generated, [])
    _compute(tree)
    return tree, problems


def _kode_empty_message() -> str:
    from xl_renja.rules.kr01_format_kode import MESSAGES as KR01

    return KR01["malformed"][0].format(kode="", why=PROBLEM_MESSAGES["empty"].lower())


def _level_word(kode: Kode) -> str:
    from xl_renja.rules.base import LEVEL_NAMES

    return LEVEL_NAMES.get(int(kode.level), "kode")


def _first_descendant_record(node: Node, nodes: Mapping[str, Node]) -> Record:
    for other in nodes.values():
        if other.record is not None and node.kode.is_ancestor_of(other.kode):
            return other.record
    raise AssertionError(node.kode)


def _line(rec: Record) -> dict[str, Cell]:
    return {k: rec.cells[k] for k in LINE_KEYS if k in rec.cells}


def _add_pagu(node: Node, rec: Record) -> None:
    for key in PAGU_KEYS:
        n = _number(rec.cells.get(key))
        if n is not None:
            node.typed[key] = node.typed.get(key, 0) + n


def _compute(tree: Tree) -> None:
    """Leaves keep their typed pagu; every parent gets the sum of its children (compute)."""
    from xl_renja import compute

    def visit(node: Node) -> None:
        for c in node.children:
            visit(c)
        for key in PAGU_KEYS:
            if node.children:
                total, _n = compute.children_sum(node, key)
                node.sums[key] = total
                typed = node.typed.get(key)
                if typed is not None and (total is None or abs(typed - total) > 0.5):
                    tree.ignored_pagu.append((node, key, typed))
            else:
                node.sums[key] = node.typed.get(key)

    for root in tree.roots:
        visit(root)


# ---------------------------------------------------------------------------------- the rows


def _value(cell: Cell):
    """A cell's value for the template writer: text stays text; numbers keep their format."""
    from xl_renja.layouts.template import Fmt

    if cell.is_error:
        return str(cell.value)
    v = cell.value
    if isinstance(v, bool):
        return "Ya" if v else "Tidak"
    if isinstance(v, (int, float)):
        fmt = cell.number_format or "General"
        return Fmt(v, fmt) if fmt != "General" else v
    return str(v) if not isinstance(v, str) else v


def _id_number(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int):
        return f"{v:,}".replace(",", ".")
    return f"{v:,.2f}".rstrip("0").rstrip(".").replace(",", "#").replace(".", ",").replace("#", ".")


def _target_with_satuan(cell: Cell | None, satuan: Cell | None):
    """For the ``resmi`` layout (no satuan column): ``5`` and ``Dokumen`` -> ``5 Dokumen``."""
    if cell is None:
        return None
    if satuan is None or satuan.is_blank or cell.kind != "n" or "%" in (cell.number_format or ""):
        return _value(cell)
    s = str(satuan.value).strip()
    n = _id_number(cell.value)
    return f"{n}%" if s == "%" else f"{n} {s}"


def table_rows(tree: Tree, variant: str, first_row: int, pagu_cols: Mapping[str, int]) -> list[dict]:
    """The data rows of the output (dicts of logical keys for ``write_rows``), sheet rows from
    ``first_row``: label rows, each kode with its first indikator, its further indikator, its
    children, and the TOTAL. Parent pagu are :class:`Formula` ``SUM`` over their children's rows."""
    from xl_renja import compute
    from xl_renja.layouts.template import Fmt, Formula

    from xl_renja.layouts.tc33 import RP

    keys = set(_template(variant).offsets())
    rows: list[dict] = []
    at: dict[int, int] = {}  # id(node) -> sheet row

    def line_values(line: Mapping[str, Cell]) -> dict:
        out = {}
        for k, c in line.items():
            if k not in keys:
                continue
            if k in ("target", "target_n1") and "satuan" not in keys:
                out[k] = _target_with_satuan(c, line.get("satuan"))
            else:
                out[k] = _value(c)
        return out

    def label(rec: Record) -> None:
        vals = line_values({k: c for k, c in rec.cells.items() if k in LINE_KEYS or k == "uraian"})
        if "uraian" in rec.cells and "uraian" in keys:
            vals["uraian"] = _value(rec.cells["uraian"])
        if vals:
            rows.append(vals)

    order: list[Node] = []

    def emit(node: Node) -> None:
        for rec in node.labels:
            label(rec)
        at[id(node)] = first_row + len(rows)
        order.append(node)
        first = node.lines[0] if node.lines else {}
        vals = line_values(first)
        vals["kode"] = node.record.text("kode") if node.record is not None else node.kode.text
        vals["uraian"] = node.name
        rows.append(vals)
        for line in node.lines[1:]:
            rows.append(line_values(line))
        for child in node.children:
            emit(child)

    for root in tree.roots:
        emit(root)
    for rec in tree.trailing_labels:
        label(rec)
    total_row = first_row + len(rows)
    rows.append({"uraian": TOTAL_TEXT})
    # pagu: leaves as numbers, parents and the TOTAL as SUM formulas with cached values
    for node in order:
        vals = rows[at[id(node)] - first_row]
        for key in PAGU_KEYS:
            if node.children:
                f = compute.sum_formula([at[id(c)] for c in node.children], pagu_cols[key])
                vals[key] = Fmt(Formula("=" + f, node.sums[key] or 0), RP)
            elif node.sums.get(key) is not None:
                vals[key] = Fmt(node.sums[key], RP)
    programs = [n for n in order if n.level == 3] or tree.roots
    total = rows[total_row - first_row]
    for key in PAGU_KEYS:
        s = sum(n.sums.get(key) or 0 for n in programs)
        f = compute.sum_formula([at[id(n)] for n in programs], pagu_cols[key])
        total[key] = Fmt(Formula("=" + f, s), RP)
    return rows


def _template(variant: str):
    from xl_renja.layouts.template import template

    return template("T-C.33", variant)


# ---------------------------------------------------------------------------------- writing


@dataclass
class FillResult:
    """What :func:`fill_table` wrote."""

    output: Path
    variant: str
    sheets: list[str]
    rows: int                      # data rows written (all sheets, TOTAL rows included)
    generated: list[str]           # kode generated from the tree (no input row)
    without_indikator: list[str]   # program/kegiatan written without an indikator
    ignored_pagu: list[str]        # "kode (n)" whose typed pagu differs from its children's sum


def _sheet_names(src: Source, opds: list[str | None]) -> list[str]:
    if len(opds) == 1:
        return ["Tabel 3.1"]
    out, used = [], set()
    for key in opds:
        base = src.opd_names.get(key, key or "Tabel 3.1")
        base = re.sub(r"[\[\]:*?/\\']", " ", base).strip()[:31] or "OPD"
        name, i = base, 2
        while name.lower() in used:
            suffix = f" ({i})"
            name, i = base[: 31 - len(suffix)] + suffix, i + 1
        used.add(name.lower())
        out.append(name)
    return out


def _titles(variant: str, tahun, opd_name: str | None) -> list[str] | bool:
    from xl_renja.layouts.template import fill as fill_text

    t = _template(variant)
    titles = [fill_text(x, tahun) for x in t.titles]
    if opd_name:
        titles[-1] = opd_name.upper() if variant == "setda" else f"Nama Perangkat Daerah: {opd_name}"
    return titles


def _check_output(src_path: str, output: Path, force: bool) -> None:
    if output.suffix.lower() != ".xlsx":
        raise FillError(f"Keluaran {output.name} harus berekstensi .xlsx.",
                        f"The output {output.name} must end in .xlsx.")
    try:
        same = output.exists() and os.path.samefile(src_path, output)
    except OSError:
        same = False
    if same or os.path.abspath(src_path) == os.path.abspath(output):
        raise FillError(f"Keluaran tidak boleh menimpa berkas masukan {os.path.basename(src_path)}; "
                        "pilih nama lain dengan -o.", "The output must not overwrite the input.")
    if output.is_dir():
        raise FillError(f"{output} adalah folder, bukan berkas.", f"{output} is a folder.")
    if output.exists() and not force:
        raise FillError(f"{output} sudah ada; pakai --force untuk menimpanya atau pilih nama lain dengan -o.",
                        f"{output} already exists; use --force or choose another name with -o.")
    if not output.parent.is_dir():
        raise FillError(f"Folder {output.parent} tidak ada.", f"Folder {output.parent} does not exist.")


def fill_table(source: "str | os.PathLike", output: "str | os.PathLike", *, layout: str | None = None,
               tahun: int | None = None, opd: str | None = None, nomenklatur: "str | None" = None,
               force: bool = False, paper: str = "A4") -> FillResult:
    """Fill the official T-C.33 from ``source`` into the new workbook ``output``.

    ``layout``: ``tc33`` (the official 10 columns) or ``setda`` (16 columns); default: the
    variant of a T-C.33 input, else ``tc33``. ``tahun``: the plan year n (default: read from a
    T-C.33 input's header). ``opd``: one OPD of a SIPD export (code or part of the name; without
    it each OPD gets its own sheet), or the OPD name in the title. ``nomenklatur``: a SIPD
    nomenclature export for the names of generated or unnamed kode. ``paper``: ``A4`` or ``F4``.

    Raises :class:`FillError` (usage, unreadable input, existing output without ``force``) or
    :class:`FillRefused` (bad rows, every bad cell listed); nothing is written then."""
    from xl_renja.nomenklatur import NomenklaturError, load_nomenklatur

    output = Path(output)
    if layout is not None and layout not in LAYOUTS:
        raise FillError(f"tata letak tidak dikenal: {layout} (pilih tc33 atau setda)",
                        f"unknown layout {layout} (tc33 or setda)")
    if paper.upper() not in ("A4", "F4"):
        raise FillError(f"kertas tidak dikenal: {paper} (pilih A4 atau F4)", f"unknown paper {paper}")
    if os.path.exists(os.fspath(source)):
        _check_output(os.fspath(source), output, force)
    try:
        nom = load_nomenklatur(nomenklatur)
    except NomenklaturError as exc:
        raise FillError(str(exc)) from None
    src = read_data(source, opd=opd)
    _check_output(src.path, output, force)
    variant = LAYOUTS[layout] if layout else (src.variant or "resmi")
    tahun = tahun if tahun is not None else src.tahun
    if not any(r.kind == "item" for r in src.records):
        raise FillError(f"{os.path.basename(src.path)}: tidak ada baris berkode untuk diisi.",
                        f"{os.path.basename(src.path)}: no coded rows to fill.")
    problems = validate(src)
    opds = src.opds()
    trees = []
    for key in opds:
        recs = [r for r in src.records if r.opd == key]
        tree, more = build_tree(recs, kind=src.kind, variant=variant, nomenklatur=nom, names=src.names)
        problems.extend(more)
        trees.append(tree)
    if problems:
        uniq = {(p.sheet, p.cell, p.code): p for p in problems}
        raise FillRefused(sorted(uniq.values(), key=_problem_order))
    sheets = _sheet_names(src, opds)
    opd_titles = [src.opd_names.get(k) if k is not None else opd for k in opds]
    total_rows = 0

    def write(path: Path) -> None:
        nonlocal total_rows
        from xl_renja.layouts.template import write_rows, write_table

        with _new_workbook(path) as book:
            book.set_properties({"creator": "xl_renja fill", "title": "Tabel T-C.33"})
            for name, tree, opd_name in zip(sheets, trees, opd_titles):
                ws = book.add_worksheet(name)
                tmap = write_table(ws, "T-C.33", variant, tahun=tahun, title=_titles(variant, tahun, opd_name),
                                   freeze=True, page_setup=True)
                ws.set_paper(9 if paper.upper() == "A4" else 14)
                for r in tmap.header_rows:  # room for the wrapped header texts
                    ws.set_row(r - 1, 42 if r == tmap.header_rows[-1] else 30)
                ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
                rows = table_rows(tree, variant, tmap.first_data_row,
                                  {k: tmap.col(k) for k in PAGU_KEYS})
                write_rows(ws, tmap, rows, unknown_keys="drop")
                total_rows += len(rows)

    write(output)
    gen = [n.kode.text for t in trees for n in t.generated]
    bare = [n.kode.text for t in trees for n in t.walk() if n.level in (3, 4) and not n.lines]
    ignored = [f"{n.kode.text} ({'n' if k == 'pagu' else 'n+1'})" for t in trees for n, k, _v in t.ignored_pagu]
    return FillResult(output, variant, sheets, total_rows, gen, bare, ignored)


def _new_workbook(path: Path):
    """A new XlsxWriter workbook written atomically when the block ends (``xl_renja.writer``):
    text stays text (no formulas, URLs or numbers made of strings)."""
    from xl_renja.writer import new_workbook

    return new_workbook(path)


# ---------------------------------------------------------------------------------- the data form


def write_data_form(path: "str | os.PathLike") -> Path:
    """The empty data sheet ``data_renja.xlsx``: header row, validation lists (satuan, sumber
    dana) and a short instructions sheet. Written atomically."""
    from xl_renja.satuan import SATUAN

    path = Path(path)
    satuan = sorted(SATUAN, key=str.lower)
    sumber = ["Dana Perimbangan", "DAU", "DAK Fisik", "DAK Non Fisik", "DBH", "PAD",
              "Dana Insentif Daerah", "Bantuan Keuangan Provinsi", "BLUD", "Lain-lain Pendapatan yang Sah"]

    def write(tmp: Path) -> None:
        with _new_workbook(tmp) as book:
            book.set_properties({"creator": "xl_renja", "title": "Data Renja (masukan xl_renja fill)",
                                 "created": datetime.datetime(2026, 1, 1)})
            head = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True,
                                    "valign": "vcenter", "align": "center"})
            text = book.add_format({"num_format": "@"})
            money = book.add_format({"num_format": "#,##0"})
            ws = book.add_worksheet("Data")
            lists = book.add_worksheet("Daftar")
            info = book.add_worksheet("Petunjuk")
            for c, (key, label, width) in enumerate(DATA_COLUMNS):
                ws.write_string(0, c, label, head)
                fmt = text if key == "kode" else money if key in PAGU_KEYS else None
                ws.set_column(c, c, width, fmt)
            ws.set_row(0, 32)
            ws.freeze_panes(1, 2)
            ws.autofilter(0, 0, 0, len(DATA_COLUMNS) - 1)
            lists.write_string(0, 0, "Satuan", head)
            lists.write_string(0, 1, "Sumber Dana", head)
            for i, s in enumerate(satuan, start=1):
                lists.write_string(i, 0, s)
            lists.write_string(len(satuan) + 1, 0, "%")
            for i, s in enumerate(sumber, start=1):
                lists.write_string(i, 1, s)
            lists.set_column(0, 1, 26)
            book.define_name("DaftarSatuan", f"=Daftar!$A$2:$A${len(satuan) + 2}")
            book.define_name("DaftarSumberDana", f"=Daftar!$B$2:$B${len(sumber) + 1}")
            col = {k: i for i, (k, _l, _w) in enumerate(DATA_COLUMNS)}
            for key, name, title in (("satuan", "DaftarSatuan", "Satuan"),
                                     ("sumber_dana", "DaftarSumberDana", "Sumber dana")):
                ws.data_validation(1, col[key], 5000, col[key], {
                    "validate": "list", "source": f"={name}", "error_type": "warning",
                    "input_title": title, "input_message": "Pilih dari daftar (lembar Daftar).",
                    "error_title": title, "error_message": "Tidak ada dalam daftar; periksa ejaannya."})
            for key in PAGU_KEYS:
                ws.data_validation(1, col[key], 5000, col[key], {
                    "validate": "decimal", "criteria": ">=", "value": 0,
                    "error_title": "Pagu", "error_message": "Pagu harus angka rupiah (tanpa titik sebagai teks)."})
            info.set_column(0, 0, 110)
            bold = book.add_format({"bold": True, "font_size": 12})
            wrap = book.add_format({"text_wrap": True, "valign": "top"})
            lines = [
                ("Petunjuk pengisian data Renja (masukan: python -m xl_renja fill data_renja.xlsx -o TABEL31.xlsx)", bold),
                ("1. Satu baris per indikator. Kolom Kode diisi kode rekening Permendagri 90/2019: program "
                 "4.01.01, kegiatan 4.01.01.2.01, sub kegiatan 4.01.01.2.01.01 (atau 4 digit SIPD .0001).", wrap),
                ("2. Indikator berikutnya dari kode yang sama: baris di bawahnya dengan Kode kosong (atau kode "
                 "yang sama diulang tepat di bawahnya).", wrap),
                ("3. Nama boleh kosong: diambil dari nomenklatur (bawaan bidang 4.01 dan program penunjang, atau "
                 "--nomenklatur EKSPOR_SIPD.xlsx). Program dan kegiatan yang tidak ditulis dibuat dari kodenya.", wrap),
                ("4. Pagu diisi hanya pada sub kegiatan, sebagai angka (bukan teks). Pagu program, kegiatan dan "
                 "TOTAL dihitung sebagai rumus =SUM(...) di tabel hasil.", wrap),
                ("5. Sub kegiatan wajib: indikator, target, pagu, lokasi, sumber dana. Program/kegiatan yang "
                 "ditulis wajib: indikator, target. Baris yang salah ditolak dengan daftar selnya (kode KR01, "
                 "VL01, RQ01, FX01 seperti lint); tidak ada berkas yang ditulis.", wrap),
                ("6. Kolom Urusan, Tujuan, Sasaran, Indikator Tujuan/Sasaran hanya untuk tata letak Setda "
                 "(--layout setda); baris tanpa kode yang hanya berisi kolom ini ditulis di atas program berikutnya.", wrap),
                ("7. Satuan dan sumber dana dipilih dari daftar (lembar Daftar).", wrap),
            ]
            for i, (t, f) in enumerate(lines):
                info.write_string(i, 0, t, f)
            ws.activate()

    write(path)
    return path
