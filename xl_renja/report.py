"""Human-readable description of the tables found in a workbook (``tables`` command)."""

from __future__ import annotations

from xl_renja.diagnostics import qualified, quote_sheet
from xl_renja.kode import KodeLevel


def _ranges(rows: list[int]) -> str:
    if not rows:
        return "-"
    rows = sorted(rows)
    out, start, prev = [], rows[0], rows[0]
    for r in rows[1:] + [None]:
        if r is not None and r == prev + 1:
            prev = r
            continue
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
        if r is not None:
            start = prev = r
    return ", ".join(out)


def describe_tables(path, workbook, tables, unreadable, lang: str = "id") -> str:
    en = lang == "en"
    lines = [f"{path}:"]
    if not tables:
        lines.append("  no official table found" if en else "  tidak ada tabel resmi yang ditemukan")
    for t in tables:
        counts = t.count_levels()
        n_prog = counts.get(KodeLevel.PROGRAM, 0)
        n_keg = counts.get(KodeLevel.KEGIATAN, 0)
        n_sub = counts.get(KodeLevel.SUB_KEGIATAN, 0)
        legacy = sum(1 for r in t.items if r.legacy)
        lines.append(
            f"  {t.id} ({t.variant}) {'sheet' if en else 'lembar'} {quote_sheet(t.sheet_name)} "
            f"{'rows' if en else 'baris'} {t.first_row}-{t.last_row}: header {_ranges(t.header_rows)}, "
            f"{'column numbers' if en else 'nomor kolom'} {t.number_row}"
        )
        if t.spec and t.spec.has_kode:
            part = (f"    {n_prog} program, {n_keg} kegiatan, {n_sub} sub kegiatan")
            if legacy:
                part += f", {legacy} {'legacy codes' if en else 'kode format lama'}"
        else:
            part = f"    {len(t.items)} {'rows' if en else 'baris'}"
        cont = sum(1 for r in t.rows if r.kind == "continuation")
        labels = sum(1 for r in t.rows if r.kind == "label")
        part += (f", {cont} {'continuation rows' if en else 'baris lanjutan (indikator tambahan)'}, "
                 f"{labels} {'label rows' if en else 'baris label (urusan/tujuan/sasaran)'}")
        if t.totals:
            part += f", {'total row' if en else 'baris total'} {_ranges([r.row for r in t.totals])}"
        lines.append(part)
        if t.repeated_headers:
            lines.append(f"    {'repeated header rows' if en else 'judul kolom berulang di baris'} {_ranges(t.repeated_headers)}")
        if t.unplaced:
            lines.append(f"    {'rows not placed' if en else 'baris yang tidak dapat ditempatkan'}: {_ranges(t.unplaced)}")
        if t.missing:
            lines.append(f"    {'missing columns' if en else 'kolom tidak ditemukan'}: {', '.join(t.missing)}")
    for p in unreadable:
        lines.append(f"  {'unreadable' if en else 'tidak terbaca'} {qualified(p.sheet, p.cell)}: "
                     f"{p.reason_en if en else p.reason}")
    used = {t.sheet_name for t in tables} | {p.sheet for p in unreadable}
    other = [s.name for s in workbook.sheets if s.name not in used and not s.is_empty]
    if other:
        lines.append(f"  {'other sheets (no official table)' if en else 'lembar lain (bukan tabel resmi)'}: {', '.join(quote_sheet(o) for o in other)}")
    return "\n".join(lines) + "\n"
