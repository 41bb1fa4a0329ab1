from decimal import Decimal

import pytest

from xl_renja.satuan import (
    canonical_satuan,
    is_additive,
    lower_is_better,
    same_satuan,
    suggest_satuan,
)
from xl_renja.values import Target, normalize_text, parse_number, parse_percent, parse_target


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1.260.789.058", 1260789058),
        ("66,67", 66.67),
        ("Rp 1.250.000", 1250000),
        ("Rp. 1.250.000,-", 1250000),
        ("Rp1.250.000", 1250000),
        ("IDR 5.000", 5000),
        ("100%", 100),
        ("100 %", 100),
        ("12,00", 12.0),
        ("3,4365", 3.4365),
        (" 237050000 ", 237050000),
        ("-5", -5),
        ("(5)", -5),
        ("\u22123,5", -3.5),
        ("- 5", -5),
        ("Rp (5.000)", -5000),
        ("54.64", 54.64),
        ("3.4365", 3.4365),
        ("1.5", 1.5),
        ("0.500", 0.5),
        ("1.000", 1000),
        ("1.000.000,50", 1000000.5),
        ("0,5", 0.5),
        ("0", 0),
        ("12,345,678", 12345678),  # English grouping
        ("1,234.56", 1234.56),
        ("\xa01.250\xa0", 1250),
        # numbers pass through
        (5, 5),
        (2.5, 2.5),
        (Decimal("1.50"), 1.5),
        (Decimal("7"), 7),
        # not numbers
        ("Tertinggi", None),
        ("12 Bulan", None),
        ("", None),
        ("   ", None),
        ("-", None),
        ("%", None),
        ("1.26.789", None),
        ("1e5", None),
        ("\u0663", None),  # Arabic-Indic digit
        ("#REF!", None),
        (None, None),
        (True, None),
        (False, None),
        (float("nan"), None),
        (float("inf"), None),
        ([1], None),
    ],
)
def test_parse_number(raw, expected):
    result = parse_number(raw)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("100%", 100.0),
        ("100 %", 100.0),
        ("66,67%", 66.67),
        ("66,67 persen", 66.67),
        ("100", 100.0),
        (75, 75.0),
        ("Tertinggi", None),
        (None, None),
    ],
)
def test_parse_percent(raw, expected):
    result = parse_percent(raw)
    assert result == expected
    if expected is not None:
        assert type(result) is float


@pytest.mark.parametrize(
    "raw, quantity, satuan, is_percent",
    [
        ("12 Bulan", 12, "Bulan", False),
        ("5 Dokumen", 5, "Dokumen", False),
        ("100%", 100, "%", True),
        ("100 %", 100, "%", True),
        ("66,67 %", 66.67, "%", True),
        ("100 Persen", 100, "Persen", True),
        (
            "2 (12 Sub Keg. Sosialisasi Produk Hukum, 12 Kali Penyuluhan Kadarkum)",
            2,
            "(12 Sub Keg. Sosialisasi Produk Hukum, 12 Kali Penyuluhan Kadarkum)",
            False,
        ),
        ("30 Perwal/K epwal", 30, "Perwal/K epwal", False),
        ("1.000 Orang", 1000, "Orang", False),
        ("1.000. Orang", 1000, "Orang", False),
        ("12Bulan", 12, "Bulan", False),
        ("  3   Laporan ", 3, "Laporan", False),
        ("2,5 Km", 2.5, "Km", False),
        ("71,00", 71.0, None, False),
        ("3,4365", 3.4365, None, False),
        ("Rp 1.250.000", 1250000, "Rp", False),
        ("Tertinggi", None, "Tertinggi", False),
        ("%", None, "%", True),
        ("#REF!", None, None, False),
        ("#N/A", None, None, False),
        ("#DIV/0!", None, None, False),
        ("-", None, None, False),
        ("", None, None, False),
        ("   ", None, None, False),
    ],
)
def test_parse_target_text(raw, quantity, satuan, is_percent):
    target = parse_target(raw)
    assert target == Target(raw, quantity, satuan, is_percent)
    assert type(target.quantity) is type(quantity)


