"""``apply_edits``: patch a copy of an .xlsx/.xlsm, rewriting only the parts the edits touch."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable

from xl_renja.edits import Edit
from xl_renja.model import cell_ref, col_letter
from xl_renja.writer.errors import OutputError
from xl_renja.writer.notes import SheetNotes, read_sheet_notes
from xl_renja.writer.ops import CachedValue, ClearNote, Fill, HideColumns, Hyperlink, Note, SetStyle, SheetData
from xl_renja.writer.atomic import write_atomic
from xl_renja.writer.package import CT_SHEET, CT_STYLES, Package
from xl_renja.writer.sheet import SheetXml, cell_style as _style_attr, cell_xml, col_refs, norm_ref, restyle, with_cached
from xl_renja.writer.styles import Styles, rgb_argb
from xl_renja.writer.xmltext import NS_MAIN, NS_R, attr, find_element, ns_prefix, prefix_of, set_attr, text_node

_BAD_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
MAX_TEXT = 32_767  # characters in one cell (Excel)
_EXTERNAL = re.compile(r"^(https?://|mailto:)", re.I)


def apply_edits(src, dst, edits: Iterable, *, recalc_on_load: bool = False) -> None:
    """Write ``src`` with ``edits`` applied to ``dst`` (atomically). Parts and cells the edits do
    not touch keep their exact bytes. ``recalc_on_load`` asks Excel to recalculate every formula
    when it opens the file (``calcPr fullCalcOnLoad``). Raises :class:`OutputError`."""
    src, dst = Path(src), Path(dst)
    if os.path.abspath(src) == os.path.abspath(dst) or (dst.exists() and os.path.samefile(src, dst)):
        raise OutputError(
            f"Berkas keluaran tidak boleh sama dengan berkas masukan ({src.name}).",
            f"The output must not be the input file ({src.name}).",
        )
    pkg = Package(src, src.name)
    try:
        patcher = _Patcher(pkg)
        edits = list(edits)
        for e in edits:
            if isinstance(e, SheetData):
                patcher.sheet_data(e)
        for e in edits:
            if not isinstance(e, SheetData):
                patcher.add(e)
        patcher.finish(recalc_on_load)
        write_atomic(dst, pkg.save)
    finally:
        pkg.close()


def cell_style(path, sheet: str, cell: str) -> int:
    """The format index (``s``) of a cell, 0 when it has none or does not exist."""
    pkg = Package(path, Path(path).name)
    try:
        part = pkg.sheet(sheet).part
        rc = _ref(cell)
        text = pkg.text(part)
        s = _style_attr(SheetXml(text, prefix_of(text)).cell(*rc))
        return int(s) if s else 0
    finally:
        pkg.close()


def read_notes(path) -> dict[tuple[str, str], str]:
    """{(sheet, cell): text} of every note in the workbook."""
    pkg = Package(path, Path(path).name)
    try:
        out = {}
        for sh in pkg.sheets():
            if sh.part and pkg.exists(sh.part):
                out.update({(sh.name, ref): text for ref, text in read_sheet_notes(pkg, sh.part).items()})
        return out
    finally:
        pkg.close()


def fill_rgb(path, sheet: str, cell: str) -> str | None:
    """The solid fill colour (ARGB) of a cell's format, or None."""
    index = cell_style(path, sheet, cell)
    pkg = Package(path, Path(path).name)
    try:
        part = _styles_part(pkg)
        return Styles(pkg.text(part)).fill_rgb(index) if part else None
    finally:
        pkg.close()


def _ref(cell: str) -> tuple[int, int]:
    rc = norm_ref(str(cell))
    if rc is None:
        raise OutputError(f"Alamat sel '{cell}' tidak sah.", f"Invalid cell reference '{cell}'.")
    return rc


def _check_text(sheet: str, ref: str, value) -> None:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise OutputError(
            f"Teks untuk {sheet}!{ref} lebih dari {MAX_TEXT:,} karakter (batas Excel).".replace(",", "."),
            f"The text for {sheet}!{ref} is longer than Excel's {MAX_TEXT:,} characters.",
        )


