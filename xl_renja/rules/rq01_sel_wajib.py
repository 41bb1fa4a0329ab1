"""RQ01 sel-wajib: required cells on program, kegiatan and sub kegiatan rows."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule, level_name

#: how each required column is named in a message (Indonesian, English)
LABELS = {
    "indikator": ("indikator kinerja", "indikator"),
    "target": ("target capaian", "target"),
    "pagu": ("pagu indikatif", "pagu"),
    "lokasi": ("lokasi", "lokasi"),
    "sumber_dana": ("sumber dana", "funding source"),
    "target_n": ("target tahun berjalan", "current-year target"),
    "target_n1": ("target capaian tahun n+1", "year n+1 target"),
    "pagu_n1": ("pagu indikatif tahun n+1", "year n+1 pagu"),
}

MESSAGES = {
    "summary": ("Sel wajib kosong pada baris program/kegiatan/sub kegiatan",
                "A required cell is empty on a program/kegiatan/sub kegiatan row"),
    "empty": ("{label} {level} {kode} kosong", "{label_en} of {kode} is empty"),
}

DOC_ID = """
RQ01 sel-wajib: sel wajib kosong pada baris program, kegiatan atau sub kegiatan.

T-C.33: setiap program, kegiatan dan sub kegiatan memiliki indikator, target dan pagu untuk tahun
n dan juga target dan pagu prakiraan maju tahun n+1; sub kegiatan juga lokasi dan sumber dana.
Evaluasi triwulan: indikator dan target.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    4.01.01.2.06  Administrasi Umum Perangkat Daerah | Presentase ... | Target: (kosong) | 8.669.438.971

Contoh benar::

    4.01.01.2.06  Administrasi Umum Perangkat Daerah | Presentase ... | Target: 100% | 8.669.438.971
"""


class RequiredCell(Rule):
    """RQ01 sel-wajib: a required cell is empty on a program, kegiatan or sub kegiatan row.

    T-C.33: every program, kegiatan and sub kegiatan has an indikator, a target and a pagu for
    year n, and a target and a pagu for the prakiraan maju year n+1; a sub kegiatan also a
    lokasi and a sumber dana. Quarterly evaluation: indikator and target.
    What each layout requires is declared by the layout (``LayoutSpec.required``).
    """

    code = "RQ01"
    name = "sel-wajib"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        for table in ctx.tables:
            required = table.spec.required if table.spec else {}
            if not required:
                continue
            for row in table.items:
                if row.kode is None or row.legacy:
                    continue
                for key in required.get(int(row.kode.level), ()):
                    if key not in table.columns or row.has(key):
                        continue
                    label, label_en = LABELS[key]
                    yield self.at(
                        ctx, table.sheet_name, row.row, table.columns[key],
                        self.msg("empty", label=label.capitalize(), label_en=label_en.capitalize(),
                                 level=level_name(row), kode=row.kode.text),
                        table=table, row=row,
                    )
