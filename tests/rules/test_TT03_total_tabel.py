"""TT03 total-tabel on both T-C.33 variants."""

from __future__ import annotations

import pytest

from tests.rules.helpers import clean_rows, lint, tc33

VARIANTS = ["resmi", "setda"]
TOTAL_ROW = 10  # data row index of the closing row appended to clean_rows() (programs: 900.000 / 990.000)


# (id, label, pagu, pagu_n1, tolerance, [(key, severity, expected, actual)])
CASES = [
    ("clean-total", "TOTAL KERANGKA PENDANAAN OPD", 900_000, 990_000, 1.0, []),
    ("clean-jumlah", "JUMLAH", 900_000, 990_000, 1.0, []),
    ("wrong-n", "TOTAL", 800_000, 990_000, 1.0, [("pagu", "error", 900_000, 800_000)]),
    ("wrong-both", "Jumlah Total", 900_100, 989_000, 1.0,
     [("pagu", "error", 900_000, 900_100), ("pagu_n1", "error", 990_000, 989_000)]),
    ("rounding", "TOTAL", 900_001, 990_000, 1.0, [("pagu", "warning", 900_000, 900_001)]),
    ("off-by-2", "TOTAL", 900_002, 990_000, 1.0, [("pagu", "error", 900_000, 900_002)]),
    ("off-by-3-tolerance-5", "TOTAL", 900_003, 990_000, 5.0, [("pagu", "warning", 900_000, 900_003)]),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, label, pagu, pagu_n1, tolerance, expected", CASES, ids=[c[0] for c in CASES])
def test_tt03(tmp_path, variant, case_id, label, pagu, pagu_n1, tolerance, expected):
    rows = clean_rows() + [{"uraian": label, "pagu": pagu, "pagu_n1": pagu_n1}]
    book = tc33(tmp_path, variant, rows)
    got = sorted((d.key(), d.severity.value, d.expected, d.actual) for d in lint(book, ["TT03"], tolerance=tolerance))
    assert got == sorted((book.key("TT03", k, TOTAL_ROW), s, e, a) for k, s, e, a in expected)


@pytest.mark.parametrize("variant", VARIANTS)
def test_tt03_total_without_label(tmp_path, variant):
    """A closing row with only pagu cells (no text) is a total row too."""
    rows = clean_rows() + [{"pagu": 900_500, "pagu_n1": 990_000}]
    book = tc33(tmp_path, variant, rows)
    assert [d.key() for d in lint(book, ["TT03"])] == [book.key("TT03", "pagu", TOTAL_ROW)]


@pytest.mark.parametrize("variant", VARIANTS)
def test_tt03_no_total_row(tmp_path, variant):
    assert lint(tc33(tmp_path, variant, clean_rows()), ["TT03"]) == []


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("label", ["J U M L A H", "TOTAL :", "** JUMLAH **", "- Jumlah -",
                                   "T O T A L  K E R A N G K A  P E N D A N A A N"])
def test_tt03_spaced_or_decorated_label(tmp_path, variant, label):
    """A wrong total under a letter-spaced or decorated label is found like under ``TOTAL``."""
    rows = clean_rows() + [{"uraian": label, "pagu": 800_000, "pagu_n1": 990_000}]
    book = tc33(tmp_path, variant, rows)
    got = [(d.key(), d.expected, d.actual) for d in lint(book, ["TT03"])]
    assert got == [(book.key("TT03", "pagu", TOTAL_ROW), 900_000, 800_000)]


@pytest.mark.parametrize("variant", VARIANTS)
def test_tt03_words_that_only_start_like_a_total_are_not_totals(tmp_path, variant):
    rows = clean_rows() + [{"uraian": "J U M L A H  D O K U M E N", "pagu": 800_000, "pagu_n1": 990_000}]
    assert lint(tc33(tmp_path, variant, rows), ["TT03"]) == []