def _styles_part(pkg: Package) -> str | None:
    rel = next((r for r in pkg.rels(pkg.workbook_part) if r.type.endswith("/styles")), None)
    return rel.target if rel and pkg.exists(rel.target) else None


class _Patcher:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.sheets: dict[str, SheetXml] = {}
        self.parts: dict[str, str] = {}  # sheet name as given -> part
        self.changes: dict[str, dict] = {}
        self.notes: dict[str, SheetNotes] = {}
        self.styles: Styles | None = None
        self.formulas_changed = False

    def _sheet(self, name: str) -> tuple[str, SheetXml]:
        if name in self.parts:
            return self.parts[name], self.sheets[self.parts[name]]
        part = self.parts[name] = self.pkg.sheet(name).part
        if part not in self.sheets:
            self.pkg.check(part)  # refuse unsafe or broken XML before patching it as text
            text = self.pkg.text(part)
            sx = SheetXml(text, prefix_of(text))
            if find_element(text, sx.p, "sheetData") is None:
                raise self.pkg.corrupt(f"{part} tanpa sheetData")
            self.sheets[part] = sx
        return part, self.sheets[part]

    def _date1904(self) -> bool:
        if not hasattr(self, "_d1904"):
            wb = self.pkg.text(self.pkg.workbook_part)
            pattern = r"""<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']"""
            self._d1904 = re.search(pattern, wb) is not None
        return self._d1904

    def _styles(self) -> Styles:
        if self.styles is None:
            part = _styles_part(self.pkg)
            self.styles_part = part or "xl/styles.xml"
            if part is None:
                self.pkg.add_rel(self.pkg.workbook_part, "styles", self.styles_part)
                self.pkg.set_override(self.styles_part, CT_STYLES)
            else:
                self.pkg.tree(part)
            self.styles = Styles(self.pkg.text(part) if part else None)
        return self.styles

    def _change(self, e, fn) -> None:
        part, sx = self._sheet(e.sheet)
        rc = _ref(e.cell)
        prev = self.changes.setdefault(part, {}).get(rc)
        self.changes[part][rc] = fn if prev is None else (lambda old, a=prev, b=fn: b(a(old)))

    def add(self, e) -> None:
        if isinstance(e, Edit):
            ref = cell_ref(*_ref(e.cell))
            _check_text(e.sheet, ref, e.value)
            p = self._sheet(e.sheet)[1].p
            d1904 = self._date1904()
            self._change(e, lambda old: cell_xml(p, ref, _style_attr(old), e.value, e.formula, d1904))
        elif isinstance(e, CachedValue):
            p = self._sheet(e.sheet)[1].p
            _ref(e.cell)
            d1904 = self._date1904()
            self._change(e, lambda old: with_cached(p, old, e.value, d1904))
        elif isinstance(e, (Fill, SetStyle)):
            ref = cell_ref(*_ref(e.cell))
            p = self._sheet(e.sheet)[1].p
            styles = self._styles()
            if isinstance(e, Fill):
                try:
                    rgb_argb(e.rgb)
                except ValueError:
                    raise OutputError(f"Warna '{e.rgb}' tidak sah (contoh: FFC7CE).", f"Invalid colour '{e.rgb}'.") from None
                fn = lambda old: restyle(p, ref, old, str(styles.with_fill(int(_style_attr(old) or 0), e.rgb)))
            else:
                if not 0 <= e.style_index < max(len(styles.xfs()), 1):
                    raise OutputError(f"Indeks gaya {e.style_index} tidak ada.", f"No cell format {e.style_index}.")
                fn = lambda old: restyle(p, ref, old, str(e.style_index))
            self._change(e, fn)
        elif isinstance(e, (Note, ClearNote)):
            part, sx = self._sheet(e.sheet)
            ref = cell_ref(*_ref(e.cell))
            if part not in self.notes:
                self.notes[part] = SheetNotes(self.pkg, part, sx)
            if isinstance(e, Note):
                self.notes[part].set(ref, str(e.text), str(e.author))
            else:
                self.notes[part].clear(ref)
        elif isinstance(e, Hyperlink):
            part, sx = self._sheet(e.sheet)
            ref = cell_ref(*_ref(e.cell))
            target = e.target.strip()
            if _EXTERNAL.match(target):
                rid = self.pkg.add_rel(part, "hyperlink", target, external=True)
                sx.text, prefix = ns_prefix(sx.text, NS_R, "r")
                sx.set_hyperlink(ref, None, rid, prefix)
            else:
                sx.set_hyperlink(ref, target.lstrip("#"), None, None)
        elif isinstance(e, HideColumns):
            self._sheet(e.sheet)[1].hide_columns(self._columns(e.columns))
        else:
            raise TypeError(f"unknown edit {e!r}")

    @staticmethod
    def _columns(columns) -> list[int]:
        try:
            cols = col_refs(columns)
        except ValueError:
            cols = [0]
        if any(not 1 <= c <= 16_384 for c in cols):
            raise OutputError(f"Kolom {list(columns)} tidak sah.", f"Invalid columns {list(columns)}.")
        return cols

    # ------------------------------------------------------------------ whole sheets

    def sheet_data(self, e: SheetData) -> None:
        name = str(e.name)
        if not name or len(name) > 31 or _BAD_SHEET_NAME.search(name) or name.startswith("'") or name.endswith("'"):
            raise OutputError(f"Nama lembar '{name}' tidak sah untuk Excel.", f"Invalid sheet name '{name}'.")
        exists = any(s.name.casefold() == name.casefold() for s in self.pkg.sheets())
        if not exists:
            self._append_sheet(name)
        part, sx = self._sheet(name)
        p = sx.p
        rows, last_col = [], 1
        for i, values in enumerate(e.rows, start=1):
            for j, v in enumerate(values, start=1):
                _check_text(name, cell_ref(i, j), v)
            cells = [cell_xml(p, cell_ref(i, j), None, v, None, self._date1904()) for j, v in enumerate(values, start=1)]
            last_col = max(last_col, len(values))
            rows.append(f'<{p}row r="{i}">' + "".join(c for c in cells if c) + f"</{p}row>")
        s, end, head = find_element(sx.text, p, "sheetData")
        if "<" + p + "f" in sx.text[s:end]:
            self.formulas_changed = True
        sx.text = sx.text[:s] + f"<{p}sheetData>{''.join(rows)}</{p}sheetData>" + sx.text[end:]
        merges = find_element(sx.text, p, "mergeCells")
        if merges:
            sx.text = sx.text[: merges[0]] + sx.text[merges[1] :]
        dim = find_element(sx.text, p, "dimension")
        if dim:
            ref = f"A1:{col_letter(last_col)}{max(len(rows), 1)}"
            sx.text = sx.text[: dim[0]] + set_attr(sx.text[dim[0] : dim[2]], "ref", ref) + sx.text[dim[2] :]
        if e.widths:
            cols = find_element(sx.text, p, "cols")
            if cols:
                sx.text = sx.text[: cols[0]] + sx.text[cols[1] :]
            body = "".join(
                f'<{p}col min="{i}" max="{i}" width="{float(w):g}" customWidth="1"/>' for i, w in enumerate(e.widths, 1)
            )
            sx.insert(f"<{p}cols>{body}</{p}cols>", "cols")
        if e.hidden_columns:
            sx.hide_columns(self._columns(e.hidden_columns))

    def _append_sheet(self, name: str) -> None:
        pkg = self.pkg
        part = pkg.new_name("xl/worksheets/sheet%d.xml")
        pkg.write(
            part,
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><dimension ref="A1"/>'
            '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            '<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            "</worksheet>",
        )
        pkg.set_override(part, CT_SHEET)
        rid = pkg.add_rel(pkg.workbook_part, "worksheet", part)
        wb = pkg.text(pkg.workbook_part)
        wb, r = ns_prefix(wb, NS_R, "r")
        p = prefix_of(wb)
        ids = [int(s.sheet_id) for s in pkg.sheets() if s.sheet_id.isdigit()]
        el = f'<{p}sheet name="{attr(name)}" sheetId="{max(ids, default=0) + 1}" {r}:id="{rid}"/>'
        close = wb.find(f"</{p}sheets>")
        if close < 0:
            raise pkg.corrupt("workbook.xml tanpa sheets")
        pkg.write(pkg.workbook_part, wb[:close] + el + wb[close:])
        if pkg.exists("docProps/app.xml"):
            app = _app_with_title(pkg.text("docProps/app.xml"), name)
            if app:
                pkg.write("docProps/app.xml", app)

    # ------------------------------------------------------------------ finish

    def finish(self, recalc_on_load: bool) -> None:
        pkg = self.pkg
        for part, changes in self.changes.items():
            sx = self.sheets[part]
            sx.patch_cells(changes)
            sx.widen_dimension(changes)
            self.formulas_changed |= sx.formulas_changed
        for notes in self.notes.values():
            notes.finish()
        for part, sx in self.sheets.items():
            pkg.write(part, sx.text)
        if self.styles is not None:
            pkg.write(self.styles_part, self.styles.text)
        if self.formulas_changed:
            for rel in pkg.rels(pkg.workbook_part):
                if rel.type.endswith("/calcChain"):
                    pkg.remove(rel.target)
                    pkg.remove_rels_to(pkg.workbook_part, rel.target)
                    pkg.set_override(rel.target, None)
        if recalc_on_load:
            wb = pkg.text(pkg.workbook_part)
            p = prefix_of(wb)
            span = find_element(wb, p, "calcPr")
            if span:
                wb = wb[: span[0]] + set_attr(wb[span[0] : span[2]], "fullCalcOnLoad", "1") + wb[span[2] :]
            else:
                later = [find_element(wb, p, t) for t in ("oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr",
                                                            "smartTagTypes", "webPublishing", "fileRecoveryPr",
                                                            "webPublishObjects", "extLst")]
                at = min([s[0] for s in later if s] + [wb.rfind(f"</{p}workbook>")])
                wb = wb[:at] + f'<{p}calcPr fullCalcOnLoad="1"/>' + wb[at:]
            pkg.write(pkg.workbook_part, wb)


