"""Build the example workbook and the empty official templates from the seed Renja text.

Usage::

    python workbooks/build_contoh.py [SEED_TXT] [--out-dir DIR]

SEED_TXT defaults to ``../shared/seed/renja_setda_kota_serang_2022.txt`` resolved from the
repository root; DIR defaults to ``workbooks/`` of the repository.  The script writes

* ``DIR/contoh/renja_setda_kota_serang_2022.xlsx``: the seed's Tabel 2.1, 2.2, 2.3, 3.1 and 3.2
  as an Indonesian government office keeps them in Excel, plus a ``Catatan`` sheet, and
* ``DIR/templates/*.xlsx``: one empty workbook per official layout.

The seed is the text extraction of a PDF: tables are tab-separated lines.  Clean tables are read
as they are; the rows where the extraction shifted cells into the wrong column are realigned by
the ``fix_*`` functions below.  Every value and every mistake of the original document is kept
(typos, ``#REF!``, wrong totals, duplicate codes).  The only additions are the cells of the
4.01.03.2.03 block that the extraction lost in Tabel 3.1; each of them is listed in ``Catatan``.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))  # run as a script from a checkout

from xl_renja.layouts import tc30, template  # noqa: E402

DEFAULT_SEED = REPO_ROOT / ".." / "shared" / "seed" / "renja_setda_kota_serang_2022.txt"
DEFAULT_OUT = REPO_ROOT / "workbooks"
CONTOH_NAME = "renja_setda_kota_serang_2022.xlsx"
SEED_LABEL = "../shared/seed/renja_setda_kota_serang_2022.txt"

PAGE_FOOTER = "Rencana Kerja Sekretariat Daerah Kota Serang Tahun 2022"
LOKASI = {"Kota Serang", "Setda Kota Serang"}


# --------------------------------------------------------------------------------------------
# Values: Indonesian numbers -> Excel numbers
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Value:
    """A typed cell value with its Excel number format (None = General)."""

    value: object
    number_format: str | None = None


EMPTY = Value(None)
RE_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # 1.260.789.058
RE_INT = re.compile(r"^\d+$")  # 237050000, 60
RE_COMMA_DEC = re.compile(r"^\d+,\d+$")  # 66,67  12,00  3,4365
RE_DOT_DEC = re.compile(r"^\d+\.\d+$")  # 54.64 (decimal written with a dot)
RE_PERCENT = re.compile(r"^(\d+(?:,\d+)?)%$")  # 100%  71,43%  8649%
ERROR_CODES = {"#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!"}


def _decimal_format(decimals: int, suffix: str = "") -> str:
    return ("0." + "0" * decimals if decimals else "0") + suffix


def _number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() and d.as_tuple().exponent >= 0 else float(d)


def parse_number(raw: str, percent: bool = True) -> Value | None:
    """Return the number an Indonesian user typed, or None when ``raw`` is not a number."""
    s = raw.strip()
    if RE_THOUSANDS.match(s):
        return Value(int(s.replace(".", "")))
    if RE_INT.match(s):
        return Value(int(s))
    if RE_COMMA_DEC.match(s):
        decimals = len(s.split(",")[1])
        return Value(float(Decimal(s.replace(",", "."))), _decimal_format(decimals))
    if RE_DOT_DEC.match(s):
        decimals = len(s.split(".")[1])
        return Value(float(Decimal(s)), _decimal_format(decimals))
    m = RE_PERCENT.match(s) if percent else None
    if m:
        digits = m.group(1)
        decimals = len(digits.split(",")[1]) if "," in digits else 0
        d = Decimal(digits.replace(",", ".")) / 100
        return Value(_number(d), _decimal_format(decimals, "%"))
    return None


def convert(raw: str, kind: str) -> Value:
    """Convert the document's text of one cell to a typed value.

    kind: ``text`` always text; ``kode`` text (legacy codes like 4001,01 stay as written);
    ``num`` a number (``N%`` becomes the fraction N/100 shown as a percentage) or text;
    ``target`` a bare number becomes a number, anything else (``100%``, ``12 Bulan``) stays text;
    ``pagu`` a rupiah amount shown ``#,##0``.
    """
    s = raw.strip()
    if s == "":
        return EMPTY
    if s in ERROR_CODES:
        return Value(s)  # openpyxl stores these strings as error cells (data_type 'e')
    if kind in ("text", "kode"):
        return Value(s)
    if kind == "num":
        return parse_number(s) or Value(s)
    if kind == "target":
        return parse_number(s, percent=False) or Value(s)
    if kind == "pagu":
        v = parse_number(s, percent=False)
        if v is None or not isinstance(v.value, int):
            raise ValueError(f"not a rupiah amount: {raw!r}")
        return Value(v.value, "#,##0")
    raise ValueError(kind)


# --------------------------------------------------------------------------------------------
# Layouts: the official templates of xl_renja/layouts, with the seed document's own texts
# --------------------------------------------------------------------------------------------

@dataclass
class Layout:
    """One table of the example: where it goes and how the seed draws it.

    The header block comes from the layout's template (``xl_renja/layouts/<table>.py``); ``options``
    are the :func:`xl_renja.layouts.template.write_table` options that give the seed's own header
    texts, pairs and number-row labels.  ``kinds`` (one per sheet column) type the data cells.
    """

    sheet: str
    layout: object  # layout id or Template
    variant: str | None
    titles: list[str]
    kinds: list[str]
    options: dict = field(default_factory=dict)
    first_data_row: int = 0  # set when written

    @property
    def ncols(self) -> int:
        return len(self.kinds)


def layout_t21(titles: list[str]) -> Layout:
    """T-C.29 as the Setda document draws it: value/satuan pairs, no columns 12-13 (17 columns)."""
    kinds = ["kode", "text", "text", "num", "text", "num", "num", "text", "num", "text", "num",
             "text", "num", "text", "num", "text", "num"]
    return Layout("Tabel 2.1", "T-C.29", "resmi", titles, kinds, dict(
        tahun=2022,
        paired=("target_renstra", "target_n", "realisasi_n", "tingkat_realisasi", "target_n1", "realisasi_sd"),
        omit=("penanggung_jawab", "ket"),
        texts={
            "kode": "Kode Rekening",
            "uraian": "Urusan/Bidang/Urusan Pemerintahan Daerah dan Program/Kegiatan",
            "indikator": "Indikator Kinerja Program (outcome)/Kegiatan (Output)",
            "target_renstra": "Target Kinerja Perangkat daerah Tahun 2018-2023",
            "realisasi_n3": "Realisasi Kinerja Program dan Kegiatan Tahun 2019 (n-3)",
            "target_n:0": "Target dan Realisasi Kinerja Program dan Kegiatan Tahun 2020",
            "target_n1": "Target Program dan Kegiatan Renja Perangkat Daerah Tahun 2021",
            "realisasi_sd:0": "Perkiraan Realisasi Capaian target Renstra Perangkat Daerah Tahun 2028-2021 "
                              "sampai dengan tahun berjalan (2021)",
            "realisasi_sd": "Realisasi Capaian Program Kegiatan s.d tahun berjalan (tahun 2021)",
            "capaian_renstra": "Tingkat Capaian Realisasi Target Renstra s.d. tahun berjalan 2021 (%)",
        }))


def layout_t22(titles: list[str], labels: list[object]) -> Layout:
    """T-C.30 with the seed's five target years and its number row (typos included)."""
    tmpl = tc30.make_template(target_years=range(2019, 2024), realisasi_years=(2019, 2020),
                              proyeksi_years=(2022, 2023))
    kinds = ["num", "text", "text", "text"] + ["num"] * 9 + ["text"]
    return Layout("Tabel 2.2", tmpl, None, titles, kinds, dict(
        labels=labels,
        texts={"no": "NO", "spm": "SPM/ Standar Nasional", "target_1:0": "Target Renstra SKPD"}))


