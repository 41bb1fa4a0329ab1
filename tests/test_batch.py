"""Many files at once: folders, per-file failures, --jobs, --executor dask, fast reader = reference."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

import xl_renja

from xl_renja.cli import main
from xl_renja.engine import expand_paths

REPO = Path(__file__).resolve().parent.parent
WORKBOOKS = REPO / "workbooks"
CONTOH = WORKBOOKS / "contoh" / "renja_setda_kota_serang_2022.xlsx"

sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Small generated T-C.33 workbooks (seeded): with and without the injected mistakes."""
    d = tmp_path_factory.mktemp("gen")
    specs = [("g1.xlsx", 150, 1, 11, True), ("g2.xlsx", 120, 1, 12, False), ("g3.xlsx", 400, 2, 13, True)]
    out = []
    for name, rows, sheets, seed, mistakes in specs:
        p = d / name
        generate.build_tc33(str(p), n_rows=rows, n_sheets=sheets, seed=seed, mistakes=mistakes, opd_offset=seed)
        out.append(p)
    return out


@pytest.fixture(scope="module")
def tree(tmp_path_factory, generated):
    """A nested folder: workbooks at two depths, a lock file, a hidden file, a text file."""
    d = tmp_path_factory.mktemp("tree")
    (d / "kab_a" / "dinas").mkdir(parents=True)
    (d / "kab_b").mkdir()
    shutil.copy(generated[0], d / "kab_a" / "renja_1.xlsx")
    shutil.copy(generated[1], d / "kab_a" / "dinas" / "renja_2.xlsx")
    shutil.copy(generated[2], d / "kab_b" / "renja_3.xlsx")
    shutil.copy(CONTOH, d / "contoh.xlsx")
    (d / "kab_a" / "~$renja_1.xlsx").write_bytes(b"\x00lock owner")  # Excel's lock file: not a workbook
    (d / "kab_b" / "catatan.txt").write_text("bukan workbook\n")
    (d / "kab_b" / "data.csv").write_text("a,b\n1,2\n")
    return d


def _lint_json(capsys, *args) -> tuple[int, dict]:
    rc = main(["lint", *map(str, args), "--format", "json"])
    captured = capsys.readouterr()
    return rc, json.loads(captured.out)


def test_folder_walk_is_nested_and_skips_lock_and_other_files(tree, capsys):
    rc, report = _lint_json(capsys, str(tree) + "/")
    assert rc == 1
    assert report["summary"]["files"] == 4
    assert report["failures"] == []
    paths = {Path(d["path"]).name for d in report["diagnostics"]}
    assert {"renja_1.xlsx", "renja_3.xlsx", "contoh.xlsx"} <= paths <= {"renja_1.xlsx", "renja_2.xlsx",
                                                                         "renja_3.xlsx", "contoh.xlsx"}
    # the nested workbook is linted (no mistakes injected, but it is counted) and nothing else is
    found = [Path(p).relative_to(tree).as_posix() for p in expand_paths([str(tree)])]
    assert sorted(found) == ["contoh.xlsx", "kab_a/dinas/renja_2.xlsx", "kab_a/renja_1.xlsx", "kab_b/renja_3.xlsx"]
    # one combined report: the injected mistakes of both generated files with mistakes are in it
    codes = {(Path(d["path"]).name, d["code"]) for d in report["diagnostics"]}
    for name in ("renja_1.xlsx", "renja_3.xlsx"):
        assert {(name, "FX01"), (name, "TT02"), (name, "KR03")} <= codes


def test_corrupt_file_is_reported_and_others_still_linted(tree, tmp_path, capsys):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    good = tree / "kab_a" / "renja_1.xlsx"
    rc = main(["lint", str(good), str(bad), str(CONTOH), "--format", "json"])
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert rc == 2
    assert report["summary"]["files"] == 3
    assert len(report["failures"]) == 1
    assert "rusak.xlsx" in json.dumps(report["failures"])
    assert "rusak.xlsx" in captured.err
    linted = {Path(d["path"]).name for d in report["diagnostics"]}
    assert linted == {"renja_1.xlsx", "renja_setda_kota_serang_2022.xlsx"}


