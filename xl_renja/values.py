"""Cell value parsing: Indonesian numbers, percentages and target cells.

Renja workbooks mix conventions: ``1.260.789.058`` (dot groups thousands),
``66,67`` (comma decimal) but also ``54.64`` (dot decimal).  Babel is
imported lazily so that importing this module stays cheap.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "parse_number",
    "parse_percent",
    "Target",
    "parse_target",
    "normalize_text",
    "EXCEL_ERRORS",
]

EXCEL_ERRORS = frozenset(
    {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
     "#GETTING_DATA", "#SPILL!", "#CALC!"}
)

_SPACES = "\xa0\u202f\u2007\u200b\ufeff"
_CURRENCY_RE = re.compile(r"^(?:rp|idr)\.?\s*", re.IGNORECASE)
_PLAIN_INT_RE = re.compile(r"^[0-9]+$")
_NUMERIC_RE = re.compile(r"^[0-9.,]+$")
# 54.64, 1.5, 3.4365; 0.500 (a leading 0 cannot start a thousands group)
_DOT_DECIMAL_RE = re.compile(r"^(?:[0-9]+\.(?:[0-9]{1,2}|[0-9]{4,})|0\.[0-9]+)$")
_EN_GROUPED_RE = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")  # 12,345,678.50


def _clean(text: str) -> str:
    for ch in _SPACES:
        text = text.replace(ch, " ")
    return text.strip()


@functools.lru_cache(maxsize=1)
def _id_locale():
    # babel: CLDR Indonesian number symbols (group '.', decimal ',') and its
    # strict parser, which rejects misplaced group separators like 1.26.789.
    from babel import Locale

    return Locale.parse("id")


def _to_number(d: Decimal) -> float | int:
    """Decimal to int when written without a fraction part, else float."""
    if d.as_tuple().exponent < 0:
        return float(d)
    return int(d)


def _parse_unsigned(text: str) -> float | int | None:
    """Digits with '.'/',' separators to a number, or None."""
    if _PLAIN_INT_RE.match(text):
        return int(text)
    if not _NUMERIC_RE.match(text) or not any(c.isdigit() for c in text):
        return None
    from babel.numbers import NumberFormatError, parse_decimal  # see _id_locale

    try:
        return _to_number(parse_decimal(text, locale=_id_locale(), strict=True))
    except (NumberFormatError, ValueError, ArithmeticError):
        pass
    # Fallbacks for documents written with English conventions.
    if _DOT_DECIMAL_RE.match(text):
        return float(text)
    if _EN_GROUPED_RE.match(text):
        return _to_number(Decimal(text.replace(",", "")))
    return None


def _parse_text(text: str) -> tuple[float | int | None, bool]:
    """Parse number text; returns (number, had_percent_sign)."""
    text = _clean(text)
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    percent = False
    if text.endswith("%"):
        percent, text = True, text[:-1].rstrip()
    text = _CURRENCY_RE.sub("", text)
    if text.endswith((",-", ".-")):
        text = text[:-2]
    if text[:1] in ("-", "\u2212", "+"):
        negative ^= text[0] != "+"
        text = text[1:].lstrip()
    if text.startswith("(") and text.endswith(")"):
        negative, text = not negative, text[1:-1].strip()
    number = _parse_unsigned(text)
    if number is None:
        return None, percent
    return (-number if negative else number), percent


def parse_number(raw) -> float | int | None:
    """Indonesian number text to a number, or None for non-numbers.

    ``1.260.789.058`` -> 1260789058, ``66,67`` -> 66.67, ``12,00`` -> 12.0,
    ``Rp. 1.250.000,-`` -> 1250000, ``100%`` -> 100 (the sign is dropped),
    ``(5)`` -> -5.  Dot groups of exactly three digits are thousands; a
    single dot followed by 1, 2 or 4+ digits and no comma is a decimal point
    (``54.64``, ``1.5``).  Text with a fraction part gives a float, otherwise
    an int.  ints and floats pass through (NaN/inf -> None); bool -> None.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return raw if math.isfinite(raw) else None
    if isinstance(raw, Decimal):
        return _to_number(raw) if raw.is_finite() else None
    if not isinstance(raw, str):
        return None
    return _parse_text(raw)[0]


