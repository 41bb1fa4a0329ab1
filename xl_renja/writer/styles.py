"""Append-only patches of ``styles.xml``: a cell gets a fill by cloning its ``<xf>`` with a new
``<fill>``; existing fills and formats are never renumbered."""

from __future__ import annotations

import re

from xl_renja.writer.xmltext import append_children, element_spans, find_element, prefix_of, set_attr

_MINIMAL = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def rgb_argb(rgb: str) -> str:
    """'#FFC7CE' / 'FFC7CE' / 'FFFFC7CE' -> 'FFFFC7CE'."""
    value = rgb.lstrip("#").upper()
    if not re.fullmatch(r"[0-9A-F]{6}([0-9A-F]{2})?", value):
        raise ValueError(rgb)
    return value if len(value) == 8 else "FF" + value


class Styles:
    """The text of a styles part; ``with_fill`` returns new xf indexes, appending as needed."""

    def __init__(self, text: str | None):
        self.text = text if text is not None else _MINIMAL
        self.p = prefix_of(self.text)
        self._fills: dict[str, int] = {}
        self._xfs: dict[tuple[int, str], int] = {}

    def xfs(self) -> list[str]:
        """The ``<xf>`` elements of ``cellXfs``, in index order."""
        span = find_element(self.text, self.p, "cellXfs")
        if span is None:
            return []
        return [self.text[s:e] for s, e, _ in element_spans(self.text, self.p, "xf", span[2], span[1])]

    def _count(self, container: str, child: str) -> int:
        span = find_element(self.text, self.p, container)
        return 0 if span is None else sum(1 for _ in element_spans(self.text, self.p, child, span[2], span[1]))

    def fill(self, rgb: str) -> int:
        """Index of a new solid fill of colour ``rgb`` (one per colour per run)."""
        argb = rgb_argb(rgb)
        if argb not in self._fills:
            p = self.p
            if find_element(self.text, p, "fills") is None:
                raise ValueError("no <fills>")
            index = self._count("fills", "fill")
            el = (
                f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="{argb}"/>'
                f'<{p}bgColor indexed="64"/></{p}patternFill></{p}fill>'
            )
            self.text = append_children(self.text, p, "fills", el, "fill")
            self._fills[argb] = index
        return self._fills[argb]

    def with_fill(self, xf_index: int, rgb: str) -> int:
        """Index of a copy of cell format ``xf_index`` whose fill is solid ``rgb``."""
        key = (xf_index, rgb_argb(rgb))
        if key not in self._xfs:
            xfs = self.xfs()
            if not xfs:
                raise ValueError("no <cellXfs>")
            base = xfs[xf_index] if 0 <= xf_index < len(xfs) else xfs[0]
            fill = self.fill(rgb)
            end = base.index(">") + 1
            tag = set_attr(set_attr(base[:end], "fillId", str(fill)), "applyFill", "1")
            self.text = append_children(self.text, self.p, "cellXfs", tag + base[end:], "xf")
            self._xfs[key] = len(xfs)
        return self._xfs[key]

    def fill_rgb(self, xf_index: int) -> str | None:
        """The solid fill colour of cell format ``xf_index`` (for tests and callers restoring)."""
        xfs = self.xfs()
        if not 0 <= xf_index < len(xfs):
            return None
        m = re.search(r"""fillId\s*=\s*["'](\d+)""", xfs[xf_index])
        span = find_element(self.text, self.p, "fills")
        if not m or span is None:
            return None
        fills = [self.text[s:e] for s, e, _ in element_spans(self.text, self.p, "fill", span[2], span[1])]
        i = int(m.group(1))
        c = re.search(r"""fgColor\b[^>]*\brgb\s*=\s*["']([0-9A-Fa-f]+)""", fills[i]) if i < len(fills) else None
        return c.group(1).upper() if c else None
