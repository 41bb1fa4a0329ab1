"""Cell values: numbers stored as text, targets and their satuan."""

from __future__ import annotations

import re

from xl_renja.diagnostics import Severity
from xl_renja.rules.base import Context, Rule

_JUMLAH = re.compile(r"^\s*[-\u2022]?\s*jumlah\s+([A-Za-z]+)", re.I)
_TARGET_KEYS = ("target", "target_n1", "target_hasil")


def _numeric_keys(table):
    for key in table.columns:
        spec = table.column_spec(key)
        if spec is None:
            continue
        if key == spec.key or spec.repeat:
            if spec.numeric or spec.money:
                yield key
        elif spec.pair == "rp" and key == f"{spec.key}_rp":
            yield key


def _all_rows(table):
    for row in table.rows:
        yield row
    yield from table.totals


class NumberAsText(Rule):
    """VL01 angka-teks: a number stored as text in a numeric column.

    ``'1.260.789.058`` typed with an apostrophe, or pasted from a PDF, looks like a number but
    Excel treats it as text: SUM skips it and the totals are silently wrong.

    Contoh salah::

        Pagu Indikatif: '1.260.789.058   (teks, rata kiri)

    Contoh benar::

        Pagu Indikatif: 1.260.789.058    (angka, format #.##0)
    """

    code = "VL01"
    name = "angka-teks"
    severity = Severity.ERROR
    summary = "Angka disimpan sebagai teks di kolom angka"
    summary_en = "A number stored as text in a numeric column"

    def check(self, ctx: Context):
        from xl_renja.values import parse_number

        for table in ctx.tables:
            keys = list(_numeric_keys(table))
            for row in _all_rows(table):
                for key in keys:
                    v = row.get(key)
                    if v is None or v.cell is None or v.cell.kind != "s" or v.is_blank:
                        continue
                    num = parse_number(v.raw)
                    if num is None:
                        continue
                    yield self.at_value(
                        ctx, v,
                        f"Angka \"{v.text}\" disimpan sebagai teks; Excel tidak menjumlahkannya",
                        f"Number \"{v.text}\" is stored as text; Excel will not add it up",
                        table=table, row=row, expected=num, actual=v.text,
                    )


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
    use the satuan of the Renstra target. A target with no quantity cannot be evaluated.

    Contoh salah::

        Jumlah kelurahan yang mengikuti lomba | Satuan: Kelurahan | Target: 1 Dokumen

    Contoh benar::

        Jumlah kelurahan yang mengikuti lomba | Satuan: Kelurahan | Target: 5 Kelurahan
    """

    code = "VL02"
    name = "target-satuan"
    severity = Severity.WARNING
    summary = "Satuan target tidak sesuai satuan baris/indikator, atau target tidak terbaca"
    summary_en = "A target whose satuan disagrees with the row's satuan or indikator, or unreadable"

    def check(self, ctx: Context):
        from xl_renja.satuan import canonical_satuan, same_satuan
        from xl_renja.values import parse_target

        for table in ctx.tables:
            if table.id == "T-C.29":
                yield from self._pairs(ctx, table, canonical_satuan, same_satuan)
                continue
            keys = [k for k in _TARGET_KEYS if k in table.columns]
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
                        yield self.at_value(
                            ctx, v, f"Target \"{v.text}\" tidak dapat dibaca: tidak ada angka capaiannya",
                            f"Target \"{v.text}\" cannot be read: it has no quantity",
                            table=table, row=row, actual=v.text,
                        )
                        continue
                    if not t.satuan or ref_canon is None or t.is_percent and ref_canon in ("Persen", "%"):
                        continue
                    if canonical_satuan(t.satuan) is None:
                        continue  # unknown satuan: VL03
                    if source == "indikator" and _names_satuan(row.text("indikator"), t.satuan):
                        continue  # "Jumlah Pelayanan Kasus ...": the indikator counts Kasus too
                    if not same_satuan(t.satuan, ref_canon):
                        yield self.at_value(
                            ctx, v,
                            f"Satuan target \"{v.text}\" ({t.satuan}) tidak sesuai {source} ({ref})",
                            f"Target \"{v.text}\" uses {t.satuan}, the row's satuan is {ref}",
                            table=table, row=row, expected=ref, actual=t.satuan,
                        )

    def _pairs(self, ctx, table, canonical_satuan, same_satuan):
        keys = ("target_n_satuan", "realisasi_n_satuan", "target_n1_satuan", "realisasi_sd_satuan")
        for row in table.rows:
            if row.kind == "label":
                continue
            ref = row.text("target_renstra_satuan")
            if not ref or canonical_satuan(ref) is None:
                continue
            for key in keys:
                v = row.get(key)
                if v is None or not v.text or canonical_satuan(v.text) is None:
                    continue
                if not same_satuan(v.text, ref):
                    yield self.at_value(
                        ctx, v, f"Satuan \"{v.text}\" tidak sesuai satuan target Renstra ({ref})",
                        f"Satuan \"{v.text}\" differs from the Renstra target's satuan ({ref})",
                        table=table, row=row, expected=ref, actual=v.text,
                    )


class UnknownSatuan(Rule):
    """VL03 satuan-tak-dikenal: an unknown satuan, with the likely intended one.

    Satuan cells and the satuan written with targets are compared with the known units
    (Bulan, Dokumen, Orang, Unit, Paket, ...); a typo is reported with the closest known unit.

    Contoh salah::

        Satuan: Bu;an      Target: 1 Dokmen

    Contoh benar::

        Satuan: Bulan      Target: 1 Dokumen
    """

    code = "VL03"
    name = "satuan-tak-dikenal"
    severity = Severity.WARNING
    summary = "Satuan tidak dikenal (dengan satuan yang mungkin dimaksud)"
    summary_en = "An unknown satuan, with the likely intended one"

    def check(self, ctx: Context):
        from xl_renja.satuan import canonical_satuan, suggest_satuan
        from xl_renja.values import parse_target

        for table in ctx.tables:
            satuan_keys = [k for k in table.columns if k == "satuan" or k.endswith("_satuan")]
            target_keys = [k for k in _TARGET_KEYS if k in table.columns]
            for row in table.rows:
                for key in satuan_keys:
                    text = row.text(key)
                    if not text or text == "%" or canonical_satuan(text) is not None:
                        continue
                    yield from self._judge(ctx, table, row, row.get(key), text, canonical_satuan,
                                           suggest_satuan, True)
                for key in target_keys:
                    cell = row.cell_of(key)
                    if cell is None or cell.kind != "s":
                        continue  # numbers carry no satuan
                    t = parse_target(cell.value)
                    if t.quantity is None or not t.satuan or t.is_percent or canonical_satuan(t.satuan):
                        continue
                    yield from self._judge(ctx, table, row, row.get(key), t.satuan, canonical_satuan,
                                           suggest_satuan, False)

    def _judge(self, ctx, table, row, v, satuan, canonical_satuan, suggest_satuan, explicit):
        if canonical_satuan(satuan) is not None:
            return
        hint = suggest_satuan(satuan)
        if hint is None and (not explicit or len(satuan.split()) > 2 or not any(ch.isalpha() for ch in satuan)):
            return
        if hint:
            msg = f"Satuan \"{satuan}\" tidak dikenal; mungkin maksudnya \"{hint}\""
            msg_en = f"Unknown satuan \"{satuan}\"; did you mean \"{hint}\"?"
        else:
            msg, msg_en = f"Satuan \"{satuan}\" tidak dikenal", f"Unknown satuan \"{satuan}\""
        yield self.at_value(ctx, v, msg, msg_en, table=table, row=row, expected=hint, actual=satuan)
