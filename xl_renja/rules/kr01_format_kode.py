"""KR01 format-kode: a kode rekening malformed for its level."""

from __future__ import annotations

from collections import Counter

from xl_renja.diagnostics import Severity
from xl_renja.kode import PROBLEM_MESSAGES, surface_problems
from xl_renja.rules.base import Context, Rule, kode_tables

_PROBLEM_EN = {
    "empty": "empty kode",
    "not_kode": "not a kode rekening",
    "separator": "segments must be separated by a single dot",
    "stray_character": "characters other than digits",
    "width": "wrong number of digits in a segment",
    "sub_width": "the sub kegiatan segment must have 2 or 4 digits",
    "region": "the 4th segment must be one digit 1-8",
    "incomplete": "incomplete kode",
    "too_many_segments": "more than 6 segments",
    "trailing_dot": "ends with a dot",
    "whitespace": "spaces around the kode",
}
#: problems whose intended kode is clear from the text itself
_REPAIRABLE = {"separator", "sub_width", "trailing_dot", "whitespace"}

MESSAGES = {
    "summary": ("Kode rekening tidak sesuai format tingkatannya", "Kode rekening malformed for its level"),
    "malformed": ("Kode {kode} tidak sesuai format: {why}", "Kode {kode} is malformed: {why_en}"),
    "malformed_hint": ("Kode {kode} tidak sesuai format: {why} (seharusnya {expected})",
                       "Kode {kode} is malformed: {why_en} (should be {expected})"),
    "legacy": ("Tabel {table} memakai {count} kode format lama (Permendagri 13/2006), mis. {kode}; gunakan "
               "kode Permendagri 90/2019 bila tabel menyangkut tahun 2021 ke atas",
               "Table {table} uses {count} legacy (Permendagri 13/2006) codes, e.g. {kode}"),
}

DOC_ID = """
KR01 format-kode: kode rekening tidak sesuai format tingkatannya.

Segmen dipisah satu titik; urusan 1 digit, bidang 2, program 2, segmen ke-4 satu digit 1-8
(2 = kabupaten/kota), kegiatan 2, sub kegiatan 2 (2019-2021) atau 4 digit (SIPD). Saran perbaikan
memakai bentuk digit yang sudah dipakai tabel itu. Kode lama Permendagri 13/2006
(``4001.400101.01.001``, boleh di T-C.29 yang mengevaluasi tahun-tahun sebelumnya) dilaporkan
sekali per tabel sebagai peringatan beserta jumlahnya.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    4.01.02.2.02.001   Fasilitasi Pengelolaan Bina Mental Spiritual   (3 digit)
    4.01,01.2.01       Perencanaan, Penganggaran, dan Evaluasi ...     (koma)

Contoh benar::

    4.01.02.2.02.01    Fasilitasi Pengelolaan Bina Mental Spiritual
    4.01.01.2.01       Perencanaan, Penganggaran, dan Evaluasi ...
"""


def sub_digits(table) -> int:
    """The sub kegiatan width the table already uses (2 or 4; 4 when it has none)."""
    widths = Counter(r.kode.sub_digits for r in table.items
                     if r.kode is not None and not r.kode_problems and r.kode.sub_digits in (2, 4))
    return widths.most_common(1)[0][0] if widths else 4


class KodeFormat(Rule):
    """KR01 format-kode: a kode rekening is malformed for its level.

    Segments are separated by single dots; urusan 1 digit, bidang 2, program 2, the 4th segment
    one digit 1-8 (2 = kab/kota), kegiatan 2, sub kegiatan 2 (2019-2021) or 4 digits (SIPD).
    The suggested kode (``expected``) uses the digit form the table already uses; it is a safe
    repair when no other row of the table has it. Legacy Permendagri 13/2006 codes
    (``4001.400101.01.001``, allowed in T-C.29 that evaluates earlier years) are reported once
    per table as a warning with their count.
    """

    code = "KR01"
    name = "format-kode"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        for table in kode_tables(ctx):
            legacy = []
            digits = None
            used = None
            for row in table.rows:
                kv = row.get("kode")
                if kv is None or kv.is_blank or kv.is_error:
                    continue
                if row.legacy:
                    legacy.append(row)
                    continue
                problems = [p for p in row.kode_problems if p != "legacy"]
                surface = row.kode is not None and not problems
                if surface:
                    problems = surface_problems(kv.raw)
                if row.kind == "label" and kv.text and not table.kode_with_name:
                    problems = problems or ["not_kode"]
                if not problems:
                    continue
                text = kv.raw if surface else kv.text
                why = "; ".join(PROBLEM_MESSAGES.get(p, p).lower() for p in problems)
                why_en = "; ".join(_PROBLEM_EN.get(p, p) for p in problems)
                expected, fix = None, ()
                if surface:
                    # the kode itself is right, only its spelling is not: the repair is certain
                    expected = row.kode.text
                    fix = table.kode_edits(row, expected)
                elif row.kode is not None and set(problems) <= _REPAIRABLE:
                    if digits is None:
                        digits = sub_digits(table)
                        used = {r.kode.canonical(4) for r in table.items if r.kode is not None and not r.kode_problems}
                    expected = row.kode.canonical(digits)
                    if row.kode.canonical(4) not in used:
                        fix = table.kode_edits(row, expected)
                key = "malformed_hint" if expected else "malformed"
                yield self.at_value(ctx, kv, self.msg(key, kode=text, why=why, why_en=why_en, expected=expected),
                                    table=table, row=row, expected=expected, actual=text, fix=fix)
            if legacy:
                first = legacy[0].get("kode")
                yield self.at_value(
                    ctx, first, self.msg("legacy", table=table.id, count=len(legacy), kode=first.text),
                    table=table, row=legacy[0], severity=Severity.WARNING, actual=len(legacy),
                    cells=[r.get("kode").qualified for r in legacy],
                )
