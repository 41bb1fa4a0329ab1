"""Command line: ``python -m xl_renja lint|fix|annotate|tables|rules|rule``. ``main(argv) -> int``."""

from __future__ import annotations

import argparse
import os
import sys

from xl_renja import __version__
from xl_renja.diagnostics import ExitCode, UsageError

FORMATS = ("text", "json", "sarif", "github")
TOTALS_FORMATS = ("text", "json", "xlsx")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse prints usage and exits 2; keep it one clear line
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m xl_renja", description="Linter dan alat bantu Renja Perangkat Daerah di Excel.")
    p.add_argument("--version", action="version", version=f"xl_renja {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    lint = sub.add_parser("lint", help="periksa workbook Renja dan laporkan kesalahannya")
    lint.add_argument("files", nargs="+", metavar="FILE", help="workbook (.xlsx/.xlsm/.xls/.ods) atau folder")
    lint.add_argument("--format", default=None, help="text|json|sarif|github (bawaan: text)")
    lint.add_argument("-o", "--output", help="tulis laporan ke berkas ini, bukan ke layar")
    lint.add_argument("--select", help="hanya kode aturan ini (awalan, dipisah koma), mis. KR,TT01")
    lint.add_argument("--ignore", help="abaikan kode aturan ini (awalan, dipisah koma)")
    lint.add_argument("--strict", action="store_true", default=None, help="peringatan juga membuat kode keluar 1")
    lint.add_argument("--exit-zero", action="store_true", default=None, help="kode keluar 0 walau ada temuan (galat baca tetap 2)")
    lint.add_argument("--tolerance", default=None, metavar="RP", help="toleransi pembulatan pagu (bawaan Rp 1)")
    lint.add_argument("--nomenklatur", metavar="FILE", help="ekspor nomenklatur SIPD (.xlsx) untuk KR04")
    lint.add_argument("--lang", default=None, help="bahasa pesan: id (bawaan) atau en")
    lint.add_argument("--engine", default="fast", choices=("auto", "fast", "xml", "openpyxl"), help=argparse.SUPPRESS)
    lint.add_argument("--jobs", default=None, help="jumlah proses paralel untuk banyak berkas")
    lint.add_argument("--executor", default=None, help="local (bawaan) atau dask")
    lint.add_argument("--scheduler", default=None, help="alamat scheduler dask, mis. tcp://host:8786")
    lint.add_argument("--narasi", metavar="RENJA.docx", help="narasi BAB IV (.docx) untuk TT06")

    totals = sub.add_parser("totals", help="laporan pagu untuk auditor: pohon pagu, rekap OPD, pemeriksaan silang")
    totals.add_argument("files", nargs="+", metavar="FILE_OR_FOLDER", help="workbook atau folder workbook OPD")
    totals.add_argument("-o", "--output", help="tulis laporan ke berkas ini (.xlsx, .json atau .txt)")
    totals.add_argument("--narasi", metavar="RENJA.docx", help="narasi BAB IV (.docx): cocokkan pagunya (TT06)")
    totals.add_argument("--format", default=None, choices=TOTALS_FORMATS,
                        help="text|json|xlsx (bawaan: dari akhiran -o, selain itu text)")
    totals.add_argument("--tolerance", default=None, metavar="RP", help="toleransi pembulatan (bawaan Rp 1)")
    totals.add_argument("--jobs", default=None, help="jumlah proses paralel untuk banyak berkas")
    totals.add_argument("--force", action="store_true", help="timpa berkas -o yang sudah ada")

    fix = sub.add_parser("fix", help="tulis perbaikan yang pasti (capaian, angka-teks, ...) ke salinan workbook")
    fix.add_argument("file", metavar="FILE")
    fix.add_argument("-o", "--output", help="berkas hasil (bawaan: FILE_perbaikan.xlsx)")
    fix.add_argument("--select", help="kode aturan yang diperbaiki (awalan); TT hanya bila disebut, mis. CP,VL,TT")
    fix.add_argument("--as", dest="as_", default="formulas", choices=("formulas", "values"),
                     help="tulis rumus hidup (bawaan) atau angka")
    fix.add_argument("--dry-run", action="store_true", help="hanya tampilkan perubahan, tidak menulis")
    fix.add_argument("--force", action="store_true", help="timpa berkas hasil yang sudah ada")
    fix.add_argument("--tolerance", default=None, metavar="RP")
    fix.add_argument("--lang", default="id")

    ann = sub.add_parser("annotate", help="tandai temuan di salinan workbook: warna, catatan dan lembar Validasi")
    ann.add_argument("file", metavar="FILE")
    ann.add_argument("-o", "--output", help="berkas hasil (bawaan: FILE_validasi.xlsx)")
    ann.add_argument("--force", action="store_true", help="timpa berkas hasil yang sudah ada")
    ann.add_argument("--select", help="hanya kode aturan ini (awalan, dipisah koma)")
    ann.add_argument("--ignore", help="abaikan kode aturan ini (awalan, dipisah koma)")
    ann.add_argument("--lang", default="id", help="bahasa pesan: id (bawaan) atau en")

    tables = sub.add_parser("tables", help="tampilkan tabel resmi yang ditemukan dalam workbook")
    tables.add_argument("files", nargs="+", metavar="FILE")
    tables.add_argument("--lang", default="id")

    fill = sub.add_parser("fill", help="isi Tabel 3.1 / T-C.33 resmi dari data, dengan rumus SUM")
    fill.add_argument("data", metavar="DATA", help="lembar data Renja, ekspor SIPD, atau workbook Renja dengan T-C.33")
    fill.add_argument("-o", "--output", metavar="TABEL31.xlsx", help="workbook hasil (bawaan: DATA_tabel31.xlsx)")
    fill.add_argument("--layout", default=None, help="tc33 (resmi, 10 kolom) atau setda (16 kolom)")
    fill.add_argument("--tahun", type=int, default=None, help="tahun rencana n, mis. 2026")
    fill.add_argument("--opd", default=None, help="OPD yang diambil dari ekspor SIPD (kode atau bagian nama); nama OPD di judul")
    fill.add_argument("--nomenklatur", metavar="FILE", help="ekspor nomenklatur SIPD (.xlsx) untuk nama kode")
    fill.add_argument("--kertas", default="A4", help="ukuran kertas cetak: A4 (bawaan) atau F4")
    fill.add_argument("--force", action="store_true", help="timpa keluaran yang sudah ada")

    rules = sub.add_parser("rules", help="daftar aturan (katalog)")
    rules.add_argument("--lang", default="id")
    rule = sub.add_parser("rule", help="dokumentasi satu aturan, mis. rule TT01")
    rule.add_argument("code")
    rule.add_argument("--lang", default="id")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return ExitCode.OK
        if args.command == "lint":
            return _cmd_lint(args)
        if args.command == "fix":
            return _cmd_fix(args)
        if args.command == "totals":
            return _cmd_totals(args)
        if args.command == "annotate":
            return _cmd_annotate(args)
        if args.command == "tables":
            return _cmd_tables(args)
        if args.command == "fill":
            return _cmd_fill(args)
        if args.command == "rules":
            return _cmd_rules(args)
        if args.command == "rule":
            return _cmd_rule(args)
    except UsageError as exc:
        print(f"xl_renja: galat pemakaian: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print("xl_renja: dihentikan.", file=sys.stderr)
        return ExitCode.USAGE
    return ExitCode.USAGE


def console_main() -> None:
    raise SystemExit(main())


def _codes(text: str | None, known) -> list[str] | None:
    if text is None:
        return None
    codes = [c.strip().upper() for c in str(text).replace(";", ",").split(",") if c.strip()]
    for c in codes:
        if c != "ALL" and not any(k.startswith(c) for k in known):
            raise UsageError(f"kode aturan tidak dikenal: {c} (lihat 'python -m xl_renja rules')")
    return [("" if c == "ALL" else c) for c in codes]


def _cmd_lint(args) -> int:
    from xl_renja.config import jobs_value, load_config, tolerance_value
    from xl_renja.rules import RULES_BY_CODE, select_rules
    from xl_renja.rules.base import Options

    config = load_config(args.files)
    _output_folder(args.output)
    fmt = args.format or config.get("format", "text")
    if fmt not in FORMATS:
        raise UsageError(f"format tidak dikenal: {fmt} (pilih {', '.join(FORMATS)})")
    lang = args.lang or config.get("lang", "id")
    if lang not in ("id", "en"):
        raise UsageError(f"bahasa tidak dikenal: {lang} (pilih id atau en)")
    select = _codes(args.select if args.select is not None else config.get("select"), RULES_BY_CODE)
    ignore = _codes(args.ignore if args.ignore is not None else config.get("ignore"), RULES_BY_CODE)
    tolerance = tolerance_value(args.tolerance) if args.tolerance is not None else config.get("tolerance", 1.0)
    strict = bool(args.strict if args.strict is not None else config.get("strict", False))
    exit_zero = bool(args.exit_zero if args.exit_zero is not None else config.get("exit_zero", False))
    options = Options(tolerance=tolerance)
    nomen_path = args.nomenklatur or config.get("nomenklatur")
    if nomen_path:
        from xl_renja.nomenklatur import NomenklaturError, load_sipd_export

        try:
            options.nomenklatur = load_sipd_export(nomen_path)
        except NomenklaturError as exc:
            print(f"xl_renja: {exc}", file=sys.stderr)
            return ExitCode.USAGE
    rules = select_rules(select, ignore)
    narasi_path = args.narasi or config.get("narasi")
    if narasi_path:
        options.narasi = _read_narasi(narasi_path, args.files)

    from xl_renja.engine import expand_paths
    from xl_renja.batch import run_batch

    paths = expand_paths(args.files)
    if not paths:
        raise UsageError("tidak ada workbook di folder yang diberikan")
    jobs = jobs_value(args.jobs) if args.jobs is not None else config.get("jobs", 1)
    executor = args.executor or config.get("executor", "local")
    if executor not in ("local", "dask"):
        raise UsageError(f"executor tidak dikenal: {executor} (pilih local atau dask)")
    if executor == "dask" and not (args.scheduler or config.get("scheduler")):
        raise UsageError("--executor dask memerlukan --scheduler tcp://HOST:PORT")
    progress = sys.stderr.isatty() and len(paths) > 1 and not args.output
    result = run_batch(paths, rules, options, jobs=jobs, engine=args.engine, executor=executor,
                       scheduler=args.scheduler or config.get("scheduler"), progress=progress)
    result.strict = strict
    from xl_renja.formatters import FORMATTERS

    color = fmt == "text" and not args.output and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if fmt == "text" and not args.output:
        # an unreadable file is said once, on stderr (below), not again among the findings
        text = FORMATTERS[fmt](result, lang=lang, color=color, failures=False)
    else:
        text = FORMATTERS[fmt](result, lang=lang, color=color)
    if args.output:
        _write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    for f in result.failures:
        print(f"xl_renja: {f.text(lang)}", file=sys.stderr)
    return int(result.exit_code(exit_zero=exit_zero))


def _read_narasi(path: str, files):
    """The BAB IV statements of ``--narasi`` (python-docx loaded only here); one Renja at a time."""
    from xl_renja.engine import expand_paths
    from xl_renja.narasi import NarasiError, read_narasi

    if len(expand_paths(files)) != 1:
        raise UsageError("--narasi hanya untuk satu workbook (narasi itu milik satu Renja)")
    try:
        return read_narasi(path)
    except NarasiError as exc:
        raise UsageError(str(exc)) from None


def _cmd_totals(args) -> int:
    from xl_renja.config import jobs_value, load_config, tolerance_value
    from xl_renja.engine import expand_paths
    from xl_renja.rules.base import Options
    from xl_renja.totals import region_totals

    config = load_config(args.files)
    _output_folder(args.output)
    fmt = args.format
    if fmt is None and args.output:
        ext = os.path.splitext(args.output)[1].lower()
        fmt = {".xlsx": "xlsx", ".json": "json"}.get(ext, "text")
    fmt = fmt or "text"
    if fmt == "xlsx" and not args.output:
        raise UsageError("--format xlsx memerlukan -o LAPORAN.xlsx")
    if args.output and os.path.exists(args.output) and not args.force and os.path.isfile(args.output):
        raise UsageError(f"{args.output} sudah ada; pakai --force untuk menimpanya")
    tolerance = tolerance_value(args.tolerance) if args.tolerance is not None else config.get("tolerance", 1.0)
    jobs = jobs_value(args.jobs) if args.jobs is not None else config.get("jobs", 1)
    paths = expand_paths(args.files)
    if not paths:
        raise UsageError("tidak ada workbook di folder yang diberikan")
    options = Options(tolerance=tolerance)
    if args.narasi:
        options.narasi = _read_narasi(args.narasi, args.files)
    region = region_totals(paths, tolerance, options, jobs=jobs, frames=fmt == "xlsx")
    if fmt == "xlsx":
        from xl_renja.totals_report import write_xlsx

        write_xlsx(region, args.output, force=True)
    else:
        if fmt == "json":
            import json

            text = json.dumps(region.to_json(), ensure_ascii=False, indent=1) + "\n"
        else:
            from xl_renja.totals_report import render_text

            color = not args.output and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            text = render_text(region, color=color)
        if args.output:
            _write_atomic(args.output, text)
        else:
            sys.stdout.write(text)
    for f in region.files:
        if f.failure:
            print(f"xl_renja: {f.failure}", file=sys.stderr)
    return int(region.exit_code())


def _output_folder(path: str | None) -> None:
    """``-o`` into a folder that does not exist is a usage error, said before any work is done."""
    if not path:
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"folder keluaran tidak ada: {os.path.dirname(path) or folder} (buat dulu foldernya)")
    if os.path.isdir(path):
        raise UsageError(f"-o {path} adalah folder; berikan nama berkas laporan")


def _write_atomic(path: str, text: str) -> None:
    """Write through a temporary file and a rename, so a reader never sees half a report.
    Devices and pipes (``-o /dev/null``, ``-o /dev/stdout``) are written directly."""
    import stat
    import tempfile

    if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".xl_renja-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _cmd_fill(args) -> int:
    from xl_renja.fill import FillError, FillRefused, fill_table

    output = args.output
    if output is None:
        stem, _ext = os.path.splitext(args.data)
        output = stem + "_tabel31.xlsx"
    if args.layout is not None and args.layout not in ("tc33", "setda"):
        raise UsageError(f"tata letak tidak dikenal: {args.layout} (pilih tc33 atau setda)")
    try:
        result = fill_table(args.data, output, layout=args.layout, tahun=args.tahun, opd=args.opd,
                            nomenklatur=args.nomenklatur, force=args.force, paper=args.kertas)
    except FillRefused as exc:
        for p in exc.problems:
            print(f"{args.data}:{p.where}: {p.code} {p.message}")
        print(f"xl_renja: {len(exc.problems)} sel bermasalah di {args.data}; tabel tidak ditulis.", file=sys.stderr)
        return ExitCode.FINDINGS
    except FillError as exc:
        print(f"xl_renja: {exc.message}", file=sys.stderr)
        return ExitCode.USAGE
    sheets = ", ".join(result.sheets)
    print(f"{result.output}: T-C.33 ({result.variant}) ditulis, {result.rows} baris di lembar {sheets}.")
    if result.generated:
        print(f"Catatan: {len(result.generated)} baris dibuat dari kode induk: {_some(result.generated)}.")
    if result.without_indikator:
        print(f"Catatan: {len(result.without_indikator)} program/kegiatan tanpa indikator (lengkapi indikator dan "
              f"targetnya): {_some(result.without_indikator)}.")
    if result.ignored_pagu:
        print(f"Catatan: pagu yang diketik pada induk diganti jumlah anaknya (rumus SUM): "
              f"{_some(result.ignored_pagu)}.")
    return ExitCode.OK


def _some(items, most: int = 12) -> str:
    """A readable list: the first ``most`` items, then how many more."""
    items = list(items)
    head = ", ".join(items[:most])
    return head if len(items) <= most else f"{head}, dan {len(items) - most} lainnya"


def _cmd_fix(args) -> int:
    import tempfile

    import xl_renja
    from xl_renja.fix import format_plan, plan
    from xl_renja.model import WorkbookError
    from xl_renja.rules import RULES_BY_CODE
    from xl_renja.writer import prepare_output

    if args.lang not in ("id", "en"):
        raise UsageError(f"bahasa tidak dikenal: {args.lang} (pilih id atau en)")
    select = _codes(args.select, RULES_BY_CODE)
    from xl_renja.config import tolerance_value

    options = xl_renja.Options(tolerance=1.0 if args.tolerance is None else tolerance_value(args.tolerance))
    try:
        out = prepare_output(args.file, args.output, force=args.force or args.dry_run)
        try:
            if out.notice:
                print(out.notice_en if args.lang == "en" else out.notice, file=sys.stderr)
            wb = xl_renja.read(out.source)
            fplan = plan(wb, select=select, as_values=args.as_ == "values", options=options)
            sys.stdout.write(format_plan(fplan, args.lang))
            if args.dry_run:
                with tempfile.TemporaryDirectory(prefix="xl_renja-fix-") as tmp:
                    target = os.path.join(tmp, "hasil" + out.output.suffix)
                    xl_renja.apply_edits(out.source, target, fplan.edits)
                    return int(xl_renja.lint(target, options=options).exit_code())
            # formulas that depend on a repaired cell keep an old cached value until recalculated:
            # ask Excel (and our own reader) to recompute every formula when the copy is opened
            xl_renja.apply_edits(out.source, out.output, fplan.edits,
                                 recalc_on_load=any(e.formula for e in fplan.edits))
        finally:
            out.cleanup()
    except WorkbookError as exc:  # unreadable input or an output rule (OutputError)
        print(f"xl_renja: {exc.message_en if args.lang == 'en' else exc.message}", file=sys.stderr)
        return ExitCode.USAGE
    print(f"{'written' if args.lang == 'en' else 'ditulis'}: {out.output}", file=sys.stderr)
    return int(xl_renja.lint(out.output, options=options).exit_code())


def _cmd_annotate(args) -> int:
    import xl_renja
    from xl_renja.annotate import annotate
    from xl_renja.model import WorkbookError
    from xl_renja.rules import RULES_BY_CODE
    from xl_renja.writer import default_output, prepare_output

    if args.lang not in ("id", "en"):
        raise UsageError(f"bahasa tidak dikenal: {args.lang} (pilih id atau en)")
    select = _codes(args.select, RULES_BY_CODE)
    ignore = _codes(args.ignore, RULES_BY_CODE)
    try:
        out = prepare_output(args.file, args.output or default_output(args.file, "_validasi"), force=args.force)
        try:
            if out.notice:
                print(out.notice_en if args.lang == "en" else out.notice, file=sys.stderr)
            done = annotate(out.source, out.output, lang=args.lang, select=select, ignore=ignore,
                            display_path=args.file)
        finally:
            out.cleanup()
    except WorkbookError as exc:  # unreadable input or an output rule (OutputError)
        print(f"xl_renja: {exc.message_en if args.lang == 'en' else exc.message}", file=sys.stderr)
        return ExitCode.USAGE
    result = done.plan.result
    for f in result.failures:
        print(f"xl_renja: {f.text(args.lang)}", file=sys.stderr)
    if done.kept_fills:
        print(("Note: {n} cells marked in Excel keep their fill (remove it there with Hapus Tanda)"
               if args.lang == "en" else
               "Catatan: {n} sel yang ditandai di Excel tetap berwarna (hapus dengan Hapus Tanda di Excel)")
              .format(n=len(done.kept_fills)), file=sys.stderr)
    print(result.summary(args.lang) + (f"; {done.plan.marked} {'cells marked' if args.lang == 'en' else 'sel ditandai'}"),
          file=sys.stderr)
    print(f"{'written' if args.lang == 'en' else 'ditulis'}: {out.output}", file=sys.stderr)
    return int(xl_renja.lint(out.output, select=select, ignore=ignore).exit_code())


def _cmd_tables(args) -> int:
    from xl_renja.engine import expand_paths, find_tables, read
    from xl_renja.model import WorkbookError
    from xl_renja.report import describe_tables

    rc = ExitCode.OK
    for path in expand_paths(args.files):
        try:
            wb = read(path)
            tables = find_tables(wb)
            unreadable = tables.unreadable
        except WorkbookError as exc:
            print(f"xl_renja: {exc.message_en if args.lang == 'en' else exc.message}", file=sys.stderr)
            rc = ExitCode.USAGE
            continue
        sys.stdout.write(describe_tables(path, wb, tables, unreadable, args.lang))
    return int(rc)


def _cmd_rules(args) -> int:
    from xl_renja.rules import ALL_RULES

    for r in ALL_RULES:
        summary = r.describe(args.lang)
        print(f"{r.code}  {r.name:<20} {r.severity.value:<8} {summary}")
    return ExitCode.OK


def _cmd_rule(args) -> int:
    from xl_renja.rules import RULES_BY_CODE

    rule = RULES_BY_CODE.get(args.code.upper())
    if rule is None:
        raise UsageError(f"kode aturan tidak dikenal: {args.code}")
    print(f"{rule.code} {rule.name} ({rule.severity.value})\n")
    print(rule.doc(args.lang))
    return ExitCode.OK
