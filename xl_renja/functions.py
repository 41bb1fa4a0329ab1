"""The logic behind the worksheet functions (``udfs/``): what Excel passes in, an answer out.

Excel hands over floats for numbers, text, None for an empty cell, bools, error values (as the
text ``#REF!`` or as an xlwings error object) and, for a range, lists. None of these functions
raises: bad input gives a readable Indonesian message (text) instead of a Python traceback.
Each is one call into xl_renja (``kode``, ``values``, ``nomenklatur``, ``compute``) plus this
input handling. Pure standard library (runs under Pyodide).
"""

from __future__ import annotations

import functools
import math

from xl_renja.values import EXCEL_ERRORS

LEVELS = {1: "urusan", 2: "bidang", 3: "program", 4: "kegiatan", 5: "sub kegiatan"}
_LOWER_WORDS = {"-", "negatif", "rendah", "turun", "menurun", "lower", "negative", "min", "minimal"}
_HIGHER_WORDS = {"+", "positif", "tinggi", "naik", "meningkat", "higher", "positive", "max", "maksimal", ""}


class BadInput(Exception):
    """Input a function cannot use; its text is the answer shown in the cell."""


def never_raises(fn):
    """Turn :class:`BadInput` and any unexpected error into a one-line message in the cell."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BadInput as exc:
            return str(exc)
        except Exception as exc:  # noqa: BLE001 - a worksheet function never raises
            return f"Galat xl_renja: {type(exc).__name__}: {exc}"

    return wrapper


def _error_text(value) -> str | None:
    """``#REF!`` for an Excel error value however it came (text or an error object)."""
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        return value.strip().upper()
    name = type(value).__name__
    if "Error" in name and not isinstance(value, (str, int, float)):
        text = str(value).strip()
        return text if text.startswith("#") else "#VALUE!"
    return None


def single(value, what: str = "nilai"):
    """One cell's value: a 1x1 range is unwrapped; a larger range or an error value is refused."""
    while isinstance(value, (list, tuple)):
        flat = [v for v in _flatten(value)]
        if len(flat) != 1:
            raise BadInput(f"{what.capitalize()} harus satu sel, bukan rentang {len(flat)} sel.")
        value = flat[0]
    err = _error_text(value)
    if err:
        raise BadInput(f"{what.capitalize()} berisi nilai galat {err}.")
    if isinstance(value, float) and not math.isfinite(value):
        raise BadInput(f"{what.capitalize()} bukan angka yang sah.")
    return value


def _flatten(value):
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from _flatten(v)
    else:
        yield value


def column(value) -> list:
    """A range as one list of cells (a row, a column or a block read row by row)."""
    if value is None:
        return []
    return list(_flatten(value)) if isinstance(value, (list, tuple)) else [value]


def _kode(value):
    from xl_renja.kode import check_kode

    value = single(value, "kode")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise BadInput("Kode kosong.")
    if isinstance(value, bool):
        raise BadInput("Bukan kode rekening: nilai logika.")
    kode, problems = check_kode(value)
    return value, kode, problems


def kode_message(value) -> str | None:
    """None for a well-formed kode, else KR01's message for it."""
    from xl_renja.kode import PROBLEM_MESSAGES, surface_problems
    from xl_renja.rules import RULES_BY_CODE

    raw, kode, problems = _kode(value)
    if problems != ["legacy"]:
        problems = list(problems) + [p for p in surface_problems(raw) if p not in problems]  # as KR01 does
    if not problems:
        return None
    if problems == ["legacy"]:
        return f"Kode {raw} adalah kode format lama (Permendagri 13/2006); gunakan kode Permendagri 90/2019."
    why = "; ".join(PROBLEM_MESSAGES.get(p, p).lower() for p in problems)
    text = str(raw).strip() if not isinstance(raw, float) else f"{raw:g}"
    return RULES_BY_CODE["KR01"].msg("malformed", kode=text, why=why, why_en=why)[0]


def _valid_kode(value):
    message = kode_message(value)
    if message:
        raise BadInput(message)
    return _kode(value)[1]


@never_raises
def kode_valid(kode) -> "bool | str":
    """TRUE for a well-formed kode rekening, else KR01's message."""
    return kode_message(kode) or True


@never_raises
def kode_level(kode) -> str:
    """urusan, bidang, program, kegiatan or sub kegiatan."""
    return LEVELS[int(_valid_kode(kode).level)]


@never_raises
def kode_induk(kode) -> str:
    """The parent kode (``4.01.01.2.01.0001`` -> ``4.01.01.2.01``); empty text for an urusan."""
    parent = _valid_kode(kode).parent
    return parent.text if parent is not None else ""


@functools.lru_cache(maxsize=1)
def _builtin():
    from xl_renja.nomenklatur import builtin

    return builtin()


@functools.lru_cache(maxsize=4)
def _from_range(rows: tuple):
    from xl_renja.engine import from_grid
    from xl_renja.nomenklatur import SHEET, from_workbook

    return from_workbook(from_grid({SHEET: [list(r) for r in rows]}))