def layout_t23(titles: list[str]) -> Layout:
    """T-C.31: review terhadap rancangan awal RKPD."""
    kinds = ["text", "text", "text", "text", "target", "pagu",
             "text", "text", "text", "target", "pagu", "text"]
    program = "Program/ kegiatan/Sub Kegiatan"
    return Layout("Tabel 2.3", "T-C.31", "resmi", titles, kinds, dict(
        texts={"uraian:0": "Rancangan Awal RKPd", "uraian": program, "uraian_hasil": program}))


def layout_t31(titles: list[str]) -> Layout:
    """T-C.33, the 16-column variant of the Setda document (Tabel 3.1)."""
    kinds = ["text", "text", "text", "num", "kode", "text", "text", "text", "text", "target",
             "pagu", "text", "text", "target", "pagu", "text"]
    return Layout("Tabel 3.1", "T-C.33", "setda", titles, kinds, dict(
        tahun=2022, texts={"pagu_n1": "KEBUTUHAN DANA.PAGU INDIKATIF (RP)"}))


def layout_t32(titles: list[str]) -> Layout:
    """Definisi operasional indikator (Tabel 3.2), with the official column-number row added."""
    return Layout("Tabel 3.2", "definisi-operasional", "resmi", titles, ["text"] * 5)


# --------------------------------------------------------------------------------------------
# Writing a table
# --------------------------------------------------------------------------------------------

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")


