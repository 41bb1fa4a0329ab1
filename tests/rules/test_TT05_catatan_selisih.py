"""TT05 catatan-selisih: T-C.31 rancangan awal (6) and hasil analisis (11) differ with no catatan (12)."""

from __future__ import annotations

import pytest

from tests.rules.helpers import FIRST, build, lint
from tests.rules.test_TT04_pagu_antar_tabel import _review

CASES = [
    ("equal", 100_000, 100_000, None, 1.0, False),
    ("differ-no-note", 100_000, 120_000, None, 1.0, True),
    ("differ-with-note", 100_000, 120_000, "Tambahan kebutuhan meterai", 1.0, False),
    ("rounding-is-not-a-change", 100_000, 100_001, None, 1.0, False),
    ("beyond-tolerance", 100_000, 100_003, None, 1.0, True),
    ("within-larger-tolerance", 100_000, 100_003, None, 5.0, False),
]


@pytest.mark.parametrize("case_id, awal, hasil, catatan, tol, reported", CASES, ids=[c[0] for c in CASES])
def test_tt05(tmp_path, case_id, awal, hasil, catatan, tol, reported):
    book = build(tmp_path / "tc31.xlsx", "T-C.31", [_review("Penyediaan Jasa Surat Menyurat", awal, hasil, catatan)],
                 sheet="Tabel 2.3", title="TABEL 2.3")
    got = [(d.key(), d.severity.value, d.expected, d.actual) for d in lint(book, ["TT05"], tolerance=tol)]
    want = [(("TT05", "Tabel 2.3", book.cell("pagu_hasil", 0)), "warning", awal, hasil)] if reported else []
    assert got == want
    if reported:
        d = lint(book, ["TT05"], tolerance=tol)[0]
        assert f"'Tabel 2.3'!{book.cell('catatan', 0)}" in d.cells and FIRST == 9
