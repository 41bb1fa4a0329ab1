"""KR04 nomenklatur on both T-C.33 variants: the built-in table and the real SIPD export."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.helpers import K1_NAME, S1, S1_NAME, S2, S3, clean_rows, item, lint, sub, tc33

VARIANTS = ["resmi", "setda"]
REPO = Path(__file__).resolve().parents[2]
SIPD = REPO / ".." / "shared" / "reference" / "sipd_nomenklatur_subkegiatan_2027.xlsx"


# (id, {data row index: name}, [(data row index, expected official name)])
CASES = [
    # the official name of 4.01.01.2.01.0002, which the table has on its own row: the name is wrong
    ("wrong-sub-name", {2: "Koordinasi dan Penyusunan Dokumen RKA-SKPD"}, [(2, S1_NAME)]),
    ("wrong-kegiatan-name", {1: "Perencanaan dan Penganggaran"}, [(1, K1_NAME)]),
    ("wrong-program-name", {7: "PROGRAM EKONOMI"}, [(7, "PROGRAM PEREKONOMIAN DAN PEMBANGUNAN")]),
    ("case-spaces-punctuation-ignored", {2: "  PENYUSUNAN DOKUMEN  perencanaan perangkat daerah "},
     []),
    ("words-joined-or-split", {2: "Penyusunan Dokumen Perencanaan PerangkatDaerah"}, []),
    ("clean", {}, []),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, names, expected", CASES, ids=[c[0] for c in CASES])
def test_kr04_builtin(tmp_path, variant, case_id, names, expected):
    rows = clean_rows()
    for i, name in names.items():
        rows[i]["uraian"] = name
    book = tc33(tmp_path, variant, rows)
    diags = lint(book, ["KR04"])
    assert all(d.severity.value == "warning" for d in diags)
    got = sorted((d.key(), d.expected, d.actual) for d in diags)
    assert got == sorted((book.key("KR04", "uraian", i), official, names[i]) for i, official in expected)


@pytest.mark.parametrize("variant", VARIANTS)
def test_kr04_penunjang_program_of_any_bidang(tmp_path, variant):
    """X.XX.01 names apply to every bidang: 1.02.01.2.01.0001 is judged with the built-in table."""
    rows = [item("1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", 100, 100),
            item("1.02.01.2.01", K1_NAME, 100, 100),
            sub("1.02.01.2.01.0001", "Penyusunan Renstra", 100, 100)]
    book = tc33(tmp_path, variant, rows)
    assert [(d.key(), d.expected) for d in lint(book, ["KR04"])] == [(book.key("KR04", "uraian", 2), S1_NAME)]


@pytest.mark.parametrize("variant", VARIANTS)
def test_kr04_unknown_codes_not_judged(tmp_path, variant):
    rows = [item("1.02.02", "PROGRAM APA SAJA", 100, 100), item("1.02.02.2.01", "Kegiatan apa saja", 100, 100),
            sub("1.02.02.2.01.0002", "Sub kegiatan apa saja", 100, 100)]
    assert lint(tc33(tmp_path, variant, rows), ["KR04"]) == []


@pytest.fixture(scope="module")
def sipd():
    if not SIPD.exists():
        pytest.skip("../shared/reference/sipd_nomenklatur_subkegiatan_2027.xlsx not available")
    from xl_renja.nomenklatur import load_sipd_export

    return load_sipd_export(str(SIPD))


P = ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT")
K = ("1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota")
S = ("1.02.02.2.01.0002", "Pembangunan Puskesmas")


SIPD_CASES = [
    ("clean", {}, []),
    ("wrong-sub", {2: "Pembangunan Puskesmas Pembantu Baru"}, [(2, S[1])]),
    ("wrong-kegiatan", {1: "Penyediaan Fasilitas Kesehatan"}, [(1, K[1])]),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, names, expected", SIPD_CASES, ids=[c[0] for c in SIPD_CASES])
def test_kr04_sipd_export(tmp_path, sipd, variant, case_id, names, expected):
    rows = [item(*P, 100, 100), item(*K, 100, 100), sub(*S, 100, 100)]
    for i, name in names.items():
        rows[i]["uraian"] = name
    book = tc33(tmp_path, variant, rows)
    got = sorted((d.key(), d.expected) for d in lint(book, ["KR04"], nomenklatur=sipd))
    assert got == sorted((book.key("KR04", "uraian", i), official) for i, official in expected)


@pytest.mark.parametrize("variant", VARIANTS)
def test_kr04_at_the_kode_when_the_name_is_another_kode_absent_from_the_table(tmp_path, variant):
    """S1 (4.01.01.2.01.0001) named as 4.01.01.2.01.0003, which the table does not have: the kode
    is what is wrong; the finding is at the kode cell, the intended kode in the table's form."""
    rows = clean_rows()
    rows[2]["uraian"] = "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD"
    book = tc33(tmp_path, variant, rows)
    (d,) = lint(book, ["KR04"])
    assert (d.key(), d.expected, d.actual) == (book.key("KR04", "kode", 2), "4.01.01.2.01.0003", S1)
    assert d.cells == (f"'Tabel 3.1'!{book.cell('kode', 2)}", f"'Tabel 3.1'!{book.cell('uraian', 2)}")


