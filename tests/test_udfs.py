"""The worksheet functions (udfs/main.py) as Python functions, with every kind of input Excel
passes: floats, text, empty cells (None), bools, error values, ranges (lists)."""

from __future__ import annotations

import importlib
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SIPD = ROOT.parent / "shared" / "reference" / "sipd_nomenklatur_subkegiatan_2027.xlsx"

ERRORS = ["#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"]
BAD = [None, "", "   ", True, False, float("nan"), float("inf"), [[1.0, 2.0]], [["a"], ["b"]]] + ERRORS


@pytest.fixture(scope="module")
def udf():
    sys.path.insert(0, str(ROOT / "udfs"))
    try:
        yield importlib.import_module("main")
    finally:
        sys.path.remove(str(ROOT / "udfs"))


NAMES = ["RENJA_KODE_VALID", "RENJA_KODE_LEVEL", "RENJA_KODE_INDUK", "RENJA_NAMA", "RENJA_ANGKA",
         "RENJA_TARGET_NILAI", "RENJA_TARGET_SATUAN", "RENJA_CAPAIAN", "RENJA_SELISIH_ANAK"]


def test_fixed_names_with_help(udf):
    for name in NAMES:
        fn = getattr(udf, name)
        assert fn.__doc__ and len(fn.__doc__.strip()) > 20, name
    classic = importlib.import_module("renja_udfs")
    assert all(getattr(classic, n) is getattr(udf, n) for n in NAMES)


def test_kode_valid(udf):
    assert udf.RENJA_KODE_VALID("4.01.01.2.01.0001") is True
    assert udf.RENJA_KODE_VALID(4.0) is True  # a number cell: urusan 4
    assert udf.RENJA_KODE_VALID(4.01) is True  # bidang typed as a number
    assert udf.RENJA_KODE_VALID([["4.01.01"]]) is True  # a 1x1 range
    for bad in ("4.01,01.2.01", "4.01.02.2.02.001", "4001.400101.01.001", "4.01.01.9.01"):
        msg = udf.RENJA_KODE_VALID(bad)
        assert isinstance(msg, str) and "Kode" in msg, bad
    # the message is KR01's for the same kode
    from xl_renja.rules import RULES_BY_CODE
    from xl_renja.kode import PROBLEM_MESSAGES

    expected = RULES_BY_CODE["KR01"].msg("malformed", kode="4.01,01.2.01",
                                        why=PROBLEM_MESSAGES["separator"].lower(), why_en="")[0]
    assert udf.RENJA_KODE_VALID("4.01,01.2.01") == expected


def test_kode_level_and_parent(udf):
    assert [udf.RENJA_KODE_LEVEL(k) for k in ("4", "4.01", "4.01.01", "4.01.01.2.01", "4.01.01.2.01.0001")] == [
        "urusan", "bidang", "program", "kegiatan", "sub kegiatan"]
    assert udf.RENJA_KODE_INDUK("4.01.01.2.01.0001") == "4.01.01.2.01"
    assert udf.RENJA_KODE_INDUK("4.01.01.2.01") == "4.01.01"
    assert udf.RENJA_KODE_INDUK("4") == ""
    assert udf.RENJA_KODE_LEVEL("4.01.01.2") != "kegiatan"  # incomplete: a message


def test_nama_builtin_and_range(udf):
    assert udf.RENJA_NAMA("4.01.01.2.01.01") == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    # the shared penunjang program of any bidang
    assert "PENUNJANG" in udf.RENJA_NAMA("4.01.01").upper()
    assert "tidak ada" in udf.RENJA_NAMA("9.99.99")
    pasted = [["BIDANG", "PROGRAM", "KEGIATAN", "SUBKEGIATAN"],
              ["5.01 PERENCANAAN", "5.01.02 PROGRAM PERENCANAAN", "5.01.02.2.01 Penyusunan Dokumen",
               "5.01.02.2.01.0003 Koordinasi Penyusunan Dokumen RKPD"]]
    assert udf.RENJA_NAMA("5.01.02.2.01.0003", pasted) == "Koordinasi Penyusunan Dokumen RKPD"
    assert udf.RENJA_NAMA("5.01.02.2.01.03", pasted) == "Koordinasi Penyusunan Dokumen RKPD"  # 2-digit form
    assert "tidak ada" in udf.RENJA_NAMA("4.01.01.2.01.01", pasted)  # only the pasted export counts
    assert "SUBKEGIATAN" in udf.RENJA_NAMA("4.01.01", [["a", "b"], ["c", "d"]])


@pytest.mark.skipif(not SIPD.exists(), reason="the SIPD export is in ../shared")
def test_nama_from_real_sipd_export(udf):
    import openpyxl

    ws = openpyxl.load_workbook(SIPD, read_only=True).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True, max_row=60)]
    sub = next(str(v) for r in rows[1:] for v in r if isinstance(v, str) and v.count(".") == 5)
    kode, _, name = sub.partition(" ")
    assert udf.RENJA_NAMA(kode, rows) == " ".join(name.split())


