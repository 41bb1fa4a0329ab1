"""Derived columns recomputed: T-C.29 8, 10, 11 and the quarterly evaluation 13, 14, 15."""

from __future__ import annotations

from xl_renja.diagnostics import Severity, number_id
from xl_renja.rules.base import Context, Rule, is_count, quantity


def shown_tolerance(value) -> float:
    """Half a unit of the last decimal the cell shows (66,67 is right within 0,005)."""
    d = value.decimals_shown()
    if d is None:
        num = value.number()
        text = repr(float(num)) if num is not None else "0"
        d = 0 if text.endswith(".0") else min(len(text.split(".")[1]), 6) if "." in text else 0
    return 0.5 * 10 ** (-d) + 1e-9


def capaian(target, real, lower: bool):
    if target in (None, 0) or real is None:
        return None
    if lower:
        return (2 * target - real) / target * 100
    return real / target * 100


def _satuan_of(row, *keys):
    for key in keys:
        v = row.get(key)
        if v is not None and v.text:
            return v.text
    return None


class DerivedColumn(Rule):
    """CP01 capaian-hitung: a derived column differs from its recomputation.

    T-C.29: 8 = 7/6 x 100, 10 = 5 + 7 + 9, 11 = 10/4 x 100. Quarterly evaluation (K and Rp):
    13 = 9 + 10 + 11 + 12, 14 = 7 + 13, 15 = 14/6 x 100. Counts (Dokumen, Bulan, Orang) add up
    across years; percentages and indices do not, so 10, 13 and 14 are only recomputed for counts
    and rupiah. For "lower is better" indicators (angka kemiskinan, inflasi) the capaian is
    (2 x target - realisasi) / target x 100. A value is right within the precision its cell shows.

    Contoh salah::

        Target 2020: 3 Dok | Realisasi 2020: 2 Dok | Tingkat realisasi (8): 100 %

    Contoh benar::

        Target 2020: 3 Dok | Realisasi 2020: 2 Dok | Tingkat realisasi (8): 66,67 %
    """

    code = "CP01"
    name = "capaian-hitung"
    severity = Severity.ERROR
    summary = "Kolom turunan (capaian, jumlah realisasi) berbeda dari hasil hitung ulang"
    summary_en = "A derived column differs from its recomputation"

    def check(self, ctx: Context):
        from xl_renja.satuan import lower_is_better

        for table in ctx.tables:
            if table.id not in ("T-C.29", "evaluasi-triwulan"):
                continue
            for item in table.items:
                for row in item.with_continuations():
                    indikator = row.text("indikator") or ""
                    lower = lower_is_better(indikator)
                    if table.id == "T-C.29":
                        yield from self._tc29(ctx, table, row, lower, indikator)
                    else:
                        yield from self._triwulan(ctx, table, row, lower, indikator)

    def _emit(self, ctx, table, row, key, expected, label):
        value = row.get(key)
        if value is None or expected is None or value.is_blank or value.is_error:
            return
        actual = value.number()
        if actual is None:
            return
        if abs(actual - expected) <= shown_tolerance(value):
            return
        owner = row.parent if row.kind == "continuation" and row.parent is not None else row
        of = f" ({owner.kode_text})" if owner.kode_text else ""
        yield self.at_value(
            ctx, value,
            f"Kolom {label}{of} berisi {number_id(actual)}, hasil hitung ulang {number_id(expected)}",
            f"Column {label}{of} holds {number_id(actual)}, recomputed {number_id(expected)}",
            table=table, row=row, expected=round(expected, 4), actual=actual,
        )

    def _tc29(self, ctx, table, row, lower, indikator):
        satuan = _satuan_of(row, "target_renstra_satuan", "target_n_satuan")
        if satuan is None:
            from xl_renja.values import parse_target

            satuan = parse_target(row.get("target_renstra").raw).satuan if row.get("target_renstra") else None
        t6, r7 = quantity(row.get("target_n")), quantity(row.get("realisasi_n"))
        yield from self._emit(ctx, table, row, "tingkat_realisasi", capaian(t6, r7, lower), "8=(7/6x100)")
        if is_count(satuan, indikator) and not lower:
            parts = [quantity(row.get(k)) for k in ("realisasi_n3", "realisasi_n", "target_n1")]
            if all(p is not None for p in parts):
                yield from self._emit(ctx, table, row, "realisasi_sd", sum(parts), "10=(5+7+9)")
        t4, r10 = quantity(row.get("target_renstra")), quantity(row.get("realisasi_sd"))
        yield from self._emit(ctx, table, row, "capaian_renstra", capaian(t4, r10, lower), "11=(10/4x100)")

    def _triwulan(self, ctx, table, row, lower, indikator):
        from xl_renja.values import parse_target

        tv = row.get("target_renstra")
        satuan = parse_target(tv.raw).satuan if tv is not None and not tv.is_blank else None
        additive = is_count(satuan, indikator)
        for suffix, money in (("", False), ("_rp", True)):
            if "realisasi_n" + suffix not in table.columns:
                continue
            def q(key, suffix=suffix):
                return quantity(row.get(key + suffix))

            if money or (additive and not lower):
                tws = [q(k) for k in ("tw1", "tw2", "tw3", "tw4")]
                if any(t is not None for t in tws):
                    yield from self._emit(ctx, table, row, "realisasi_n" + suffix,
                                          sum(t for t in tws if t is not None), "13=9+10+11+12" + (" (Rp)" if money else " (K)"))
                lalu, n = q("realisasi_lalu"), q("realisasi_n")
                if lalu is not None and n is not None:
                    yield from self._emit(ctx, table, row, "realisasi_sd" + suffix, lalu + n,
                                          "14=7+13" + (" (Rp)" if money else " (K)"))
            yield from self._emit(ctx, table, row, "capaian" + suffix,
                                  capaian(q("target_renstra"), q("realisasi_sd"), lower and not money),
                                  "15=14/6x100" + (" (Rp)" if money else " (K)"))
