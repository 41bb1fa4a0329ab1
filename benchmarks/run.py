"""Speed and scale benchmark of ``xl_renja lint``: one run, every figure, every target.

    .venv/bin/python benchmarks/run.py              # generate inputs if missing, measure, print
    .venv/bin/python benchmarks/run.py --profile    # also cProfile lint_file on the 50k-row file
    .venv/bin/python benchmarks/run.py --quick      # fewer repetitions (smoke test)

Every timing is the wall time of a fresh subprocess (interpreter start + imports + work), so lint
and the two plain readers are measured on the same basis. Lint runs as
``python -m xl_renja lint FILE --format json -o FILE.json`` (the CLI, not lint_file in-process).
Peak memory is ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` read by a small wrapper process
around each measured command, so every figure belongs to exactly one command.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import generate  # noqa: E402

PY = sys.executable
CONTOH = os.path.join(REPO, "workbooks", "contoh", "renja_setda_kota_serang_2022.xlsx")
OUT = generate.OUT
MID = os.path.join(OUT, "tc33_10k.xlsx")

TARGET_LINT_VS_CALAMINE = 1.5
TARGET_COLD = 1.0
TARGET_RSS_X = 10.0
TARGET_SCALING = 0.8


# ---------------------------------------------------------------- child-side helpers

# The wrapper that measures one command. It must stay tiny: Linux charges a child's ru_maxrss with
# at least the RSS of the process that forked it, so this runs as ``python -S -c`` importing only
# os/resource/time (about the size of a bare interpreter, the floor of every figure).
_WRAPPER = r"""
import os, resource, sys, time
cmd = sys.argv[1:]
null = os.open(os.devnull, os.O_WRONLY)
t = time.perf_counter()
pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
_, status = os.waitpid(pid, 0)
wall = time.perf_counter() - t
print('{"wall": %r, "rc": %d, "maxrss_kb": %d}' % (wall, os.waitstatus_to_exitcode(status),
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
"""


def _read_child(engine: str, path: str) -> None:
    """Read every cell of every sheet with a plain reader (the baseline for lint)."""
    if engine == "calamine":
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(path)
        n = 0
        for name in wb.sheet_names:
            n += sum(len(r) for r in wb.get_sheet_by_name(name).to_python())
    else:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True)
        n = 0
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    _ = c.value  # touch every cell, as a reader must
                    n += 1
        wb.close()
    if n == 0:
        raise SystemExit(3)


# ---------------------------------------------------------------- parent side

def measure(cmd: list[str]) -> dict:
    out = subprocess.run([PY, "-S", "-c", _WRAPPER, *cmd], capture_output=True, text=True, check=True,
                         cwd=REPO).stdout
    return json.loads(out)


def best(cmd: list[str], n: int) -> dict:
    runs = [measure(cmd) for _ in range(n)]
    return {"wall": min(r["wall"] for r in runs), "median": statistics.median(r["wall"] for r in runs),
            "maxrss_kb": max(r["maxrss_kb"] for r in runs), "rc": runs[0]["rc"], "n": n}


def lint_cmd(path: str, *extra: str, out: str | None = None) -> list[str]:
    out = out or os.path.join(OUT, "report.json")
    return [PY, "-m", "xl_renja", "lint", path, "--format", "json", "-o", out, *extra]


def read_cmd(engine: str, path: str) -> list[str]:
    return [PY, os.path.abspath(__file__), "--read", engine, path]


def machine() -> dict:
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        free = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.strip()
    except OSError:
        free = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "free": free,
            "python": f"{platform.python_implementation()} {platform.python_version()}"}


def mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def mb(nbytes: float) -> str:
    return f"{nbytes / 1e6:.1f} MB"


def profile(path: str, top: int = 15) -> None:
    import cProfile
    import pstats

    import xl_renja

    pr = cProfile.Profile()
    t = time.perf_counter()
    pr.enable()
    xl_renja.lint(path)
    pr.disable()
    print(f"\n## cProfile of xl_renja.lint({os.path.relpath(path, REPO)}) - {time.perf_counter() - t:.1f} s under the profiler")
    st = pstats.Stats(pr)
    total = st.total_tt
    print(f"{'cumulative':>10} {'share':>6} {'tottime':>8}  function")
    rows = sorted(st.stats.items(), key=lambda kv: kv[1][3], reverse=True)
    shown = 0
    for (file, line, fn), (_cc, _nc, tt, ct, _callers) in rows:
        if "xl_renja" not in file or fn in ("<module>",):
            continue
        print(f"{ct:10.2f} {ct / total:6.0%} {tt:8.2f}  {os.path.relpath(file, REPO)}:{line}({fn})")
        shown += 1
        if shown >= top:
            break
    print("\nby own time:")
    for (file, line, fn), (_cc, _nc, tt, ct, _callers) in sorted(st.stats.items(), key=lambda kv: kv[1][2],
                                                                reverse=True)[:10]:
        print(f"{tt:10.2f} {tt / total:6.0%}  {os.path.relpath(file, REPO) if file.startswith(REPO) else file}:{line}({fn})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="xl_renja speed and scale benchmark")
    ap.add_argument("--read", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--quick", action="store_true", help="one repetition of each, 3 cold starts")
    ap.add_argument("--profile", action="store_true", help="cProfile lint_file on the 50k-row file")
    ap.add_argument("--force", action="store_true", help="regenerate the inputs")
    args = ap.parse_args(argv)
    if args.read:
        _read_child(*args.read)
        return 0

    t_start = time.perf_counter()
    reps = 1 if args.quick else 2
    cold_reps = 3 if args.quick else 7
    big, folder = generate.ensure(force=args.force)
    if args.force or not os.path.exists(MID):
        generate.build_tc33(MID, n_rows=10_000, n_sheets=2, seed=3)
    m = machine()
    print("# xl_renja benchmark")
    print(f"machine: {m['nproc']} cores, {m['cpu']}, {m['python']}")
    print(m["free"])

    # 1. the 50k-row workbook: lint against plain reads
    size = os.path.getsize(big)
    lint = best(lint_cmd(big), reps)
    opx = best(read_cmd("openpyxl", big), 1)
    cal = best(read_cmd("calamine", big), max(reps, 3))
    print(f"\n## 50k-row workbook {os.path.relpath(big, REPO)} ({mb(size)}, ~50,000 data rows, 8 sheets)"
          f" - wall time of a subprocess, best of n")
    print(f"lint (python -m xl_renja lint --format json, rc {lint['rc']}): {lint['wall']:7.2f} s  (n={lint['n']})")
    print(f"openpyxl read_only, every cell:                  {opx['wall']:7.2f} s  (n={opx['n']})")
    print(f"python-calamine to_python, every sheet:          {cal['wall']:7.2f} s  (n={cal['n']})")
    r_opx = lint["wall"] / opx["wall"]
    r_cal = lint["wall"] / cal["wall"]
    print(f"ratio lint/openpyxl: {r_opx:.2f}x")
    print(f"ratio lint/calamine: {r_cal:.2f}x")

    # 2. peak memory against file size
    print("\n## peak RSS (ru_maxrss of the measured subprocess) against file size")
    mem_rows = []
    mid = best(lint_cmd(MID), 1)
    contoh = best(lint_cmd(CONTOH), 1)
    for label, path, res in (("lint contoh", CONTOH, contoh), ("lint 10k rows", MID, mid), ("lint 50k rows", big, lint),
                             ("openpyxl 50k rows", big, opx), ("calamine 50k rows", big, cal)):
        fsize = os.path.getsize(path)
        rss = res["maxrss_kb"] * 1024
        mem_rows.append((label, fsize, rss))
        print(f"{label:<20} file {mb(fsize):>8}  peak RSS {mb(rss):>9}  = {rss / fsize:6.1f}x file size")
    rss_x = lint["maxrss_kb"] * 1024 / size
    base = best([PY, "-c", "pass"], 1)["maxrss_kb"] * 1024
    print(f"(bare interpreter: {mb(base)}; lint 50k above interpreter: {(lint['maxrss_kb'] * 1024 - base) / size:.1f}x file size)")

    # 3. cold start
    cold = [measure(lint_cmd(CONTOH))["wall"] for _ in range(cold_reps)]
    bare = [measure([PY, "-c", "pass"])["wall"] for _ in range(cold_reps)]
    cold_med, bare_med = statistics.median(cold), statistics.median(bare)
    print(f"\n## cold start (median of {cold_reps})")
    print(f"python -m xl_renja lint {os.path.relpath(CONTOH, REPO)}: {cold_med:.3f} s")
    print(f"python -c pass:                                      {bare_med:.3f} s")
    print(f"lint over bare interpreter: +{cold_med - bare_med:.3f} s")

    # 4. folder throughput
    n_files = sum(1 for _r, _d, fs in os.walk(folder) for f in fs if f.endswith(".xlsx"))
    j1_out, j2_out = os.path.join(OUT, "folder_j1.json"), os.path.join(OUT, "folder_j2.json")
    j1 = best(lint_cmd(folder, "--jobs", "1", out=j1_out), 1)
    j2 = best(lint_cmd(folder, "--jobs", "2", out=j2_out), 1)
    tp1, tp2 = n_files / j1["wall"], n_files / j2["wall"]
    same = _diags(j1_out) == _diags(j2_out)
    print(f"\n## folder {os.path.relpath(folder, REPO)} ({n_files} workbooks, ~150 rows each)")
    print(f"--jobs 1: {j1['wall']:6.2f} s  {tp1:6.1f} files/s  (rc {j1['rc']}, peak RSS {mb(j1['maxrss_kb'] * 1024)})")
    print(f"--jobs 2: {j2['wall']:6.2f} s  {tp2:6.1f} files/s  (rc {j2['rc']}, peak RSS of one process "
          f"{mb(j2['maxrss_kb'] * 1024)})")
    scaling = tp2 / (2 * tp1)
    print(f"jobs 2 / (2 x jobs 1) = {scaling:.0%}; same diagnostics: {same}")

    print("\n## targets")
    print(f"lint <= {TARGET_LINT_VS_CALAMINE}x calamine: {r_cal:.2f}x -> {mark(r_cal <= TARGET_LINT_VS_CALAMINE)}"
          f" (lint {lint['wall']:.2f} s, budget {TARGET_LINT_VS_CALAMINE * cal['wall']:.2f} s)")
    print(f"cold lint < {TARGET_COLD} s: {cold_med:.3f} s -> {mark(cold_med < TARGET_COLD)}")
    print(f"peak RSS < {TARGET_RSS_X:.0f}x file size: {rss_x:.1f}x ({mb(lint['maxrss_kb'] * 1024)} for {mb(size)}) -> "
          f"{mark(rss_x < TARGET_RSS_X)}")
    print(f"jobs 2 throughput >= {TARGET_SCALING:.0%} of 2 x jobs 1: {scaling:.0%} ({tp2:.1f} vs {2 * tp1:.1f} files/s) -> "
          f"{mark(scaling >= TARGET_SCALING)}")
    if args.profile:
        profile(big)
    print(f"\n(benchmark took {time.perf_counter() - t_start:.0f} s)")
    return 0


def _diags(path: str):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return [(d.get("path"), d.get("sheet"), d.get("cell"), d.get("code"), d.get("message"))
            for d in data.get("diagnostics", [])]


if __name__ == "__main__":
    raise SystemExit(main())