def write_table(ws, layout: Layout, rows: list[list[str]]) -> None:
    """Write the template's titles, header block and number row, then the (typed) data rows."""
    tmap = template.write_table(ws, layout.layout, layout.variant, title=layout.titles, freeze=True,
                                page_setup=True, **layout.options)
    assert tmap.last_col == layout.ncols, (layout.sheet, tmap.last_col)
    layout.first_data_row = tmap.first_data_row
    for r, raw_row in enumerate(rows, start=tmap.first_data_row):
        assert len(raw_row) == layout.ncols, (layout.sheet, raw_row)
        for c, (raw, kind) in enumerate(zip(raw_row, layout.kinds), start=1):
            v = convert(raw, kind)
            cell = ws.cell(r, c, v.value)
            if v.number_format:
                cell.number_format = v.number_format
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(v.value, str))

# --------------------------------------------------------------------------------------------
# Reading the seed
# --------------------------------------------------------------------------------------------

def table_lines(lines: list[str], start: str, end: str) -> list[list[str]]:
    """Tab-separated lines between the line equal to ``start`` and the line equal to ``end``."""
    i = lines.index(start)
    j = lines.index(end, i)
    return [ln.split("\t") for ln in lines[i:j] if "\t" in ln]


def fix_t23(f: list[str]) -> list[str]:
    """Realign one Tabel 2.3 line to the 12 columns of T-C.31."""
    n = len(f)
    if n == 11:  # the empty "No" cell was lost: everything one column left
        return [""] + f
    if n == 13:
        if f[0] in LOKASI:  # "Kota Serang | | indikator | target | Kota Serang | ... "
            assert not any(f[i] for i in (1, 5, 6, 7, 10, 11, 12)), f
            return ["", "", f[0], f[2], f[3], "", "", f[4], f[8], f[9], "", ""]
        if f[3] in LOKASI and f[2]:  # Fasilitasi Pelaksanaan Otonomi Daerah: one column right
            assert not any(f[i] for i in (0, 1, 5, 10)), f
            return ["", f[2], f[3], f[4], f[6], f[7], f[8], f[9], f[11], f[12], "", ""]
        assert f[12] == "", f
        if f[6] == "" and f[7] not in LOKASI:  # an extra empty cell before the second group
            return f[:6] + f[7:]
        return f[:12]  # an extra empty cell at the end
    assert n == 12, f
    if f[0] and f[1] in LOKASI:  # PROGRAM PEREKONOMIAN DAN PEMBANGUNAN: one column left
        assert not any(f[9:]), f
        return ["", f[0], f[1], f[2], f[3], f[4], f[5], "", f[6], f[7], f[8], ""]
    if f[0]:  # kegiatan name in the No column; 2nd group's indikator/dana one column right
        assert not any(f[i] for i in (1, 2, 7, 8, 10)), f
        return ["", f[0], "", f[3], f[4], f[5], f[6], "", f[9], "", f[11], ""]
    if f[2] and f[2] not in LOKASI:  # program indikator rows: one column left in both groups
        assert not any(f[i] for i in (0, 1, 4, 5, 8, 9, 10, 11)), f
        return ["", "", "", f[2], f[3], "", "", "", f[6], f[7], "", ""]
    if f[2] in LOKASI and f[3] == "" and f[8] in LOKASI:  # 2nd lokasi landed in Indikator
        assert not any(f[i] for i in (5, 6, 7, 10, 11)), f
        return ["", "", f[2], "", f[4], "", "", f[8], "", f[9], "", ""]
    if f[8] in LOKASI and f[7] not in LOKASI:  # extra empty cell before 2nd group, catatan lost
        assert f[6] == "", f
        return f[:6] + f[7:] + [""]
    if f[3] and f[9] == f[3] and not f[8]:  # 2nd group's indikator landed in Target Capaian
        assert not any(f[i] for i in (0, 1, 2, 5, 6, 7, 10, 11)), f
        return f[:8] + [f[9], ""] + f[10:]
    return f