def test_angka_and_targets(udf):
    assert udf.RENJA_ANGKA("1.260.789.058") == 1260789058
    assert udf.RENJA_ANGKA("66,67") == pytest.approx(66.67)
    assert udf.RENJA_ANGKA("Rp. 1.250.000,-") == 1250000
    assert udf.RENJA_ANGKA(12.5) == 12.5
    assert isinstance(udf.RENJA_ANGKA("dua belas"), str)
    assert udf.RENJA_TARGET_NILAI("12 Bulan") == 12 and udf.RENJA_TARGET_SATUAN("12 Bulan") == "Bulan"
    assert udf.RENJA_TARGET_NILAI("1.000 Orang") == 1000 and udf.RENJA_TARGET_SATUAN("100 %") == "%"
    assert udf.RENJA_TARGET_SATUAN(24.0) == ""
    assert isinstance(udf.RENJA_TARGET_NILAI("Tertinggi"), str)


def test_capaian_is_compute(udf):
    from xl_renja.compute import capaian

    for r, t in ((50.0, 100.0), (7.0, 3.0), (0.0, 12.0)):
        assert udf.RENJA_CAPAIAN(r, t) == capaian(t, r)
    assert udf.RENJA_CAPAIAN("66,67", "100") == pytest.approx(66.67)
    for lower in ("-", "negatif", True, -1.0, "Angka kemiskinan"):
        assert udf.RENJA_CAPAIAN(8.0, 10.0, lower) == capaian(10.0, 8.0, lower=True), lower
    assert udf.RENJA_CAPAIAN(8.0, 10.0, "+") == capaian(10.0, 8.0)
    assert isinstance(udf.RENJA_CAPAIAN(8.0, 0.0), str)  # target 0


def test_selisih_anak_is_compute(udf):
    from xl_renja.compute import kode_children_sum

    kodes = [["4.01.01"], ["4.01.01.2.01"], ["4.01.01.2.01.0001"], ["4.01.01.2.02"], ["4.01.02"]]
    pagu = [[300.0], ["100"], [99.0], ["150"], [5.0]]
    assert udf.RENJA_SELISIH_ANAK(kodes, pagu, "4.01.01") == 50
    assert kode_children_sum(zip([k[0] for k in kodes], [p[0] for p in pagu]), "4.01.01") == (300, 250, 2)
    assert udf.RENJA_SELISIH_ANAK(kodes, pagu, "4.01.01.2.01") == 1
    # wildcard penunjang parent, text amounts in Indonesian notation
    assert udf.RENJA_SELISIH_ANAK(["X.XX.01", "4.01.01.2.01"], ["1.000", "1.000"], "X.XX.01") == 0
    assert "tidak ditemukan" in udf.RENJA_SELISIH_ANAK(kodes, pagu, "4.01.03")
    assert "anak" in udf.RENJA_SELISIH_ANAK(kodes, pagu, "4.01.02")
    assert "sama panjang" in udf.RENJA_SELISIH_ANAK(kodes, pagu[:2], "4.01.01")
    assert "#REF!" in udf.RENJA_SELISIH_ANAK(kodes, [[300.0], ["#REF!"], [1.0], [2.0], [3.0]], "4.01.01")


@pytest.mark.parametrize("name", NAMES)
def test_never_raises_on_any_input(udf, name):
    fn = getattr(udf, name)
    n = {"RENJA_CAPAIAN": 2, "RENJA_SELISIH_ANAK": 3}.get(name, 1)
    for bad in BAD:
        for pos in range(n):
            args = ["4.01.01", "4.01.01", "4.01.01"][:n] if name == "RENJA_SELISIH_ANAK" else [10.0] * n
            if name in ("RENJA_KODE_VALID", "RENJA_KODE_LEVEL", "RENJA_KODE_INDUK", "RENJA_NAMA"):
                args = ["4.01.01"]
            args[pos] = bad
            out = fn(*args)
            assert isinstance(out, (str, bool, float, int)), (bad, out)
            if isinstance(out, float):
                assert math.isfinite(out)
            if bad in ERRORS and name not in ("RENJA_SELISIH_ANAK",):
                assert isinstance(out, str) and bad in out, (bad, out)


def test_error_objects_from_xlwings(udf):
    class XlError(Exception):  # what an engine may pass for an error cell
        def __str__(self):
            return "#N/A"

    assert "#N/A" in udf.RENJA_ANGKA(XlError())


def test_kode_valid_agrees_with_kr01_on_a_trailing_dot():
    """A trailing dot or stray spaces pass check_kode but are KR01 findings; the function says so too."""
    from xl_renja import functions as F

    assert F.kode_valid("4.01.01.2.01.02") is True
    for text in ("4.01.01.2.01.02.", " 4.01.01.2.01.02"):
        msg = F.kode_valid(text)
        assert isinstance(msg, str) and "4.01.01.2.01.02" in msg
