"""Surgical edits of XML text: find elements and attributes with regular expressions, so that
everything not edited keeps its exact bytes. Reading for meaning goes through :func:`parse`
(defusedxml: no DTDs, no entities) and a worksheet is validated by :func:`check` (the same
rules without building a tree), so a hostile part is refused before it is patched.

Elements of the SpreadsheetML main namespace may carry a prefix (``<x:c>``); :func:`prefix_of`
finds the one the part's root element uses and every pattern here takes it as ``p``.
"""

from __future__ import annotations

import re
from xml.parsers import expat
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeET

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: Parts larger than this are not parsed (nor patched): a bound against decompression bombs.
MAX_PART_BYTES = 512 * 1024 * 1024

_ATTR = r"""\s{name}\s*=\s*(?:"([^"]*)"|'([^']*)')"""
_ROOT = re.compile(r"<(?:([\w.-]+):)?([\w.-]+)[\s/>]")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def parse(data: bytes | str):
    """Parse a part with the hardened parser; raise ``ValueError`` for anything unsafe or broken."""
    if len(data) > MAX_PART_BYTES:
        raise ValueError("part too large")
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except Exception as exc:  # ParseError, DTDForbidden, EntitiesForbidden ...
        raise ValueError(f"{type(exc).__name__}: {exc}") from None


def check(data: bytes) -> None:
    """Validate a large part without building a tree: well-formed, no DTD, no entity
    declarations, no external references (the defusedxml rules, at expat's C speed)."""
    if len(data) > MAX_PART_BYTES:
        raise ValueError("part too large")

    def forbid(*_args):
        raise ValueError("DTD or entity declaration forbidden")

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = forbid
    parser.EntityDeclHandler = forbid
    parser.UnparsedEntityDeclHandler = forbid
    parser.ExternalEntityRefHandler = forbid
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise ValueError(f"ExpatError: {exc}") from None


def decode(data: bytes) -> str:
    """Part bytes as text (UTF-8, or UTF-16 with a byte-order mark)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    return data.decode("utf-8-sig" if data[:3] == b"\xef\xbb\xbf" else "utf-8")


def root_span(text: str) -> tuple[int, int]:
    """Start and end offsets of the root element's start tag."""
    i = 0
    while True:
        i = text.index("<", i)
        if text.startswith("<?", i) or text.startswith("<!--", i):
            i = text.index("?>" if text[i + 1] == "?" else "-->", i) + 2
            continue
        return i, text.index(">", i) + 1


def prefix_of(text: str) -> str:
    """``'x:'`` when the root element is ``<x:worksheet ...>``, else ``''``."""
    start, _ = root_span(text)
    m = _ROOT.match(text, start)
    return f"{m.group(1)}:" if m and m.group(1) else ""


def ns_prefix(text: str, uri: str, preferred: str) -> tuple[str, str]:
    """The prefix bound to ``uri`` on the root element, declaring ``preferred`` when there is none.
    Returns (text, prefix)."""
    start, end = root_span(text)
    m = re.search(r"""\sxmlns:([\w.-]+)\s*=\s*["']""" + re.escape(uri) + """["']""", text[start:end])
    if m:
        return text, m.group(1)
    name = preferred
    while re.search(rf"\sxmlns:{name}\s*=", text[start:end]):
        name += "x"
    close = end - 2 if text[end - 2] == "/" else end - 1
    return text[:close] + f' xmlns:{name}="{uri}"' + text[close:], name


def get_attr(tag: str, name: str) -> str | None:
    """Raw (still escaped) value of attribute ``name`` in the start tag ``tag``."""
    m = re.search(_ATTR.format(name=re.escape(name)), tag)
    if not m:
        return None
    return m.group(1) if m.group(1) is not None else m.group(2)


def set_attr(tag: str, name: str, value: str | None) -> str:
    """Start tag ``tag`` with attribute ``name`` set to ``value`` (already escaped), or removed."""
    pattern = re.compile(_ATTR.format(name=re.escape(name)))
    if value is None:
        return pattern.sub("", tag, count=1)
    if pattern.search(tag):
        return pattern.sub(lambda m: f' {name}="{value}"', tag, count=1)
    close = len(tag) - (2 if tag.endswith("/>") else 1)
    return tag[:close].rstrip() + f' {name}="{value}"' + tag[close:]


def attr(value) -> str:
    """Escape a value for a double-quoted attribute."""
    return escape(clean(str(value)), {'"': "&quot;"})


def clean(text: str) -> str:
    """Text safe for XML 1.0: control characters become Excel's ``_xHHHH_`` escapes."""
    text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return _XML_BAD.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def text_node(text: str) -> str:
    return escape(clean(text))


def element_spans(text: str, p: str, tag: str, start: int = 0, end: int | None = None):
    """(start, end, start_tag_end) of every ``<p:tag>`` element in ``text[start:end]``; elements of
    this tag must not nest (true of the parts patched here)."""
    end = len(text) if end is None else end
    open_re = re.compile(rf"<{re.escape(p + tag)}(?=[\s/>])[^>]*?(/?)>")
    close = f"</{p}{tag}>"
    pos = start
    while True:
        m = open_re.search(text, pos, end)
        if not m:
            return
        if m.group(1):
            yield m.start(), m.end(), m.end()
            pos = m.end()
        else:
            stop = text.find(close, m.end(), end)
            if stop < 0:
                raise ValueError(f"unclosed <{p}{tag}>")
            yield m.start(), stop + len(close), m.end()
            pos = stop + len(close)


def find_element(text: str, p: str, tag: str, start: int = 0, end: int | None = None):
    """The first ``<p:tag>`` element's span, or None."""
    return next(element_spans(text, p, tag, start, end), None)


def append_children(text: str, p: str, container: str, children: str, count_tag: str | None = None) -> str:
    """Append ``children`` (XML text) at the end of the first ``<p:container>`` element (which must
    exist) and update its ``count`` attribute to the number of ``count_tag`` children."""
    span = find_element(text, p, container)
    if span is None:
        raise ValueError(f"no <{container}>")
    s, e, head = span
    tag = text[s:head]
    if tag.endswith("/>"):
        tag, body, tail = tag[:-2].rstrip() + ">", "", f"</{p}{container}>"
    else:
        body, tail = text[head : e - len(f"</{p}{container}>")], f"</{p}{container}>"
    body += children
    if count_tag and get_attr(tag, "count") is not None:
        n = sum(1 for _ in element_spans(body, p, count_tag))
        tag = set_attr(tag, "count", str(n))
    return text[:s] + tag + body + tail + text[e:]
