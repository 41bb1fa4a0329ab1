"""TT06 pagu-narasi: amounts stated in a BAB IV narrative (.docx) against Tabel 3.1; the seed's own BAB IV."""

from __future__ import annotations

import json
import os

import docx
import pytest

import xl_renja
from tests.rules.helpers import (K1_NAME, K3_NAME, P_NAME, S1_NAME, S2_NAME, S3_NAME, clean_rows, tc33)
from xl_renja import Options
from xl_renja.narasi import parse_amount, read_narasi

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _docx(path, paragraphs):
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)
    return str(path)


def _lint(book, narasi_path, tolerance=1.0):
    opts = Options(tolerance=tolerance, narasi=read_narasi(narasi_path))
    return xl_renja.lint(str(book.path), select=["TT06"], options=opts).diagnostics


@pytest.mark.parametrize("text, value", [
    ("55.797.371.818,-", 55797371818), ("410.005.188,;", 410005188), ("1.093.471.127,", 1093471127),
    ("305.891.791", 305891791), ("100.301.653,-;", 100301653), ("3.246.145.-", None), ("1328.435.241,-", None),
    ("1.227.105.000.-", None), ("12,5", None),
])
def test_parse_amount(text, value):
    assert parse_amount(text) == value


def test_tt06_on_a_built_document(tmp_path):
    book = tc33(tmp_path, "setda", clean_rows())
    narasi = _docx(tmp_path / "bab4.docx", [
        "BAB I", "Pendahuluan sebesar Rp. 1,-",  # outside BAB IV: ignored
        "BAB IV",
        f"Asisten memiliki program {P_NAME.title()}, dengan pagu anggaran sebesar Rp. 600.000,-",   # right
        "Bagian Umum menganggarkan sebesar Rp. 450.000,-",                                        # unit total
        f"1.1. Kegiatan {K1_NAME}, dengan pagu indikatif sebesar Rp. 450.001,-",                  # rounding
        f"a. Sub Kegiatan {S1_NAME.lower()}, dengan pagu indikatif sebesar Rp. 110.000,-",        # wrong
        f"b. Sub Kegiatan {S2_NAME} dengan indikator Jumlah 1",                                  # amount on
        "Dokumen dengan pagu indikatif sebesar Rp. 150.000,-",                                    # ...next line
        f"c. Sub Kegiatan {S3_NAME}, dengan pagu indikatif sebesar Rp. 200.000.-",                # unparseable
        f"1.2. Kegiatan {K3_NAME} dengan pagu indikatif sebesar Rp. 3.000.000,-",                 # wrong
        "d. Sub Kegiatan Yang Tidak Ada Sama Sekali, dengan pagu indikatif sebesar Rp. 5.000,-",  # no row
        "BAB V", "Kegiatan Penutup sebesar Rp. 9,-",
    ])
    got = sorted((d.key(), d.severity.value, d.expected, d.actual) for d in _lint(book, narasi))
    assert got == sorted([
        (book.key("TT06", "pagu", 1), "warning", 450_000, 450_001),
        (book.key("TT06", "pagu", 2), "error", 100_000, 110_000),
        (book.key("TT06", "pagu", 8), "error", 300_000, 3_000_000),
    ])
    from xl_renja.narasi import match_statements

    report = match_statements(read_narasi(narasi), list(xl_renja.find_tables(xl_renja.read(str(book.path)))))
    assert sorted((s.amount_text, reason) for s, reason, _row in report.unmatched) == sorted([
        ("450.000,-", "bukan baris tabel (jumlah unit/OPD)"),
        ("200.000.-", "jumlah tidak terbaca"),
        ("5.000,-", "tidak ada baris dengan nama ini"),
    ])


def test_tt06_only_with_narasi(tmp_path):
    rows = clean_rows()
    book = tc33(tmp_path, "setda", rows)
    assert xl_renja.lint(str(book.path), select=["TT06"]).diagnostics == []


def test_unreadable_narasi_is_a_usage_error(tmp_path, capsys):
    from xl_renja.cli import main

    bad = tmp_path / "bukan.docx"
    bad.write_text("bukan dokumen")
    book = tc33(tmp_path, "setda", clean_rows())
    assert main(["lint", str(book.path), "--narasi", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bukan.docx" in err


def test_seed_bab4_mismatches_are_exactly_the_hand_checked_list():
    """The committed list was worked out by hand from the seed's BAB IV and Tabel 3.1."""
    with open(os.path.join(ROOT, "tests", "expected", "bab4_mismatches.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    narasi = os.path.join(ROOT, "workbooks", "contoh", "renja_setda_kota_serang_2022_bab4.docx")
    example = os.path.join(ROOT, "workbooks", "contoh", "renja_setda_kota_serang_2022.xlsx")
    diags = xl_renja.lint(example, select=["TT06"], options=Options(narasi=read_narasi(narasi))).diagnostics
    got = sorted((d.sheet, d.cell, d.kode, d.actual, d.expected, d.severity.value) for d in diags)
    want = sorted((m["sheet"], m["cell"], m["kode"], m["narasi"], m["tabel"], m["severity"])
                  for m in expected["mismatches"])
    assert got == want
    from xl_renja.narasi import match_statements

    report = match_statements(read_narasi(narasi), list(xl_renja.find_tables(xl_renja.read(example))))
    assert sorted((s.paragraph, s.amount_text) for s, _r, _row in report.unmatched) == sorted(
        (u["paragraph"], u["amount_text"]) for u in expected["tidak_dicocokkan"])
