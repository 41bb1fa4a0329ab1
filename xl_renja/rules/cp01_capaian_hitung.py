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
    "column": ("Kolom {label} berbeda dari hasil hitung ulang di {n} baris (baris {rows}), mis. baris {row}{of} "
               "berisi {actual}, hasil hitung ulang {expected}",
               "Column {label} differs from its recomputation on {n} rows (rows {rows}), e.g. row {row}{of} "
               "holds {actual}, recomputed {expected}"),
    "unfilled": ("Kolom {label} belum diisi (kosong atau 0) di {n} baris (baris {rows}), mis. baris {row}{of} "
                 "seharusnya {expected}",
                 "Column {label} is not filled in (empty or 0) on {n} rows (rows {rows}), e.g. row {row}{of} "
                 "should hold {expected}"),
}

#: a column is reported once (not row by row) when at least this share of the table's coded rows
#: deviate in it, and at least :data:`GROUP_MIN` rows do
GROUP_SHARE = 0.5
GROUP_MIN = 3

DOC_ID = """
CP01 capaian-hitung: kolom turunan berbeda dari hasil hitung ulangnya.

T-C.29: 8 = 7/6 x 100, 10 = 5 + 7 + 9, 11 = 10/4 x 100. Evaluasi triwulan (K dan Rp):
13 = 9 + 10 + 11 + 12, 14 = 7 + 13, 15 = 14/6 x 100. Satuan hitungan (Dokumen, Bulan, Orang)
dijumlahkan antartahun; persentase dan indeks tidak, sehingga 10, 13 dan 14 hanya dihitung ulang
untuk hitungan dan rupiah. Untuk indikator "makin kecil makin baik" (angka kemiskinan, inflasi)
capaian = (2 x target - realisasi) / target x 100. Nilai dianggap benar dalam ketelitian yang
ditampilkan selnya. Perbaikannya adalah rumus yang sama atas sel-sel baris itu sendiri.
Target dan realisasi yang ditulis sebagai teks (``7 Dokumen``) ikut dihitung.

Bila sedikitnya separuh baris berkode suatu tabel salah di satu kolom turunan, kolom itu
dilaporkan sekali (di sel nomor kolomnya, dengan semua sel dan nomor barisnya): nilai yang salah
sebagai galat, dan baris yang dibiarkan kosong atau 0 sebagai peringatan "belum diisi".
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
    read without doubt. Targets and realisations written as text (``7 Dokumen``) are read too.

    When at least half of a table's coded rows deviate in one derived column, the column is
    reported once (at its column-number cell, every affected cell in ``cells`` and every repair in
    ``fix``, the rows in the message): the wrong values as an error, and the rows left empty or 0
    as a separate "belum diisi" warning. Otherwise each cell is reported on its own.
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
            coded = [item for item in table.items if item.kode is not None] or table.items
            found: dict[str, list[_Deviation]] = {}
            for item in table.items:
                for row in item.with_continuations():
                    for d in derived(row):
                        dev = self._deviation(table, item, row, d, formats_known)
                        if dev is not None:
                            found.setdefault(d.key, []).append(dev)
            coded_ids = {id(r) for r in coded}
            out = []
            for key, devs in found.items():
                owners = {id(x.item) for x in devs if not x.blank and id(x.item) in coded_ids}
                if len(owners) >= GROUP_MIN and len(owners) >= GROUP_SHARE * len(coded):
                    out.extend(self._grouped(ctx, table, devs))
                else:
                    out.extend(self._single(ctx, table, x) for x in devs if not x.blank)
            yield from out

    def _deviation(self, table, item, row, d, formats_known) -> "_Deviation | None":
        """The cell of ``d`` when it differs from its recomputation (blank cells too, marked)."""
        value = d.cell
        if value.is_error:
            return None
        if value.is_blank:
            return _Deviation(item, row, d, None, blank=True) if d.value != 0 else None
        actual = _read(value)
        if actual is None:
            return None
        if abs(actual - d.value) <= shown_tolerance(value):
            return None
        if not formats_known and abs(actual * 100 - d.value) <= 0.5:
            return None  # a share (0.5) where the percentage (50) is expected: only the format can tell
        return _Deviation(item, row, d, actual)

    def _edit(self, table, d) -> Edit | None:
        if not d.certain:
            return None
        value = d.cell
        if value.cell is not None and value.cell.kind == "s":
            # a quantity written as text ("7 Dokumen") stays text, with its satuan
            from xl_renja.values import parse_target

            satuan = parse_target(value.raw).satuan
            text = number_id(round(d.cell_value, 2)) + (f" {satuan}" if satuan else "")
            return Edit(table.sheet_name, value.ref, text, None, safe=True)
        return Edit(table.sheet_name, value.ref, round(d.cell_value, 10), d.formula, safe=True)

    def _single(self, ctx, table, x: "_Deviation"):
        d, row = x.derived, x.row
        edit = self._edit(table, d)
        return self.at_value(
            ctx, d.cell,
            self.msg("differs", label=d.label, of=_of(row), actual=number_id(x.actual), expected=number_id(d.value)),
            table=table, row=row, expected=round(d.value, 4), actual=x.actual, fix=(edit,) if edit else (),
        )

    def _grouped(self, ctx, table, devs: list["_Deviation"]):
        wrong = [x for x in devs if not x.blank and x.actual != 0]
        unfilled = [x for x in devs if x.blank or x.actual == 0]
        col = devs[0].derived.cell.col
        if table.number_row and col in table.number_labels:
            at_row = table.number_row
        else:
            at_row = None
        for group, key, severity in ((wrong, "column", Severity.ERROR), (unfilled, "unfilled", Severity.WARNING)):
            if not group:
                continue
            first = group[0]
            d = first.derived
            edits = [e for e in (self._edit(table, x.derived) for x in group) if e is not None]
            message = self.msg(key, label=d.label, n=len(group), rows=_rows_text([x.row.row for x in group]),
                               row=first.row.row, of=_of(first.row), actual=number_id(first.actual),
                               expected=number_id(d.value))
            cells = [x.derived.cell.qualified for x in group]
            r = at_row or d.cell.row
            yield self.at(ctx, table.sheet_name, r, col, message, table=table,
                          row=None if at_row else first.row, severity=severity, cells=cells, fix=edits)


class _Deviation:
    """A derived cell that differs from its recomputation (``actual`` None for a blank cell)."""

    __slots__ = ("item", "row", "derived", "actual", "blank")

    def __init__(self, item, row, derived, actual, blank=False):
        self.item, self.row, self.derived, self.actual, self.blank = item, row, derived, actual, blank


def _read(value):
    """The number a derived cell holds: a number, or the quantity of a text such as ``7 Dokumen``."""
    num = value.number()
    if num is not None:
        return num
    from xl_renja.compute import quantity

    return quantity(value)


def _of(row) -> str:
    owner = row.parent if row.kind == "continuation" and row.parent is not None else row
    return f" ({owner.kode_text})" if owner.kode_text else ""


def _rows_text(rows: list[int]) -> str:
    """``10-18, 20, 24-26``: sheet rows as ranges."""
    rows = sorted(set(rows))
    parts, start, prev = [], rows[0], rows[0]
    for r in rows[1:] + [None]:
        if r is not None and r == prev + 1:
            prev = r
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if r is not None:
            start = prev = r
    return ", ".join(parts)
