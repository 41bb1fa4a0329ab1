"""Views of a totals run (:mod:`xl_renja.totals`): the terminal tree (rich), and the .xlsx report.

The report is built from a flat pandas frame of the trees, validated with its pandera schema
(:func:`flat_schema`) before anything is written: a ``Rekap`` sheet (one row per OPD and the grand
totals), a ``Ringkasan`` sheet with a bar chart of pagu per program (n against n+1), a sheet per
table (the tree with stated value, children sum, difference and verdict for n and n+1, hyperlinks
back to the cells of the source workbook, mismatches red, rounding yellow) and ``Tidak dicocokkan``
with the cross-checks. Written with XlsxWriter (sums as formulas with their cached values, text
always as text) to a temporary file in the target folder, then renamed.
"""

from __future__ import annotations

import io
import os
import re
import tempfile

from xl_renja.diagnostics import number_id, qualified
from xl_renja.totals import PEMBULATAN, SELISIH, VERDICTS, RegionTotals

RP = '#,##0;-#,##0;"-"'  # shown with the reader's grouping: 1.260.789.058 in an Indonesian Excel
YEARS = (("n", "n"), ("n+1", "n1"))
FLAT_COLUMNS = ("file", "opd", "sheet", "table", "kode", "level", "nama", "row", "depth",
                "stated_n", "children_sum_n", "difference_n", "verdict_n", "cell_n",
                "stated_n1", "children_sum_n1", "difference_n1", "verdict_n1", "cell_n1")


# ----------------------------------------------------------------------------- terminal


def _amount_text(a) -> str:
    if a is None or a.stated is None:
        return "-"
    if a.verdict is None:
        return number_id(a.stated)
    if a.verdict == "cocok":
        return f"{number_id(a.stated)} cocok"
    return f"{number_id(a.stated)} vs {number_id(a.children_sum)} ({number_id(a.difference)}) {a.verdict}"


def _style(verdict: str | None) -> str:
    return {SELISIH: "bold red", PEMBULATAN: "yellow"}.get(verdict, "")


def render_text(region: RegionTotals, color: bool = False, width: int = 160) -> str:
    """The money trees as indented text; with ``color`` mismatches red and rounding yellow."""
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, color_system="standard" if color else None,
                      width=width, highlight=False, soft_wrap=True)
    for f in region.files:
        if f.failure:
            console.print(Text(f"{f.path}: {f.failure}", style="bold red"))
            continue
        root = Tree(Text(f"{f.path} ({f.opd})", style="bold"))
        for t in f.tables:
            branch = root.add(Text(f"{t.sheet} ({t.table_id}): n / n+1", style="bold"))

            def add(parent, node):
                label = Text(f"{node.kode or ''} {node.nama or ''}".strip()[:70] + "  ")
                for i, year in enumerate(("n", "n+1")):
                    a = node.amounts.get(year)
                    label.append(("  |  " if i else "") + f"{year}: " + _amount_text(a),
                                 style=_style(a.verdict if a else None))
                child = parent.add(label)
                for c in node.children:
                    add(child, c)

            for node in t.nodes:
                add(branch, node)
            if t.total is not None:
                add(branch, t.total)
        console.print(root)
        for d in f.cross_checks:
            console.print(Text(f"  {d.location}: {d.code} {d.message}",
                               style="red" if d.severity.value == "error" else "yellow"))
        for u in f.unmatched:
            where = f"paragraf {u['paragraph']}" if "paragraph" in u else qualified(u["sheet"], u["cell"])
            console.print(Text(f"  tidak dicocokkan ({u['check']}): {where} {u.get('nama') or ''} "
                               f"{u.get('amount_text') or number_id(u.get('amount'))}: {u['reason']}"))
    s = region.to_json()["summary"]
    c = s["counts"]
    console.print(Text(
        f"{s['files']} berkas; pagu n {number_id(s['pagu']['n']['total'])} (TOTAL) / "
        f"{number_id(s['pagu']['n']['programs'])} (program); n+1 {number_id(s['pagu']['n+1']['total'])} / "
        f"{number_id(s['pagu']['n+1']['programs'])}; cocok {c['cocok']}, pembulatan {c['pembulatan']}, "
        f"selisih {c['selisih']}", style="bold"))
    return buf.getvalue()


