"""Generate large, realistic T-C.33 Renja workbooks for benchmarks and tests.

The shape imitates the 16-column Setda "Tabel 3.1" of
``workbooks/contoh/renja_setda_kota_serang_2022.xlsx``: four merged title rows, a two-row merged
header (rows 6-7), the number row 1..16 (row 8), data from row 9 (A urusan, B tujuan, C sasaran,
D indikator tujuan/sasaran, E kode, F program/kegiatan/sub kegiatan, G indikator, H satuan,
I lokasi, J target "12 Bulan", K pagu, L sumber dana, M catatan, N target n+1, O pagu n+1,
P penanggung jawab) and a closing ``TOTAL KERANGKA PENDANAAN OPD`` row.

Every sheet is a full official table for one OPD: a label row, indikator tujuan rows, then
programs -> kegiatan -> sub kegiatan with a consistent kode hierarchy and parent pagu that are
exactly the sums of their children (both years), continuation rows (further indikator without
kode), and - unless ``mistakes=False`` - a few realistic mistakes per sheet: a ``#REF!`` target,
a Rp 1 rounding difference in a kegiatan's pagu n+1, and a duplicated sub kegiatan kode.

Names come from the built-in nomenklatur (``xl_renja/data/nomenklatur_kabkota_4_01.tsv``) where
the kode is in it (the penunjang program X.XX.01 and bidang 4.01), so KR04 stays quiet on them.

The title lines, header block and number row are written by the package's template writer
(``xl_renja.layouts.template``, T-C.33 ``setda``) through XlsxWriter in ``constant_memory`` mode.
Deterministic: the same arguments give the same cells (the zip timestamps differ, the content
does not). The ``#REF!`` target is a formula whose cached value is the error.

    python benchmarks/generate.py                # both: 50k-row workbook and 500-file folder
    python benchmarks/generate.py --rows 2000 --out /tmp/x.xlsx
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass, field

import xlsxwriter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # run from a checkout
from xl_renja.layouts.template import Fmt, Formula, write_table  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
BIG = os.path.join(OUT, "tc33_50k.xlsx")
FOLDER = os.path.join(OUT, "opd_500")
NOMENKLATUR_TSV = os.path.join(REPO, "xl_renja", "data", "nomenklatur_kabkota_4_01.tsv")

FIRST_DATA_ROW = 9
TAHUN = 2022
KOTA = "Kota Serang"

# (urusan, bidang, urusan text, OPD name)
OPDS = [
    ("1", "01", "PENDIDIKAN", "DINAS PENDIDIKAN DAN KEBUDAYAAN"),
    ("1", "02", "KESEHATAN", "DINAS KESEHATAN"),
    ("1", "03", "PEKERJAAN UMUM DAN PENATAAN RUANG", "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"),
    ("1", "04", "PERUMAHAN RAKYAT DAN KAWASAN PERMUKIMAN", "DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN"),
    ("1", "05", "KETENTRAMAN DAN KETERTIBAN UMUM", "SATUAN POLISI PAMONG PRAJA"),
    ("1", "06", "SOSIAL", "DINAS SOSIAL"),
    ("2", "07", "TENAGA KERJA", "DINAS TENAGA KERJA"),
    ("2", "09", "PANGAN", "DINAS KETAHANAN PANGAN"),
    ("2", "11", "LINGKUNGAN HIDUP", "DINAS LINGKUNGAN HIDUP"),
    ("2", "12", "ADMINISTRASI KEPENDUDUKAN DAN PENCATATAN SIPIL", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"),
    ("2", "15", "PERHUBUNGAN", "DINAS PERHUBUNGAN"),
    ("2", "16", "KOMUNIKASI DAN INFORMATIKA", "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN"),
    ("2", "17", "KOPERASI, USAHA KECIL DAN MENENGAH", "DINAS KOPERASI DAN UKM"),
    ("2", "19", "KEPEMUDAAN DAN OLAHRAGA", "DINAS PEMUDA DAN OLAHRAGA"),
    ("3", "26", "PARIWISATA", "DINAS PARIWISATA"),
    ("3", "27", "PERTANIAN", "DINAS PERTANIAN"),
    ("3", "30", "PERDAGANGAN", "DINAS PERINDUSTRIAN DAN PERDAGANGAN"),
    ("4", "01", "PEMERINTAHAN UMUM", "SEKRETARIAT DAERAH"),
    ("4", "02", "PEMERINTAHAN UMUM", "SEKRETARIAT DPRD"),
    ("5", "01", "PERENCANAAN", "BADAN PERENCANAAN PEMBANGUNAN DAERAH"),
    ("5", "02", "KEUANGAN", "BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH"),
    ("5", "03", "KEPEGAWAIAN", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"),
    ("6", "01", "INSPEKTORAT", "INSPEKTORAT"),
]

PROGRAM_WORDS = [
    "PENGELOLAAN", "PENINGKATAN", "PENGEMBANGAN", "PEMBINAAN", "PENYELENGGARAAN", "PENATAAN",
    "PEMBERDAYAAN", "PENGENDALIAN", "PERLINDUNGAN", "PELAYANAN",
]
PROGRAM_OBJECTS = [
    "LAYANAN DASAR", "SARANA DAN PRASARANA", "SUMBER DAYA MANUSIA", "DATA DAN INFORMASI",
    "KAWASAN", "MASYARAKAT", "USAHA", "KELEMBAGAAN", "TATA KELOLA", "KUALITAS LINGKUNGAN",
    "JARINGAN", "PELAYANAN PUBLIK",
]
ACTIONS = [
    "Penyediaan", "Pengadaan", "Pemeliharaan", "Pembangunan", "Rehabilitasi", "Fasilitasi",
    "Koordinasi", "Sosialisasi", "Pendataan", "Pelatihan", "Monitoring dan Evaluasi", "Penyusunan",
    "Pengawasan", "Pendampingan", "Peningkatan Kapasitas",
]
OBJECTS = [
    "Sarana Pendukung Layanan", "Dokumen Perencanaan Teknis", "Peralatan Kantor", "Aparatur",
    "Kelompok Masyarakat", "Pelaku Usaha Mikro", "Sistem Informasi", "Gedung Kantor",
    "Jalan Lingkungan", "Drainase Perkotaan", "Ruang Terbuka Hijau", "Data Statistik Sektoral",
    "Tenaga Pendidik", "Fasilitas Kesehatan", "Kader Posyandu", "Produk Hukum Daerah",
]
# (satuan, indikator noun, typical range)
SATUAN = [
    ("Dokumen", "Jumlah Dokumen", (1, 12)),
    ("Bulan", "Jumlah Bulan Pelayanan", (12, 12)),
    ("Laporan", "Jumlah Laporan", (1, 12)),
    ("Kegiatan", "Jumlah Kegiatan", (1, 40)),
    ("Orang", "Jumlah Peserta", (20, 500)),
    ("Paket", "Jumlah Paket", (1, 30)),
    ("Unit", "Jumlah Unit", (1, 50)),
    ("Aplikasi", "Jumlah Aplikasi", (1, 3)),
    ("Kelurahan", "Jumlah Kelurahan", (1, 67)),
]
SUMBER = ["PAD", "DAU", "DAK Fisik", "DAK Non Fisik", "Dana Perimbangan", "Bantuan Keuangan Provinsi"]

def load_nomenklatur() -> dict[str, str]:
    """kode (with X.XX for the penunjang program) -> official name."""
    names: dict[str, str] = {}
    with open(NOMENKLATUR_TSV, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                names[parts[1]] = parts[2]
    return names


_NOMEN: dict[str, str] | None = None


def _nomen() -> dict[str, str]:
    global _NOMEN
    if _NOMEN is None:
        _NOMEN = load_nomenklatur()
    return _NOMEN


def official_name(kode: str) -> str | None:
    nom = _nomen()
    segs = kode.split(".")
    if len(segs) == 6 and len(segs[5]) == 4 and segs[5].startswith("00"):
        kode = ".".join(segs[:5] + [segs[5][2:]])  # 4-digit SIPD segment 0001 = regulation 01
    if kode in nom:
        return nom[kode]
    segs = kode.split(".")
    if len(segs) >= 3 and segs[2] == "01":
        return nom.get(".".join(["X", "XX"] + segs[2:]))
    return None


@dataclass
class Node:
    kode: str
    name: str
    level: int                      # 3 program, 4 kegiatan, 5 sub kegiatan
    children: list["Node"] = field(default_factory=list)
    pagu: int = 0
    pagu_n1: int = 0
    satuan: str = "%"
    indikator: str = ""
    target: object = "100%"
    target_n1: object = "100%"
    continuations: int = 0
    pj: str | None = None
    sumber: str = "PAD"


def _rows_of(node: Node) -> int:
    return 1 + node.continuations + sum(_rows_of(c) for c in node.children)


def _sub(rng: random.Random, kode: str, opd_bidang: str) -> Node:
    satuan, noun, (lo, hi) = rng.choice(SATUAN)
    name = official_name(kode) or f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)}"
    t = rng.randint(lo, hi)
    t1 = max(t, rng.randint(lo, hi))
    pagu = rng.randrange(25_000_000, 2_500_000_000, 1000)
    n = Node(kode, name, 5, pagu=pagu, pagu_n1=pagu + rng.randrange(0, pagu // 4, 1000) if pagu >= 4000 else pagu,
             satuan=satuan, indikator=f"{noun} {name}", target=f"{t} {satuan}", target_n1=f"{t1} {satuan}",
             sumber=rng.choice(SUMBER))
    n.continuations = rng.choices((0, 1, 2, 3), weights=(70, 18, 8, 4))[0]
    return n


def build_programs(rng: random.Random, urusan: str, bidang: str, opd: str, budget: int) -> list[Node]:
    """Programs -> kegiatan -> sub kegiatan filling about ``budget`` rows."""
    programs: list[Node] = []
    used = 0
    p_no = 0
    while used < budget and p_no < 99:
        p_no += 1
        pk = f"{urusan}.{bidang}.{p_no:02d}"
        pname = official_name(pk) or f"PROGRAM {rng.choice(PROGRAM_WORDS)} {rng.choice(PROGRAM_OBJECTS)}"
        prog = Node(pk, pname, 3, indikator=f"Persentase capaian {pname.title()}", pj=f"{opd.title()}")
        prog.continuations = rng.choice((0, 1, 2))
        used += 1 + prog.continuations
        for k_no in range(1, rng.randint(3, 14) + 1):
            if used >= budget:
                break
            kk = f"{pk}.2.{k_no:02d}"
            kname = official_name(kk) or f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)}"
            keg = Node(kk, kname, 4, indikator=f"Persentase terlaksananya {kname}",
                       pj=f"Bidang {rng.choice(PROGRAM_OBJECTS).title()}", sumber=rng.choice(SUMBER))
            keg.continuations = rng.choices((0, 1), weights=(80, 20))[0]
            used += 1 + keg.continuations
            four = rng.random() < 0.3  # some OPD write the SIPD 4-digit sub kegiatan segment
            for s_no in range(1, rng.randint(2, 12) + 1):
                sk = f"{kk}.{s_no:04d}" if four else f"{kk}.{s_no:02d}"
                sub = _sub(rng, sk, bidang)
                rows = 1 + sub.continuations
                if used + rows > budget and keg.children:
                    break
                keg.children.append(sub)
                used += rows
            keg.pagu = sum(c.pagu for c in keg.children)
            keg.pagu_n1 = sum(c.pagu_n1 for c in keg.children)
            prog.children.append(keg)
        if not prog.children:  # a program needs at least one kegiatan
            used -= 1 + prog.continuations
            p_no -= 1
            break
        prog.pagu = sum(c.pagu for c in prog.children)
        prog.pagu_n1 = sum(c.pagu_n1 for c in prog.children)
        programs.append(prog)
    return programs


def _inject_mistakes(rng: random.Random, programs: list[Node]) -> dict:
    """One #REF! target, one Rp 1 rounding (kegiatan pagu n+1), one duplicated sub kegiatan kode."""
    kegiatan = [k for p in programs for k in p.children]
    subs = [(k, s) for k in kegiatan for s in k.children]
    out = {}
    if subs:
        _k, s = rng.choice(subs)
        s.target = "#REF!"
        out["ref"] = s.kode
    if kegiatan:
        prog = rng.choice(programs)
        k = rng.choice(prog.children)
        k.pagu_n1 += 1      # the kegiatan is Rp 1 off its sub kegiatan; program and total follow it
        prog.pagu_n1 += 1
        out["rounding"] = k.kode
    multi = [k for k in kegiatan if len(k.children) >= 3]
    if multi:
        k = rng.choice(multi)
        i = rng.randrange(1, len(k.children))
        k.children[i].kode = k.children[i - 1].kode
        out["duplicate"] = k.children[i].kode
    return out


