"""VL01 angka-teks: numbers stored as text in numeric columns."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.edits import Edit
from xl_renja.rules.base import Context, Rule

MESSAGES = {
    "summary": ("Angka disimpan sebagai teks di kolom angka", "A number stored as text in a numeric column"),
    "as_text": ("Angka \"{text}\" disimpan sebagai teks; Excel tidak menjumlahkannya",
                "Number \"{text}\" is stored as text; Excel will not add it up"),
}

DOC_ID = """
VL01 angka-teks: angka disimpan sebagai teks di kolom angka.

``'1.260.789.058`` yang diketik dengan apostrof, atau ditempel dari PDF, tampak seperti angka
tetapi Excel menganggapnya teks: SUM melewatinya dan jumlahnya salah tanpa terlihat. Perbaikannya
(aman) menulis angkanya, dengan format angka sel tetap. Persentase yang ditulis dengan tandanya
(``100 %``) di kolom target, realisasi atau capaian adalah nilai dengan satuannya, seperti
``7 Dokumen``, dan diterima sama di setiap tata letak; di kolom rupiah tetap dilaporkan.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    Pagu Indikatif: '1.260.789.058   (teks, rata kiri)

Contoh benar::

    Pagu Indikatif: 1.260.789.058    (angka, format #.##0)
"""


def _percent_sign(raw) -> bool:
    return isinstance(raw, str) and (raw.strip().endswith("%") or raw.strip().lower().endswith("persen"))


def number_as_text(text, money: bool):
    """The number a text cell of a numeric column holds (VL01), or None when it is not one: not
    a number at all, or a percentage written with its sign outside a rupiah column ("100 %", a
    quantity with its satuan like "7 Dokumen"). Shared with :func:`xl_renja.schema`."""
    from xl_renja.values import parse_number

    if not isinstance(text, str):
        return None
    num = parse_number(text)
    if num is None or (not money and _percent_sign(text)):
        return None
    return num


def numeric_keys(table):
    """The table's columns that must hold numbers (numeric and money specs, K/Rp partners)."""
    for key in table.columns:
        spec = table.column_spec(key)
        if spec is None and key.endswith("_rp"):
            spec = table.column_spec(key[:-3])  # the Rp partner of a K/Rp pair
        if spec is None:
            continue
        if key == spec.key or spec.repeat:
            if spec.numeric or spec.money:
                yield key
        elif spec.pair == "rp" and key == f"{spec.key}_rp":
            yield key


class NumberAsText(Rule):
    """VL01 angka-teks: a number stored as text in a numeric column.

    ``'1.260.789.058`` typed with an apostrophe, or pasted from a PDF, looks like a number but
    Excel treats it as text: SUM skips it and the totals are silently wrong. The repair (safe)
    writes the number; the cell keeps its number format. A percentage written with its sign
    (``100 %``) in a target, realisation or capaian column is a value with its satuan, like
    ``7 Dokumen``, and is accepted alike in every layout; in a rupiah column it is reported.
    """

    code = "VL01"
    name = "angka-teks"
    severity = Severity.ERROR
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    def check(self, ctx: Context):
        for table in ctx.tables:
            keys = list(numeric_keys(table))
            money = {k for k in keys if (k.endswith("_rp") and not k.startswith("capaian"))
                     or getattr(table.column_spec(k), "money", False)}
            for row in list(table.rows) + list(table.totals):
                for key in keys:
                    v = row.get(key)
                    if v is None or v.cell is None or v.cell.kind != "s" or v.is_blank:
                        continue
                    num = number_as_text(v.raw, key in money)
                    if num is None:
                        continue
                    cell_value = num / 100 if v.is_percent_format and "%" in v.raw else num
                    yield self.at_value(
                        ctx, v, self.msg("as_text", text=v.text), table=table, row=row, expected=num, actual=v.text,
                        fix=(Edit(table.sheet_name, v.ref, cell_value, safe=True),),
                    )