def fix_t31(f: list[str]) -> list[str]:
    """Realign one Tabel 3.1 line to its 16 columns."""
    n = len(f)
    if n == 16:
        return f
    if n == 18:
        assert f[17] == "", f
        if f[6].startswith("TOTAL"):  # closing total row
            assert not any(f[i] for i in (7, 8, 9, 10, 11, 13, 14, 15)), f
            out = [""] * 16
            out[5], out[10], out[14] = f[6], f[12], f[16]
            return out
        if f[0]:  # urusan / tujuan / sasaran row
            assert not any(f[3:]), f
            return f[:16]
        if f[3]:  # indikator tujuan rows: satuan and targets one column right
            assert not any(f[i] for i in (4, 5, 6, 7, 9, 11, 12, 13, 15, 16)), f
            out = [""] * 16
            out[3], out[7], out[9], out[13] = f[3], f[8], f[10], f[14]
            return out
        if f[10] in LOKASI:  # program 4.01.01 rows: two columns right
            return f[2:18]
        if f[9] in LOKASI:  # 4.01.03.2.03 surviving rows: one column right, extra cell after pagu
            assert f[0] == "", f
            g = f[1:]
            assert g[11] == "", f
            del g[11]
            return g[:16]
        raise AssertionError(f)
    assert n == 15, f
    if f[7] in LOKASI:  # indikator moved into the PROGRAM column (or no indikator at all)
        assert not any(f[i] for i in (0, 1, 2, 3, 4, 10, 11, 13, 14)), f
        out = [""] * 16
        if f[5]:
            out[6], out[7] = f[5], f[6]
        else:
            assert not f[6], f
        out[8], out[9], out[11], out[13] = f[7], f[8], f[9], f[12]
        return out
    assert f[8] in LOKASI, f
    if f[12] == "" and f[13]:  # SKPD column lost at the end
        return f + [""]
    return f[:12] + [""] + f[12:]  # empty CATATAN cell lost: targets/pagu n+1 moved left


RE_FRAC = re.compile(r"\$\\frac\{\\text\{(.*?)\}\}\{\\text\{(.*?)\}\} \\times 100\$")


def fix_t32(f: list[str]) -> list[str]:
    """Realign one Tabel 3.2 line to 5 columns and turn the LaTeX formula into plain text."""
    if len(f) == 7:
        if f[0] == "" and f[1] == "":
            f = f[2:]
        else:
            assert not any(f[5:]), f
            f = f[:5]
    assert len(f) == 5, f
    f = list(f)
    f[3] = RE_FRAC.sub(r"(\1 / \2) x 100", f[3])
    assert "\\" not in f[3] and "$" not in f[3], f
    return f


# --------------------------------------------------------------------------------------------
# Restoration of the 4.01.03.2.03 block in Tabel 3.1
# --------------------------------------------------------------------------------------------

SRC_KODE = ("urutan kode kegiatan program 4.01.03 (2.01, 2.02, 2.03) dan sub kegiatan (.01, .02, .03) "
            "mengikuti urutan Tabel 2.3, BAB III 3.3 C.3 dan BAB IV C.3")
SRC_T23 = "Tabel 2.3 (Rancangan Awal RKPD) baris yang sama"
SRC_PAGU = "Tabel 2.3 kolom 6 dan BAB IV C.3"
SRC_SATUAN = "satuan dari target Tabel 2.3"
SRC_LOKASI = "sama dengan baris sub kegiatan blok ini yang tersisa (Setda Kota Serang)"
SRC_SUMBER = "sama dengan baris sub kegiatan blok ini yang tersisa (Dana Perimbangan)"
SRC_N1_KEG = ("pagu n+1 program 4.01.03 (4.062.213.207) dikurangi 4.01.03.2.01 (1.540.880.513) "
              "dan 4.01.03.2.02 (1.318.514.454)")
SRC_N1_SUB = ("pagu x 1,1 (rasio baris 4.01.03.2.03.03: 420.750.000 / 382.500.000); ketiga sub "
              "kegiatan berjumlah 1.202.818.240 = pagu n+1 kegiatan")


