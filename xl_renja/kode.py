"""Kode rekening (Permendagri 90/2019) parsing and validation.

A kode identifies a row of the Renja hierarchy::

    urusan        4
    bidang        4.01
    program       4.01.01
    kegiatan      4.01.01.2.01
    sub kegiatan  4.01.01.2.01.01     (2 digits, 2019-2021 format)
                  4.01.01.2.01.0001   (4 digits, later SIPD format)

The 4th segment is the region type: 1 provinsi, 2 kab/kota, 3-8 special
regions.  References write the shared penunjang program as ``X.XX.01`` (or
``0.00.01``); ``X``/``XX`` segments act as wildcards when comparing kode.

Pure standard library: importing this module must stay cheap.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "KodeLevel",
    "Kode",
    "KodeProblem",
    "parse_kode",
    "check_kode",
    "is_legacy_kode",
    "parse_legacy_kode",
    "LegacyKode",
    "looks_like_kode",
    "surface_problems",
    "part_text",
    "join_parts",
    "PROBLEM_MESSAGES",
]


class KodeLevel(enum.IntEnum):
    URUSAN = 1
    BIDANG = 2
    PROGRAM = 3
    KEGIATAN = 4
    SUB_KEGIATAN = 5


# Number of segments -> level.  Four segments (program + region without
# kegiatan) is not a valid kode.
_LEVEL_BY_SEGMENTS = {
    1: KodeLevel.URUSAN,
    2: KodeLevel.BIDANG,
    3: KodeLevel.PROGRAM,
    5: KodeLevel.KEGIATAN,
    6: KodeLevel.SUB_KEGIATAN,
}
_SEGMENTS_BY_LEVEL = {level: n for n, level in _LEVEL_BY_SEGMENTS.items()}

# Indonesian descriptions of the machine problem ids, for rule messages.
PROBLEM_MESSAGES = {
    "empty": "Kode kosong",
    "not_kode": "Bukan kode rekening",
    "legacy": "Kode format lama (Permendagri 13/2006)",
    "separator": "Pemisah kode harus satu titik ('.')",
    "stray_character": "Kode mengandung karakter selain angka",
    "width": "Jumlah digit segmen kode tidak sesuai",
    "sub_width": "Segmen sub kegiatan harus 2 atau 4 digit",
    "region": "Segmen ke-4 (jenis daerah) harus satu digit 1-8",
    "incomplete": "Kode tidak lengkap (segmen kegiatan tidak ada)",
    "too_many_segments": "Kode memiliki lebih dari 6 segmen",
    "trailing_dot": "Kode diakhiri titik",
    "whitespace": "Kode diawali atau diakhiri spasi",
}


def _seg_equal(a: str, b: str) -> bool:
    """Compare two segments: X wildcards match anything, digits by value."""
    if "X" in a or "X" in b:
        return True
    if a.isdigit() and b.isdigit():
        return int(a) == int(b)
    return a == b


@dataclass(frozen=True)
class Kode:
    """A parsed kode rekening.

    ``text`` is the normalised form (segments joined by single dots,
    ``x`` upper-cased, no surrounding whitespace or trailing dot).
    """

    text: str
    segments: tuple[str, ...]
    level: KodeLevel
    sub_digits: int | None = None  # width of the sub kegiatan segment, else None

    def __str__(self) -> str:
        return self.text

    @classmethod
    def _from_segments(cls, segments: tuple[str, ...]) -> Kode:
        level = _LEVEL_BY_SEGMENTS[len(segments)]
        sub = len(segments[5]) if level is KodeLevel.SUB_KEGIATAN else None
        return cls(".".join(segments), segments, level, sub)

    @property
    def parent(self) -> Kode | None:
        """The kode one level up (kegiatan -> program drops the region too)."""
        if self.level is KodeLevel.URUSAN:
            return None
        n = _SEGMENTS_BY_LEVEL[KodeLevel(self.level - 1)]
        return Kode._from_segments(self.segments[:n])

    @property
    def region(self) -> str | None:
        """4th segment ('1' provinsi, '2' kab/kota, ...) for kegiatan and below."""
        if self.level >= KodeLevel.KEGIATAN:
            return self.segments[3]
        return None

    def is_ancestor_of(self, other: Kode) -> bool:
        """True when ``other`` lies strictly below this kode.

        Segments compare by numeric value (``01`` == ``0001``) and ``X``
        segments match anything, so ``X.XX.01`` is an ancestor of
        ``4.01.01.2.01.0001``.
        """
        if other.level <= self.level:
            return False
        n = len(self.segments)
        return all(_seg_equal(a, b) for a, b in zip(self.segments, other.segments[:n]))

    def matches(self, other: Kode) -> bool:
        """Same kode up to sub kegiatan width and ``X`` wildcards."""
        return self.level == other.level and all(
            _seg_equal(a, b) for a, b in zip(self.segments, other.segments)
        )

    def generic(self) -> str:
        """``X.XX.01...`` form when the program is 01 (penunjang), else ``text``.

        ``4.01.01.2.01.01`` -> ``X.XX.01.2.01.01``; ``0.00.01`` -> ``X.XX.01``.
        The sub kegiatan width is kept as written.
        """
        program = self.segments[2] if self.level >= KodeLevel.PROGRAM else ""
        if program.isdigit() and int(program) == 1:
            return ".".join(("X", "XX") + self.segments[2:])
        return self.text

    def canonical(self, digits: int = 4) -> str:
        """Text with the sub kegiatan segment re-padded to ``digits``.

        ``4.01.01.2.01.01`` -> ``4.01.01.2.01.0001``.  Other levels return
        ``text``.  A value too wide for ``digits`` is kept unpadded.
        """
        if self.level is not KodeLevel.SUB_KEGIATAN or not self.segments[5].isdigit():
            return self.text
        sub = str(int(self.segments[5])).zfill(digits)
        return ".".join(self.segments[:5] + (sub,))


@dataclass(frozen=True)
class KodeProblem:
    """Why a kode is malformed: ``message_id`` is a key of PROBLEM_MESSAGES."""

    code: str
    message_id: str
    detail: str


# --- raw value to text -------------------------------------------------------

_STRIP_CHARS = " \t\r\n\xa0\u200b\ufeff"


def _to_text(raw) -> str | None:
    """Cell value to kode text.

    Excel may store a kode as a number: an int ``4`` is urusan ``4``; a float
    ``4.0`` is also ``4``; a float ``4.01`` is bidang ``4.01``.  A float with a
    single decimal (``4.1``) is read as bidang ``4.10`` because Excel drops the
    trailing zero of a typed ``4.10``.  Longer codes cannot survive as numbers.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, (float, Decimal)):
        if isinstance(raw, float) and (raw != raw or raw in (float("inf"), float("-inf"))):
            return None
        if raw == int(raw):
            return str(int(raw))
        text = repr(raw) if isinstance(raw, float) else str(raw)
        whole, _, frac = text.partition(".")
        if len(frac) == 1:
            frac += "0"
        return f"{whole}.{frac}"
    return str(raw).strip(_STRIP_CHARS)