def test_jobs_2_gives_the_same_diagnostics_as_jobs_1(tree, tmp_path, capsys):
    bad = tree / "kab_b" / "rusak.xlsx"
    bad.write_bytes(b"not a workbook")
    try:
        rc1, one = _lint_json(capsys, tree, "--jobs", "1")
        rc2, two = _lint_json(capsys, tree, "--jobs", "2")
    finally:
        bad.unlink()
    assert rc1 == rc2 == 2
    assert one["diagnostics"] == two["diagnostics"]
    assert one["failures"] == two["failures"]
    assert one["summary"] == two["summary"]
    assert len(one["diagnostics"]) > 20


@pytest.mark.filterwarnings("ignore:Port .* is already in use")
def test_dask_executor_gives_the_same_report_as_jobs(tree, capsys):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        rc_dask, via_dask = _lint_json(capsys, tree, "--executor", "dask", "--scheduler", cluster.scheduler_address)
    rc_jobs, via_jobs = _lint_json(capsys, tree, "--jobs", "2")
    assert rc_dask == rc_jobs == 1
    assert via_dask == via_jobs


def _workbooks():
    return sorted(p for p in WORKBOOKS.rglob("*") if p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods")
                  and not p.name.startswith("~$"))


def _keys(res):
    return [d.key() + (d.kode, d.expected, d.actual) for d in res.diagnostics]


@pytest.mark.parametrize("path", _workbooks(), ids=lambda p: p.relative_to(WORKBOOKS).as_posix())
def test_fast_reader_equals_reference_on_committed_workbooks(path):
    fast = xl_renja.lint(str(path), engine="fast")
    ref = xl_renja.lint(str(path), engine="openpyxl")
    assert [f.message for f in fast.failures] == [f.message for f in ref.failures]
    assert _keys(fast) == _keys(ref)


def test_fast_reader_equals_reference_on_generated_workbooks(generated):
    for path in generated:
        fast = xl_renja.lint(str(path), engine="fast")
        ref = xl_renja.lint(str(path), engine="openpyxl")
        assert _keys(fast) == _keys(ref), path.name
        assert not fast.failures and not ref.failures


def test_generator_is_deterministic_and_consistent(tmp_path):
    import openpyxl

    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    fa = generate.build_tc33(str(a), n_rows=200, n_sheets=2, seed=5)
    fb = generate.build_tc33(str(b), n_rows=200, n_sheets=2, seed=5)
    assert fa == fb
    wa, wb = openpyxl.load_workbook(a), openpyxl.load_workbook(b)
    assert wa.sheetnames == wb.sheetnames
    for sa, sb in zip(wa.worksheets, wb.worksheets):
        assert [[c.value for c in r] for r in sa.iter_rows()] == [[c.value for c in r] for r in sb.iter_rows()]
        assert {str(m) for m in sa.merged_cells.ranges} >= {"A1:P1", "I6:L6", "N6:O6"}
        assert [sa.cell(8, c).value for c in range(1, 17)] == list(range(1, 17))
    # the injected mistakes are found, and the sums are otherwise right (no TT01, no TT03)
    res = xl_renja.lint(str(a))
    assert not [d for d in res.diagnostics if d.code in ("TT01", "TT03")]
    got = sorted({(d.code, d.kode) for d in res.diagnostics if d.code in ("FX01", "TT02", "KR03")})
    want = sorted({("FX01", f["ref"]) for f in fa["sheets"].values()}
                  | {("TT02", f["rounding"]) for f in fa["sheets"].values()}
                  | {("KR03", f["duplicate"]) for f in fa["sheets"].values()})
    assert got == want


def test_unreachable_dask_scheduler_is_a_one_line_usage_error(tmp_path, capsys):
    """A scheduler nobody listens on: exit 2 and one line, not a traceback."""
    pytest.importorskip("distributed")
    import socket


    with socket.socket() as s:  # a free loopback port, closed again: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        rc = main(["lint", str(CONTOH), "--executor", "dask", "--scheduler", f"tcp://127.0.0.1:{port}"])
    err = capsys.readouterr().err
    assert rc == 2 and "scheduler dask" in err and err.count("\n") == 1
