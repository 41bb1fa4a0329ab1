"""TT04 pagu-antar-tabel: the same kegiatan in T-C.31 (hasil analisis kebutuhan) and T-C.33 with different pagu."""

from __future__ import annotations

from xl_renja.diagnostics import Severity, rupiah
from xl_renja.rules.base import Context, Rule, level_name

MESSAGES = {
    "summary": ("Pagu kegiatan/sub kegiatan di T-C.31 (hasil analisis kebutuhan) berbeda dari T-C.33",
                "A kegiatan's pagu in T-C.31 (hasil analisis kebutuhan) differs from T-C.33"),
    "mismatch": ("Kebutuhan dana {nama} di {left} ({stated}) berbeda {diff} dari pagu {level} {kode} di {right} "
                 "({other}; dicocokkan menurut {how})",
                 "Kebutuhan dana of {nama} in {left} ({stated}) differs by {diff} from the pagu of {kode} in {right} "
                 "({other}; paired by {how_en})"),
    "rounding": (": selisih pembulatan", ": rounding"),
}

HOW = {"kode": ("kode", "kode"), "nama": ("nama", "name"), "nama~": ("nama yang mirip", "a close name")}

DOC_ID = """
TT04 pagu-antar-tabel: kegiatan atau sub kegiatan yang sama berbeda pagu di T-C.31 dan T-C.33.

Kebutuhan dana hasil analisis kebutuhan (kolom 11 Tabel T-C.31 / Tabel 2.3) harus sama dengan
pagu tahun n baris yang sama di T-C.33 (Tabel 3.1). Baris dicocokkan menurut kode bila tertulis,
selain itu menurut nama yang dinormalkan (huruf besar/kecil, tanda baca dan spasi diabaikan; nama
yang tertulis dua kali dipasangkan berurutan; salah ketik kecil masih cocok). Selisih dalam
toleransi dilaporkan sebagai peringatan pembulatan. Baris yang tidak menemukan pasangan didaftar
oleh ``python -m xl_renja totals`` ("tidak dicocokkan").
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    Tabel 2.3  Penyediaan Jasa Surat Menyurat        kebutuhan dana 35.000.000
    Tabel 3.1  4.01.01.2.08.01 Penyediaan Jasa Surat Menyurat   30.952.500

Contoh benar::

    Tabel 2.3  Penyediaan Jasa Surat Menyurat        kebutuhan dana 30.952.500
    Tabel 3.1  4.01.01.2.08.01 Penyediaan Jasa Surat Menyurat   30.952.500
"""


class CrossTablePagu(Rule):
    """TT04 pagu-antar-tabel: the same kegiatan or sub kegiatan has different pagu in T-C.31 and T-C.33.

    The kebutuhan dana of the hasil analisis kebutuhan (column 11 of T-C.31 / Tabel 2.3) must
    equal the year-n pagu of the same row of T-C.33 (Tabel 3.1). Rows pair by kode where one is
    written, else by normalised name (case, punctuation and spaces ignored; a name written twice
    pairs in order; a small typo still pairs). A difference within the tolerance is a rounding
    warning. Rows that pair with nothing are listed by ``python -m xl_renja totals``.
    """

    code = "TT04"
    name = "pagu-antar-tabel"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        from xl_renja.crosscheck import table_pairs

        tol = ctx.options.tolerance
        for t31, t33, pairs, _l, _r in table_pairs(ctx.tables):
            for p in pairs:
                left_v, right_v = p.left.get("pagu_hasil"), p.right.get("pagu")
                a, b = p.left.rupiah("pagu_hasil"), p.right.rupiah("pagu")
                if a is None or b is None or abs(a - b) < 1e-6:
                    continue
                rounding = abs(a - b) <= tol + 1e-9
                msg = self.msg("mismatch", nama=p.left.name, left=t31.sheet_name, stated=rupiah(a),
                               diff=rupiah(abs(a - b)), level=level_name(p.right), kode=p.right.kode.text,
                               right=t33.sheet_name, other=rupiah(b), how=HOW[p.how][0], how_en=HOW[p.how][1])
                if rounding:
                    tail = self.msg("rounding")
                    msg = (msg[0] + tail[0], msg[1] + tail[1])
                yield self.at_value(ctx, left_v, msg, table=t31, kode=p.right.kode.text, expected=b, actual=a,
                                    severity=Severity.WARNING if rounding else None,
                                    cells=(right_v.qualified,))
