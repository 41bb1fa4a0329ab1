"""Required cells on program, kegiatan and sub kegiatan rows."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule, level_name

_LABELS = {
    "indikator": ("indikator kinerja", "indikator"),
    "target": ("target capaian", "target"),
    "pagu": ("pagu indikatif", "pagu"),
    "lokasi": ("lokasi", "lokasi"),
    "sumber_dana": ("sumber dana", "funding source"),
    "target_n": ("target tahun berjalan", "current-year target"),
}
# what each layout requires, by kode level (3 program, 4 kegiatan, 5 sub kegiatan)
_REQUIRED = {
    "T-C.33": {
        3: ("indikator", "target", "pagu"),
        4: ("indikator", "target", "pagu"),
        5: ("indikator", "target", "pagu", "lokasi", "sumber_dana"),
    },
    "evaluasi-triwulan": {3: ("indikator", "target_n"), 4: ("indikator", "target_n"), 5: ("indikator", "target_n")},
}


class RequiredCell(Rule):
    """RQ01 sel-wajib: a required cell is empty on a program, kegiatan or sub kegiatan row.

    T-C.33: every program, kegiatan and sub kegiatan has an indikator, a target and a pagu; a
    sub kegiatan also a lokasi and a sumber dana. Quarterly evaluation: indikator and target.

    Contoh salah::

        4.01.01.2.06  Administrasi Umum Perangkat Daerah | Presentase ... | Target: (kosong) | 8.669.438.971

    Contoh benar::

        4.01.01.2.06  Administrasi Umum Perangkat Daerah | Presentase ... | Target: 100% | 8.669.438.971
    """

    code = "RQ01"
    name = "sel-wajib"
    severity = Severity.ERROR
    summary = "Sel wajib kosong pada baris program/kegiatan/sub kegiatan"
    summary_en = "A required cell is empty on a program/kegiatan/sub kegiatan row"

    def check(self, ctx: Context):
        for table in ctx.tables:
            required = _REQUIRED.get(table.id)
            if not required:
                continue
            for row in table.items:
                if row.kode is None or row.legacy:
                    continue
                for key in required.get(int(row.kode.level), ()):
                    if key not in table.columns:
                        continue
                    if row.has(key):
                        continue
                    label, label_en = _LABELS[key]
                    yield self.at(
                        ctx, table.sheet_name, row.row, table.columns[key],
                        f"{label.capitalize()} {level_name(row)} {row.kode.text} kosong",
                        f"{label_en.capitalize()} of {row.kode.text} is empty",
                        table=table, row=row,
                    )
