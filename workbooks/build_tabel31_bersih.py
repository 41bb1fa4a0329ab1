"""Build the example's Tabel 3.1 with its mistakes corrected, and the empty data form.

Usage::

    python workbooks/build_tabel31_bersih.py [--out-dir DIR]

Reads ``workbooks/contoh/renja_setda_kota_serang_2022.xlsx`` (built by ``build_contoh.py``) and writes

* ``DIR/contoh/renja_setda_kota_serang_2022_tabel31_bersih.xlsx``: the sheet ``Tabel 3.1``
  (T-C.33, Setda variant) with every mistake corrected (the duplicate kode, the kegiatan
  4.01.02.2.03 misplaced under 4.01.01 that is 4.01.01.2.03, 3-digit sub kegiatan codes, the
  ``#REF!`` target, the Rp 1 rounding differences, typo'd satuan, names that differ from the
  official nomenclature, empty required targets of n and n+1) and a ``Catatan`` sheet listing each correction
  (cell, before, after, reason and source); parent pagu and the total are the sums of their
  children, written as values like a hand-kept table;
* ``DIR/templates/data_renja.xlsx``: the empty data sheet of ``python -m xl_renja fill``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))  # run as a script from a checkout

from xl_renja.fill import write_data_form  # noqa: E402
from xl_renja.kode import parse_kode  # noqa: E402
from xl_renja.layouts import template  # noqa: E402
from xl_renja.nomenklatur import load_nomenklatur  # noqa: E402

CONTOH = REPO_ROOT / "workbooks" / "contoh" / "renja_setda_kota_serang_2022.xlsx"
BERSIH_NAME = "renja_setda_kota_serang_2022_tabel31_bersih.xlsx"
SHEET = "Tabel 3.1"
FIRST_DATA_ROW = 9
KEYS = ("urusan", "tujuan", "sasaran", "indikator_tujuan", "kode", "uraian", "indikator", "satuan",
        "lokasi", "target", "pagu", "sumber_dana", "catatan", "target_n1", "pagu_n1", "penanggung_jawab")
COL = {k: i for i, k in enumerate(KEYS)}  # 0-based
LETTER = {k: chr(65 + i) for i, k in enumerate(KEYS)}
TITLES = ["TABEL 3.1", "RUMUSAN RENCANA PROGRAM KEGIATAN DAN SUB KEGIATAN TAHUN 2022",
          "DAN PRAKIRAAN MAJU TAHUN 2023", "SEKRETARIAT DAERAH KOTA SERANG"]

T23 = "Tabel 2.3 (Rancangan Awal RKPD) dokumen yang sama"

#: (sheet row, key, new value, reason) applied to the example's cells before the sums
CORRECTIONS = [
    (12, "satuan", "Indeks", "satuan salah ketik \"o\"; indikator adalah indeks (Indeks Reformasi Birokrasi)"),
    (16, "pagu", None, "pagu kegiatan 4.01.01.2.01 tersalin ke baris indikator program (baris lanjutan "
                        "tidak berpagu); pagu kegiatan tetap di baris 17"),
    (24, "target", "2 Dokumen", "#REF! diganti target dari " + T23 + " dan BAB IV (2 Dokumen)"),
    (24, "satuan", "Dokumen", "satuan \"dok\" ditulis lengkap"),
    (27, "satuan", "Dokumen", "satuan salah ketik \"Dokmen\""),
    (29, "kode", "4.01.01.2.03", "kegiatan Administrasi Barang Milik Daerah pada Perangkat Daerah adalah "
                                 "X.XX.01.2.03 (program penunjang 4.01.01), bukan 4.01.02.2.03 (Fasilitasi dan "
                                 "Koordinasi Hukum, baris 98); pagunya termasuk dalam pagu program 4.01.01"),
    (29, "indikator", "Presentase Barang yang masih bisa di gunakan", "indikator kosong; dari " + T23),
    (29, "satuan", "%", "satuan indikator persentase"),
    (30, "kode", "4.01.01.2.03.06", "sub kegiatan ikut kegiatan 4.01.01.2.03"),
    (34, "target", "100%", "target kosong (juga di Tabel 2.3); indikator persentase ketersediaan, target "
                           "100% seperti kegiatan persentase lain"),
    (43, "target", "100%", "target kosong; dari " + T23),
    (61, "target", 100, "target kosong; sama dengan target tahun n+1 (kolom 14) baris ini"),
    (62, "satuan", "Bulan", "satuan salah ketik \"Bu;an\""),
    (73, "kode", "4.01.01.2.13.04", "kode ganda 4.01.01.2.13.03; nama Monitoring, Evaluasi dan Pengendalian "
                                    "Kualitas Pelayanan Publik dan Tata Laksana adalah X.XX.01.2.13.04"),
    (74, "kode", "4.01.01.2.13.05", "nama Koordinasi dan Penyusunan Laporan Kinerja Pemerintah Daerah adalah "
                                    "X.XX.01.2.13.05 (bergeser karena kode ganda di atasnya)"),
    (75, "target", "100%", "target kosong; Tabel 2.3 menulis \"12 Bulan\" yang tidak sesuai indikator "
                           "persentase (satuan %), maka 100%"),
    (90, "kode", "4.01.02.2.02.01", "segmen sub kegiatan 3 digit (001) ditulis 2 digit seperti kode lain"),
    (94, "kode", "4.01.02.2.02.02", "segmen sub kegiatan 3 digit (002) ditulis 2 digit"),
    (97, "kode", "4.01.02.2.02.03", "segmen sub kegiatan 3 digit (003) ditulis 2 digit"),
    (34, "target_n1", "100%", "target tahun n+1 kosong (juga di Tabel 2.3); sama dengan target tahun n"),
    (43, "target_n1", "100%", "target tahun n+1 kosong; sama dengan target tahun n"),
    (75, "target_n1", "100%", "target tahun n+1 kosong; sama dengan target tahun n"),
    (120, "target_n1", "100%", "target tahun n+1 kosong; sama dengan target tahun n (kolom 10) baris ini"),
    (123, "target_n1", "100 Paket", "target tahun n+1 kosong; sama dengan target tahun n (kolom 10) baris ini"),
    (132, "target_n1", "1 Aplikasi", "target tahun n+1 kosong; sama dengan target tahun n (kolom 10) baris ini"),
    (133, "satuan", "Bulan", "satuan salah ketik \"bukan\""),
    (137, "satuan", "Dokumen", "satuan salah ketik \"doo\""),
]

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")


def read_rows(path: Path) -> tuple[list[list], list[list[str]], int]:
    """Data rows (values and number formats, 16 columns) of Tabel 3.1 and the TOTAL row number."""
    ws = load_workbook(path)[SHEET]
    values, formats, total = [], [], None
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        cells = [ws.cell(r, c + 1) for c in range(len(KEYS))]
        if isinstance(cells[COL["uraian"]].value, str) and cells[COL["uraian"]].value.startswith("TOTAL"):
            total = r
            break
        values.append([c.value for c in cells])
        formats.append([c.number_format for c in cells])
    assert total is not None
    return values, formats, total


def correct(values: list[list], formats: list[list[str]]) -> list[tuple[str, object, object, str]]:
    """Apply the corrections; returns the note of each: (cell, before, after, reason)."""
    notes = []

    def setv(r: int, key: str, new, reason: str) -> None:
        i, c = r - FIRST_DATA_ROW, COL[key]
        old = values[i][c]
        assert old != new, (r, key)
        values[i][c] = new
        if isinstance(new, str):
            formats[i][c] = "General"
        notes.append((f"{LETTER[key]}{r}", old, new, reason))

    for r, key, new, reason in CORRECTIONS:
        setv(r, key, new, reason)
    # names: the official nomenclature (Permendagri 90/2019)
    nom = load_nomenklatur()
    for i, row in enumerate(values):
        kode = parse_kode(row[COL["kode"]]) if row[COL["kode"]] else None
        if kode is None or int(kode.level) < 3:
            continue
        hit = nom.lookup(kode)
        name = row[COL["uraian"]]
        if hit and " ".join(str(name).split()).lower() != hit[1].lower():
            setv(FIRST_DATA_ROW + i, "uraian", hit[1], "nama tidak sesuai nomenklatur resmi Permendagri 90/2019 "
                                                       f"untuk {kode.text}")
    # pagu: every parent = sum of its children (bottom up), for n and n+1
    items = {}
    for i, row in enumerate(values):
        kode = parse_kode(row[COL["kode"]]) if row[COL["kode"]] else None
        if kode is not None:
            items[kode.canonical(4)] = (i, kode)
    for level in (4, 3):
        for key, (i, kode) in items.items():
            if int(kode.level) != level:
                continue
            children = [j for _k, (j, k2) in items.items() if k2.parent is not None and k2.parent.canonical(4) == key]
            if not children:
                continue
            for pk in ("pagu", "pagu_n1"):
                total = sum(values[j][COL[pk]] or 0 for j in children)
                if values[i][COL[pk]] != total:
                    old = values[i][COL[pk]]
                    diff = (old or 0) - total
                    why = (f"selisih pembulatan Rp {abs(diff):,}".replace(",", ".") if abs(diff) <= 1 else
                           f"ikut koreksi pembulatan kegiatan di bawahnya (selisih Rp {abs(diff):,})".replace(",", "."))
                    setv(FIRST_DATA_ROW + i, pk, total, f"{why}; pagu {kode.text} = jumlah anaknya")
    return notes


def build(out_dir: Path, source: Path = CONTOH) -> Path:
    values, formats, total_row = read_rows(source)
    notes = correct(values, formats)
    programs = [i for i, row in enumerate(values)
                if row[COL["kode"]] and int(parse_kode(row[COL["kode"]]).level) == 3]
    totals = {pk: sum(values[i][COL[pk]] or 0 for i in programs) for pk in ("pagu", "pagu_n1")}
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    rows = []
    for row, fmts in zip(values, formats):
        d = {}
        for key, v, f in zip(KEYS, row, fmts):
            if v is None:
                continue
            d[key] = template.Fmt(v, f) if isinstance(v, (int, float)) and f and f != "General" else v
        rows.append(d)
    old_total = load_workbook(source)[SHEET]
    for pk in ("pagu", "pagu_n1"):
        old = old_total.cell(total_row, COL[pk] + 1).value
        if old != totals[pk]:
            notes.append((f"{LETTER[pk]}{FIRST_DATA_ROW + len(values)}", old, totals[pk],
                          "TOTAL = jumlah pagu program setelah koreksi di atas"))
    rows.append({"uraian": "TOTAL KERANGKA PENDANAAN OPD", **totals})
    tmap = template.write_table(ws, "T-C.33", "setda", tahun=2022, title=TITLES, freeze=True, page_setup=True,
                                texts={"pagu_n1": "KEBUTUHAN DANA/PAGU INDIKATIF (Rp)"}, rows=rows)
    assert tmap.first_data_row == FIRST_DATA_ROW, tmap.first_data_row
    for r in range(FIRST_DATA_ROW, tmap.last_row + 1):
        for c in range(1, len(KEYS) + 1):
            cell = ws.cell(r, c)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(cell.value, str))
    write_notes(wb.create_sheet("Catatan"), notes)
    wb.properties.creator = "workbooks/build_tabel31_bersih.py"
    wb.properties.title = "Tabel 3.1 Renja Sekretariat Daerah Kota Serang 2022 (dikoreksi)"
    path = out_dir / "contoh" / BERSIH_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_notes(ws, notes) -> None:
    ws["A1"] = "CATATAN KOREKSI"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = ("Tabel 3.1 contoh (renja_setda_kota_serang_2022.xlsx) dengan kesalahannya dikoreksi. Setiap sel "
                "yang diubah tercatat di bawah; sel lain menyalin contoh apa adanya. Pagu program, kegiatan dan "
                "TOTAL = jumlah anaknya. Dibuat oleh workbooks/build_tabel31_bersih.py.")
    ws.merge_cells("A2:E2")
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 45
    for c, text in enumerate(["No", "Sel (Tabel 3.1)", "Semula", "Menjadi", "Alasan / sumber"], start=1):
        cell = ws.cell(4, c, text)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.border = BORDER
    for n, (ref, old, new, reason) in enumerate(notes, start=1):
        if isinstance(old, str) and old.startswith("#"):
            old = f"nilai galat {old}"  # an error value noted as words, not as an error cell
        for c, v in enumerate([n, ref, old, new, reason], start=1):
            cell = ws.cell(4 + n, c)
            cell.value = v
            if isinstance(v, str) and v.startswith(("=", "#")):
                cell.data_type = "s"  # #REF! and the like stay text here
            if isinstance(v, int) and c in (3, 4):
                cell.number_format = "#,##0"
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for col, width in zip("ABCDE", (5, 14, 36, 36, 90)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A5"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=REPO_ROOT / "workbooks")
    args = parser.parse_args(argv)
    print(f"wrote {build(args.out_dir)}")
    form = write_data_form(args.out_dir / "templates" / "data_renja.xlsx")
    print(f"wrote {form}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