# --- legacy (Permendagri 13/2006) -------------------------------------------

_LEGACY_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"^\d{4}\s*[.,]\s*\d{2}$",                      # 4001,01  (unit, program)
        r"^\d{4}\.\d{6}(\.\d{2}(\.\d{2,3})?)?$",        # 4001.400101.13 / .01.001
        r"^\d{4}\.\d{2}\.\d{2,3}$",                     # 4001.01.001
        r"^\d\.\d{2}\.\d{4}\.\d{2}(\.\d{2,3})?$",       # 4.01.4001.01(.001)
    )
)


def is_legacy_kode(raw) -> bool:
    """True for pre-2021 (Permendagri 13/2006) kode such as ``4001.400101.01.001``."""
    text = _to_text(raw)
    if not text:
        return False
    text = text.rstrip(".")
    return any(p.match(text) for p in _LEGACY_PATTERNS)


@dataclass(frozen=True)
class LegacyKode:
    """A legacy (Permendagri 13/2006) kode read as its unit, program and kegiatan numbers.

    ``4001,01`` and ``4001.400101.01`` are the same program (unit 4001, program 1);
    ``4001.400101.01.001``, ``4001.01.001`` and ``4.01.4001.01.001`` its kegiatan 1. ``kegiatan``
    is None for a program; ``program`` is None for a bare unit (``4001.400101``).
    """

    text: str
    unit: int
    program: int | None
    kegiatan: int | None

    @property
    def is_kegiatan(self) -> bool:
        return self.kegiatan is not None

    @property
    def key(self) -> tuple:
        """What identifies the row: two rows with the same key are the same program/kegiatan."""
        return (self.unit, self.program, self.kegiatan)


