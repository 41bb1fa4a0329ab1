"""KR02 kode-induk: a kode not under the parent row above it."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule, kode_tables, level_name

MESSAGES = {
    "summary": ("Kode tidak berada di bawah baris induknya (program/kegiatan di atasnya)",
                "Kode not under its parent row"),
    "orphan": ("{What} {kode} tidak punya baris induk di atasnya", "{kode} has no parent row above it"),
    "skips": ("{What} {kode} langsung di bawah {above_level} {above}; {missing_level} induknya ({parent}) tidak ada",
              "{kode} sits directly under {above}; its parent {parent} is missing"),
    "misplaced": ("{What} {kode} tidak berada di bawah {above_level} {above} di atasnya",
                  "{kode} is not under the {above_level} {above} above it"),
    "legacy_orphan": ("Kegiatan {kode} (kode format lama) tidak punya baris program di atasnya",
                      "Kegiatan {kode} (legacy kode) has no program row above it"),
    "legacy_misplaced": ("Kegiatan {kode} (kode format lama) tidak berada di bawah program {above} di atasnya",
                         "Kegiatan {kode} (legacy kode) is not under the program {above} above it"),
}

DOC_ID = """
KR02 kode-induk: kode tidak berada di bawah baris induk di atasnya.

Kegiatan harus diawali kode program di atasnya, sub kegiatan diawali kode kegiatannya; kegiatan
atau sub kegiatan tanpa baris induk di atasnya adalah yatim. Kode format lama (Permendagri
13/2006) diperiksa juga: kegiatan ``4001.400101.01.001`` berada di bawah program ``4001,01`` (atau
``4001.400101.01``) di atasnya.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    4.01.01       PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA
    4.01.02.2.03  Administrasi Barang Milik Daerah pada Perangkat Daerah

Contoh benar::

    4.01.01       PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA
    4.01.01.2.03  Administrasi Barang Milik Daerah pada Perangkat Daerah
"""


class KodeParent(Rule):
    """KR02 kode-induk: a kode is not under the parent row above it.

    A kegiatan must start with the kode of the program above it, a sub kegiatan with the kode
    of its kegiatan; a kegiatan or sub kegiatan with no parent row above it is an orphan.
    (The row above is ``Row.above``; the hierarchy itself, ``Row.parent``, follows the kode.)
    Legacy (Permendagri 13/2006) kode are checked too: kegiatan ``4001.400101.01.001`` belongs
    under the program ``4001,01`` (or ``4001.400101.01``) above it.
    """

    code = "KR02"
    name = "kode-induk"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        for table in kode_tables(ctx):
            yield from self._legacy(ctx, table)
            has_programs = any(r.kode is not None and r.kode.level <= 3 for r in table.items)
            for row in table.items:
                kode = row.kode
                if kode is None or row.legacy or kode.level <= 3:
                    continue
                above = row.above
                if above is not None and above.kode.level == kode.level - 1 and above.kode.is_ancestor_of(kode):
                    continue
                kv = row.get("kode")
                what = level_name(row)
                parent_text = kode.parent.text if kode.parent else None
                if above is None:
                    if kode.level == 4 and not has_programs:
                        continue  # a table of kegiatan only
                    yield self.at_value(ctx, kv, self.msg("orphan", What=what.capitalize(), kode=kode.text),
                                        table=table, row=row, expected=parent_text)
                    continue
                fields = dict(What=what.capitalize(), kode=kode.text, above=above.kode.text,
                              above_level=level_name(above), parent=parent_text,
                              missing_level="kegiatan" if what == "sub kegiatan" else "program")
                key = "skips" if above.kode.is_ancestor_of(kode) else "misplaced"
                yield self.at_value(ctx, kv, self.msg(key, **fields), table=table, row=row,
                                    expected=parent_text, actual=above.kode.text)

    def _legacy(self, ctx: Context, table):
        """Legacy kegiatan against the legacy program row above them (same unit and program)."""
        from xl_renja.kode import parse_legacy_kode

        legacy = [(row, parse_legacy_kode(row.text("kode"))) for row in table.items if row.legacy]
        legacy = [(row, lk) for row, lk in legacy if lk is not None and lk.program is not None]
        if not any(not lk.is_kegiatan for _row, lk in legacy):
            return  # a table of kegiatan only
        above = None
        for row, lk in legacy:
            if not lk.is_kegiatan:
                above = (row, lk)
                continue
            kv = row.get("kode")
            if above is None:
                yield self.at_value(ctx, kv, self.msg("legacy_orphan", kode=lk.text), table=table, row=row)
            elif (above[1].unit, above[1].program) != (lk.unit, lk.program):
                yield self.at_value(ctx, kv, self.msg("legacy_misplaced", kode=lk.text, above=above[1].text),
                                    table=table, row=row, actual=above[1].text)
