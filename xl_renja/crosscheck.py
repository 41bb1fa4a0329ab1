"""Pairing rows across tables: the same program, kegiatan or sub kegiatan in T-C.31 and T-C.33.

T-C.31 (review of the rancangan awal) has no kode column: a kode is taken where one is written
(in the No cell, or at the start of the name), else rows are paired by their normalised name
(case, punctuation and spaces ignored, so ``Kerja Sama`` = ``Kerjasama``; a T-C.33 row answers
to its written name and to the official name of its kode), and when a name is
written twice the occurrences pair in sheet order. A name off by a typo (``Prubahan``) pairs
with one close enough (rapidfuzz ratio >= 92). Shared by TT04 and by ``totals`` (which lists
the rows that pair with nothing), and by the narrative matcher (:func:`normalise_name`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xl_renja.kode import parse_kode

if TYPE_CHECKING:
    from xl_renja.layouts.base import Row, Table

_PREFIX = re.compile(r"^\s*(program|sub\s+kegiatan|kegiatan)\b\s*", re.I)
_LEADING_KODE = re.compile(r"^\s*(\d+(?:\.\d+){2,})\s+")
FUZZY_MIN = 92


def normalise_name(text: str | None) -> str:
    """``Koordinasi dan Penyusunan DPA-SKPD`` -> ``koordinasidanpenyusunandpaskpd``."""
    text = _LEADING_KODE.sub("", text or "")
    text = _PREFIX.sub("", text)
    return re.sub(r"[\W_]+", "", text.casefold())


@dataclass
class Pair:
    left: "Row"
    right: "Row"
    how: str  # "kode", "nama" or "nama~" (close name)


def _written_kode(row: "Row"):
    for key in ("no", "uraian"):
        text = row.text(key)
        if not text:
            continue
        m = _LEADING_KODE.match(text + " ")
        kode = parse_kode(m.group(1)) if m else None
        if kode is not None and int(kode.level) >= 3:
            return kode
    return None


def money_rows_tc33(table: "Table") -> list["Row"]:
    """Program, kegiatan and sub kegiatan rows of a T-C.33 table."""
    return [r for r in table.items if r.kode is not None and 3 <= int(r.kode.level) <= 5]


def pair_rows(left_rows: list["Row"], right_rows: list["Row"], name_of=None) -> tuple[list[Pair], list, list]:
    """Pair ``left_rows`` (e.g. T-C.31) with ``right_rows`` (T-C.33 items): by kode, then by
    normalised name in sheet order, then by a close name. Returns (pairs, unpaired left, unpaired right)."""
    from rapidfuzz import fuzz

    from xl_renja.nomenklatur import builtin

    nom = builtin()
    name_of = name_of or (lambda r: r.name)
    used: set[int] = set()
    pairs: list[Pair] = []
    by_kode: dict[str, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    for i, r in enumerate(right_rows):
        if r.kode is not None:
            by_kode.setdefault(r.kode.canonical(), []).append(i)
        # the written name, and the official name of the kode (a row whose name was mistyped)
        official = nom.lookup(r.kode) if r.kode is not None else None
        for key in {normalise_name(r.name), normalise_name(official[1]) if official else ""} - {""}:
            by_name.setdefault(key, []).append(i)
    pending = []
    last = -1
    for row in left_rows:
        kode = _written_kode(row)
        hit = None
        if kode is not None:
            hit = _choose(by_kode.get(kode.canonical(), []), used, last)
            how = "kode"
        if hit is None:
            key = normalise_name(name_of(row))
            hit = _choose(sorted(set(by_name.get(key, []))), used, last) if key else None
            how = "nama"
        if hit is None:
            pending.append(row)
            continue
        used.add(hit)
        last = hit
        pairs.append(Pair(row, right_rows[hit], how))
    unpaired = []
    for row in pending:
        key = normalise_name(name_of(row))
        best, score = None, 0.0
        for i, r in enumerate(right_rows):
            if i in used or not key:
                continue
            s = fuzz.ratio(key, normalise_name(r.name))
            if s > score:
                best, score = i, s
        if best is not None and score >= FUZZY_MIN:
            used.add(best)
            pairs.append(Pair(row, right_rows[best], "nama~"))
        else:
            unpaired.append(row)
    pairs.sort(key=lambda p: p.left.row)
    return pairs, unpaired, [r for i, r in enumerate(right_rows) if i not in used]


def _choose(candidates: list[int], used: set[int], last: int) -> int | None:
    free = [i for i in candidates if i not in used]
    if not free:
        return None
    after = [i for i in free if i > last]
    return after[0] if after else free[0]


def table_pairs(tables: list["Table"]):
    """(T-C.31 table, T-C.33 table, pairs, unpaired T-C.31 rows, unpaired T-C.33 rows) for each
    T-C.31 table of a workbook with the (first) T-C.33 table."""
    tc33 = next((t for t in tables if t.id == "T-C.33" and "pagu" in t.columns), None)
    if tc33 is None:
        return
    right = money_rows_tc33(tc33)
    for t in tables:
        if t.id != "T-C.31" or "pagu_hasil" not in t.columns:
            continue
        left = [r for r in t.items if r.name]
        pairs, lonely_left, lonely_right = pair_rows(left, right)
        yield t, tc33, pairs, lonely_left, lonely_right


def unmatched_rows(tables: list["Table"]) -> list[dict]:
    """The rows of T-C.31 and T-C.33 that pair with nothing (for the totals report)."""
    out = []
    for t31, t33, _pairs, left, right in table_pairs(tables):
        for r in left:
            v = r.get("pagu_hasil")
            out.append({"check": "TT04", "sheet": t31.sheet_name, "cell": r.get("uraian").ref, "kode": None,
                        "nama": r.name, "amount": r.number("pagu_hasil"), "cells": [v.qualified, r.get("uraian").qualified],
                        "reason": "tidak ada di " + t33.sheet_name})
        for r in right:
            if int(r.kode.level) == 3:
                continue  # programs are checked by name when T-C.31 lists them, not required
            out.append({"check": "TT04", "sheet": t33.sheet_name, "cell": r.get("uraian").ref, "kode": r.kode.text,
                        "nama": r.name, "amount": r.number("pagu"), "cells": [r.get("pagu").qualified],
                        "reason": "tidak ada di " + t31.sheet_name})
    return out