def _grid(value) -> tuple:
    if not isinstance(value, (list, tuple)):
        return ((value,),)
    if value and not isinstance(value[0], (list, tuple)):
        return (tuple(value),)
    return tuple(tuple(r) for r in value)


@never_raises
def nama(kode, nomenklatur=None) -> str:
    """The official name of a program, kegiatan or sub kegiatan: from ``nomenklatur`` (a range
    holding a pasted SIPD export, headers PROGRAM/KEGIATAN/SUBKEGIATAN included) when given,
    else from the bundled Permendagri 90/2019 reference."""
    k = _valid_kode(kode)
    if nomenklatur is not None and not (isinstance(nomenklatur, str) and not nomenklatur.strip()):
        nom = _from_range(_grid(nomenklatur))
        if nom is None:
            raise BadInput("Rentang nomenklatur bukan ekspor SIPD: kolom SUBKEGIATAN tidak ditemukan.")
    else:
        nom = _builtin()
    hit = nom.lookup(k)
    if hit is None:
        raise BadInput(f"Kode {k.text} tidak ada di nomenklatur ({nom.source}).")
    return hit[1]


def _number(value, what: str):
    from xl_renja.values import parse_number

    value = single(value, what)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise BadInput(f"{what.capitalize()} kosong.")
    if isinstance(value, bool):
        raise BadInput(f"{what.capitalize()} bukan angka: nilai logika.")
    num = parse_number(value)
    if num is None:
        raise BadInput(f"{what.capitalize()} bukan angka: {value}")
    return float(num)


@never_raises
def angka(teks) -> float:
    """Indonesian number text to a number: ``1.260.789.058`` -> 1260789058, ``66,67`` -> 66.67."""
    return _number(teks, "teks")


def _target(teks):
    from xl_renja.values import parse_target

    value = single(teks, "target")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise BadInput("Target kosong.")
    if isinstance(value, bool):
        raise BadInput("Target bukan teks target: nilai logika.")
    return parse_target(value)


@never_raises
def target_nilai(teks) -> float:
    """The quantity of a target: ``12 Bulan`` -> 12, ``100 %`` -> 100."""
    t = _target(teks)
    if t.quantity is None:
        raise BadInput(f"Target tanpa angka: {teks}")
    return float(t.quantity)


@never_raises
def target_satuan(teks) -> str:
    """The satuan of a target: ``12 Bulan`` -> ``Bulan``; empty text when there is none."""
    return _target(teks).satuan or ""


def _lower(polaritas) -> bool:
    from xl_renja.satuan import lower_is_better

    value = single(polaritas, "polaritas")
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, (int, float)):
        return value < 0
    text = str(value).strip().casefold()
    if text in _LOWER_WORDS:
        return True
    if text in _HIGHER_WORDS:
        return False
    return lower_is_better(str(value))  # the indikator's own wording ("Angka kemiskinan")


@never_raises
def capaian(realisasi, target, polaritas=None) -> float:
    """Capaian in percent, the formula of CP01 (``xl_renja.compute.capaian``): realisasi / target
    x 100, or (2 x target - realisasi) / target x 100 when lower is better (``polaritas`` "-",
    "negatif", TRUE, or an indikator such as "Angka kemiskinan")."""
    from xl_renja.compute import capaian as compute_capaian

    r = _number(realisasi, "realisasi")
    t = _number(target, "target")
    if t == 0:
        raise BadInput("Target nol: capaian tidak dapat dihitung.")
    return compute_capaian(t, r, _lower(polaritas))


@never_raises
def selisih_anak(kode_range, pagu_range, kode) -> float:
    """The stated pagu of ``kode`` minus the sum of its children's pagu (``compute``), from a
    column of kode and the parallel column of pagu. 0 when they agree."""
    from xl_renja.compute import kode_children_sum

    kodes, pagus = column(kode_range), column(pagu_range)
    if len(kodes) != len(pagus):
        raise BadInput(f"Rentang kode ({len(kodes)} sel) dan rentang pagu ({len(pagus)} sel) harus sama panjang.")
    k = _valid_kode(kode)
    pairs = []
    for a, b in zip(kodes, pagus):
        if _error_text(a):
            continue
        err = _error_text(b)
        if err and (_matches(a, k) or _matches(a, k, parent=True)):
            raise BadInput(f"Pagu {a} berisi nilai galat {err}.")
        pairs.append((a, b))
    stated, children, n = kode_children_sum(pairs, k.text)
    if not any(_matches(a, k) for a, _ in pairs):
        raise BadInput(f"Kode {k.text} tidak ditemukan di rentang kode.")
    if stated is None:
        raise BadInput(f"Pagu {k.text} bukan angka.")
    if n == 0:
        raise BadInput(f"Kode {k.text} tidak memiliki anak di rentang kode.")
    return stated - (children or 0)


def _matches(value, kode, parent: bool = False) -> bool:
    from xl_renja.kode import parse_kode

    k = parse_kode(value)
    if k is not None and parent:
        k = k.parent
    return k is not None and k.matches(kode)
