"""VL03 satuan-tak-dikenal: unknown satuan, with the likely intended one."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.edits import Edit
from xl_renja.rules.base import TARGET_KEYS, Context, Rule

MESSAGES = {
    "summary": ("Satuan tidak dikenal (dengan satuan yang mungkin dimaksud)",
                "An unknown satuan, with the likely intended one"),
    "hint": ("Satuan \"{satuan}\" tidak dikenal; mungkin maksudnya \"{hint}\"",
             "Unknown satuan \"{satuan}\"; did you mean \"{hint}\"?"),
    "unknown": ("Satuan \"{satuan}\" tidak dikenal", "Unknown satuan \"{satuan}\""),
}

DOC_ID = """
VL03 satuan-tak-dikenal: satuan tidak dikenal, dengan satuan yang mungkin dimaksud.

Sel satuan dan satuan yang ditulis bersama target dibandingkan dengan satuan yang dikenal (Bulan,
Dokumen, Orang, Unit, Paket, ...); salah ketik dilaporkan bersama satuan terdekat. Bila hanya ada
satu calon, perbaikannya (aman) mengganti satuan itu saja.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    Satuan: Bu;an      Target: 1 Dokmen

Contoh benar::

    Satuan: Bulan      Target: 1 Dokumen
"""


class UnknownSatuan(Rule):
    """VL03 satuan-tak-dikenal: an unknown satuan, with the likely intended one.

    Satuan cells and the satuan written with targets are compared with the known units
    (Bulan, Dokumen, Orang, Unit, Paket, ...); a typo is reported with the closest known unit.
    With one candidate the repair (safe) replaces that satuan and nothing else of the cell.
    """

    code = "VL03"
    name = "satuan-tak-dikenal"
    severity = Severity.WARNING
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        from xl_renja.satuan import canonical_satuan
        from xl_renja.values import parse_target

        for table in ctx.tables:
            satuan_keys = [k for k in table.columns if k == "satuan" or k.endswith("_satuan")]
            target_keys = [k for k in TARGET_KEYS if k in table.columns]
            for row in table.rows:
                for key in satuan_keys:
                    text = row.text(key)
                    if not text or text == "%" or canonical_satuan(text) is not None:
                        continue
                    yield from self._judge(ctx, table, row, row.get(key), text, True)
                for key in target_keys:
                    cell = row.cell_of(key)
                    if cell is None or cell.kind != "s":
                        continue  # numbers carry no satuan
                    t = parse_target(cell.value)
                    if t.quantity is None or not t.satuan or t.is_percent or canonical_satuan(t.satuan):
                        continue
                    yield from self._judge(ctx, table, row, row.get(key), t.satuan, False)

    def _judge(self, ctx, table, row, v, satuan, explicit):
        from xl_renja.satuan import canonical_satuan, satuan_candidates, suggest_satuan

        if canonical_satuan(satuan) is not None:
            return
        hint = suggest_satuan(satuan)
        if hint is None and (not explicit or len(satuan.split()) > 2 or not any(ch.isalpha() for ch in satuan)):
            return
        fix = ()
        if hint:
            raw = str(v.raw)
            # one candidate, written once in the cell: replace exactly that
            if raw.count(satuan) == 1 and len(satuan_candidates(satuan)) == 1:
                fix = (Edit(table.sheet_name, v.ref, raw.replace(satuan, hint), safe=True),)
            msg = self.msg("hint", satuan=satuan, hint=hint)
        else:
            msg = self.msg("unknown", satuan=satuan)
        yield self.at_value(ctx, v, msg, table=table, row=row, expected=hint, actual=satuan, fix=fix)
