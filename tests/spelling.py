"""Rewrite an .xlsx so that its XML says the same thing spelled differently.

:func:`rewrite` parses every XML part of a package with ElementTree (which resolves namespaces, so
the content is kept exactly) and writes it back with its own serialiser, choosing for each spelling
that OOXML allows but Excel does not use: namespace prefixes on every element, attribute order,
single quotes, whitespace inside tags, self-closing vs empty elements, numeric character
references; and content rewrites that keep the cells: inline vs shared strings, rich-text runs,
cells and rows without ``r=``, shared formulas, ``<numFmt>`` order. Used by tests/test_spelling.py.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree as ET

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SST_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def q(local: str) -> str:
    return f"{{{MAIN}}}{local}"


@dataclass(frozen=True)
class Spelling:
    """How to spell the package. Every field's default is the writer's usual spelling."""

    name: str = "plain"
    prefix: bool = False          # every element namespace-prefixed, no default namespace
    quote: str = '"'              # '"', "'" or "mixed" (random per attribute)
    order: str = "keep"           # attribute order: keep, reverse, shuffle
    space: bool = False           # whitespace inside tags: between attributes, around '=', before '>'
    empty: str = "self"           # empty elements: self (<a/>) or open (<a></a>)
    entities: bool = False        # text and attribute characters as &#NN; / &#xNN; / &quot; ...
    strings: str = "keep"         # keep, inline (every text cell inline), shared (every text cell shared)
    rich: bool = False            # every string split into two rich-text runs
    no_r: bool = False            # drop r= on cells and rows whose position is implied (not on cells
                                  # with a shared formula: openpyxl cannot place those without r=)
    no_r_formulas: bool = False   # ... and on those too
    shared_formulas: bool = False  # runs of formulas in a column become one shared formula
    numfmt_order: bool = False    # <numFmt> children reversed and <numFmts> moved after <cellXfs>
    strict: bool = False          # strict OOXML (ISO 29500) namespaces instead of transitional ones
    seed: int = 0


SPELLINGS = [
    Spelling("attr-reverse", order="reverse"),
    Spelling("attr-shuffle", order="shuffle", seed=1),
    Spelling("prefix", prefix=True),
    Spelling("single-quotes", quote="'"),
    Spelling("whitespace", space=True),
    Spelling("open-empty", empty="open"),
    Spelling("entities", entities=True),
    Spelling("inline-strings", strings="inline"),
    Spelling("shared-strings", strings="shared"),
    Spelling("rich-text", rich=True),
    Spelling("no-r", no_r=True),
    Spelling("shared-formulas", shared_formulas=True),
    Spelling("numfmt-order", numfmt_order=True, seed=2),
]


def combined(seed: int) -> Spelling:
    """A random combination of every spelling, decided by ``seed``."""
    rng = random.Random(seed)
    return Spelling(
        f"combined-{seed}",
        prefix=rng.random() < 0.5,
        quote=rng.choice(['"', "'", "mixed"]),
        order=rng.choice(["keep", "reverse", "shuffle"]),
        space=rng.random() < 0.5,
        empty=rng.choice(["self", "open"]),
        entities=rng.random() < 0.5,
        strings=rng.choice(["keep", "inline", "shared"]),
        rich=rng.random() < 0.3,
        no_r=rng.random() < 0.5,
        shared_formulas=rng.random() < 0.5,
        numfmt_order=rng.random() < 0.5,
        seed=seed,
    )


ALL_AT_ONCE = Spelling("everything", prefix=True, quote="mixed", order="shuffle", space=True, empty="open",
                       entities=True, strings="inline", rich=True, no_r=True, shared_formulas=True,
                       numfmt_order=True, seed=7)


# ----------------------------------------------------------------------------- parsing


def _parse_full(data: bytes) -> tuple[ET.Element, list[tuple[str, str]]]:
    decls: list[tuple[str, str]] = []
    it = ET.iterparse(io.BytesIO(data), events=("start-ns", "end"))
    root = None
    for event, item in it:
        if event == "start-ns" and item not in decls:
            decls.append(item)
        elif event == "end":
            root = item
    return root, decls


# ----------------------------------------------------------------------------- serialising


class _Writer:
    def __init__(self, sp: Spelling, decls: list[tuple[str, str]], rng: random.Random):
        self.sp, self.rng = sp, rng
        self.prefixes: dict[str, str] = {}
        used = {p for p, _ in decls if p}
        for p, uri in decls:
            if uri in self.prefixes:
                continue
            if not p and sp.prefix:  # the default namespace gets a prefix of its own
                p = {MAIN: "x", PKG_REL: "pr", CT: "ct"}.get(uri, "d")
                while p in used:
                    p += "x"
                used.add(p)
            self.prefixes[uri] = p
        self.out: list[str] = []

    def name(self, tag: str, attr: bool = False) -> str:
        if tag[0] != "{":
            return tag
        uri, local = tag[1:].split("}")
        if uri == XML_NS:
            return "xml:" + local
        p = self.prefixes.get(uri)
        if p is None:
            p = self.prefixes[uri] = f"ns{len(self.prefixes)}"
        if not p:
            return local  # default namespace (never for attributes: those are unqualified anyway)
        return f"{p}:{local}"

    def text(self, s: str) -> str:
        if not self.sp.entities:
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out = []
        for ch in s:
            if ch == "&":
                out.append("&amp;")
            elif ch == "<":
                out.append("&lt;")
            elif ch == ">":
                out.append("&gt;")
            elif ch == "'":
                out.append("&#39;")
            elif ch == '"':
                out.append("&quot;")
            elif ord(ch) > 127:
                out.append(f"&#{ord(ch)};")
            elif ch.isalpha() and self.rng.random() < 0.1:
                out.append(f"&#x{ord(ch):X};")
            else:
                out.append(ch)
        return "".join(out)

    def attr_value(self, s: str, quote: str) -> str:
        named = {"&": "&amp;", "<": "&lt;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;",
                 quote: "&quot;" if quote == '"' else "&apos;"}
        if self.sp.entities:  # also spell some ordinary characters as references
            return "".join(named.get(ch) or (f"&#{ord(ch)};" if ch in "'\"%/ " or ord(ch) > 127 else ch)
                           for ch in s)
        return "".join(named.get(ch, ch) for ch in s)

    def ws(self) -> str:
        return self.rng.choice([" ", "  ", "\n", "\t", " \r\n "]) if self.sp.space else " "

    def element(self, el: ET.Element, decls: list[tuple[str, str]] | None = None) -> None:
        sp, out = self.sp, self.out
        tag = self.name(el.tag)
        attrs = [(self.name(k, True), v) for k, v in el.attrib.items()]
        if decls is not None:
            ns = [("xmlns:" + p if p else "xmlns", uri) for uri, p in self.prefixes.items()]
            attrs = ns + attrs
        if sp.order == "reverse":
            attrs.reverse()
        elif sp.order == "shuffle":
            self.rng.shuffle(attrs)
        out.append("<" + tag)
        for k, v in attrs:
            quote = sp.quote if sp.quote != "mixed" else self.rng.choice(['"', "'"])
            eq = self.rng.choice(["=", " = ", "\n=\t"]) if sp.space else "="
            out.append(f"{self.ws()}{k}{eq}{quote}{self.attr_value(v, quote)}{quote}")
        if sp.space and self.rng.random() < 0.5:
            out.append(self.ws())
        if len(el) == 0 and not el.text and sp.empty == "self":
            out.append("/>")
        else:
            out.append(">")
            if el.text:
                out.append(self.text(el.text))
            for child in el:
                self.element(child)
                if child.tail:
                    out.append(self.text(child.tail))
            out.append(f"</{tag}>")


STRICT = {
    MAIN: "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def _to_strict(root: ET.Element) -> None:
    """Transitional -> strict namespaces, in tags, attribute names and relationship types."""
    def swap(name: str) -> str:
        for old, new in STRICT.items():
            if name.startswith("{" + old + "}"):
                return "{" + new + name[len(old) + 1:]
        return name

    for el in root.iter():
        el.tag = swap(el.tag)
        for k in list(el.attrib):
            v = el.attrib.pop(k)
            if k == "Type" and v.startswith("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"):
                v = v.replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
                              "http://purl.oclc.org/ooxml/officeDocument/relationships/")
            el.set(swap(k), v)


def _serialise(root: ET.Element, decls, sp: Spelling, rng: random.Random) -> bytes:
    if sp.strict:
        _to_strict(root)
        decls = [(p, STRICT.get(uri, uri)) for p, uri in decls]
    w = _Writer(sp, decls, rng)
    # prefixes of every namespace used anywhere are declared on the root
    for el in root.iter():
        w.name(el.tag)
        for k in el.attrib:
            w.name(k, True)
    w.out.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
    w.element(root, decls)
    return "".join(w.out).encode("utf-8")


# ----------------------------------------------------------------------------- content rewrites


def _split_ref(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _ref(row: int, col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def _richify(holder: ET.Element) -> None:
    """<si>/<is> with one <t> -> two <r> runs, the first bold."""
    ts = [c for c in holder if c.tag == q("t")]
    if len(ts) != 1 or len(holder) != 1 or len(ts[0].text or "") < 2:
        return
    text = ts[0].text
    holder.remove(ts[0])
    cut = len(text) // 2
    for i, part in enumerate((text[:cut], text[cut:])):
        r = ET.SubElement(holder, q("r"))
        if i == 0:
            rpr = ET.SubElement(r, q("rPr"))
            ET.SubElement(rpr, q("b"))
            ET.SubElement(rpr, q("sz"), {"val": "11"})
        t = ET.SubElement(r, q("t"))
        t.text = part
        if part != part.strip():
            t.set(f"{{{XML_NS}}}space", "preserve")


def _shared_formulas(sheet_data: ET.Element) -> None:
    """Runs of cells down a column whose formulas translate from the first become one shared formula."""
    from openpyxl.formula.translate import Translator

    by_col: dict[int, list[tuple[int, ET.Element, ET.Element]]] = {}
    for row in sheet_data.iter(q("row")):
        for c in row.iter(q("c")):
            f = c.find(q("f"))
            if f is None or set(f.attrib) - {"aca", "ca"} or not f.text:
                continue
            r, col = _split_ref(c.get("r"))
            by_col.setdefault(col, []).append((r, c, f))
    si = 0
    for col, cells in by_col.items():
        i = 0
        while i < len(cells):
            r0, c0, f0 = cells[i]
            tr = Translator("=" + f0.text, c0.get("r"))
            j = i + 1
            while j < len(cells) and cells[j][0] == cells[j - 1][0] + 1:
                try:
                    if tr.translate_formula(cells[j][1].get("r"))[1:] != cells[j][2].text:
                        break
                except Exception:
                    break
                j += 1
            if j - i >= 2:
                f0.set("t", "shared")
                f0.set("ref", f"{c0.get('r')}:{cells[j - 1][1].get('r')}")
                f0.set("si", str(si))
                for _, _, f in cells[i + 1:j]:
                    f.text = None
                    f.set("t", "shared")
                    f.set("si", str(si))
                si += 1
            i = j


def _drop_r(sheet_data: ET.Element, formulas: bool) -> None:
    prev_row = 0
    for row in sheet_data.findall(q("row")):
        r = int(row.get("r")) if row.get("r") else prev_row + 1
        if r == prev_row + 1 and "r" in row.attrib:
            del row.attrib["r"]
        prev_row = r
        prev_col = 0
        for c in row.findall(q("c")):
            _, col = _split_ref(c.get("r"))
            f = c.find(q("f"))
            if col == prev_col + 1 and (formulas or f is None or f.get("t") != "shared"):
                del c.attrib["r"]
            prev_col = col


def rewrite(src: str | Path, dst: str | Path, sp: Spelling) -> Path:
    """Write ``src`` to ``dst`` spelled as ``sp``. Returns ``dst``."""
    rng = random.Random(sp.seed)
    with zipfile.ZipFile(src) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    order = list(parts)
    trees = {}
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")) and data.strip():
            trees[name] = _parse_full(data)

    # which sheet parts: every worksheet whose root is <worksheet>
    sheets = [n for n, (root, _) in trees.items() if root.tag == q("worksheet")]
    sst_name = next((n for n, (root, _) in trees.items() if root.tag == q("sst")), None)
    strings: list[ET.Element] = list(trees[sst_name][0]) if sst_name else []

    if sp.strings == "shared":
        if sst_name is None:
            sst_name = "xl/sharedStrings.xml"
            trees[sst_name] = (ET.Element(q("sst")), [("", MAIN)])
            order.append(sst_name)
            rels_root = trees["xl/_rels/workbook.xml.rels"][0]
            ids = {r.get("Id") for r in rels_root}
            new_id = next(f"rId{i}" for i in range(100, 1000) if f"rId{i}" not in ids)
            ET.SubElement(rels_root, f"{{{PKG_REL}}}Relationship",
                          {"Id": new_id, "Type": SST_TYPE, "Target": "sharedStrings.xml"})
            ET.SubElement(trees["[Content_Types].xml"][0], f"{{{CT}}}Override",
                          {"PartName": "/xl/sharedStrings.xml", "ContentType": SST_CT})
        sst = trees[sst_name][0]
        for name in sheets:
            for c in trees[name][0].iter(q("c")):
                if c.get("t") == "inlineStr":
                    node = c.find(q("is"))
                    si = ET.SubElement(sst, q("si"))
                    for child in list(node) if node is not None else []:
                        si.append(child)
                    c.remove(node)
                    for child in list(c):
                        if child.tag == q("v"):
                            c.remove(child)
                    c.set("t", "s")
                    v = ET.SubElement(c, q("v"))
                    v.text = str(len(sst) - 1)
        sst.set("count", str(len(sst)))
        sst.set("uniqueCount", str(len(sst)))
        strings = list(sst)
    elif sp.strings == "inline":
        for name in sheets:
            for c in trees[name][0].iter(q("c")):
                if c.get("t") == "s":
                    v = c.find(q("v"))
                    idx = int(v.text)
                    c.remove(v)
                    node = ET.SubElement(c, q("is"))
                    for child in strings[idx]:
                        node.append(_copy(child))
                    c.set("t", "inlineStr")
    if sp.rich:
        for s in strings:
            _richify(s)
        for name in sheets:
            for node in trees[name][0].iter(q("is")):
                _richify(node)
    for name in sheets:
        root = trees[name][0]
        sd = root.find(q("sheetData"))
        if sd is None:
            continue
        if sp.shared_formulas:
            _shared_formulas(sd)
        if sp.no_r:
            _drop_r(sd, sp.no_r_formulas)
    if sp.numfmt_order:
        for name, (root, _) in trees.items():
            if root.tag != q("styleSheet"):
                continue
            nf = root.find(q("numFmts"))
            if nf is not None:
                kids = list(nf)
                kids.reverse()
                for k in list(nf):
                    nf.remove(k)
                nf.extend(kids)
                xfs = root.find(q("cellXfs"))
                if xfs is not None:  # <numFmts> after <cellXfs>: out of schema order, still read by all
                    root.remove(nf)
                    root.insert(list(root).index(xfs) + 1, nf)

    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in order:
            if name in trees:
                root, decls = trees[name]
                zout.writestr(name, _serialise(root, decls, sp, rng))
            else:
                zout.writestr(name, parts[name])
    return Path(dst)


def _copy(el: ET.Element) -> ET.Element:
    new = ET.Element(el.tag, dict(el.attrib))
    new.text, new.tail = el.text, el.tail
    for child in el:
        new.append(_copy(child))
    return new


__all__ = ["Spelling", "SPELLINGS", "ALL_AT_ONCE", "combined", "rewrite", "replace"]
