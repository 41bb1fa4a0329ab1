"""KR03 kode-ganda on both T-C.33 variants."""

from __future__ import annotations

import pytest

from tests.rules.helpers import clean_rows, lint, tc33

VARIANTS = ["resmi", "setda"]


# (id, {data row index: kode}, [data row indexes reported])
CASES = [
    ("sub-repeated", {3: "4.01.01.2.01.0001"}, [3]),
    ("two-and-four-digit-are-the-same", {3: "4.01.01.2.01.01"}, [3]),
    ("three-times", {3: "4.01.01.2.01.0001", 4: "4.01.01.2.01.0001"}, [3, 4]),
    ("program-repeated", {7: "4.01.01"}, [7]),
    ("clean", {}, []),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, changes, expected", CASES, ids=[c[0] for c in CASES])
def test_kr03(tmp_path, variant, case_id, changes, expected):
    rows = clean_rows()
    for i, kode in changes.items():
        rows[i]["kode"] = kode
    book = tc33(tmp_path, variant, rows)
    got = sorted((d.key(), d.kode) for d in lint(book, ["KR03"]))
    assert got == sorted((book.key("KR03", "kode", i), changes[i]) for i in expected)