def t31_row(**cells: str) -> list[str]:
    names = ["urusan", "tujuan", "sasaran", "ind_tujuan", "kode", "program", "indikator",
             "satuan", "lokasi", "target", "pagu", "sumber", "catatan", "target_n1", "pagu_n1",
             "skpd"]
    unknown = set(cells) - set(names)
    assert not unknown, unknown
    return [cells.get(name, "") for name in names]


COLUMN_OF = {"kode": 5, "program": 6, "indikator": 7, "satuan": 8, "lokasi": 9, "target": 10,
             "pagu": 11, "sumber": 12, "target_n1": 14, "pagu_n1": 15}


@dataclass
class Restored:
    row: list[str]
    sources: dict[str, str]  # field name -> source of the restored value


def restored_block() -> list[Restored]:
    """Rows of 4.01.03.2.03 lost by the extraction, rebuilt from Tabel 2.3 and BAB IV."""
    out: list[Restored] = []

    def add(sources: dict[str, str], **cells: str) -> None:
        assert set(sources) == {k for k, v in cells.items() if v}, (sources, cells)
        out.append(Restored(t31_row(**cells), sources))

    common = {"indikator": SRC_T23, "satuan": SRC_SATUAN, "lokasi": SRC_LOKASI,
              "target": SRC_T23, "sumber": SRC_SUMBER}
    # kegiatan 4.01.03.2.03 and its three indikator
    add({"kode": SRC_KODE, "program": SRC_T23 + "; BAB IV C.3", "pagu": SRC_PAGU,
         "pagu_n1": SRC_N1_KEG, **common},
        kode="4.01.03.2.03", program="Pengadaan Barang dan Jasa",
        indikator="Presentase Pelaksanaan Tender", satuan="%", lokasi="Setda Kota Serang",
        target="100%", pagu="1.093.471.127", sumber="Dana Perimbangan", pagu_n1="1.202.818.240")
    for ind in ("Presentase Pelaksanaan Non Tender", "Presentase Dokumen Pengadaan Barang dan Jasa"):
        add(dict(common), indikator=ind, satuan="%", lokasi="Setda Kota Serang", target="100%",
            sumber="Dana Perimbangan")
    # sub kegiatan 4.01.03.2.03.01 and its nine "- Jumlah ..." indikator
    paket = [("- Jumlah Pelaksanaan Tender", "100 Paket"),
             ("- Jumlah Pelaksanaan Non Tender", "275 Paket"),
             ("- Jumlah Dokumen Pengadaan Barang dan Jasa", "110 Paket"),
             ("- Jumlah Tender Konstruksi", "66 Paket"),
             ("- Jumlah Non Tender Konstruksi", "88 Paket"),
             ("- Jumlah Tender Konsultansi", "28 Paket"),
             ("- Jumlah Non Tender Konsultansi", "66 Paket"),
             ("- Jumlah Tender Barang dan Jasa Lainnya", "17 Paket"),
             ("- Jumlah Non Tender Barang dan Jasa Lainnya", "121 Paket")]
    for i, (ind, target) in enumerate(paket):
        if i == 0:
            add({"kode": SRC_KODE, "program": SRC_T23 + "; BAB IV C.3 a", "pagu": SRC_PAGU,
                 "pagu_n1": SRC_N1_SUB, **common},
                kode="4.01.03.2.03.01", program="Pengelolaan Pengadaan Barang dan Jasa",
                indikator=ind, satuan="Paket", lokasi="Setda Kota Serang", target=target,
                pagu="362.321.127", sumber="Dana Perimbangan", pagu_n1="398.553.240")
        else:
            add(dict(common), indikator=ind, satuan="Paket", lokasi="Setda Kota Serang",
                target=target, sumber="Dana Perimbangan")
    # sub kegiatan 4.01.03.2.03.02: its first indikator (the others survive in the seed)
    add({"kode": SRC_KODE, "program": SRC_T23 + "; BAB IV C.3 b", "pagu": SRC_PAGU,
         "pagu_n1": SRC_N1_SUB, **common},
        kode="4.01.03.2.03.02", program="Pengelolaan Layanan Pengadaan Secara Elektronik",
        indikator="Jumlah Aplikasi", satuan="Aplikasi", lokasi="Setda Kota Serang",
        target="1 Aplikasi", pagu="348.650.000", sumber="Dana Perimbangan", pagu_n1="383.515.000")
    return out


