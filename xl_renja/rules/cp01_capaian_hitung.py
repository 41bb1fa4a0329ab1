"""CP01 capaian-hitung: derived columns against their recomputation (``xl_renja.compute``)."""

from __future__ import annotations

from xl_renja.compute import derived
from xl_renja.diagnostics import Severity, number_id
from xl_renja.edits import Edit
from xl_renja.rules.base import Context, Rule

MESSAGES = {
    "summary": ("Kolom turunan (capaian, jumlah realisasi) berbeda dari hasil hitung ulang",
                "A derived column differs from its recomputation"),
    "differs": ("Kolom {label}{of} berisi {actual}, hasil hitung ulang {expected}",
                "Column {label}{of} holds {actual}, recomputed {expected}"),
}

DOC_ID = """
CP01 capaian-hitung: kolom turunan berbeda dari hasil hitung ulangnya.

T-C.29: 8 = 7/6 x 100, 10 = 5 + 7 + 9, 11 = 10/4 x 100. Evaluasi triwulan (K dan Rp):
13 = 9 + 10 + 11 + 12, 14 = 7 + 13, 15 = 14/6 x 100. Satuan hitungan (Dokumen, Bulan, Orang)
dijumlahkan antartahun; persentase dan indeks tidak, sehingga 10, 13 dan 14 hanya dihitung ulang
untuk hitungan dan rupiah. Untuk indikator "makin kecil makin baik" (angka kemiskinan, inflasi)
capaian = (2 x target - realisasi) / target x 100. Nilai dianggap benar dalam ketelitian yang
ditampilkan selnya. Perbaikannya adalah rumus yang sama atas sel-sel baris itu sendiri.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    Target 2020: 3 Dok | Realisasi 2020: 2 Dok | Tingkat realisasi (8): 100 %

Contoh benar::

    Target 2020: 3 Dok | Realisasi 2020: 2 Dok | Tingkat realisasi (8): 66,67 %
"""


def shown_tolerance(value) -> float:
    """Half a unit of the last decimal the cell shows (66,67 is right within 0,005)."""
    d = value.decimals_shown()
    if d is None:
        num = value.number()
        text = repr(float(num)) if num is not None else "0"
        d = 0 if text.endswith(".0") else min(len(text.split(".")[1]), 6) if "." in text else 0
    return 0.5 * 10 ** (-d) + 1e-9


class DerivedColumn(Rule):
    """CP01 capaian-hitung: a derived column differs from its recomputation.

    T-C.29: 8 = 7/6 x 100, 10 = 5 + 7 + 9, 11 = 10/4 x 100. Quarterly evaluation (K and Rp):
    13 = 9 + 10 + 11 + 12, 14 = 7 + 13, 15 = 14/6 x 100. Counts (Dokumen, Bulan, Orang) add up
    across years; percentages and indices do not, so 10, 13 and 14 are only recomputed for counts
    and rupiah. For "lower is better" indicators (angka kemiskinan, inflasi) the capaian is
    (2 x target - realisasi) / target x 100. A value is right within the precision its cell shows.
    Without number formats (a grid from a front end that cannot read them) a share such as 0.5
    that matches the percentage is not reported. The repair is the formula of ``xl_renja.compute``
    over the row's own cells (a value where an input is text), marked safe when every input is
    read without doubt.
    """

    code = "CP01"
    name = "capaian-hitung"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        formats_known = ctx.workbook.formats_known
        for table in ctx.tables:
            if table.id not in ("T-C.29", "evaluasi-triwulan"):
                continue
            for item in table.items:
                for row in item.with_continuations():
                    for d in derived(row):
                        yield from self._emit(ctx, table, row, d, formats_known)

    def _emit(self, ctx, table, row, d, formats_known):
        value = d.cell
        if value.is_blank or value.is_error:
            return
        actual = value.number()
        if actual is None:
            return
        if abs(actual - d.value) <= shown_tolerance(value):
            return
        if not formats_known and abs(actual * 100 - d.value) <= 0.5:
            return  # a share (0.5) where the percentage (50) is expected: only the format can tell
        owner = row.parent if row.kind == "continuation" and row.parent is not None else row
        of = f" ({owner.kode_text})" if owner.kode_text else ""
        fix = ()
        if d.certain:
            fix = (Edit(table.sheet_name, value.ref, round(d.cell_value, 10), d.formula, safe=True),)
        yield self.at_value(
            ctx, value, self.msg("differs", label=d.label, of=of, actual=number_id(actual), expected=number_id(d.value)),
            table=table, row=row, expected=round(d.value, 4), actual=actual, fix=fix,
        )