def _app_with_title(app: str, name: str) -> str | None:
    """docProps/app.xml with ``name`` added to the worksheet titles, or None when its layout is
    not the usual one (the part is informative; it is then left as it is)."""
    pairs = re.search(r"<HeadingPairs>\s*<vt:vector\b[^>]*>(.*?)</vt:vector>\s*</HeadingPairs>", app, re.S)
    titles = re.search(r"(<TitlesOfParts>\s*<vt:vector\b[^>]*>)(.*?)(</vt:vector>\s*</TitlesOfParts>)", app, re.S)
    if not pairs or not titles:
        return None
    items = re.findall(r"<vt:lpstr>(.*?)</vt:lpstr>\s*</vt:variant>\s*<vt:variant>\s*<vt:i4>(\d+)</vt:i4>", pairs.group(1), re.S)
    offset, count = 0, None
    for label, n in items:
        if label in ("Worksheets", "Lembar Kerja"):
            count = int(n)
            break
        offset += int(n)
    if count is None:
        return None
    entries = re.findall(r"<vt:lpstr>.*?</vt:lpstr>|<vt:lpstr\s*/>", titles.group(2), re.S)
    if len(entries) < offset + count:
        return None
    entries.insert(offset + count, f"<vt:lpstr>{text_node(name)}</vt:lpstr>")
    head = re.sub(r'size="\d+"', f'size="{len(entries)}"', titles.group(1))
    new_titles = head + "".join(entries) + titles.group(3)
    app = app[: titles.start()] + new_titles + app[titles.end() :]
    return re.sub(
        r"(<vt:lpstr>" + re.escape(label) + r"</vt:lpstr>\s*</vt:variant>\s*<vt:variant>\s*<vt:i4>)(\d+)(</vt:i4>)",
        lambda m: f"{m.group(1)}{count + 1}{m.group(3)}", app, count=1,
    )
