"""CP01 capaian-hitung on T-C.29 (single and value/satuan paired columns) and the quarterly
evaluation (K and Rp)."""

from __future__ import annotations

import pytest

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
