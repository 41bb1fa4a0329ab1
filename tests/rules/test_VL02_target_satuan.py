"""VL02 target-satuan on both T-C.33 variants (satuan column in Setda, indikator in both)."""

from __future__ import annotations

import pytest

from tests.rules.helpers import clean_rows, lint, tc33

VARIANTS = ["resmi", "setda"]


# clean_rows() row 2: indikator "Jumlah Dokumen Perencanaan Perangkat Daerah", satuan Dokumen, target 1 Dokumen
# (id, {(row, key): value}, [(row, key, expected, actual)])
CASES = [
    ("clean", {}, []),
    ("target-other-satuan", {(2, "target"): "12 Bulan"}, [(2, "target", "Dokumen", "Bulan")]),
    ("target-n1-other-satuan", {(2, "target_n1"): "3 Orang"}, [(2, "target_n1", "Dokumen", "Orang")]),
    ("target-abbreviation-ok", {(2, "target"): "1 Dok"}, []),
    ("target-without-satuan-ok", {(2, "target"): 1}, []),
    ("percent-target-on-percent-row", {(0, "target"): "100 %"}, []),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, changes, expected", CASES, ids=[c[0] for c in CASES])
def test_vl02(tmp_path, variant, case_id, changes, expected):
    rows = clean_rows()
    for (i, key), value in changes.items():
        rows[i][key] = value
    book = tc33(tmp_path, variant, rows)
    diags = lint(book, ["VL02"])
    assert all(d.severity.value == "warning" for d in diags)
    got = sorted((d.key(), d.expected, d.actual) for d in diags)
    assert got == sorted((book.key("VL02", k, i), e, a) for i, k, e, a in expected)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("target", ["Dokumen", "Tersedia", "-"])
def test_vl02_unreadable_target(tmp_path, variant, target):
    rows = clean_rows()
    rows[2]["target"] = target
    book = tc33(tmp_path, variant, rows)
    got = [(d.key(), d.actual) for d in lint(book, ["VL02"])]
    assert got == [(book.key("VL02", "target", 2), target)]


def test_vl02_setda_satuan_column_wins_over_indikator(tmp_path):
    """Setda: the satuan column is the reference: Kelurahan, not the Dokumen of the indikator."""
    rows = clean_rows()
    rows[2].update(indikator="Jumlah kelurahan yang mengikuti lomba", satuan="Kelurahan", target="1 Dokumen",
                   target_n1="5 Kelurahan")
    book = tc33(tmp_path, "setda", rows)
    got = [(d.key(), d.expected, d.actual) for d in lint(book, ["VL02"])]
    assert got == [(book.key("VL02", "target", 2), "Kelurahan", "Dokumen")]


def test_vl02_official_uses_indikator(tmp_path):
    rows = clean_rows()
    rows[2].update(indikator="Jumlah kelurahan yang mengikuti lomba", target="1 Dokumen", target_n1="5 Kelurahan")
    book = tc33(tmp_path, "resmi", rows)
    got = [(d.key(), d.expected, d.actual) for d in lint(book, ["VL02"])]
    assert got == [(book.key("VL02", "target", 2), "Kelurahan", "Dokumen")]


@pytest.mark.parametrize("variant", VARIANTS)
def test_vl02_indikator_naming_the_target_satuan(tmp_path, variant):
    """"Jumlah Pelayanan Kasus ...": the first word after Jumlah is not the only unit the indikator names."""
    rows = clean_rows()
    rows[2].update(indikator="Jumlah Pelayanan Kasus yang Mendapatkan Bantuan Hukum", satuan=None,
                   target="25 Kasus", target_n1="25 Kasus")
    assert lint(tc33(tmp_path, variant, rows), ["VL02"]) == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_vl02_one_finding_per_row(tmp_path, variant):
    """Both targets of a row in the wrong satuan: one finding at the first, both cells covered."""
    rows = clean_rows()
    rows[2].update(target="12 Bulan", target_n1="12 Bulan")
    book = tc33(tmp_path, variant, rows)
    (d,) = lint(book, ["VL02"])
    assert d.key() == book.key("VL02", "target", 2)
    assert d.cells == tuple(f"'Tabel 3.1'!{book.cell(k, 2)}" for k in ("target", "target_n1"))


def test_vl02_tc29_pairs_one_finding_per_row(tmp_path):
    """T-C.29 value/satuan pairs: every pair of the row in another satuan is one finding."""
    from tests.rules.helpers import tc29
    from tests.rules.test_CP01_capaian_hitung import tc29_row

    row = tc29_row(True, satuan="Bulan")
    row["target_renstra_satuan"] = "Dokumen"
    row["realisasi_n3_satuan"] = "Dokumen"
    book = tc29(tmp_path, [row], paired=True)
    (d,) = lint(book, ["VL02"])
    keys = ("target_n_satuan", "realisasi_n_satuan", "target_n1_satuan", "realisasi_sd_satuan")
    assert d.key() == book.key("VL02", keys[0], 0)
    assert d.cells == tuple(f"'{book.sheet}'!{book.cell(k, 0)}" for k in keys)


def _tc29_col5(tmp_path, col5, col5_satuan=None):
    """A T-C.29 row in Dokumen whose column 5 (realisasi s.d. n-3) is ``col5``; with
    ``col5_satuan`` column 5 has its own satuan column, else the satuan is written in the value."""
    from tests.rules.helpers import build
    from tests.rules.test_CP01_capaian_hitung import tc29_row
    from xl_renja.layouts.tc29 import PAIRED_KEYS

    row = tc29_row(True, satuan="Dokumen")
    row["realisasi_n3"] = col5
    if col5_satuan is None:
        del row["realisasi_n3_satuan"]
        paired = [k for k in PAIRED_KEYS if k != "realisasi_n3"]
    else:
        row["realisasi_n3_satuan"] = col5_satuan
        paired = list(PAIRED_KEYS)
    return build(tmp_path / "tc29.xlsx", "T-C.29", [row], "resmi", sheet="Tabel 2.1", title="Tabel T-C.29",
                 paired=paired)


@pytest.mark.parametrize("col5, expected", [("2 Bulan", True), ("2 Dokumen", False), ("2 Dok", False), (2, False)],
                         ids=["other-satuan", "same-satuan", "alias", "number"])
def test_vl02_tc29_column5_satuan_in_value(tmp_path, col5, expected):
    """Column 5 of T-C.29 often has no satuan column: the satuan written with its value ("21 Buku"
    where the Renstra target is in %) is checked against the Renstra target's satuan too."""
    book = _tc29_col5(tmp_path, col5)
    got = [(d.key(), d.expected, d.actual) for d in lint(book, ["VL02"])]
    assert got == ([(book.key("VL02", "realisasi_n3", 0), "Dokumen", "Bulan")] if expected else [])


@pytest.mark.parametrize("satuan, expected", [("Bulan", True), ("Dokumen", False)])
def test_vl02_tc29_column5_satuan_column(tmp_path, satuan, expected):
    """Column 5's own satuan column is one of the pairs checked."""
    book = _tc29_col5(tmp_path, 2, satuan)
    got = [d.key() for d in lint(book, ["VL02"])]
    assert got == ([book.key("VL02", "realisasi_n3_satuan", 0)] if expected else [])
