"""KR04 nomenklatur: kode and name against the official nomenclature."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule, kode_tables, level_name

MESSAGES = {
    "summary": ("Kode dan nama tidak sesuai nomenklatur resmi", "Kode and name disagree with the official nomenclature"),
    "name": ("Nama {level} {kode} \"{name}\" tidak sesuai nomenklatur resmi: \"{official}\"",
             "Name of {kode} \"{name}\" differs from the official \"{official}\""),
}

DOC_ID = """
KR04 nomenklatur: kode dan nama tidak sesuai nomenklatur resmi.

Nama dibandingkan dengan nomenklatur Permendagri 90/2019 (bawaan untuk bidang 4.01 dan program
penunjang X.XX.01) atau dengan ekspor SIPD pengguna (``--nomenklatur``), setelah huruf besar/kecil,
spasi dan tanda baca disamakan. Kode yang tidak ada di rujukan tidak dinilai.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    4.01.01.2.01.01  Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD

Contoh benar::

    4.01.01.2.01.01  Penyusunan Dokumen Perencanaan Perangkat Daerah
"""


class KodeNomenklatur(Rule):
    """KR04 nomenklatur: kode and name disagree with the official nomenclature.

    Names are compared with the Permendagri 90/2019 nomenclature (built in for bidang 4.01 and
    the penunjang program X.XX.01) or with the user's SIPD export given with ``--nomenklatur``,
    after normalising case, spaces and punctuation. Codes the reference does not know are not
    judged.
    """

    code = "KR04"
    name = "nomenklatur"
    severity = Severity.WARNING
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        from xl_renja.values import normalize_text

        nom = ctx.options.nomenklatur
        if nom is None:
            from xl_renja.nomenklatur import builtin

            nom = ctx.options.nomenklatur = builtin()
        for table in kode_tables(ctx):
            if "uraian" not in table.columns:
                continue
            for row in table.items:
                if row.kode is None or row.legacy or row.kode.level < 3:
                    continue
                hit = nom.lookup(row.kode)
                if hit is None:
                    continue
                _official_kode, official = hit
                nv = row.get("uraian")
                name = nv.text if nv else None
                if not name or normalize_text(name) == normalize_text(official):
                    continue
                yield self.at_value(
                    ctx, nv, self.msg("name", level=level_name(row), kode=row.kode.text, name=name, official=official),
                    table=table, row=row, expected=official, actual=name,
                )
