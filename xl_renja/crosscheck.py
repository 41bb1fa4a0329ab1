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


# ----------------------------------------------------------------------------- T-C.31 hierarchy

_LEVEL_PREFIX = ((re.compile(r"^\s*program\b", re.I), 3), (re.compile(r"^\s*sub\s+kegiatan\b", re.I), 5),
                 (re.compile(r"^\s*kegiatan\b", re.I), 4))


@dataclass
class ReviewTree:
    """The hierarchy of a T-C.31 table (which has no kode column): each named row's level (3
    program, 4 kegiatan, 5 sub kegiatan), the children of each parent in sheet order, and the
    parents whose sum cannot be judged (a row of unknown level with an amount is written under them)."""

    levels: dict
    children: dict
    uncertain: set
    kodes: dict  # row -> the kode its level came from (written or of its T-C.33 partner), when any


def review_levels(table: "Table", tables: list["Table"], nomenklatur=None) -> tuple[dict, dict]:
    """(row -> level, row -> kode) for the named rows of a T-C.31 table, the level taken from, in
    order: a kode written in the row (No cell or start of the name), its paired T-C.33 row
    (:func:`table_pairs`), the official names (the only level of the kodes so named), a
    ``PROGRAM``/``KEGIATAN``/``SUB KEGIATAN`` prefix of the name; a row still without a level
    written under a sub kegiatan is one too (a sub kegiatan has no children: a name broken over
    two rows, or an unofficial name)."""
    from xl_renja.nomenklatur import builtin

    nom = nomenklatur or builtin()
    paired = {}
    for t31, _t33, pairs, _l, _r in table_pairs(tables):
        if t31 is table:
            paired = {id(p.left): p.right.kode for p in pairs}
    levels, kodes = {}, {}
    last = None
    for row in table.items:
        kode = _written_kode(row) or paired.get(id(row))
        level = int(kode.level) if kode is not None else None
        if level is not None:
            kodes[row] = kode
        name = row.name or ""
        if level is None and name:
            found = {int(k.level) for k in (parse_kode(t) for t in nom.kodes_named(name))
                     if k is not None}
            level = found.pop() if len(found) == 1 else None
        if level is None:
            level = next((lv for pattern, lv in _LEVEL_PREFIX if pattern.match(name)), None)
        if level is None and last == 5:
            level = 5
        if level is not None:
            levels[row] = last = level
    _promote_misnamed_parents(table, levels, kodes)
    return levels, kodes


def _promote_misnamed_parents(table: "Table", levels: dict, kodes: dict, keys=("pagu", "pagu_hasil")) -> None:
    """A sub kegiatan row (level not from a kode written in it) whose amounts equal exactly the
    sum of the two or more sub kegiatan rows that follow it (up to the next kegiatan or program) is
    the kegiatan row written with the name of its first sub kegiatan: level 4."""
    items = [r for r in table.items if r in levels]
    keys = [k for k in keys if k in table.columns]
    for i, row in enumerate(items):
        if levels[row] != 5 or _written_kode(row) is not None:
            continue
        following = []
        for other in items[i + 1:]:
            if levels[other] != 5:
                break
            following.append(other)
        if len(following) < 2:
            continue
        checked = 0
        for key in keys:
            stated, nums = row.number(key), [r.number(key) for r in following]
            if stated is None and all(n is None for n in nums):
                continue
            if stated is None or any(n is None for n in nums) or abs(stated - sum(nums)) > 1e-6:
                break
            checked += 1
        else:
            if checked:
                levels[row] = 4
                kodes.pop(row, None)


def review_tree(table: "Table", tables: list["Table"], keys=("pagu", "pagu_hasil"), nomenklatur=None) -> ReviewTree:
    """The :class:`ReviewTree` of a T-C.31 table: a row's parent is the nearest row above of a
    higher level (T-C.31 lists rows in plan order). ``keys``: the money columns whose amounts on
    a row of unknown level make the sums above it uncertain."""
    levels, kodes = review_levels(table, tables, nomenklatur)
    children: dict = {}
    uncertain: set = set()
    stack: list = []
    for row in table.items:
        level = levels.get(row)
        if level is None:
            if any(row.number(k) is not None for k in keys if k in table.columns):
                uncertain.update(stack)
            continue
        while stack and levels[stack[-1]] >= level:
            stack.pop()
        if stack:
            children.setdefault(stack[-1], []).append(row)
        stack.append(row)
    return ReviewTree(levels, children, uncertain, kodes)
