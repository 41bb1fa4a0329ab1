"""Patch a worksheet's XML text in place: cells, columns and the sheet-level elements after the
cell table. Untouched rows and cells are copied as substrings, so their XML stays exact."""

from __future__ import annotations

import datetime as _dt
import decimal
import math
import re
from typing import Callable

from xl_renja.model import cell_ref, parse_ref
from xl_renja.writer.xmltext import attr, element_spans, find_element, get_attr, set_attr, text_node

#: CT_Worksheet child order (ECMA-376 18.3.1.99); new elements are inserted at their place.
ORDER = (
    "sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr sheetProtection protectedRanges "
    "scenarios autoFilter sortState dataConsolidate customSheetViews mergeCells phoneticPr conditionalFormatting "
    "dataValidations hyperlinks printOptions pageMargins pageSetup headerFooter rowBreaks colBreaks "
    "customProperties cellWatches ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF drawingHF "
    "picture oleObjects controls webPublishItems tableParts extLst"
).split()
ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")
_EPOCH = _dt.datetime(1899, 12, 30)
_EPOCH_1904 = _dt.datetime(1904, 1, 1)

#: A cell change: old cell XML (None when absent) -> new cell XML (None removes the cell).
Change = Callable[[str | None], str | None]


def norm_ref(ref: str) -> tuple[int, int] | None:
    """(row, col) of an A1 reference inside Excel's grid, else None."""
    m = _CELL_REF.match(ref.strip())
    if not m:
        return None
    row, col = parse_ref(m.group(1).upper() + m.group(2))
    return (row, col) if row <= 1_048_576 and col <= 16_384 else None


# ----------------------------------------------------------------------------- cell XML


def cell_xml(p: str, ref: str, style: str | None, value, formula: str | None = None, date1904: bool = False) -> str | None:
    """The ``<c>`` element for a plain value or a formula with its cached value; text is always
    an inline string (never a formula). None for an empty unstyled cell."""
    s = f' s="{style}"' if style not in (None, "0") else ""
    head = f'<{p}c r="{ref}"{s}'
    if formula is not None:
        f = f"<{p}f>{text_node(formula.lstrip('='))}</{p}f>"
        if value is None:
            return f"{head}>{f}</{p}c>"
        t, v = _typed(value, date1904)
        if t == "inlineStr":
            t = "e" if value in ERRORS else "str"
        tt = f' t="{t}"' if t else ""
        return f"{head}{tt}>{f}<{p}v>{text_node(v)}</{p}v></{p}c>"
    if value is None:
        return f"{head}/>" if s else None
    t, v = _typed(value, date1904)
    if t == "inlineStr":
        space = ' xml:space="preserve"' if v != v.strip() or "\n" in v else ""
        return f'{head} t="inlineStr"><{p}is><{p}t{space}>{text_node(v)}</{p}t></{p}is></{p}c>'
    tt = f' t="{t}"' if t else ""
    return f"{head}{tt}><{p}v>{v}</{p}v></{p}c>"


def _typed(value, date1904: bool = False) -> tuple[str, str]:
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, (int, decimal.Decimal)):
        return "", str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "e", "#NUM!"
        return "", repr(value)
    epoch = _EPOCH_1904 if date1904 else _EPOCH
    if isinstance(value, _dt.datetime):
        return "", repr((value.replace(tzinfo=None) - epoch).total_seconds() / 86400)
    if isinstance(value, _dt.date):
        return "", str((_dt.datetime(value.year, value.month, value.day) - epoch).days)
    return "inlineStr", str(value)


def with_cached(p: str, cell: str | None, value, date1904: bool = False) -> str | None:
    """Formula cell ``cell`` with its cached ``<v>`` (and ``t``) replaced; other cells unchanged."""
    if not has_formula(cell, p):
        return cell
    end = cell.index(">") + 1
    tag, body = cell[:end], cell[end:]
    body = re.sub(rf"<{re.escape(p)}v\s*/>|<{re.escape(p)}v>.*?</{re.escape(p)}v>", "", body, flags=re.S)
    t, v = _typed(value, date1904) if value is not None else ("", None)
    if t == "inlineStr":
        t = "e" if value in ERRORS else "str"
    tag = set_attr(tag, "t", t or None)
    m = re.search(rf"<{re.escape(p)}f\b[^>]*?(/>|>.*?</{re.escape(p)}f>)", body, re.S)
    if v is not None:
        body = body[: m.end()] + f"<{p}v>{text_node(v)}</{p}v>" + body[m.end() :]
    return tag + body