# --------------------------------------------------------------------------------------------
# The five tables of the example workbook
# --------------------------------------------------------------------------------------------

@dataclass
class Table:
    layout: Layout
    rows: list[list[str]]
    restored: list[tuple[int, int, str]] = field(default_factory=list)  # (row idx, col, source)


def build_tables(seed: Path) -> list[Table]:
    lines = seed.read_text(encoding="utf-8").splitlines()

    # Tabel 2.1 (T-C.29): clean, 17 fields a line
    t21 = table_lines(lines, "TABEL 2.1", "2.2. Analisis Kinerja Pelayanan OPD")
    assert t21[2][0] == "1" and all(len(r) == 17 for r in t21), "Tabel 2.1 changed"
    rows21 = t21[3:]
    assert len(rows21) == 89

    # Tabel 2.2 (T-C.30): clean, 14 fields a line; the number row has the document's typos
    t22 = table_lines(lines, "TABEL. 2.2", "2.3. Isu-Isu Penting Penyelenggaraan Tugas dan Fungsi "
                                           "Perangkat Daerah")
    assert all(len(r) == 14 for r in t22)
    numbers22 = [int(label) for label in t22[2]]
    rows22 = t22[3:]
    assert len(rows22) == 15

    # Tabel 2.3 (T-C.31): realign the shifted lines
    t23 = table_lines(lines, "TABEL. 2.3", "2.5. Penelaahan Usulan Program dan Kegiatan Masyarakat")
    assert t23[2] == [str(i) for i in range(1, 13)]
    rows23 = [fix_t23(r) for r in t23[3:]]
    for r in rows23:
        assert len(r) == 12 and r[0] == "" and r[11] == "", r
        assert r[2] in LOKASI | {""} and r[7] in LOKASI | {""}, r
        assert parse_number(r[5] or "0", percent=False) and parse_number(r[10] or "0", percent=False), r

    # Tabel 3.1 (T-C.33, Setda variant): realign, then restore the 4.01.03.2.03 block
    t31 = table_lines(lines, "TABEL 3.1", "TABEL 3.2")
    assert t31[2][:16] == [str(i) for i in range(1, 17)]
    rows31 = [fix_t31(r) for r in t31[3:]]
    restored: list[tuple[int, int, str]] = []
    at = next(i for i, r in enumerate(rows31) if r[6] == "Honorarium Konsultan IT")
    block = restored_block()
    for k, rb in enumerate(block):
        for name, source in rb.sources.items():
            restored.append((at + k, COLUMN_OF[name], source))
    rows31[at:at] = [rb.row for rb in block]
    advoksi = next(i for i, r in enumerate(rows31)
                   if r[5] == "Advoksi dan Pembinaan Pengadaan Barang dan Jasa")
    assert rows31[advoksi][4] == ""
    rows31[advoksi][4] = "4.01.03.2.03.03"
    restored.append((advoksi, COLUMN_OF["kode"], SRC_KODE))
    restored.sort()
    for r in rows31:
        assert len(r) == 16 and r[8] in LOKASI | {""} and r[11] in {"", "Dana Perimbangan"}, r
        assert r[4] == "" or re.fullmatch(r"4\.01\.\d\d(\.2\.\d\d(\.\d{2,3})?)?", r[4]), r

    # Tabel 3.2 (definisi operasional): two extra leading cells on some lines, LaTeX formulas
    t32 = table_lines(lines, "TABEL 3.2", "BAB IV")
    rows32 = [fix_t32(r) for r in t32[2:]]

    return [
        Table(layout_t21(["TABEL 2.1",
                          "REKAFITULASI EVALUASI PELAKSANAAN RENJA PERANGKAT DAERAH DAN",
                          "PENCAPAIAN RENSTRA PERANGKAT DAERAH S.D TAHUN 2021",
                          "SEKRETARIAT DAERAH KOTA SERANG"]), rows21),
        Table(layout_t22(["TABEL. 2.2", "PENCAPAIAN KINERJA PELAYANAN SEKRETARIAT DAERAH KOTA SERANG"],
                         numbers22), rows22),
        Table(layout_t23(["TABEL. 2.3", "REVIEW TERHADAP RANCANGAN AWAL RKPd TAHUN 2022",
                          "SKPD : SEKRETARIAT DAERAH KOTA SERANG"]), rows23),
        Table(layout_t31(["TABEL 3.1", "RUMUSAN RENCANA PROGRAM KEGIATAN DAN SUB KEGIATAN TAHUN 2022",
                          "DAN PRAKIRAAN MAJU TAHUN 2023", "SEKRETARIAT DAERAH KOTA SERANG"]),
              rows31, restored),
        Table(layout_t32(["TABEL 3.2", "RUMUSAN, DAN DEFINISI OPERASIONAL INDIKATOR RENSTRA OPD"]),
              rows32),
    ]