def write_table_sheet(book, title: str, opd: str, urusan: str, bidang: str, urusan_text: str,
                      n_rows: int, rng: random.Random, mistakes: bool = True) -> dict:
    """Write one full T-C.33 table with about ``n_rows`` data rows; returns facts for tests.

    The title lines, header block and number row are the package's T-C.33 ``setda`` template."""
    ws = book.add_worksheet(title)
    lokasi = KOTA
    # label row + indikator tujuan/sasaran rows (part of the data area)
    head_rows = 3
    programs = build_programs(rng, urusan, bidang, opd, max(n_rows - head_rows, 4))
    facts = _inject_mistakes(rng, programs) if mistakes else {}
    written = 0

    def rows():
        nonlocal written
        yield {"urusan": urusan_text, "tujuan": f"Meningkatnya kinerja pelayanan {opd.title()}",
               "sasaran": f"Meningkatnya kualitas layanan urusan {urusan_text.lower()}"}
        for ind, sat, t, t1 in (("Indeks Kepuasan Masyarakat", "Indeks", 82, 84),
                                ("Nilai SAKIP Perangkat Daerah", "Nilai", 71, 75)):
            yield {"indikator_tujuan": ind, "satuan": sat, "target": Fmt(t, "0.00"), "target_n1": Fmt(t1, "0.00")}
        written = head_rows
        for prog in programs:
            for node in _walk(prog):
                yield {
                    "kode": node.kode, "uraian": node.name, "indikator": node.indikator, "satuan": node.satuan,
                    "lokasi": lokasi,
                    "target": Formula("=#REF!", "#REF!") if node.target == "#REF!" else node.target,
                    "pagu": node.pagu, "sumber_dana": node.sumber if node.level > 3 else None,
                    "target_n1": node.target_n1, "pagu_n1": node.pagu_n1, "penanggung_jawab": node.pj,
                }
                written += 1
                for c in range(node.continuations):
                    sat, noun, (lo, hi) = SATUAN[(len(node.kode) + c) % len(SATUAN)]
                    t = rng.randint(lo, hi)
                    if node.level == 5:
                        row = {"indikator": f"- {noun} pendukung {c + 1}", "satuan": sat, "target": f"{t} {sat}",
                               "target_n1": f"{t} {sat}"}
                    else:
                        row = {"indikator": f"Persentase capaian indikator {c + 2} {node.name}", "satuan": "%",
                               "target": "100%", "target_n1": "100%"}
                    row.update(lokasi=lokasi, sumber_dana=node.sumber if node.level > 3 else None)
                    yield row
                    written += 1
        yield {"uraian": "TOTAL KERANGKA PENDANAAN OPD", "pagu": sum(p.pagu for p in programs),
               "pagu_n1": sum(p.pagu_n1 for p in programs)}

    titles = ["TABEL 3.1", f"RUMUSAN RENCANA PROGRAM KEGIATAN DAN SUB KEGIATAN TAHUN {TAHUN}",
              f"DAN PRAKIRAAN MAJU TAHUN {TAHUN + 1}", f"{opd} {KOTA.upper()}"]
    tmap = write_table(ws, "T-C.33", "setda", tahun=TAHUN, title=titles, rows=rows(), freeze=True)
    assert tmap.first_data_row == FIRST_DATA_ROW
    facts.update(rows=written, programs=len(programs), last_row=FIRST_DATA_ROW + written)
    return facts