@pytest.mark.parametrize("variant", VARIANTS)
def test_kr04_at_the_kode_of_a_duplicated_row(tmp_path, variant):
    """S2's kode written again on the next row, whose name is S3's (which the table has): the
    duplicated kode is what is wrong (KR03 reports the duplicate at the same cell)."""
    rows = clean_rows()
    rows[4]["kode"] = S2
    book = tc33(tmp_path, variant, rows)
    rows_found = [(d.key(), d.expected) for d in lint(book, ["KR04", "KR03"])]
    assert sorted(rows_found) == [(book.key("KR03", "kode", 4), None), (book.key("KR04", "kode", 4), S3)]


SIPD_JENIS = [("KABUPATEN", "Pembangunan USB (Unit Sekolah Baru)"),
              ("PROVINSI", "Penyediaan Beasiswa Status Mahasiswa Jenjang Diploma/ Akademi Komunitas")]


@pytest.mark.parametrize("pemda, official", SIPD_JENIS)
def test_kr04_sipd_export_honours_jenis_pemda(tmp_path, sipd, pemda, official):
    """1.01.02.3.05.0001 has a kab/kota and a provincial name in the export: the Renja's title
    tells which applies."""
    import openpyxl

    rows = [item("1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN", 100, 100),
            item("1.01.02.3.05", "Kegiatan", 100, 100), sub("1.01.02.3.05.0001", "Nama lain", 100, 100)]
    book = tc33(tmp_path, "resmi", rows)
    wb = openpyxl.load_workbook(book.path)
    wb["Tabel 3.1"]["A2"] = f"RENJA DINAS PENDIDIKAN {pemda} CONTOH TAHUN 2024"
    wb.save(book.path)
    got = [(d.key(), d.expected) for d in lint(book, ["KR04"], nomenklatur=sipd) if d.kode == "1.01.02.3.05.0001"]
    assert got == [(book.key("KR04", "uraian", 2), official)]
    rows[2]["uraian"] = official
    book = tc33(tmp_path, "resmi", rows, name="benar.xlsx")
    wb = openpyxl.load_workbook(book.path)
    wb["Tabel 3.1"]["A2"] = f"RENJA DINAS PENDIDIKAN {pemda} CONTOH TAHUN 2024"
    wb.save(book.path)
    assert [d for d in lint(book, ["KR04"], nomenklatur=sipd) if d.kode == "1.01.02.3.05.0001"] == []


def test_nomenklatur_names_compared_with_spacing_normalised():
    from xl_renja.nomenklatur import same_name

    assert same_name("Kerjasama Daerah", "Kerja Sama  Daerah")
    assert same_name("Fasilitasi Kerja sama", "fasilitasi kerjasama.")
    assert not same_name("Fasilitasi Kerjasama", "Fasilitas Kerjasama")
