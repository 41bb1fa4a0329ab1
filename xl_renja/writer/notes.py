"""Cell notes (legacy comments): the sheet's comments part plus the VML shape Excel needs to show
each note. Other shapes of the VML drawing (form buttons share it) are kept as they are."""

from __future__ import annotations

import re
from html import unescape

from xl_renja.model import parse_ref
from xl_renja.writer.package import CT_COMMENTS, CT_VML, Package
from xl_renja.writer.sheet import SheetXml
from xl_renja.writer.xmltext import NS_R, append_children, element_spans, find_element, ns_prefix, prefix_of, text_node

_COMMENTS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<authors></authors><commentList></commentList></comments>"
)
_VML = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
    ' <o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/></o:shapelayout>\n</xml>'
)
_SHAPETYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>\n'
)
_SHAPE = (
    '<v:shape id="_x0000_s{sid}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;'
    'margin-top:1.5pt;width:108pt;height:59.25pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" '
    'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
    '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
    '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
    "<x:Anchor>{c1}, 15, {r0}, 10, {c3}, 15, {r4}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>"
    "<x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>\n"
)
_SHAPE_SPAN = re.compile(r"<v:shape\b.*?</v:shape>\s*", re.S)


def _note_shape_of(shape: str) -> tuple[int, int] | None:
    if not re.search(r"""ObjectType\s*=\s*["']Note["']""", shape):
        return None
    r = re.search(r"<x:Row>\s*(\d+)\s*</x:Row>", shape)
    c = re.search(r"<x:Column>\s*(\d+)\s*</x:Column>", shape)
    return (int(r.group(1)), int(c.group(1))) if r and c else None


class SheetNotes:
    """The notes of one worksheet; parts are created on first use and written by ``finish``."""

    def __init__(self, pkg: Package, part: str, sheet: SheetXml):
        self.pkg, self.part, self.sheet = pkg, part, sheet
        rels = pkg.rels(part)
        com = next((r for r in rels if r.type.endswith("/comments") and not r.external), None)
        self.comments_part = com.target if com and pkg.exists(com.target) else None
        self.comments = pkg.text(self.comments_part) if self.comments_part else None
        if self.comments:
            pkg.tree(self.comments_part)  # refuse a hostile part before patching it
        r_prefix = self._r_prefix(add=False)
        rid = sheet.legacy_drawing_id(r_prefix)
        vml = next((r for r in rels if r.id == rid and not r.external), None) if rid else None
        self.vml_part = vml.target if vml and pkg.exists(vml.target) else None
        self.vml = pkg.text(self.vml_part) if self.vml_part else None

    def _r_prefix(self, add: bool) -> str | None:
        start = self.sheet.text
        text, prefix = ns_prefix(start, NS_R, "r")
        if text != start:
            if not add:
                return None
            self.sheet.text = text
        return prefix

    # ------------------------------------------------------------------ edits

    def set(self, ref: str, text: str, author: str) -> None:
        self.clear(ref)
        if self.comments is None:
            self.comments_part = self.pkg.new_name("xl/comments%d.xml")
            self.comments = _COMMENTS
            self.pkg.add_rel(self.part, "comments", self.comments_part)
            self.pkg.set_override(self.comments_part, CT_COMMENTS)
        p = prefix_of(self.comments)
        span = find_element(self.comments, p, "authors")
        if span is None:
            self.comments = self.comments.replace(f"<{p}commentList", f"<{p}authors></{p}authors><{p}commentList", 1)
            span = find_element(self.comments, p, "authors")
        names = [unescape(re.sub(r"<[^>]+>", "", self.comments[s:e])) for s, e, _ in element_spans(self.comments, p, "author", span[2], span[1])]
        if author not in names:
            self.comments = append_children(self.comments, p, "authors", f"<{p}author>{text_node(author)}</{p}author>")
            names.append(author)
        space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
        el = (
            f'<{p}comment ref="{ref}" authorId="{names.index(author)}"><{p}text>'
            f"<{p}t{space}>{text_node(text)}</{p}t></{p}text></{p}comment>"
        )
        self.comments = append_children(self.comments, p, "commentList", el)
        self._add_shape(ref)

    def clear(self, ref: str) -> None:
        if self.comments is not None:
            p = prefix_of(self.comments)
            for s, e, h in element_spans(self.comments, p, "comment"):
                if re.search(rf"""\sref\s*=\s*["']{ref}["']""", self.comments[s:h]):
                    self.comments = self.comments[:s] + self.comments[e:]
                    break
        if self.vml is not None:
            row, col = parse_ref(ref)
            self.vml = _SHAPE_SPAN.sub(lambda m: "" if _note_shape_of(m.group()) == (row - 1, col - 1) else m.group(), self.vml)

    def _add_shape(self, ref: str) -> None:
        if self.vml is None:
            self.vml_part = self.pkg.new_name("xl/drawings/vmlDrawing%d.vml")
            self.vml = _VML.format(block=self._free_block())
            rid = self.pkg.add_rel(self.part, "vmlDrawing", self.vml_part)
            self.pkg.ensure_default("vml", CT_VML)
            prefix = self._r_prefix(add=True)
            self.sheet.remove("legacyDrawing")  # one whose VML part is missing
            self.sheet.insert(f'<{self.sheet.p}legacyDrawing {prefix}:id="{rid}"/>', "legacyDrawing")
        if not re.search(r"<v:shapetype\b[^>]*_x0000_t202", self.vml):
            self.vml = self._before_shapes(_SHAPETYPE)
        ids = [int(i) for i in re.findall(r"_x0000_s(\d+)", self.vml)]
        block = re.search(r"""<o:idmap\b[^>]*\bdata\s*=\s*["'](\d+)""", self.vml)
        sid = max(ids + [int(block.group(1)) * 1024 if block else 1024]) + 1
        row, col = parse_ref(ref)
        shape = _SHAPE.format(sid=sid, z=len(ids) + 1, row=row - 1, col=col - 1, c1=col, c3=col + 2, r0=max(row - 2, 0), r4=row + 2)
        end = self.vml.rfind("</xml>")
        self.vml = self.vml[:end] + shape + self.vml[end:]

    def _before_shapes(self, el: str) -> str:
        m = re.search(r"<v:shape\b|</xml>", self.vml)
        return self.vml[: m.start()] + el + self.vml[m.start() :]

    def _free_block(self) -> int:
        used = [0]
        for name in self.pkg.names():
            if name.lower().endswith(".vml"):
                used += [int(b) for b in re.findall(rb"""<o:idmap\b[^>]*\bdata\s*=\s*["'](\d+)""", self.pkg.read(name))]
        return max(used) + 1

    def finish(self) -> None:
        if self.comments is not None:
            self.pkg.write(self.comments_part, self.comments)
        if self.vml is not None:
            self.pkg.write(self.vml_part, self.vml)


def read_sheet_notes(pkg: Package, part: str) -> dict[str, str]:
    """{cell: text} of the notes of one worksheet part."""
    com = next((r for r in pkg.rels(part) if r.type.endswith("/comments") and not r.external), None)
    if com is None or not pkg.exists(com.target):
        return {}
    out = {}
    for el in pkg.tree(com.target).iter():
        if el.tag.endswith("}comment"):
            parts = []
            for body in el:
                for child in body:  # <t> or rich-text runs <r><t>; phonetic <rPh> is skipped
                    if child.tag.endswith("}t"):
                        parts.append(child.text or "")
                    elif child.tag.endswith("}r"):
                        parts += [t.text or "" for t in child if t.tag.endswith("}t")]
            out[el.get("ref", "")] = "".join(parts)
    return out