def _walk(node: Node):
    yield node
    for c in node.children:
        yield from _walk(c)


def build_tc33(path: str, n_rows: int = 50_000, n_sheets: int = 8, seed: int = 1, mistakes: bool = True,
               opd_offset: int = 0) -> dict:
    """A T-C.33 workbook with about ``n_rows`` data rows spread over ``n_sheets`` OPD tables."""
    rng = random.Random(seed)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    wb = xlsxwriter.Workbook(tmp, {"constant_memory": True})
    facts = {"sheets": {}}
    per = [n_rows // n_sheets + (1 if i < n_rows % n_sheets else 0) for i in range(n_sheets)]
    for i in range(n_sheets):
        urusan, bidang, urusan_text, opd = OPDS[(opd_offset + i) % len(OPDS)]
        title = f"T-C.33 {urusan}.{bidang}"
        if title in facts["sheets"]:
            title = f"{title} ({i + 1})"
        facts["sheets"][title] = write_table_sheet(wb, title, opd, urusan, bidang, urusan_text, per[i], rng, mistakes)
    wb.close()
    os.replace(tmp, path)
    facts["rows"] = sum(s["rows"] for s in facts["sheets"].values())
    return facts


def build_folder(folder: str, n_files: int = 500, rows: int = 150, seed: int = 2) -> list[str]:
    """``n_files`` OPD-sized workbooks (one T-C.33 sheet of about ``rows`` data rows each)."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i in range(n_files):
        urusan, bidang, _t, opd = OPDS[i % len(OPDS)]
        sub = os.path.join(folder, f"kab_{i // 50:02d}")  # nested like a shared drive per kabupaten
        path = os.path.join(sub, f"renja_{i:03d}_{urusan}_{bidang}.xlsx")
        build_tc33(path, n_rows=rows, n_sheets=1, seed=seed * 100_003 + i, mistakes=(i % 3 == 0), opd_offset=i)
        paths.append(path)
    return paths


def ensure(big: str = BIG, folder: str = FOLDER, n_rows: int = 50_000, n_files: int = 500, force: bool = False):
    """Generate the benchmark inputs unless they exist; returns (big path, folder path)."""
    if force or not os.path.exists(big):
        t = time.perf_counter()
        facts = build_tc33(big, n_rows=n_rows)
        print(f"generated {big}: {facts['rows']} data rows, {os.path.getsize(big) / 1e6:.1f} MB "
              f"in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    marker = os.path.join(folder, ".complete")
    if force or not os.path.exists(marker):
        t = time.perf_counter()
        build_folder(folder, n_files=n_files)
        with open(marker, "w") as fh:
            fh.write(f"{n_files}\n")
        print(f"generated {folder}: {n_files} workbooks in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return big, folder


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, help="build one workbook with this many data rows (with --out)")
    ap.add_argument("--sheets", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="output path for --rows")
    ap.add_argument("--force", action="store_true", help="regenerate the benchmark inputs")
    args = ap.parse_args(argv)
    if args.rows:
        out = args.out or os.path.join(OUT, f"tc33_{args.rows}.xlsx")
        facts = build_tc33(out, n_rows=args.rows, n_sheets=args.sheets, seed=args.seed)
        print(f"{out}: {facts['rows']} data rows")
        return 0
    ensure(force=args.force)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
