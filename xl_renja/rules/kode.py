"""Kode rekening: format, place in the hierarchy, duplicates, official names."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.kode import PROBLEM_MESSAGES
from xl_renja.rules.base import Context, Rule, level_name

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
}


def _kode_tables(ctx: Context):
    for table in ctx.tables:
        if "kode" in table.columns:
            yield table


class KodeFormat(Rule):
    """KR01 format-kode: a kode rekening is malformed for its level.

    Segments are separated by single dots; urusan 1 digit, bidang 2, program 2, the 4th segment
    one digit 1-8 (2 = kab/kota), kegiatan 2, sub kegiatan 2 (2019-2021) or 4 digits (SIPD).
    Legacy Permendagri 13/2006 codes (``4001.400101.01.001``, allowed in T-C.29 that evaluates
    earlier years) are reported once per table as a warning with their count.

    Contoh salah::

        4.01.02.2.02.001   Fasilitasi Pengelolaan Bina Mental Spiritual   (3 digit)
        4.01,01.2.01       Perencanaan, Penganggaran, dan Evaluasi ...     (koma)

    Contoh benar::

        4.01.02.2.02.0001  Fasilitasi Pengelolaan Bina Mental Spiritual
        4.01.01.2.01       Perencanaan, Penganggaran, dan Evaluasi ...
    """

    code = "KR01"
    name = "format-kode"
    severity = Severity.ERROR
    summary = "Kode rekening tidak sesuai format tingkatannya"
    summary_en = "Kode rekening malformed for its level"

    def check(self, ctx: Context):
        for table in _kode_tables(ctx):
            legacy = []
            for row in table.rows:
                kv = row.get("kode")
                if kv is None or kv.is_blank or kv.is_error:
                    continue
                if row.legacy:
                    legacy.append(row)
                    continue
                problems = [p for p in row.kode_problems if p != "legacy"]
                if row.kind == "label" and kv.text:
                    problems = problems or ["not_kode"]
                if not problems:
                    continue
                text = kv.text
                why = "; ".join(PROBLEM_MESSAGES.get(p, p).lower() for p in problems)
                why_en = "; ".join(_PROBLEM_EN.get(p, p) for p in problems)
                expected = row.kode.canonical(4) if row.kode is not None and "sub_width" in problems else None
                msg = f"Kode {text} tidak sesuai format: {why}"
                if expected:
                    msg += f" (seharusnya mis. {expected})"
                yield self.at_value(ctx, kv, msg, f"Kode {text} is malformed: {why_en}", table=table,
                                    row=row, expected=expected, actual=text)
            if legacy:
                first = legacy[0].get("kode")
                yield self.at_value(
                    ctx, first,
                    f"Tabel {table.id} memakai {len(legacy)} kode format lama (Permendagri 13/2006), "
                    f"mis. {first.text}; gunakan kode Permendagri 90/2019 bila tabel menyangkut tahun 2021 ke atas",
                    f"Table {table.id} uses {len(legacy)} legacy (Permendagri 13/2006) codes, e.g. {first.text}",
                    table=table, row=legacy[0], severity=Severity.WARNING, actual=len(legacy),
                )


class KodeParent(Rule):
    """KR02 kode-induk: a kode is not under the parent row above it.

    A kegiatan must start with the kode of the program above it, a sub kegiatan with the kode
    of its kegiatan; a kegiatan or sub kegiatan with no parent row above it is an orphan.

    Contoh salah::

        4.01.01       PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA
        4.01.02.2.03  Administrasi Barang Milik Daerah pada Perangkat Daerah

    Contoh benar::

        4.01.01       PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA
        4.01.01.2.03  Administrasi Barang Milik Daerah pada Perangkat Daerah
    """

    code = "KR02"
    name = "kode-induk"
    severity = Severity.ERROR
    summary = "Kode tidak berada di bawah baris induknya (program/kegiatan di atasnya)"
    summary_en = "Kode not under its parent row"

    def check(self, ctx: Context):
        for table in _kode_tables(ctx):
            has_programs = any(r.kode is not None and r.kode.level <= 3 for r in table.items)
            for row in table.items:
                kode = row.kode
                if kode is None or row.legacy or kode.level <= 3:
                    continue
                kv = row.get("kode")
                parent = row.parent
                what = level_name(row)
                if parent is None:
                    if kode.level == 4 and not has_programs:
                        continue  # a table of kegiatan only
                    yield self.at_value(
                        ctx, kv, f"{what.capitalize()} {kode.text} tidak punya baris induk di atasnya",
                        f"{kode.text} has no parent row above it", table=table, row=row,
                        expected=kode.parent.text if kode.parent else None,
                    )
                    continue
                if parent.kode.is_ancestor_of(kode) and parent.kode.level == kode.level - 1:
                    continue
                if parent.kode.is_ancestor_of(kode):
                    msg = (f"{what.capitalize()} {kode.text} langsung di bawah {level_name(parent)} "
                           f"{parent.kode.text}; {level_name(row) == 'sub kegiatan' and 'kegiatan' or 'program'} "
                           f"induknya ({kode.parent.text}) tidak ada")
                    msg_en = f"{kode.text} sits directly under {parent.kode.text}; its parent {kode.parent.text} is missing"
                else:
                    msg = (f"{what.capitalize()} {kode.text} tidak berada di bawah {level_name(parent)} "
                           f"{parent.kode.text} di atasnya")
                    msg_en = f"{kode.text} is not under the {level_name(parent)} {parent.kode.text} above it"
                yield self.at_value(ctx, kv, msg, msg_en, table=table, row=row,
                                    expected=kode.parent.text if kode.parent else None, actual=parent.kode.text)


class KodeDuplicate(Rule):
    """KR03 kode-ganda: the same kode appears twice in one table.

    Each program, kegiatan and sub kegiatan appears once; a second row with the same kode is
    a typing error (often the next number was meant) and double-counts its pagu.

    Contoh salah::

        4.01.01.2.13.03  Peningkatan Kinerja dan Reformasi Birokrasi
        4.01.01.2.13.03  Monitoring, Evaluasi dan Pengendalian Kualitas Pelayanan Publik

    Contoh benar::

        4.01.01.2.13.03  Peningkatan Kinerja dan Reformasi Birokrasi
        4.01.01.2.13.04  Monitoring, Evaluasi dan Pengendalian Kualitas Pelayanan Publik
    """

    code = "KR03"
    name = "kode-ganda"
    severity = Severity.ERROR
    summary = "Kode yang sama muncul dua kali dalam satu tabel"
    summary_en = "The same kode twice in one table"

    def check(self, ctx: Context):
        for table in _kode_tables(ctx):
            seen: dict[str, object] = {}
            for row in table.items:
                if row.kode is None:
                    continue
                key = row.kode.canonical(4) if not row.legacy else row.kode.text
                first = seen.get(key)
                if first is None:
                    seen[key] = row
                    continue
                kv = row.get("kode")
                yield self.at_value(
                    ctx, kv,
                    f"Kode {row.kode.text} sudah dipakai di baris {first.row} ({first.name or '-'})",
                    f"Kode {row.kode.text} already used on row {first.row}",
                    table=table, row=row, actual=row.kode.text, expected=None,
                )


class KodeNomenklatur(Rule):
    """KR04 nomenklatur: kode and name disagree with the official nomenclature.

    Names are compared with the Permendagri 90/2019 nomenclature (built in for bidang 4.01 and
    the penunjang program X.XX.01) or with the user's SIPD export given with ``--nomenklatur``,
    after normalising case, spaces and punctuation. Codes the reference does not know are not
    judged.

    Contoh salah::

        4.01.01.2.01.01  Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD

    Contoh benar::

        4.01.01.2.01.01  Penyusunan Dokumen Perencanaan Perangkat Daerah
    """

    code = "KR04"
    name = "nomenklatur"
    severity = Severity.WARNING
    summary = "Kode dan nama tidak sesuai nomenklatur resmi"
    summary_en = "Kode and name disagree with the official nomenclature"

    def check(self, ctx: Context):
        from xl_renja.values import normalize_text

        nom = ctx.options.nomenklatur
        if nom is None:
            from xl_renja.nomenklatur import builtin

            nom = ctx.options.nomenklatur = builtin()
        for table in _kode_tables(ctx):
            if "uraian" not in table.columns:
                continue
            for row in table.items:
                if row.kode is None or row.legacy or row.kode.level < 3:
                    continue
                hit = nom.lookup(row.kode)
                if hit is None:
                    continue
                official_kode, official = hit
                nv = row.get("uraian")
                name = nv.text if nv else None
                if not name or normalize_text(name) == normalize_text(official):
                    continue
                yield self.at_value(
                    ctx, nv,
                    f"Nama {level_name(row)} {row.kode.text} \"{name}\" tidak sesuai nomenklatur resmi: "
                    f"\"{official}\"",
                    f"Name of {row.kode.text} \"{name}\" differs from the official \"{official}\"",
                    table=table, row=row, expected=official, actual=name,
                )
