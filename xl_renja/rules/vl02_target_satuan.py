"""VL02 target-satuan: a target's satuan against the row's satuan or indikator."""

from __future__ import annotations

import re
from dataclasses import replace

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import TARGET_KEYS, Context, Rule

_JUMLAH = re.compile(r"^\s*[-\u2022]?\s*jumlah\s+([A-Za-z]+)", re.I)

MESSAGES = {
    "summary": ("Satuan target tidak sesuai satuan baris/indikator, atau target tidak terbaca",
                "A target whose satuan disagrees with the row's satuan or indikator, or unreadable"),
    "unreadable": ("Target \"{text}\" tidak dapat dibaca: tidak ada angka capaiannya",
                   "Target \"{text}\" cannot be read: it has no quantity"),
    "mismatch": ("Satuan target \"{text}\" ({satuan}) tidak sesuai {source} ({ref})",
                 "Target \"{text}\" uses {satuan}, the row's satuan is {ref}"),
    "pair": ("Satuan \"{text}\" tidak sesuai satuan target Renstra ({ref})",
             "Satuan \"{text}\" differs from the Renstra target's satuan ({ref})"),
    "value": ("Satuan \"{satuan}\" pada \"{text}\" tidak sesuai satuan target Renstra ({ref})",
              "Satuan \"{satuan}\" in \"{text}\" differs from the Renstra target's satuan ({ref})"),
    "also": ("{message}; juga di {cells}", "{message}; also in {cells}"),
}

DOC_ID = """
VL02 target-satuan: satuan target tidak sesuai satuan baris atau indikatornya, atau target tidak terbaca.

Satuan yang ditulis bersama target (``12 Bulan``) harus sama dengan kolom satuan baris itu, atau
dengan satuan yang dihitung indikatornya (``Jumlah Dokumen ...``); di T-C.29 setiap pasangan
nilai/satuan memakai satuan target Renstra, juga satuan yang ditulis bersama nilainya bila kolom
itu tidak punya kolom satuan (kolom 5, realisasi s.d. tahun n-3: ``21 Buku`` di baris yang target
Renstra-nya dalam %). Target tanpa angka tidak dapat dievaluasi. Satu
temuan per baris: sel pertama yang salah, dengan sel lain baris itu yang sama salahnya.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    Jumlah kelurahan yang mengikuti lomba | Satuan: Kelurahan | Target: 1 Dokumen

Contoh benar::

    Jumlah kelurahan yang mengikuti lomba | Satuan: Kelurahan | Target: 5 Kelurahan
"""


def _indikator_satuan(indikator: str | None):
    from xl_renja.satuan import canonical_satuan

    if not indikator:
        return None
    m = _JUMLAH.match(indikator)
    return canonical_satuan(m.group(1)) if m else None


def _names_satuan(indikator: str | None, satuan: str) -> bool:
    """Whether the indikator itself names the target's satuan as a word (after "Jumlah X")."""
    from xl_renja.satuan import canonical_satuan

    if not indikator:
        return False
    words = re.findall(r"[A-Za-z]+", indikator)[2:]
    canon = canonical_satuan(satuan)
    return any(w.lower() == satuan.lower() or (canon is not None and canonical_satuan(w) == canon) for w in words)


