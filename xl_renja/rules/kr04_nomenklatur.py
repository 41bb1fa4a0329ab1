"""KR04 nomenklatur: kode and name against the official nomenclature."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule, kode_tables, level_name

MESSAGES = {
    "summary": ("Kode dan nama tidak sesuai nomenklatur resmi", "Kode and name disagree with the official nomenclature"),
    "name": ("Nama {level} {kode} \"{name}\" tidak sesuai nomenklatur resmi: \"{official}\"",
             "Name of {kode} \"{name}\" differs from the official \"{official}\""),
    "kode": ("Kode {kode} tampaknya salah: \"{name}\" adalah nomenklatur resmi {other} (nama resmi {kode}: "
             "\"{official}\")",
             "Kode {kode} looks wrong: \"{name}\" is the official name of {other} (official name of {kode}: "
             "\"{official}\")"),
}

DOC_ID = """
KR04 nomenklatur: kode dan nama tidak sesuai nomenklatur resmi.

Nama dibandingkan dengan nomenklatur Permendagri 90/2019 (bawaan untuk bidang 4.01 dan program
penunjang X.XX.01) atau dengan ekspor SIPD pengguna (``--nomenklatur``), setelah huruf besar/kecil,
spasi dan tanda baca disamakan ("Kerjasama" = "Kerja Sama"). Kode yang tidak ada di rujukan tidak
dinilai. Ekspor SIPD dengan kolom JENIS PEMDA: Renja kab/kota dinilai dengan nama kab/kota, Renja
provinsi (judulnya hanya menyebut Provinsi) dengan nama provinsi.

Bila nama itu adalah nama resmi kode lain yang setingkat, dan kode baris itu ganda, tidak berada di
bawah induk di atasnya, atau kode lain itu tidak ada di tabel, yang salah adalah kodenya: temuan
ditunjuk di sel kode dengan kode yang dimaksud (``expected``).
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
    after normalising case, spacing and punctuation ("Kerjasama" = "Kerja Sama"). Codes the
    reference does not know are not judged. With a SIPD export's JENIS PEMDA column a kab/kota
    Renja is judged with the kab/kota names, a provincial one (its titles name only a Provinsi)
    with the provincial names.

    When the name is the official name of another kode of the same level, and the row's kode is
    duplicated, not under the parent above it, or the other kode is absent from the table, the
    kode is what is wrong: the finding points at the kode cell, with the intended kode as
    ``expected``.
    """

    code = "KR04"
    name = "nomenklatur"
    severity = Severity.WARNING
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        from xl_renja.nomenklatur import pemda_kind, same_name

        nom = ctx.options.nomenklatur
        if nom is None:
            from xl_renja.nomenklatur import builtin

            nom = ctx.options.nomenklatur = builtin()
        jenis = pemda_kind(ctx.workbook, ctx.tables) if nom.by_jenis else None
        for table in kode_tables(ctx):
            if "uraian" not in table.columns:
                continue
            counts: dict[str, int] = {}
            for row in table.items:
                if row.kode is not None:
                    key = row.kode.canonical(4)
                    counts[key] = counts.get(key, 0) + 1
            for row in table.items:
                if row.kode is None or row.legacy or row.kode.level < 3:
                    continue
                hit = nom.lookup(row.kode, jenis)
                if hit is None:
                    continue
                _official_kode, official = hit
                nv = row.get("uraian")
                name = nv.text if nv else None
                if not name or same_name(name, official):
                    continue
                other = self._intended(row, name, nom, jenis, counts)
                if other is not None:
                    yield self.at_value(
                        ctx, row.get("kode"),
                        self.msg("kode", kode=row.kode.text, name=name, other=other, official=official),
                        table=table, row=row, expected=other, actual=row.kode.text, cells=[nv.qualified],
                    )
                    continue
                yield self.at_value(
                    ctx, nv, self.msg("name", level=level_name(row), kode=row.kode.text, name=name, official=official),
                    table=table, row=row, expected=official, actual=name,
                )

    @staticmethod
    def _intended(row, name, nom, jenis, counts) -> str | None:
        """The kode the row means when its kode, not its name, is wrong (see the class doc)."""
        from xl_renja.kode import parse_kode

        candidates = []
        for text in nom.kodes_named(name, jenis):
            if text.upper().startswith("X.XX"):
                text = ".".join(row.kode.segments[:2]) + text[4:]
            k = parse_kode(text)
            if k is not None and k.level == row.kode.level and k.canonical(4) != row.kode.canonical(4):
                candidates.append(k)
        if len(candidates) != 1:
            return None
        other = candidates[0]
        duplicated = counts.get(row.kode.canonical(4), 0) > 1
        above = row.above
        misplaced = above is not None and above.kode is not None and not row.kode.text.startswith(above.kode.text + ".")
        absent = other.canonical(4) not in counts
        if not (duplicated or misplaced or absent):
            return None
        digits = row.kode.sub_digits
        return other.canonical(digits) if digits else other.text
