"""TT05 catatan-selisih: T-C.31 rancangan awal and hasil analisis differ with no catatan penting."""

from __future__ import annotations

from xl_renja.diagnostics import Severity, rupiah
from xl_renja.rules.base import Context, Rule

MESSAGES = {
    "summary": ("Pagu rancangan awal dan kebutuhan dana hasil analisis T-C.31 berbeda tanpa catatan penting",
                "T-C.31 rancangan awal and hasil analisis pagu differ and the catatan penting is empty"),
    "differ": ("Pagu indikatif rancangan awal {nama} ({awal}) berbeda {diff} dari kebutuhan dana hasil analisis "
               "({hasil}) tetapi catatan penting kosong",
               "Rancangan awal pagu of {nama} ({awal}) differs by {diff} from the hasil analisis ({hasil}) "
               "but the catatan penting is empty"),
}

DOC_ID = """
TT05 catatan-selisih: pagu rancangan awal dan hasil analisis kebutuhan berbeda tanpa catatan penting.

Di T-C.31 (Tabel 2.3) perubahan dari pagu indikatif rancangan awal (kolom 6) ke kebutuhan dana hasil
analisis kebutuhan (kolom 11) harus dijelaskan di kolom catatan penting (kolom 12). Baris yang
kedua angkanya berbeda (lebih dari toleransi) dengan catatan kosong dilaporkan sebagai peringatan.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    Penyediaan Jasa Surat Menyurat   30.952.500 | ... | 35.000.000 | (catatan kosong)

Contoh benar::

    Penyediaan Jasa Surat Menyurat   30.952.500 | ... | 35.000.000 | Tambahan meterai
"""


class CatatanSelisih(Rule):
    """TT05 catatan-selisih: T-C.31 rancangan awal and hasil analisis pagu differ, catatan empty.

    In T-C.31 (Tabel 2.3) a change from the rancangan awal pagu indikatif (column 6) to the
    kebutuhan dana of the hasil analisis kebutuhan (column 11) must be explained in the catatan
    penting (column 12). Rows whose two amounts differ (by more than the tolerance) while the
    catatan is empty are reported as warnings.
    """

    code = "TT05"
    name = "catatan-selisih"
    severity = Severity.WARNING
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        tol = ctx.options.tolerance
        for t in ctx.tables:
            if t.id != "T-C.31" or "pagu" not in t.columns or "pagu_hasil" not in t.columns:
                continue
            for row in t.items:
                a, b = row.rupiah("pagu"), row.rupiah("pagu_hasil")
                if a is None or b is None or abs(a - b) <= tol + 1e-9:
                    continue
                if "catatan" in t.columns and row.text("catatan"):
                    continue
                hasil = row.get("pagu_hasil")
                cells = [row.get("pagu").qualified]
                if "catatan" in t.columns:
                    cells.append(row.get("catatan").qualified)
                yield self.at_value(ctx, hasil, self.msg("differ", nama=row.name or "-", awal=rupiah(a),
                                                         diff=rupiah(abs(a - b)), hasil=rupiah(b)),
                                    table=t, row=row, kode=None, expected=a, actual=b, cells=cells)
