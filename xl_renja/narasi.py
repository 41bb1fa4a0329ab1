"""The narrative cross-check: BAB IV of a Renja (a .docx) against its Tabel 3.1 (T-C.33).

BAB IV states, item by item, "... dengan pagu indikatif/anggaran sebesar Rp. X". Each paragraph
that states an amount becomes a :class:`Statement`:

- a lettered item (``a. Sub Kegiatan ...``) names a sub kegiatan, a numbered one (``1.1. Kegiatan
  ...``) a kegiatan, and "... memiliki program X" a program; other prose (``Bagian Umum ...
  menganggarkan sebesar``, the OPD total) names no row: a unit total;
- a paragraph that only carries the amount (``Dengan pagu indikatif sebesar ...``) or a line
  broken by the PDF (starting in lower case, or after a line without closing punctuation)
  continues the item above;
- the amount must be written as Indonesian rupiah (``55.797.371.818``, with ``,-``/``,00``
  allowed after it); ``3.246.145.-`` (a missing group of digits) or ``1328.435.241`` do not parse.

Statements are matched to rows by name: the row's written name or the official name of its kode
(so a row with a mistyped name is still found by its kode), a kegiatan among the kegiatan, a sub
kegiatan first among the children of the kegiatan matched just above. Every matched amount that
differs from the row's pagu is a TT06 finding; statements that match no row and amounts that do
not parse are listed as "tidak dicocokkan". python-docx is imported only here, only when asked.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xl_renja.layouts.base import Row, Table


class NarasiError(Exception):
    """A narrative document that cannot be read: one Indonesian line."""


@dataclass(frozen=True)
class Statement:
    """One amount stated in the narrative."""

    paragraph: int          # 1-based paragraph number in the document
    text: str               # the paragraph (with its continuation lines)
    name: str | None        # the program/kegiatan/sub kegiatan named; None for a unit total
    level: int | None       # 3 program, 4 kegiatan, 5 sub kegiatan
    amount_text: str        # as written after "sebesar"
    amount: int | None      # None when it does not parse


@dataclass
class Narasi:
    path: str
    statements: list[Statement] = field(default_factory=list)


_AMOUNT = re.compile(r"sebesar\s+(?:Rp\s*[.,]*\s*)?([0-9][0-9.,]*(?:\s*-)?[;]?)", re.I)
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})*$")
_ITEM = re.compile(r"^\s*(?:[-\u2022]\s*)?(?:([a-z])\.|(\d+(?:\.\d+)+)\.?)\s+(.*)$", re.S)
_PROGRAM = re.compile(r"memiliki\s+program\s+(.+?)(?:,|\s+dengan\b)", re.I)
_NAME_END = re.compile(r",?\s+dengan\b|\s+indikator\b|,", re.I)
_HEADING = re.compile(r"^\s*(?:[A-Z]|\d+)\.\s+\S")
_BAB = re.compile(r"^\s*BAB\s+([IVX]+)\b")


def parse_amount(text: str) -> int | None:
    """``55.797.371.818,-`` -> 55797371818; ``3.246.145.-``, ``1328.435.241`` -> None."""
    t = text.strip().rstrip(";").strip()
    for suffix in (",-", ", -", ",00", ","):
        if t.endswith(suffix):
            t = t[: -len(suffix)].rstrip()
            break
    if not _GROUPED.match(t):
        return None
    return int(t.replace(".", ""))


def _item_name(body: str) -> str:
    body = re.sub(r"^\s*(sub\s+kegiatan|kegiatan)\s+", "", body.strip(), flags=re.I)
    cut = re.search(r",?\s+dengan\b|\s+indikator\b", body, re.I)
    if cut is None:
        cut = re.search(r",", body)
    name = body[: cut.start()] if cut else body
    return name.strip(" .,;:")


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";", ",-", "-"))


def parse_paragraphs(paragraphs: list[str], path: str = "<teks>") -> Narasi:
    """Statements of BAB IV (from the paragraph "BAB IV" to "BAB V"; the whole text when there is no BAB IV)."""
    start, end = 0, len(paragraphs)
    for i, p in enumerate(paragraphs):
        m = _BAB.match(p)
        if m and m.group(1) == "IV" and start == 0:
            start = i + 1
        elif m and m.group(1) == "V" and start:
            end = i
            break
    out = Narasi(path)
    pending = None  # (paragraph, text, name, level) of an item whose amount has not come yet
    for i in range(start, end):
        text = " ".join(paragraphs[i].split())
        if not text:
            continue
        item = _ITEM.match(text)
        amounts = list(_AMOUNT.finditer(text))
        if item is not None:
            letter, number, body = item.groups()
            level = 5 if letter else 4
            name = _item_name(body)
            if amounts:
                out.statements.append(Statement(i + 1, text, name, level, amounts[0].group(1).strip(),
                                                parse_amount(amounts[0].group(1))))
                pending = None
            else:
                pending = (i + 1, text, name, level)
            continue
        continues = pending is not None and not _HEADING.match(text) and (
            text[0].islower() or text.lower().startswith("dengan") or not _ends_sentence(pending[1]))
        if continues:
            joined = pending[1] + " " + text
            if amounts:
                out.statements.append(Statement(pending[0], joined, pending[2], pending[3],
                                                amounts[0].group(1).strip(), parse_amount(amounts[0].group(1))))
                pending = None
            else:
                pending = (pending[0], joined, pending[2], pending[3])
            continue
        pending = None
        for m in amounts:
            prog = _PROGRAM.search(text[: m.start()])
            name, level = (prog.group(1).strip(), 3) if prog else (None, None)
            out.statements.append(Statement(i + 1, text, name, level, m.group(1).strip(), parse_amount(m.group(1))))
    return out


def read_narasi(path: str) -> Narasi:
    """The statements of a .docx narrative (python-docx)."""
    name = os.path.basename(path)
    if not os.path.isfile(path):
        raise NarasiError(f"{name}: berkas narasi tidak ditemukan")
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise NarasiError("--narasi memerlukan paket python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(path)
    except Exception as exc:  # python-docx raises several types for a non-docx file
        raise NarasiError(f"{name}: bukan dokumen Word .docx yang dapat dibaca ({type(exc).__name__})") from None
    return parse_paragraphs([p.text for p in document.paragraphs], path)


# ----------------------------------------------------------------------------- matching

_ABBREV = (
    (r"\bdokumen pelaksanaan anggaran\b", "dpa"),
    (r"\brencana kerja (dan )?anggaran\b", "rka"),
    (r"\bopd\b", "skpd"),
    (r"\bkab\b", "kabupaten"),
    (r"\bkerja ?sama\b", "kerjasama"),
    (r"\btahun anggaran \d{4}\b", ""),
    (r"\btahun \d{4}\b", ""),
)
MATCH_MIN = 75


def _words(text: str | None) -> str:
    t = re.sub(r"^\s*(program|sub\s+kegiatan|kegiatan)\b\s*", "", (text or "").casefold())
    t = re.sub(r"[\W_]+", " ", t)
    for pattern, repl in _ABBREV:
        t = re.sub(pattern, repl, t)
    return " ".join(t.split())


@dataclass
class Match:
    statement: Statement
    row: "Row"
    table: "Table"
    stated: float | None

    @property
    def difference(self) -> float | None:
        if self.statement.amount is None or self.stated is None:
            return None
        return self.statement.amount - self.stated


@dataclass
class NarasiReport:
    matches: list[Match] = field(default_factory=list)
    unmatched: list[tuple[Statement, str, "Row | None"]] = field(default_factory=list)

    def unmatched_json(self) -> list[dict]:
        return [{"check": "TT06", "paragraph": s.paragraph, "nama": s.name, "amount_text": s.amount_text,
                 "amount": s.amount, "kode": row.kode.text if row is not None and row.kode is not None else None,
                 "reason": reason, "text": s.text} for s, reason, row in self.unmatched]


def match_statements(narasi: Narasi, tables: list["Table"], tolerance: float = 1.0) -> NarasiReport:
    """Pair every statement with a Tabel 3.1 row (see the module docstring)."""
    from rapidfuzz import fuzz

    from xl_renja.nomenklatur import builtin

    report = NarasiReport()
    table = next((t for t in tables if t.id == "T-C.33" and "pagu" in t.columns), None)
    if table is None:
        report.unmatched = [(s, "tidak ada Tabel 3.1 (T-C.33)", None) for s in narasi.statements]
        return report
    nom = builtin()
    rows = [r for r in table.items if r.kode is not None and 3 <= int(r.kode.level) <= 5]
    names = {}
    for r in rows:
        official = nom.lookup(r.kode)
        names[id(r)] = [w for w in {_words(r.name), _words(official[1]) if official else ""} if w]
    used: set[int] = set()
    kegiatan = None  # the row matched by the last kegiatan statement

    def best(stmt_words, candidates):
        scored = []
        for pos, r in enumerate(candidates):
            score = max((fuzz.ratio(stmt_words, w) for w in names[id(r)]), default=0)
            if score >= MATCH_MIN:
                scored.append((id(r) not in used, score, -pos, r))
        # a row not matched yet first (a name the table writes twice), then the closest name
        scored.sort(key=lambda s: s[:3], reverse=True)
        return scored[0] if scored else None

    for s in narasi.statements:
        if s.name is None:
            report.unmatched.append((s, "bukan baris tabel (jumlah unit/OPD)", None))
            continue
        words = _words(s.name)
        hit = None
        if s.level == 5 and kegiatan is not None:
            hit = best(words, [c for c in kegiatan.children if c in rows])
        if hit is None:
            hit = best(words, [r for r in rows if int(r.kode.level) == s.level]) if s.level else None
        if hit is None:
            report.unmatched.append((s, "tidak ada baris dengan nama ini", None))
            continue
        row = hit[3]
        used.add(id(row))
        if s.level == 4:
            kegiatan = row
        if s.amount is None:
            report.unmatched.append((s, "jumlah tidak terbaca", row))
            continue
        report.matches.append(Match(s, row, table, row.rupiah("pagu")))
    return report
