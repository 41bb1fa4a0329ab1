"""CP01 capaian-hitung on T-C.29 (single and value/satuan paired columns) and the quarterly
evaluation (K and Rp)."""

from __future__ import annotations

import pytest

import xl_renja

from tests.rules.helpers import V, lint, tc29, triwulan

KG = ("4.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah")


def tc29_row(paired, *, indikator="Jumlah Dokumen Perencanaan", satuan="Dokumen", t4=10, r5=2, t6=3, r7=2,
             c8=V(66.67, "0.00"), t9=3, r10=7, c11=V(70, "0")):
    """Target Renstra 10, realisasi s.d. n-3 2, target 3 / realisasi 2 (8 = 66,67), target n-1 3,
    10 = 2 + 2 + 3 = 7, 11 = 7/10 x 100 = 70."""
    row = {"kode": KG[0], "uraian": KG[1], "indikator": indikator, "target_renstra": t4, "realisasi_n3": r5,
           "target_n": t6, "realisasi_n": r7, "tingkat_realisasi": c8, "target_n1": t9, "realisasi_sd": r10,
           "capaian_renstra": c11}
    if paired:
        for key in ("target_renstra", "realisasi_n3", "target_n", "realisasi_n", "target_n1", "realisasi_sd"):
            row[key + "_satuan"] = satuan
        row["tingkat_realisasi_satuan"] = "%"
    elif isinstance(t4, (int, float)):
        row["target_renstra"] = f"{t4} {satuan}"  # single columns: the satuan is written with the target
    return row


# (id, overrides, [(key, expected)])
TC29_CASES = [
    ("clean", {}, []),
    ("8-not-recomputed", {"c8": 100}, [("tingkat_realisasi", 66.6667)]),
    ("8-two-decimals-right", {"c8": V(66.67, "0.00")}, []),
    ("8-one-decimal-wrong", {"c8": V(66.6, "0.0")}, [("tingkat_realisasi", 66.6667)]),
    ("8-one-decimal-right", {"c8": V(66.7, "0.0")}, []),
    ("8-integer-shown", {"c8": V(67, "0")}, []),
    ("8-general-full-precision", {"c8": 66.66666666666667}, []),
    ("8-general-66.67", {"c8": 66.67}, []),
    ("8-percent-format", {"c8": V(2 / 3, "0.00%")}, []),
    ("8-percent-format-wrong", {"c8": V(0.5, "0%")}, [("tingkat_realisasi", 66.6667)]),
    # 11 follows the corrected 10 (7/10 x 100 = 70), not the 6 written in 10
    ("10-sum-wrong", {"r10": 6, "c11": 60}, [("realisasi_sd", 7), ("capaian_renstra", 70)]),
    ("10-sum-wrong-11-right", {"r10": 6, "c11": 70}, [("realisasi_sd", 7)]),
    ("11-wrong", {"c11": 50}, [("capaian_renstra", 70)]),
    ("8-text-target", {"t6": "3 Dokumen", "r7": "2 Dokumen"}, []),
    # percentages do not add across years: 10 is not recomputed, 11 = 10/4 x 100 still is
    ("percent-not-summed", {"indikator": "Persentase dokumen tepat waktu", "satuan": "%", "t4": 100, "r5": 80,
                            "t6": 100, "r7": 90, "c8": 90, "t9": 100, "r10": 95, "c11": 95}, []),
    ("percent-11-wrong", {"indikator": "Persentase dokumen tepat waktu", "satuan": "%", "t4": 100, "r5": 80,
                          "t6": 100, "r7": 90, "c8": 90, "t9": 100, "r10": 95, "c11": 90},
     [("capaian_renstra", 95)]),
    # lower is better: (2T - R)/T x 100 = (2x10 - 8)/10 x 100 = 120
    ("lower-is-better-right", {"indikator": "Angka Kemiskinan", "satuan": "%", "t4": 10, "t6": 10, "r7": 8,
                               "c8": 120, "r10": 8, "c11": 120}, []),
    ("lower-is-better-naive", {"indikator": "Angka Kemiskinan", "satuan": "%", "t4": 10, "t6": 10, "r7": 8,
                               "c8": 80, "r10": 8, "c11": 80},
     [("tingkat_realisasi", 120), ("capaian_renstra", 120)]),
    ("zero-target-not-judged", {"t6": 0, "c8": 0}, []),
    ("blank-derived-not-judged", {"c8": None, "r10": None, "c11": None}, []),
]


@pytest.mark.parametrize("paired", [False, True], ids=["single", "paired"])
@pytest.mark.parametrize("case_id, overrides, expected", TC29_CASES, ids=[c[0] for c in TC29_CASES])
def test_cp01_tc29(tmp_path, paired, case_id, overrides, expected):
    book = tc29(tmp_path, [tc29_row(paired, **overrides)], paired=paired)
    got = sorted((d.key(), d.kode, d.expected) for d in lint(book, ["CP01"]))
    assert got == sorted((book.key("CP01", k, 0), KG[0], e) for k, e in expected)


