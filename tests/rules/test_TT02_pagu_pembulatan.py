"""TT02 pagu-pembulatan on both T-C.33 variants, with the tolerance boundary."""

from __future__ import annotations

import pytest

from tests.rules.helpers import clean_rows, lint, tc33

VARIANTS = ["resmi", "setda"]

# (id, {(row, key): value}, tolerance, [(row, key)] reported as TT02, [(row, key)] reported as TT01)
CASES = [
    # only leaves (sub kegiatan, data row 6 under kegiatan row 5) are changed: one parent is off
    ("clean", {}, 1.0, [], []),
    ("off-by-1", {(6, "pagu"): 150_001}, 1.0, [(5, "pagu")], []),
    ("off-by-minus-1-n1", {(6, "pagu_n1"): 164_999}, 1.0, [(5, "pagu_n1")], []),
    ("off-by-2", {(6, "pagu"): 150_002}, 1.0, [], [(5, "pagu")]),
    ("off-by-3-tolerance-5", {(6, "pagu"): 150_003}, 5.0, [(5, "pagu")], []),
    ("off-by-5-tolerance-5", {(6, "pagu"): 150_005}, 5.0, [(5, "pagu")], []),
    ("off-by-6-tolerance-5", {(6, "pagu"): 150_006}, 5.0, [], [(5, "pagu")]),
    ("off-by-3-default", {(6, "pagu"): 150_003}, 1.0, [], [(5, "pagu")]),
    ("off-by-0.5-tolerance-0", {(6, "pagu"): 150_000.5}, 0.0, [], [(5, "pagu")]),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case_id, changes, tolerance, tt02, tt01", CASES, ids=[c[0] for c in CASES])
def test_tt02(tmp_path, variant, case_id, changes, tolerance, tt02, tt01):
    rows = clean_rows()
    for (i, key), value in changes.items():
        rows[i][key] = value
    book = tc33(tmp_path, variant, rows)
    diags = lint(book, ["TT01", "TT02"], tolerance=tolerance)
    got = sorted((d.key(), d.severity.value) for d in diags)
    want = [(book.key("TT02", k, i), "warning") for i, k in tt02] + [(book.key("TT01", k, i), "error") for i, k in tt01]
    assert got == sorted(want)


@pytest.mark.parametrize("tolerance, code", [(None, "TT01"), ("5", "TT02")])
def test_tt02_cli_tolerance(tmp_path, tolerance, code):
    """``lint --tolerance 5`` turns a Rp 3 difference from TT01 into TT02."""
    import json
    import subprocess
    import sys

    rows = clean_rows()
    rows[6]["pagu"] = 150_003
    book = tc33(tmp_path, "resmi", rows)
    cmd = [sys.executable, "-m", "xl_renja", "lint", str(book.path), "--select", "TT", "--format", "json",
           "--exit-zero"]
    if tolerance:
        cmd += ["--tolerance", tolerance]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    found = data["diagnostics"] if isinstance(data, dict) else data
    assert [(d["code"], d["sheet"], d["cell"]) for d in found] == [book.key(code, "pagu", 5)]