_LEGACY_PARTS = (
    re.compile(r"^(?P<unit>\d{4})\s*[.,]\s*(?P<program>\d{2})$"),
    re.compile(r"^(?P<unit>\d{4})\.\d{6}(?:\.(?P<program>\d{2})(?:\.(?P<kegiatan>\d{2,3}))?)?$"),
    re.compile(r"^(?P<unit>\d{4})\.(?P<program>\d{2})\.(?P<kegiatan>\d{2,3})$"),
    re.compile(r"^\d\.\d{2}\.(?P<unit>\d{4})\.(?P<program>\d{2})(?:\.(?P<kegiatan>\d{2,3}))?$"),
)


def parse_legacy_kode(raw) -> LegacyKode | None:
    """A legacy kode (see :func:`is_legacy_kode`) as unit/program/kegiatan, or None."""
    text = _to_text(raw)
    if not text:
        return None
    text = text.rstrip(".")
    for pattern in _LEGACY_PARTS:
        m = pattern.match(text)
        if m:
            g = m.groupdict()
            num = lambda k: int(g[k]) if g.get(k) else None  # noqa: E731
            return LegacyKode(text, int(g["unit"]), num("program"), num("kegiatan"))
    return None


# --- looks like ---------------------------------------------------------------

_SEP_CHARS = ".,;:-_/\u2013\u2014 \t\xa0"
_LOOKS_RE = re.compile(r"^[0-9Xx]+(?:[.,;:\-_/\u2013\u2014\s]+[0-9Xx]+)*\.?$")


def looks_like_kode(raw) -> bool:
    """Whether a cell value is meant to be a kode (as opposed to a name).

    True for digits (or ``X``) and separators with at least one digit or
    ``X`` segment, including malformed ones (``4,01``, ``4 .01.01``); numbers
    count.  A single stray letter among at least three segments
    (``4.01.01.2.01.0O01``) still counts as a kode typo.  Text with words
    (``Program Penunjang``, ``12 Bulan``) does not.
    """
    if isinstance(raw, bool):
        return False
    if isinstance(raw, (int, float, Decimal)):
        return _to_text(raw) is not None
    text = _to_text(raw)
    if not text:
        return False
    if _LOOKS_RE.match(text):
        return any(c.isdigit() for c in text) or text.upper().strip(".") in ("X", "X.XX")
    # tolerate one stray character in a code with >= 3 segments
    stray = [c for c in text if not (c.isdigit() or c in "Xx" or c in _SEP_CHARS)]
    if len(stray) == 1 and stray[0] not in "()":
        cleaned = text.replace(stray[0], "")
        return bool(_LOOKS_RE.match(cleaned)) and len(re.findall(r"[0-9Xx]+", cleaned)) >= 3
    return False


# --- check ---------------------------------------------------------------------

_SEP_RUN = re.compile(r"[.,;:\-_/\u2013\u2014\s]+")


def _width_problem(index: int, seg: str) -> str | None:
    """Problem id for segment ``index`` (0-based) or None when well formed."""
    if index == 0:
        ok = seg == "X" or (len(seg) == 1 and seg.isdigit())
        return None if ok else "width"
    if index == 1:
        ok = seg == "XX" or (len(seg) == 2 and seg.isdigit())
        return None if ok else "width"
    if "X" in seg:
        return "stray_character"
    if index == 3:
        return None if len(seg) == 1 and "1" <= seg <= "8" else "region"
    if index == 5:
        return None if len(seg) in (2, 4) else "sub_width"
    return None if len(seg) == 2 else "width"


# A well-formed kode (by far the common case) is parsed without the diagnostic machinery.
WELL_FORMED_KODE = re.compile(r"^(?:\d|X)(?:\.(?:\d\d|XX)(?:\.\d\d(?:\.[1-8]\.\d\d(?:\.\d\d|\.\d{4})?)?)?)?$")


