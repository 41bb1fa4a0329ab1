"""Lint many files: one process, ``--jobs N`` processes, or a dask.distributed cluster."""

from __future__ import annotations

import os

from xl_renja.diagnostics import FileFailure, LintResult


def _one(args):
    path, codes, options, engine = args
    from xl_renja.engine import lint_file
    from xl_renja.rules import RULES_BY_CODE

    rules = [RULES_BY_CODE[c] for c in codes]
    try:
        return lint_file(path, rules, options, engine)
    except Exception as exc:  # a bug on one file must not stop the others
        res = LintResult(files=1)
        name = os.path.basename(path)
        res.failures.append(FileFailure(path, f"{name}: galat internal saat memeriksa ({type(exc).__name__}: {exc})",
                                        f"{name}: internal error ({type(exc).__name__}: {exc})"))
        return res


def run_batch(paths, rules, options, jobs: int = 1, engine: str = "fast", executor: str = "local",
              scheduler: str | None = None, progress: bool = False) -> LintResult:
    codes = [r.code for r in rules]
    work = [(p, codes, options, engine) for p in paths]
    results: list[LintResult]
    if executor == "dask":
        results = _dask(work, scheduler)
    elif jobs > 1 and len(work) > 1:
        results = _processes(work, jobs, progress)
    else:
        results = []
        bar = _bar(len(work)) if progress else None
        with bar or _Null() as b:
            task = b.add_task("lint", total=len(work)) if bar else None
            for item in work:
                results.append(_one(item))
                if bar:
                    b.advance(task)
    total = LintResult()
    for r in results:
        total.extend(r)
    total.sort()
    return total


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _bar(total: int):
    # rich draws a progress bar that degrades on dumb terminals; only on a terminal (stderr)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("memeriksa"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True)


def _chunk(args):
    return [_one(item) for item in args]


def _processes(work, jobs: int, progress: bool):
    from concurrent.futures import ProcessPoolExecutor, as_completed

    import multiprocessing as mp

    # import the reader, the layouts and the rules once in the parent: forked workers share them
    # instead of each importing them again
    import xl_renja.layouts.detect  # noqa: F401
    import xl_renja.engine  # noqa: F401
    import xl_renja.rules  # noqa: F401
    import xl_renja.readers  # noqa: F401

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context("spawn")
    # a few files per task: one task per small file costs as much IPC as linting it, and chunks
    # still small enough (about 4 per worker and never more than 16 files) to balance the load
    size = max(1, min(16, len(work) // (jobs * 4)))
    chunks = [list(range(i, min(i + size, len(work)))) for i in range(0, len(work), size)]
    out = [None] * len(work)
    bar = _bar(len(work)) if progress else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool, (bar or _Null()) as b:
        task = b.add_task("lint", total=len(work)) if bar else None
        futures = {pool.submit(_chunk, [work[i] for i in idx]): idx for idx in chunks}
        for fut in as_completed(futures):
            for i, res in zip(futures[fut], fut.result()):
                out[i] = res
            if bar:
                b.advance(task, len(futures[fut]))
    return out


def _dask(work, scheduler: str):
    # dask.distributed sends the files (as paths the workers can read) to an existing cluster
    try:
        from distributed import Client
    except ImportError:
        from xl_renja.diagnostics import UsageError

        raise UsageError(
            "--executor dask memerlukan paket dask[distributed] (pip install 'xl_renja[dask]')"
        ) from None
    try:
        # the connect timeout is dask's own setting (distributed.comm.timeouts.connect, 30 s by
        # default; DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT in the environment)
        client = Client(scheduler)
    except (OSError, TimeoutError, ValueError) as exc:
        from xl_renja.diagnostics import UsageError

        raise UsageError(f"tidak dapat terhubung ke scheduler dask {scheduler}: {exc}") from None
    with client:
        futures = client.map(_one, work, pure=False)
        return client.gather(futures)