def cell_style(cell: str | None) -> str | None:
    """The raw ``s`` attribute of a ``<c>`` element."""
    if not cell:
        return None
    return get_attr(cell[: cell.index(">") + 1], "s")


def restyle(p: str, ref: str, cell: str | None, style: str) -> str:
    """``cell`` (or an empty cell) with style index ``style``."""
    if not cell:
        return f'<{p}c r="{ref}" s="{style}"/>' if style != "0" else ""
    end = cell.index(">") + 1
    return set_attr(cell[:end], "s", None if style == "0" else style) + cell[end:]


def has_formula(cell: str | None, p: str) -> bool:
    return formula_of(cell, p) is not None


def formula_of(cell: str | None, p: str) -> str | None:
    """The ``<f>`` element of a cell, as text, or None."""
    if not cell or f"<{p}f" not in cell:
        return None
    m = re.search(rf"<{re.escape(p)}f\b[^>]*?(/>|>.*?</{re.escape(p)}f>)", cell, re.S)
    return m.group(0) if m else None


# ----------------------------------------------------------------------------- sheetData


class SheetXml:
    """A worksheet part's text with prefix ``p``."""

    def __init__(self, text: str, p: str):
        self.text = text
        self.p = p
        self.formulas_changed = False

    def _sheet_data(self) -> tuple[int, int, int]:
        span = find_element(self.text, self.p, "sheetData")
        if span is None:
            raise ValueError("no sheetData")
        return span

    def rows(self):
        """(row number, start, end, start-tag end) of each ``<row>``."""
        s, e, head = self._sheet_data()
        last = 0
        for rs, re_, rh in element_spans(self.text, self.p, "row", head, e):
            r = get_attr(self.text[rs:rh], "r")
            last = int(r) if r else last + 1
            yield last, rs, re_, rh

    def cells(self, start: int, end: int):
        """(column, start, end) of each ``<c>`` in ``text[start:end]``."""
        last = 0
        for cs, ce, ch in element_spans(self.text, self.p, "c", start, end):
            r = get_attr(self.text[cs:ch], "r")
            last = parse_ref(r)[1] if r else last + 1
            yield last, cs, ce

    def cell(self, row: int, col: int) -> str | None:
        for num, rs, re_, rh in self.rows():
            if num == row:
                for c, cs, ce in self.cells(rh, re_):
                    if c == col:
                        return self.text[cs:ce]
            if num >= row:
                return None
        return None

    def cells_at(self, keys: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
        """The XML of the existing cells among ``keys`` ((row, col) pairs), in one pass."""
        rows = {r for r, _ in keys}
        out = {}
        for num, rs, re_, rh in self.rows():
            if num in rows:
                for col, cs, ce in self.cells(rh, re_):
                    if (num, col) in keys:
                        out[(num, col)] = self.text[cs:ce]
        return out

    def patch_cells(self, changes: dict[tuple[int, int], Change]) -> None:
        """Apply ``changes`` in one pass; untouched rows and cells are copied verbatim."""
        if not changes:
            return
        self._unshare(changes)
        p, text = self.p, self.text
        s, e, head = self._sheet_data()
        by_row: dict[int, dict[int, Change]] = {}
        for (r, c), fn in changes.items():
            by_row.setdefault(r, {})[c] = fn
        pending = sorted(by_row)
        if text[s:head].endswith("/>"):  # <sheetData/>
            out, pos, body_end = [text[:s] + f"<{p}sheetData>"], e, e
            suffix = f"</{p}sheetData>" + text[e:]
        else:
            body_end = e - len(f"</{p}sheetData>")
            out, pos, suffix = [text[:head]], head, text[body_end:]
        for num, rs, re_, rh in list(self.rows()):
            if pending and pending[0] < num:
                out.append(text[pos:rs])
                pos = rs
            while pending and pending[0] < num:
                out.append(self._row(pending.pop(0), None, by_row))
            if pending and pending[0] == num:
                pending.pop(0)
                out.append(text[pos:rs])
                out.append(self._row(num, (rs, re_, rh), by_row))
                pos = re_
        out.append(text[pos:body_end])
        for num in pending:
            out.append(self._row(num, None, by_row))
        out.append(suffix)
        self.text = "".join(out)

    def _row(self, num: int, span, by_row) -> str:
        p, text = self.p, self.text
        fns = by_row[num]
        cells: list[tuple[int, str | None, str | None]] = []  # col, old, new
        seen = set()
        after = ""
        if span:
            rs, re_, rh = span
            tag = text[rs:rh]
            last_end = rh
            for col, cs, ce in self.cells(rh, re_):
                old = text[cs:ce]
                cells.append((col, old, fns[col](old) if col in fns else old))
                seen.add(col)
                last_end = ce
            if not tag.endswith("/>"):
                after = text[last_end : re_ - len(f"</{p}row>")]
        else:
            tag = f'<{p}row r="{num}">'
        for col, fn in fns.items():
            if col not in seen:
                cells.append((col, None, fn(None)))
        cells.sort(key=lambda t: t[0])
        for _, old, new in cells:
            if formula_of(old, p) != formula_of(new, p):
                self.formulas_changed = True
        if tag.endswith("/>"):
            tag = tag[:-2].rstrip() + ">"
        spans = get_attr(tag, "spans")
        present = [c for c, _, new in cells if new]
        if spans and present and re.fullmatch(r"\d+:\d+", spans):
            lo, hi = map(int, spans.split(":"))
            tag = set_attr(tag, "spans", f"{min(lo, present[0])}:{max(hi, present[-1])}")
        return tag + "".join(new for _, _, new in cells if new) + after + f"</{p}row>"

    def _unshare(self, changes: dict[tuple[int, int], Change]) -> None:
        """Before a shared formula's master cell is overwritten, give each cell that shares it an
        explicit formula of its own (translated from the master's)."""
        p = self.p
        if 't="shared"' not in self.text and "t='shared'" not in self.text:
            return
        masters = {}
        for (r, c), old in self.cells_at(set(changes)).items():
            m = old and re.search(rf"<{re.escape(p)}f\b([^>]*)>([^<]+)</{re.escape(p)}f>", old)
            if m and get_attr(m.group(0), "t") == "shared" and get_attr(m.group(0), "si") is not None:
                masters[get_attr(m.group(0), "si")] = (cell_ref(r, c), m.group(2))
        if not masters:
            return
        from html import unescape

        from openpyxl.formula.translate import Translator

        for num, rs, re_, rh in list(self.rows()):
            for col, cs, ce in self.cells(rh, re_):
                old = self.text[cs:ce]
                m = re.search(rf"<{re.escape(p)}f\b[^>]*?(/>|>\s*</{re.escape(p)}f>)", old)
                si = get_attr(m.group(0), "si") if m else None
                if si in masters and (num, col) not in changes:
                    origin, formula = masters[si]
                    new_f = Translator("=" + unescape(formula), origin).translate_formula(cell_ref(num, col))
                    explicit = f"<{p}f>{text_node(new_f[1:])}</{p}f>"
                    changes[(num, col)] = lambda _old, o=old, m0=m.group(0), x=explicit: o.replace(m0, x, 1)

    # ------------------------------------------------------------------ dimension and columns

    def widen_dimension(self, refs) -> None:
        """Grow ``<dimension ref>`` to cover the cells ``refs`` ((row, col) pairs)."""
        span = find_element(self.text, self.p, "dimension")
        refs = list(refs)
        if span is None or not refs:
            return
        tag = self.text[span[0] : span[2]]
        old = (get_attr(tag, "ref") or "A1").split(":")
        try:
            (r1, c1), (r2, c2) = parse_ref(old[0]), parse_ref(old[-1])
        except ValueError:
            return
        r1, c1 = min([r1] + [r for r, _ in refs]), min([c1] + [c for _, c in refs])
        r2, c2 = max([r2] + [r for r, _ in refs]), max([c2] + [c for _, c in refs])
        new = cell_ref(r1, c1) if (r1, c1) == (r2, c2) else f"{cell_ref(r1, c1)}:{cell_ref(r2, c2)}"
        self.text = self.text[: span[0]] + set_attr(tag, "ref", new) + self.text[span[2] :]

    def hide_columns(self, columns) -> None:
        """Set ``hidden="1"`` on each 1-based column, splitting ``<col>`` ranges as needed."""
        p = self.p
        span = find_element(self.text, p, "cols")
        cols: list[list] = []  # [min, max, tag]
        if span:
            for s, e, h in element_spans(self.text, p, "col", span[2], span[1]):
                tag = self.text[s:h]
                cols.append([int(get_attr(tag, "min")), int(get_attr(tag, "max")), tag])
        for col in sorted(set(columns)):
            hit = next((c for c in cols if c[0] <= col <= c[1]), None)
            if hit is None:
                cols.append([col, col, f'<{p}col min="{col}" max="{col}" width="9.140625" hidden="1" customWidth="1"/>'])
                continue
            lo, hi, tag = hit
            cols.remove(hit)
            for a, b, t in ((lo, col - 1, tag), (col, col, set_attr(tag, "hidden", "1")), (col + 1, hi, tag)):
                if a <= b:
                    cols.append([a, b, set_attr(set_attr(t, "min", str(a)), "max", str(b))])
        cols.sort(key=lambda c: c[0])
        body = "".join(c[2] if c[2].endswith("/>") else c[2][:-1].rstrip() + "/>" for c in cols)
        new = f"<{p}cols>{body}</{p}cols>"
        if span:
            self.text = self.text[: span[0]] + new + self.text[span[1] :]
        else:
            self.insert(new, "cols")

    # ------------------------------------------------------------------ sheet-level elements

    def insert(self, element: str, tag: str) -> None:
        """Insert ``element`` (a ``<tag>``) before the first existing sibling that follows it in
        the schema order (an ``mc:AlternateContent`` counts as one of oleObjects/controls)."""
        p, text = self.p, self.text
        later = ORDER[ORDER.index(tag) + 1 :]
        data_start, data_end, _ = self._sheet_data()
        if tag in ORDER[: ORDER.index("sheetData")]:
            start, limit = 0, data_start
        else:
            start, limit = data_end, self._ext_start()
        best = limit
        for name in later:
            span = find_element(text, p, name, start, limit)
            if span and span[0] < best:
                best = span[0]
        if start == data_end and ORDER.index(tag) < ORDER.index("oleObjects"):
            m = re.compile(r"<[\w.-]+:AlternateContent[\s>]").search(text, start, limit)
            if m and m.start() < best:
                best = m.start()
        self.text = text[:best] + element + text[best:]

    def _ext_start(self) -> int:
        p, text = self.p, self.text
        end = text.rfind(f"</{p}worksheet>")
        m = re.compile(rf"<{re.escape(p)}extLst[\s>]").search(text, self._sheet_data()[1])
        return m.start() if m else end

    def set_hyperlink(self, ref: str, location: str | None, rid: str | None, r_prefix: str | None) -> None:
        """Add (replacing one on the same cell) a ``<hyperlink>`` to an internal ``location``
        or to the relationship ``rid``."""
        p = self.p
        link = f'<{p}hyperlink ref="{ref}"'
        link += f' {r_prefix}:id="{rid}"' if rid else f' location="{attr(location)}" display="{attr(location)}"'
        link += "/>"
        span = find_element(self.text, p, "hyperlinks")
        if span is None:
            self.insert(f"<{p}hyperlinks>{link}</{p}hyperlinks>", "hyperlinks")
            return
        s, e, h = span
        body = "".join(
            self.text[a:b]
            for a, b, hh in element_spans(self.text, p, "hyperlink", h, e)
            if get_attr(self.text[a:hh], "ref") != ref
        )
        self.text = self.text[:s] + f"<{p}hyperlinks>{body}{link}</{p}hyperlinks>" + self.text[e:]

    def remove(self, tag: str) -> None:
        """Drop the first ``<tag>`` element."""
        span = find_element(self.text, self.p, tag)
        if span:
            self.text = self.text[: span[0]] + self.text[span[1] :]

    def legacy_drawing_id(self, r_prefix: str | None) -> str | None:
        span = find_element(self.text, self.p, "legacyDrawing")
        if span is None or r_prefix is None:
            return None
        return get_attr(self.text[span[0] : span[2]], f"{r_prefix}:id")


def col_refs(columns) -> list[int]:
    """Columns given as letters ('C') or 1-based numbers -> numbers."""
    out = []
    for c in columns:
        out.append(c if isinstance(c, int) else parse_ref(str(c).upper() + "1")[1])
    return out