def check_kode(raw) -> tuple[Kode | None, list[str]]:
    """Parse a kode and list its problems as machine ids.

    Returns ``(kode, problems)``.  ``kode`` is a best-effort parse even when
    there are problems (``4.01.02.2.02.001`` -> sub kegiatan, sub_digits 3,
    problems ``['sub_width']``) so a rule can still place the row.  It is
    None for empty text (``['empty']``), text without digits
    (``['not_kode']``), legacy kode (``['legacy']``), 4 segments
    (``['incomplete']``) and more than 6 segments (``['too_many_segments']``).

    Problem ids: ``separator``, ``stray_character``, ``width``, ``sub_width``,
    ``region``, plus those above; see PROBLEM_MESSAGES.
    """
    if isinstance(raw, bool):
        return None, ["not_kode"]
    text = _to_text(raw)
    if not text:
        return None, ["empty"]
    if WELL_FORMED_KODE.match(text):
        return Kode._from_segments(tuple(text.split("."))), []
    if is_legacy_kode(text):
        return None, ["legacy"]
    problems: list[str] = []

    def add(pid: str) -> None:
        if pid not in problems:
            problems.append(pid)

    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    # stray characters: anything but digits, X and separators
    kept = []
    for c in text:
        if c in "0123456789" or c in "Xx" or _SEP_RUN.fullmatch(c):
            kept.append(c.upper())
        else:
            add("stray_character")
    text = "".join(kept).strip(_STRIP_CHARS)
    body = text.strip(_SEP_CHARS)
    if body != text:
        add("separator")
    if not re.search(r"[0-9X]", body):
        return None, ["not_kode"]
    for sep in _SEP_RUN.findall(body):
        if sep != ".":
            add("separator")
    segments = tuple(s for s in _SEP_RUN.split(body) if s)
    if len(segments) > 6:
        add("too_many_segments")
        return None, problems
    if len(segments) == 4:
        add("incomplete")
        return None, problems
    for i, seg in enumerate(segments):
        pid = _width_problem(i, seg)
        if pid:
            add(pid)
    return Kode._from_segments(segments), problems


def surface_problems(raw) -> list[str]:
    """What :func:`check_kode` forgives in a text cell but a cell should not hold: a trailing dot
    (``4.01.01.2.01.02.``: ``trailing_dot``) and spaces around the kode (``whitespace``; a cell
    that does not equal the kode breaks lookups such as VLOOKUP). Empty for numbers."""
    if not isinstance(raw, str):
        return []
    out = []
    inner = raw.strip(_STRIP_CHARS)
    if inner != raw:
        out.append("whitespace")
    if inner.endswith(".") and not inner.endswith(".."):
        out.append("trailing_dot")
    return out


def part_text(raw, number_format: str | None = None) -> str:
    """The text of one part of a kode written over several cells (``5 | 03 | 01 | 2.01 | 01``).

    A number keeps the zeros its format shows (``3`` formatted ``00`` is ``03``); a float such
    as ``2.01`` reads as kode text (see :func:`check_kode`); text is stripped."""
    if isinstance(raw, bool) or raw is None:
        return ""
    if isinstance(raw, (int, float)) and float(raw).is_integer():
        fmt = (number_format or "").split(";")[0].strip('"')
        width = len(fmt) if fmt and set(fmt) == {"0"} else 0
        return str(int(raw)).zfill(width)
    return _to_text(raw) or ""


def join_parts(parts) -> str:
    """The whole kode from the texts of its parts (blank parts skipped): ``5.03.01.2.01.01``. A
    trailing dot of the last part is kept (``01.``: KR01 reports it)."""
    parts = [p for p in parts if p and p.strip(".")]
    text = ".".join(p.strip(".") for p in parts)
    return text + "." if parts and parts[-1].endswith(".") else text


def parse_kode(raw) -> Kode | None:
    """A well-formed kode, or None when it has any problem (see check_kode).

    Accepts surrounding whitespace, a trailing dot and numeric cells
    (``4`` -> urusan ``4``, ``4.01`` -> bidang ``4.01``).
    """
    kode, problems = check_kode(raw)
    return None if problems else kode