def test_cp01_tc29_continuation_rows(tmp_path):
    """A further indikator of the same kegiatan (empty kode) is recomputed on its own row."""
    second = tc29_row(False, c8=50)
    second.update(kode=None, uraian=None)
    book = tc29(tmp_path, [tc29_row(False), second])
    assert [(d.key(), d.kode) for d in lint(book, ["CP01"])] == [(book.key("CP01", "tingkat_realisasi", 1), KG[0])]


def tw_row(**overrides):
    """K: target Renstra 10, lalu 2, quarters 1+1+1+1 = 4, s.d. 6, capaian 60.
    Rp: target 1.000.000, lalu 200.000, quarters 100.000 x 4 = 400.000, s.d. 600.000, capaian 60."""
    row = {"no": 1, "kode": KG[0], "uraian": KG[1], "indikator": "Jumlah Dokumen Perencanaan",
           "target_renstra": "10 Dokumen", "target_renstra_rp": 1_000_000,
           "realisasi_lalu": 2, "realisasi_lalu_rp": 200_000,
           "target_n": 4, "target_n_rp": 400_000,
           "tw1": 1, "tw1_rp": 100_000, "tw2": 1, "tw2_rp": 100_000, "tw3": 1, "tw3_rp": 100_000,
           "tw4": 1, "tw4_rp": 100_000,
           "realisasi_n": 4, "realisasi_n_rp": 400_000, "realisasi_sd": 6, "realisasi_sd_rp": 600_000,
           "capaian": 60, "capaian_rp": 60}
    row.update(overrides)
    return row


TW_CASES = [
    ("clean", {}, []),
    # 14 and 15 follow the corrected 13 and 14, not the values written there
    ("13-K-wrong", {"realisasi_n": 5, "realisasi_sd": 7, "capaian": 70},
     [("realisasi_n", 4), ("realisasi_sd", 6), ("capaian", 60)]),
    ("13-K-wrong-rest-right", {"realisasi_n": 5}, [("realisasi_n", 4)]),
    ("13-Rp-wrong", {"realisasi_n_rp": 350_000, "realisasi_sd_rp": 550_000, "capaian_rp": 55},
     [("realisasi_n_rp", 400_000), ("realisasi_sd_rp", 600_000), ("capaian_rp", 60)]),
    ("14-K-wrong", {"realisasi_sd": 4, "capaian": 40}, [("realisasi_sd", 6), ("capaian", 60)]),
    ("14-Rp-wrong", {"realisasi_sd_rp": 400_000, "capaian_rp": 40}, [("realisasi_sd_rp", 600_000), ("capaian_rp", 60)]),
    ("15-K-wrong", {"capaian": 6}, [("capaian", 60)]),
    ("15-Rp-wrong", {"capaian_rp": 0.6}, [("capaian_rp", 60)]),
    ("15-Rp-percent-format", {"capaian_rp": V(0.6, "0%")}, []),
    ("15-Rp-two-decimals", {"target_renstra_rp": 900_000, "capaian_rp": V(66.67, "0.00")}, []),
    ("15-Rp-one-decimal-wrong", {"target_renstra_rp": 900_000, "capaian_rp": V(66.6, "0.0")},
     [("capaian_rp", 66.6667)]),
    # a percentage indikator: K does not add across quarters, Rp still does
    ("percent-K-not-summed", {"indikator": "Persentase capaian", "target_renstra": "100 %", "realisasi_lalu": 80,
                              "tw1": 90, "tw2": 90, "tw3": 90, "tw4": 90, "realisasi_n": 90, "realisasi_sd": 90,
                              "capaian": 90}, []),
    # lower is better on K; Rp is always realisasi / target
    ("lower-is-better", {"indikator": "Angka Kemiskinan", "target_renstra": 10, "realisasi_sd": 8,
                         "capaian": 120}, []),
    ("lower-is-better-naive", {"indikator": "Angka Kemiskinan", "target_renstra": 10, "realisasi_sd": 8,
                               "capaian": 80}, [("capaian", 120)]),
]


@pytest.mark.parametrize("case_id, overrides, expected", TW_CASES, ids=[c[0] for c in TW_CASES])
def test_cp01_triwulan(tmp_path, case_id, overrides, expected):
    book = triwulan(tmp_path, [tw_row(**overrides)])
    got = sorted((d.key(), d.expected) for d in lint(book, ["CP01"]))
    assert got == sorted((book.key("CP01", k, 0), e) for k, e in expected)