def write_catatan(ws, tables: list[Table]) -> None:
    ws["A1"] = "CATATAN"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = ("Ekstraksi PDF dokumen Renja kehilangan kode dan baris atas blok kegiatan 4.01.03.2.03 "
                "Pengadaan Barang dan Jasa pada Tabel 3.1 (hanya baris mulai 'Honorarium Konsultan IT' "
                "yang tersisa, tanpa kode). Sel berikut dipulihkan dari Tabel 2.3 dan BAB IV dokumen "
                "yang sama; semua sel lain menyalin dokumen apa adanya, termasuk kesalahannya.")
    ws["A3"] = ("Baris yang bergeser kolom pada hasil ekstraksi PDF (Tabel 2.3, 3.1, 3.2) ditempatkan "
                "kembali ke kolomnya; rumus LaTeX Tabel 3.2 ditulis sebagai teks biasa.")
    for r, height in ((2, 48), (3, 32)):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.cell(r, 1).alignment = Alignment(vertical="top", wrap_text=True)
        ws.row_dimensions[r].height = height
    header = 5
    for c, text in enumerate(["Lembar", "Sel", "Nilai", "Sumber"], start=1):
        cell = ws.cell(header, c, text)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.border = BORDER
    r = header + 1
    for table in tables:
        lay = table.layout
        for idx, col, source in table.restored:
            v = convert(table.rows[idx][col - 1], lay.kinds[col - 1])
            cells = [lay.sheet, f"{get_column_letter(col)}{lay.first_data_row + idx}", v.value, source]
            for c, value in enumerate(cells, start=1):
                cell = ws.cell(r, c, value)
                cell.border = BORDER
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            if v.number_format:
                ws.cell(r, 3).number_format = v.number_format
            r += 1
    ws.cell(r + 1, 1, f"Workbook ini dibuat oleh workbooks/build_contoh.py dari teks seed {SEED_LABEL}.")
    for col, width in zip("ABCD", (12, 8, 44, 90)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = f"A{header + 1}"


def build_contoh(seed: Path, path: Path) -> None:
    tables = build_tables(seed)
    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        write_table(wb.create_sheet(table.layout.sheet), table.layout, table.rows)
    write_catatan(wb.create_sheet("Catatan"), tables)
    wb.properties.creator = "workbooks/build_contoh.py"
    wb.properties.title = "Renja Sekretariat Daerah Kota Serang 2022 (contoh)"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


# --------------------------------------------------------------------------------------------
# Empty templates
# --------------------------------------------------------------------------------------------

#: file name -> (layout id, template variant) of every empty official template
TEMPLATE_FILES = {
    "T-C.29.xlsx": ("T-C.29", "resmi"),
    "T-C.30.xlsx": ("T-C.30", "resmi"),
    "T-C.31.xlsx": ("T-C.31", "resmi"),
    "T-C.33.xlsx": ("T-C.33", "resmi"),
    "T-C.33-setda.xlsx": ("T-C.33", "setda"),
    "definisi-operasional.xlsx": ("definisi-operasional", "resmi"),
    "evaluasi-triwulan.xlsx": ("evaluasi-triwulan", "resmi"),
}


def build_templates(directory: Path) -> list[Path]:
    """The empty official templates, written by xl_renja's template writer (XlsxWriter)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (layout_id, variant) in TEMPLATE_FILES.items():
        path = directory / name
        template.write_template_workbook(path, layout_id, variant, creator="workbooks/build_contoh.py")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED,
                        help="seed Renja text (default: %(default)s)")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT,
                        help="directory receiving contoh/ and templates/ (default: %(default)s)")
    args = parser.parse_args(argv)
    contoh = args.out_dir / "contoh" / CONTOH_NAME
    build_contoh(args.seed.resolve(), contoh)
    print(f"wrote {contoh}")
    for path in build_templates(args.out_dir / "templates"):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