class TargetSatuan(Rule):
    """VL02 target-satuan: a target whose satuan disagrees with the row's satuan, or unreadable.

    The satuan written with a target (``12 Bulan``) must be the row's satuan column, or the
    unit its indikator counts (``Jumlah Dokumen ...``); in T-C.29 every value/satuan pair must
    use the satuan of the Renstra target, and so must a satuan written with the value itself in a
    column that has no satuan partner (column 5, realisasi up to year n-3: ``21 Buku`` on a row
    whose Renstra target is in %). A target with no quantity cannot be evaluated. One
    finding per row: at the first wrong cell, with the row's other wrong cells in ``cells``.
    """

    code = "VL02"
    name = "target-satuan"
    severity = Severity.WARNING
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        by_row: dict[tuple, list] = {}
        for d in self._cells(ctx):
            by_row.setdefault((d.sheet, d.row), []).append(d)
        for found in by_row.values():
            first = found[0]
            if len(found) == 1:
                yield first
                continue
            others = ", ".join(d.cell for d in found[1:])
            yield replace(first, message=self.msg("also", message=first.message, cells=others)[0],
                          message_en=self.msg("also", message=first.message_en, cells=others)[1],
                          cells=first.cells + tuple(c for d in found[1:] for c in d.cells))

    def _cells(self, ctx: Context):
        """Every wrong target cell, row by row (grouped per row by :meth:`check`)."""
        from xl_renja.satuan import canonical_satuan, same_satuan
        from xl_renja.values import parse_target

        for table in ctx.tables:
            if table.id == "T-C.29":
                yield from self._pairs(ctx, table, canonical_satuan, same_satuan)
                continue
            keys = [k for k in TARGET_KEYS if k in table.columns]
            if not keys:
                continue
            for row in table.rows:
                if row.kind == "label":
                    continue
                ref = row.text("satuan")
                ref_canon = canonical_satuan(ref) if ref else None
                source = "kolom satuan"
                if ref_canon is None and not ref:
                    ref_canon = _indikator_satuan(row.text("indikator"))
                    ref = ref_canon
                    source = "indikator"
                for key in keys:
                    cell = row.cell_of(key)
                    if cell is None or cell.is_error:
                        continue
                    t = parse_target(cell.value)
                    if t.quantity is not None and (not t.satuan or ref_canon is None):
                        continue  # nothing to compare
                    v = row.get(key)
                    if t.quantity is None:
                        yield self.at_value(ctx, v, self.msg("unreadable", text=v.text),
                                            table=table, row=row, actual=v.text)
                        continue
                    if not t.satuan or ref_canon is None or t.is_percent and ref_canon in ("Persen", "%"):
                        continue
                    if canonical_satuan(t.satuan) is None:
                        continue  # unknown satuan: VL03
                    if source == "indikator" and _names_satuan(row.text("indikator"), t.satuan):
                        continue  # "Jumlah Pelayanan Kasus ...": the indikator counts Kasus too
                    if not same_satuan(t.satuan, ref_canon):
                        yield self.at_value(
                            ctx, v, self.msg("mismatch", text=v.text, satuan=t.satuan, source=source, ref=ref),
                            table=table, row=row, expected=ref, actual=t.satuan,
                        )

    def _pairs(self, ctx, table, canonical_satuan, same_satuan):
        from xl_renja.values import parse_target

        # value columns 5-10 (column 4, the Renstra target, is the reference)
        values = ("realisasi_n3", "target_n", "realisasi_n", "target_n1", "realisasi_sd")
        for row in table.rows:
            if row.kind == "label":
                continue
            ref = row.text("target_renstra_satuan")
            if not ref or canonical_satuan(ref) is None:
                continue
            for key in values:
                if key + "_satuan" in table.columns:
                    v = row.get(key + "_satuan")
                    if v is None or not v.text or canonical_satuan(v.text) is None:
                        continue
                    if not same_satuan(v.text, ref):
                        yield self.at_value(ctx, v, self.msg("pair", text=v.text, ref=ref),
                                            table=table, row=row, expected=ref, actual=v.text)
                    continue
                # no satuan column: the satuan written with the value ("24 Bulan")
                cell = row.cell_of(key)
                if cell is None or cell.kind != "s":
                    continue
                t = parse_target(cell.value)
                if t.quantity is None or not t.satuan or canonical_satuan(t.satuan) is None:
                    continue
                if same_satuan(t.satuan, ref) or t.is_percent and same_satuan("%", ref):
                    continue
                v = row.get(key)
                yield self.at_value(ctx, v, self.msg("value", satuan=t.satuan, text=v.text, ref=ref),
                                    table=table, row=row, expected=ref, actual=t.satuan)