@pytest.mark.parametrize(
    "indikator, recomputed",
    [("Jumlah Dokumen Perencanaan", True), ("Persentase dokumen tepat waktu", False), ("Indeks kepuasan", False)],
)
def test_cp01_tc29_bare_numbers_use_the_indikator_wording(tmp_path, indikator, recomputed):
    """Single columns with bare numbers carry no satuan: "Jumlah ..." counts add up, rates do not."""
    row = tc29_row(False, indikator=indikator, r10=6, c11=60)
    row["target_renstra"] = 10  # a bare number: no satuan anywhere on the row
    book = tc29(tmp_path, [row])
    got = [(d.key(), d.expected) for d in lint(book, ["CP01"])]
    expected = [(book.key("CP01", "realisasi_sd", 0), 7), (book.key("CP01", "capaian_renstra", 0), 70)]
    assert sorted(got) == (expected if recomputed else [])


def _kegiatan_rows(n, overrides):
    rows = []
    for i in range(n):
        row = tc29_row(False, **overrides.get(i, {}))
        row["kode"] = f"4.01.01.2.01.{i + 1:02d}"
        rows.append(row)
    return rows


def test_cp01_column_wrong_on_half_the_rows_is_one_finding_and_unfilled_apart(tmp_path):
    """10 (= 5 + 7 + 9 = 7) is wrong on rows 0 and 1, written 0 on row 2 and left empty on row 3,
    right on rows 4 and 5: 3 of 6 coded rows deviate (the empty one is not counted), so column 10
    is one error (rows 0, 1) and one "belum diisi" warning (rows 2, 3), both at its column-number
    cell, each with every cell and every repair; 11 follows the recomputed 10 and stays right."""
    rows = _kegiatan_rows(6, {0: {"r10": 6}, 1: {"r10": 9}, 2: {"r10": 0}, 3: {"r10": None}})
    book = tc29(tmp_path, rows)
    found = lint(book, ["CP01"])
    number_cell = f"{book.columns['realisasi_sd']}8"
    got = sorted((d.key(), d.severity.value) for d in found)
    assert got == [(("CP01", book.sheet, number_cell), "error"), (("CP01", book.sheet, number_cell), "warning")]
    wrong = next(d for d in found if d.severity.value == "error")
    unfilled = next(d for d in found if d.severity.value == "warning")
    q = lambda i: f"'{book.sheet}'!{book.cell('realisasi_sd', i)}"  # noqa: E731
    assert wrong.cells == (f"'{book.sheet}'!{number_cell}", q(0), q(1))
    assert unfilled.cells == (f"'{book.sheet}'!{number_cell}", q(2), q(3))
    assert [(e.cell, e.value, e.safe) for e in wrong.fix] == [(book.cell("realisasi_sd", i), 7, True) for i in (0, 1)]
    assert [(e.cell, e.value) for e in unfilled.fix] == [(book.cell("realisasi_sd", i), 7) for i in (2, 3)]


def test_cp01_fewer_than_half_wrong_stays_one_per_row(tmp_path):
    rows = _kegiatan_rows(7, {0: {"r10": 6}, 1: {"r10": 9}, 2: {"r10": 0}, 3: {"r10": None}})
    book = tc29(tmp_path, rows)
    got = sorted(d.key() for d in lint(book, ["CP01"]))
    assert got == sorted(book.key("CP01", "realisasi_sd", i) for i in (0, 1, 2))


def test_cp01_fix_of_a_grouped_column_leaves_no_cp01(tmp_path):
    from xl_renja.fix import plan

    rows = _kegiatan_rows(4, {0: {"r10": 6}, 1: {"r10": 9}, 2: {"r10": 0}, 3: {"r10": None}})
    book = tc29(tmp_path, rows)
    fplan = plan(xl_renja.read(str(book.path)), select=["CP01"])
    assert sorted(c.edit.cell for c in fplan.changes) == sorted(book.cell("realisasi_sd", i) for i in range(4))
    out = tmp_path / "fixed.xlsx"
    xl_renja.apply_edits(str(book.path), str(out), fplan.edits)
    assert lint(out, ["CP01"]) == []


def test_cp01_triwulan_k_cells_written_as_text_are_checked(tmp_path):
    """Quarters and 13 written as "1 Dokumen": 13 = 4 Dokumen is read from the text; a wrong one
    is reported, and its repair keeps the text form with its satuan."""
    tws = {f"tw{i}": "1 Dokumen" for i in range(1, 5)}
    right = triwulan(tmp_path, [tw_row(**tws, realisasi_n="4 Dokumen")], name="right.xlsx")
    assert lint(right, ["CP01"]) == []
    wrong = triwulan(tmp_path, [tw_row(**tws, realisasi_n="5 Dokumen")], name="wrong.xlsx")
    (d,) = lint(wrong, ["CP01"])
    assert (d.key(), d.expected, d.actual) == (wrong.key("CP01", "realisasi_n", 0), 4, 5)
    assert [(e.cell, e.value, e.formula) for e in d.fix] == [(wrong.cell("realisasi_n", 0), "4 Dokumen", None)]