_PERSEN_WORD_RE = re.compile(r"\s*(?:persen|percent)\s*$", re.IGNORECASE)


def parse_percent(raw) -> float | None:
    """Percentage value as a float: ``100%``, ``100 %``, ``66,67 persen``,
    ``100`` -> 100.0.  Numbers are taken as already in percent (no scaling
    of Excel fractions: the caller knows the cell format)."""
    if isinstance(raw, str):
        raw = _PERSEN_WORD_RE.sub("", raw)
    number = parse_number(raw)
    return None if number is None else float(number)


@dataclass(frozen=True)
class Target:
    """A target cell split into quantity and satuan (unit)."""

    raw: str
    quantity: float | int | None
    satuan: str | None
    is_percent: bool = False


_TARGET_RE = re.compile(
    r"""^(?P<num>
            \(\s*(?:rp\.?\s*)?[0-9][0-9.,]*\s*\)          # (5)
          | [-\u2212+]?\s*(?:(?:rp|idr)\.?\s*)?[0-9][0-9.,]*(?:,-)?
        )
        (?P<rest>.*)$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)


def _satuan_or_none(rest: str) -> str | None:
    rest = rest.strip()
    if rest == "%" or any(c.isalnum() for c in rest):
        return rest
    return None


@functools.lru_cache(maxsize=8192)  # pure; a workbook repeats the same few texts
def parse_target(raw) -> Target:
    """Split a target cell into quantity and satuan.

    ``12 Bulan`` -> (12, 'Bulan'); ``100%``/``100 %`` -> (100, '%',
    is_percent); ``1.000 Orang`` -> (1000, 'Orang'); ``71,00`` -> (71.0,
    None); ``2 (12 Sub Keg. ...)`` -> (2, '(12 Sub Keg. ...)');
    ``Tertinggi`` -> (None, 'Tertinggi'); Excel errors (``#REF!``) and
    blanks -> (None, None).  ``Rp 1.250.000`` -> (1250000, 'Rp').
    ``is_percent`` is set for a ``%`` satuan or the word ``persen``.
    """
    if raw is None or isinstance(raw, bool):
        return Target("" if raw is None else str(raw), None, None, False)
    if not isinstance(raw, str):
        return Target(str(raw), parse_number(raw), None, False)
    text = _clean(raw)
    if not text or text.upper() in EXCEL_ERRORS:
        return Target(raw, None, None, False)
    match = _TARGET_RE.match(text)
    quantity = None
    rest = text
    if match:
        num, rest_ = match.group("num"), match.group("rest")
        quantity = parse_number(num)
        if quantity is None:
            # trailing punctuation after the number: "1.000. Orang"
            stripped = num.rstrip(".,")
            quantity = parse_number(stripped)
            rest_ = num[len(stripped):] + rest_ if quantity is not None else rest_
        if quantity is not None:
            rest = rest_
            if re.search(r"rp|idr", num, re.IGNORECASE):
                rest = "Rp " + rest
    satuan = _satuan_or_none(rest.lstrip(".,").strip() if quantity is not None else rest)
    is_percent = satuan is not None and (
        satuan.startswith("%") or satuan.casefold() in ("persen", "persentase")
    )
    return Target(raw, quantity, satuan, is_percent)


_APOSTROPHES = "'\u2018\u2019`\u00b4\""


@functools.lru_cache(maxsize=8192)  # pure; a workbook repeats the same few texts
def normalize_text(s) -> str:
    """Name comparison key: NFKC, casefold, punctuation (except '/') to
    spaces, apostrophes removed, whitespace collapsed, no spaces around '/'.

    ``"Penyediaan  Gaji & Tunjangan ASN."`` -> ``"penyediaan gaji tunjangan asn"``.
    """
    if s is None:
        return ""
    text = unicodedata.normalize("NFKC", str(s)).casefold()
    out = []
    for ch in text:
        if ch in _APOSTROPHES:
            continue
        if ch == "/" or ch.isalnum() or ch.isspace():
            out.append(ch)
        else:
            out.append(" ")
    text = " ".join("".join(out).split())
    return re.sub(r"\s*/\s*", "/", text)