@pytest.mark.parametrize(
    "raw, target",
    [
        (5, Target("5", 5, None, False)),
        (12.5, Target("12.5", 12.5, None, False)),
        (None, Target("", None, None, False)),
    ],
)
def test_parse_target_non_text(raw, target):
    assert parse_target(raw) == target


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  Penyediaan  Gaji & Tunjangan ASN. ", "penyediaan gaji tunjangan asn"),
        ("PENYEDIAAN GAJI DAN TUNJANGAN ASN", "penyediaan gaji dan tunjangan asn"),
        ("Perwal / Kepwal", "perwal/kepwal"),
        ("Al-Qur'an", "al quran"),
        ("Sub Keg.Sosialisasi", "sub keg sosialisasi"),
        ("Tab\tdan\nbaris", "tab dan baris"),
        ("\uff21\uff33\uff2e", "asn"),  # full-width letters (NFKC)
        ("", ""),
        (None, ""),
        (2024, "2024"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


# --- satuan -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Bulan", "Bulan"),
        ("bulan", "Bulan"),
        ("Bln", "Bulan"),
        ("Bln (KDH/W KDH)", "Bulan"),
        ("Dok", "Dokumen"),
        ("dok", "Dokumen"),
        ("Dok.", "Dokumen"),
        ("Doc", "Dokumen"),
        ("Org", "Orang"),
        ("org/peserta", "Orang"),
        ("Peserta", "Orang"),
        ("Keg", "Kegiatan"),
        ("Kegiatan/Paket", "Kegiatan"),
        ("KaSUS", "Kasus"),
        ("%", "Persen"),
        ("Ha", "Hektar"),
        ("Perangkat Daerah", "OPD"),
        ("Rumah Tangga", "Rumah Tangga"),
        ("Produk Hukum", "Produk Hukum"),
        ("  Unit ", "Unit"),
        # compounds are known by their leading word(s)
        ("Orang/Paket", "Orang"),
        ("Perwal/Kepwal", "Perwal"),
        ("Perwal/K epwal", "Perwal"),
        ("Titik dan 5 Kegiatan", "Titik"),
        ("Kegiatan (6 kecamatan dan 26 kelurahan)", "Kegiatan"),
        ("Rumah Tangga Miskin", "Rumah Tangga"),
        # unknown
        ("Bulanan", None),
        ("Bu;an", None),
        ("Tertinggi", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_satuan(raw, expected):
    assert canonical_satuan(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Bu;an", "Bulan"),
        ("Bi;an", "Bulan"),
        ("Dokmen", "Dokumen"),
        ("Dokumne", "Dokumen"),
        ("bukan", "Bulan"),
        ("doo", "Dokumen"),
        ("KaSUS", "Kasus"),
        ("Lapoan", "Laporan"),
        ("Pakte", "Paket"),
        ("Dokmen/Laporan", "Dokumen"),
        ("Tertinggi", None),
        ("qwertyuiop", None),
        ("zz", None),
        ("", None),
        (None, None),
    ],
)
def test_suggest_satuan(raw, expected):
    assert suggest_satuan(raw) == expected


@pytest.mark.parametrize(
    "satuan, expected",
    [
        ("Dokumen", True),
        ("Bulan", True),
        ("Orang", True),
        ("Unit", True),
        ("Paket", True),
        ("Dok", True),
        ("Kelompok Tani", True),  # unknown words: a count
        ("%", False),
        ("Persen", False),
        ("Persentase", False),
        ("Indeks", False),
        ("Nilai", False),
        ("Kategori", False),
        ("Rasio", False),
        ("rasio per 1000 penduduk", False),
        ("Skor rata-rata", False),
        ("", False),
        (None, False),
    ],
)
def test_is_additive(satuan, expected):
    assert is_additive(satuan) is expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("Dok", "Dokumen", True),
        ("Org", "Orang", True),
        ("%", "Persen", True),
        ("bulan", "BLN", True),
        ("Kelompok Tani", "kelompok  tani", True),
        (None, "", True),
        ("Dok", "Orang", False),
        ("%", "Indeks", False),
        ("Dokumen", None, False),
    ],
)
def test_same_satuan(a, b, expected):
    assert same_satuan(a, b) is expected


@pytest.mark.parametrize(
    "indikator, expected",
    [
        ("Angka Kemiskinan", True),
        ("Persentase penduduk miskin", True),
        ("Tingkat Inflasi", True),
        ("Tingkat Pengangguran Terbuka (TPT)", True),
        ("Angka Kematian Ibu", True),
        ("Prevalensi Stunting", True),
        ("Indeks Gini", True),
        ("Jumlah kasus DBD", True),
        ("Persentase kasus yang ditangani", False),
        ("Persentase penurunan angka kemiskinan", False),
        ("Indeks Pembangunan Manusia", False),
        ("Persentase dokumen perencanaan tepat waktu", False),
        ("Pengiriman dokumen", False),  # "gini" only as a whole word
        ("", False),
        (None, False),
    ],
)
def test_lower_is_better(indikator, expected):
    assert lower_is_better(indikator) is expected