# ----------------------------------------------------------------------------- flat frame


def flat_frame(region: RegionTotals):
    """One row per node of every tree (and the TOTAL rows, ``kode`` None, ``depth`` 0).

    Where a table's ``to_frame`` came along (``region_totals(..., frames=True)``), the rows' own
    columns (name, stated pagu n and n+1) are taken from it, by sheet row, and the tree adds the
    children sums and verdicts: the report shows the table as ``to_frame`` reads it."""
    import pandas as pd

    records = []
    for f in region.files:
        for t in f.tables:
            own = _own_columns(t)

            def visit(node, depth, f=f, t=t, own=own):
                rec = {"file": f.path, "opd": f.opd, "sheet": t.sheet, "table": t.table_id, "kode": node.kode,
                       "level": node.level, "nama": node.nama, "row": node.row, "depth": depth}
                mine = own.get(node.row, {})
                if mine.get("nama"):
                    rec["nama"] = mine["nama"]
                for year, suffix in YEARS:
                    a = node.amounts.get(year)
                    rec[f"stated_{suffix}"] = mine.get(year, a.stated if a else None) if a else None
                    rec[f"children_sum_{suffix}"] = a.children_sum if a else None
                    rec[f"difference_{suffix}"] = a.difference if a else None
                    rec[f"verdict_{suffix}"] = a.verdict if a else None
                    rec[f"cell_{suffix}"] = a.cell if a else None
                records.append(rec)
                for c in node.children:
                    visit(c, depth + 1)

            for node in t.nodes:
                visit(node, 1)
            if t.total is not None:
                visit(t.total, 0)
    frame = pd.DataFrame.from_records(records, columns=list(FLAT_COLUMNS))
    for col in ("stated_n", "children_sum_n", "difference_n", "stated_n1", "children_sum_n1", "difference_n1"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame["level"] = frame["level"].astype("Int64")
    return frame


def _own_columns(t) -> dict[int, dict]:
    """Sheet row -> {"nama", "n", "n+1"} from the table's ``to_frame`` (rupiah), or {} without it."""
    frame = getattr(t, "frame", None)
    if frame is None:
        return {}
    out = {}
    for row, rec in frame.iterrows():
        mine = {}
        if "uraian" in frame.columns and isinstance(rec["uraian"], str):
            mine["nama"] = rec["uraian"]
        for year, key in (("n", "pagu"), ("n+1", "pagu_n1")):
            if key in frame.columns and isinstance(rec[key], (int, float)) and rec[key] == rec[key]:
                mine[year] = float(rec[key]) * t.scale
        out[int(row)] = mine
    return out


def flat_schema(tolerance: float):
    """The pandera schema of :func:`flat_frame`: verdicts known, level 1-5, difference = stated -
    children sum, and each verdict the one the difference and the tolerance give."""
    import pandas as pd
    import pandera.pandas as pa

    def consistent(suffix):
        def check(df):
            stated, total, diff = df[f"stated_{suffix}"], df[f"children_sum_{suffix}"], df[f"difference_{suffix}"]
            verdict = df[f"verdict_{suffix}"]
            has = stated.notna() & total.notna()
            ok_diff = ~has | ((stated - total - diff).abs() < 1e-6)
            expected = pd.Series(None, index=df.index, dtype="object")
            expected[has & (diff.abs() < 1e-6)] = "cocok"
            expected[has & (diff.abs() >= 1e-6) & (diff.abs() <= tolerance + 1e-9)] = "pembulatan"
            expected[has & (diff.abs() > tolerance + 1e-9)] = "selisih"
            ok_verdict = (~has & verdict.isna()) | (has & (verdict == expected))
            return ok_diff & ok_verdict
        return pa.Check(check, name=f"verdict_{suffix}")

    columns = {
        "file": pa.Column(str), "sheet": pa.Column(str), "table": pa.Column(str, pa.Check.isin(["T-C.33"])),
        "kode": pa.Column(None, nullable=True), "level": pa.Column("Int64", pa.Check.isin([1, 2, 3, 4, 5]), nullable=True),
        "row": pa.Column(int, pa.Check.ge(1)), "depth": pa.Column(int, pa.Check.ge(0)),
    }
    for _year, suffix in YEARS:
        columns[f"stated_{suffix}"] = pa.Column(float, nullable=True)
        columns[f"children_sum_{suffix}"] = pa.Column(float, nullable=True)
        columns[f"difference_{suffix}"] = pa.Column(float, nullable=True)
        columns[f"verdict_{suffix}"] = pa.Column(None, pa.Check.isin(list(VERDICTS)), nullable=True)
    return pa.DataFrameSchema(columns, checks=[consistent(s) for _y, s in YEARS], name="totals", strict=False)


# ----------------------------------------------------------------------------- xlsx


def _text(v) -> str | None:
    """A frame value as text (None for missing values, which pandas keeps as NaN)."""
    return v if isinstance(v, str) else None


def _sheet_name(text: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", " ", text).strip()[:28] or "Tabel"
    name, i = base, 2
    while name.lower() in used:
        name = f"{base[:25]} {i}"
        i += 1
    used.add(name.lower())
    return name


def _link(path: str, cell: str | None) -> str | None:
    """An external hyperlink to a cell of the source workbook (``external:file.xlsx#'Tabel 3.1'!K17``)."""
    if not cell:
        return None
    return f"external:{os.path.abspath(path)}#{cell}"


def write_xlsx(region: RegionTotals, path: str, force: bool = False) -> None:
    """Validate the flat tree, then write the report to ``path`` (a new file unless ``force``)."""
    import xlsxwriter

    frame = flat_frame(region)
    flat_schema(region.tolerance).validate(frame, lazy=True)
    if os.path.exists(path) and not force:
        raise FileExistsError(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".xl_renja-", suffix=".xlsx", dir=folder)
    os.close(fd)
    try:
        wb = xlsxwriter.Workbook(tmp, {"strings_to_formulas": False, "strings_to_urls": False})
        _write(wb, region, frame)
        wb.close()
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # a report like any file the user writes, not mkstemp's 0600
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _write(wb, region: RegionTotals, frame) -> None:
    bold = wb.add_format({"bold": True})
    title = wb.add_format({"bold": True, "font_size": 13})
    head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"})
    money = wb.add_format({"num_format": RP})
    money_bold = wb.add_format({"num_format": RP, "bold": True, "top": 1})
    red = wb.add_format({"num_format": RP, "bg_color": "#F8CBAD", "font_color": "#9C0006"})
    yellow = wb.add_format({"num_format": RP, "bg_color": "#FFEB9C"})
    red_t = wb.add_format({"bg_color": "#F8CBAD", "font_color": "#9C0006", "bold": True})
    yellow_t = wb.add_format({"bg_color": "#FFEB9C"})
    link = wb.add_format({"font_color": "#0563C1", "underline": 1})
    indents: dict = {}

    def indent_format(depth: int):
        if depth not in indents:
            indents[depth] = wb.add_format({"indent": max(0, depth - 1), "bold": depth <= 1})
        return indents[depth]
    used: set[str] = {"rekap", "ringkasan", "tidak dicocokkan"}

    rekap = wb.add_worksheet("Rekap")
    ringkasan = wb.add_worksheet("Ringkasan")
    table_sheets = []
    for f in region.files:
        for t in f.tables:
            table_sheets.append((f, t, _sheet_name(f"{f.opd or ''} {t.sheet}" if len(region.files) > 1 else t.sheet, used)))

    # --- Rekap: one row per OPD, grand totals as SUM formulas with cached values
    rekap.write_string(0, 0, "Rekap pagu per Perangkat Daerah", title)
    rekap.write_string(1, 0, f"Toleransi pembulatan: Rp {number_id(region.tolerance)}")
    heads = ("Berkas", "Perangkat Daerah", "Pagu n (TOTAL)", "Pagu n (jumlah program)", "Pagu n+1 (TOTAL)",
             "Pagu n+1 (jumlah program)", "Selisih", "Kesalahan (lint)", "Peringatan (lint)", "Lembar")
    for c, h in enumerate(heads):
        rekap.write_string(3, c, h, head)
    r = 4
    first_sheet = {}
    for f, t, name in table_sheets:
        first_sheet.setdefault(id(f), name)
    for f in region.files:
        rekap.write_string(r, 0, os.path.basename(f.path))
        rekap.write_string(r, 1, f.opd or "")
        if f.failure:
            rekap.write_string(r, 2, f.failure)
        else:
            for c, (year, source) in enumerate((("n", "total"), ("n", "programs"), ("n+1", "total"),
                                                 ("n+1", "programs")), start=2):
                v = f.pagu(year, source)
                if v is None:
                    rekap.write_blank(r, c, None)
                else:
                    rekap.write_number(r, c, v, money)
            rekap.write_number(r, 6, f.selisih, red_t if f.selisih else None)
            rekap.write_number(r, 7, f.errors)
            rekap.write_number(r, 8, f.warnings)
            if id(f) in first_sheet:
                rekap.write_url(r, 9, f"internal:'{first_sheet[id(f)]}'!A1", link, string=first_sheet[id(f)])
        r += 1
    rekap.write_string(r, 1, "JUMLAH", bold)
    grand = (("n", "total"), ("n", "programs"), ("n+1", "total"), ("n+1", "programs"))
    for c, (year, source) in enumerate(grand, start=2):
        col = chr(ord("A") + c)
        rekap.write_formula(r, c, f"=SUM({col}5:{col}{r})", money_bold, region.grand(year, source))
    rekap.write_formula(r, 6, f"=SUM(G5:G{r})", bold, region.selisih)
    rekap.set_column(0, 0, 38)
    rekap.set_column(1, 1, 34)
    rekap.set_column(2, 5, 20)
    rekap.set_column(6, 9, 12)
    rekap.freeze_panes(4, 0)
    rekap.set_row(3, 30)
    for sheet in (rekap, ringkasan):
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)

    # --- Ringkasan: pagu per program, n against n+1, with a bar chart
    ringkasan.write_string(0, 0, "Pagu per program: tahun n dan n+1", title)
    for c, h in enumerate(("Perangkat Daerah", "Kode", "Program", "Pagu n", "Pagu n+1")):
        ringkasan.write_string(2, c, h, head)
    r = 3
    for f in region.files:
        for t in f.tables:
            for p in t.programs:
                ringkasan.write_string(r, 0, f.opd or "")
                ringkasan.write_string(r, 1, p.kode or "")
                ringkasan.write_string(r, 2, p.nama or "")
                for c, year in ((3, "n"), (4, "n+1")):
                    a = p.amounts.get(year)
                    if a is not None and a.stated is not None:
                        ringkasan.write_number(r, c, a.stated, money)
                r += 1
    ringkasan.set_column(0, 0, 30)
    ringkasan.set_column(1, 1, 12)
    ringkasan.set_column(2, 2, 50)
    ringkasan.set_column(3, 4, 20)
    if r > 3:
        chart = wb.add_chart({"type": "bar"})
        for c, label in ((3, "Pagu n"), (4, "Pagu n+1")):
            chart.add_series({"name": label, "categories": ["Ringkasan", 3, 1, r - 1, 1],
                              "values": ["Ringkasan", 3, c, r - 1, c]})
        chart.set_title({"name": "Pagu per program (Rp)"})
        chart.set_x_axis({"num_format": "#,##0"})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 720, "height": 120 + 40 * (r - 3)})
        ringkasan.insert_chart(r + 1, 0, chart)

    # --- a sheet per table
    for f, t, name in table_sheets:
        ws = wb.add_worksheet(name)
        ws.write_string(0, 0, f"{f.opd or ''}: {t.sheet} ({t.table_id})", title)
        ws.write_string(1, 0, f"Sumber: {f.path}; skala {t.scale} (nilai sel x skala = rupiah)")
        heads = ("Kode", "Uraian", "Tingkat", "n: tertulis", "n: jumlah anak", "n: selisih", "n: putusan",
                 "n+1: tertulis", "n+1: jumlah anak", "n+1: selisih", "n+1: putusan", "Sel n", "Sel n+1")
        for c, h in enumerate(heads):
            ws.write_string(3, c, h, head)
        rows = frame[(frame["file"] == f.path) & (frame["sheet"] == t.sheet)]
        r = 4
        for rec in rows.itertuples(index=False):
            ws.write_string(r, 0, _text(rec.kode) or "")
            indent = indent_format(int(rec.depth))
            ws.write_string(r, 1, _text(rec.nama) or "", indent)
            ws.write_string(r, 2, {1: "urusan", 2: "bidang", 3: "program", 4: "kegiatan", 5: "sub kegiatan"}.get(
                None if rec.level is None or str(rec.level) == "<NA>" else int(rec.level), "total"))
            for base, suffix in ((3, "n"), (7, "n1")):
                verdict = _text(getattr(rec, f"verdict_{suffix}"))
                fmt = red if verdict == SELISIH else yellow if verdict == PEMBULATAN else money
                for off, col in enumerate(("stated", "children_sum", "difference")):
                    v = getattr(rec, f"{col}_{suffix}")
                    if v is None or v != v:
                        ws.write_blank(r, base + off, None, fmt)
                    else:
                        ws.write_number(r, base + off, float(v), fmt)
                ws.write_string(r, base + 3, verdict or "",
                                red_t if verdict == SELISIH else yellow_t if verdict == PEMBULATAN else None)
            for c, suffix in ((11, "n"), (12, "n1")):
                cell = _text(getattr(rec, f"cell_{suffix}"))
                if cell:
                    ws.write_url(r, c, _link(f.path, cell), link, string=cell)
            r += 1
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 52)
        ws.set_column(2, 2, 11)
        ws.set_column(3, 5, 17)
        ws.set_column(6, 6, 11)
        ws.set_column(7, 9, 17)
        ws.set_column(10, 10, 11)
        ws.set_column(11, 12, 16)
        ws.freeze_panes(4, 2)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(3)

    # --- cross-checks and what no check could pair
    ws = wb.add_worksheet("Tidak dicocokkan")
    ws.write_string(0, 0, "Pemeriksaan silang (TT04, TT05, TT06) dan baris/kalimat yang tidak dicocokkan", title)
    for c, h in enumerate(("Berkas", "Kode aturan", "Tempat", "Kode", "Uraian", "Tertulis", "Pembanding", "Keterangan")):
        ws.write_string(2, c, h, head)
    r = 3
    for f in region.files:
        for d in f.cross_checks:
            for c, v in enumerate((os.path.basename(f.path), d.code, d.location, d.kode or "")):
                ws.write_string(r, c, v)
            ws.write_string(r, 4, d.message, red_t if d.severity.value == "error" else yellow_t)
            for c, v in ((5, d.actual), (6, d.expected)):
                if isinstance(v, (int, float)):
                    ws.write_number(r, c, v, money)
            r += 1
        for u in f.unmatched:
            where = f"paragraf {u['paragraph']}" if "paragraph" in u else qualified(u["sheet"], u["cell"])
            for c, v in enumerate((os.path.basename(f.path), u["check"], where, u.get("kode") or "",
                                   u.get("nama") or u.get("text", "")[:120])):
                ws.write_string(r, c, v)
            if isinstance(u.get("amount"), (int, float)):
                ws.write_number(r, 5, u["amount"], money)
            elif u.get("amount_text"):
                ws.write_string(r, 5, u["amount_text"])
            ws.write_string(r, 7, "tidak dicocokkan: " + u["reason"])
            r += 1
    ws.set_column(0, 0, 30)
    ws.set_column(2, 3, 18)
    ws.set_column(4, 4, 70)
    ws.set_column(5, 6, 17)
    ws.set_column(7, 7, 40)
    rekap.activate()

