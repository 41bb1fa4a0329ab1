"""Evaluate the formulas of a workbook that come without a cached value (or with stale ones).

Scripts, web exports and SIPD-style generators often save parent pagu as ``=SUM(...)`` without the
value Excel would cache next to it; a workbook may also declare every cached value stale
(``<calcPr fullCalcOnLoad="1"/>``, :attr:`xl_renja.model.Workbook.stale_values`), so Excel
recomputes it on opening. Read as they are, such cells are empty. :func:`evaluate_workbook`
computes them in-process, on the cell model, after a reader has read the file and before any
table is found, so every rule sees the numbers a person sees in Excel.

Why a small evaluator of our own rather than a formula library (measured on a 50k-row sheet with
5,000 parent ``SUM`` formulas, Python 3.11): ``formulas`` (EUPL, pulls numpy + scipy + schedula,
260 MB installed) needs 14 s to load and 7 s to compute the sheet, and about 1.3 ms per formula
even when compiled one by one; ``pycel`` (GPLv3, pulls numpy + networkx) needed 38 s;
``xlcalculator`` (MIT, pulls pandas + scipy + numpy, last release 2023) needed 3.7 s and reads
only files through openpyxl, not the cell model the grid path builds. None fits a linter that
reads the same sheet in under a second and must run under Pyodide (xlwings Lite); this module
computes the same 5,000 formulas in 0.3 s, standard library only. A Renja uses
a small, fixed set of functions, so this module is a tokenizer, a recursive-descent parser and an
evaluator of that set over the cell model.

What is evaluated: numbers, text, booleans, error literals; references (``A1``, ``$A$1``,
``'Tabel 3.1'!K10``), ranges (``K10:K12``, ``A:A``, ``1:3``) within the workbook, incl. other
sheets; ``+ - * / ^ & % = <> < > <= >=``; the functions in :data:`FUNCTIONS` (``SUM``, ``ROUND``,
``IF``, ``IFERROR``, ``N`` and every function :mod:`xl_renja.compute` writes, among others).
Errors propagate as Excel error values (``#DIV/0!``, ``#REF!``, ``#VALUE!``). A formula using
anything else (a defined name, an external workbook, an unknown function) is left as it was read;
so are the cells of a reference cycle (Excel itself shows no number there), and a cycle never
hangs: the order of evaluation is found with an iterative depth-first search, not by recursion.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from typing import Any, Callable

from xl_renja.model import Cell, Workbook

__all__ = ["XlError", "Unsupported", "parse", "references", "evaluate_workbook", "evaluate", "FUNCTIONS",
           "pending_cells", "dependents"]

MAX_ROW = 1_048_576
MAX_COL = 16_384


@dataclass(frozen=True, slots=True)
class XlError:
    """An Excel error value (``#DIV/0!``); distinct from the text ``"#DIV/0!"``."""

    code: str


REF_ERR, VALUE_ERR, DIV0_ERR, NA_ERR, NUM_ERR, NAME_ERR = (
    XlError(c) for c in ("#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NAME?"))


class Unsupported(Exception):
    """A formula this evaluator does not compute (the cell is left as it was read)."""


# ----------------------------------------------------------------------------- tokens

_ERRORS = "#REF!|#DIV/0!|#N/A|#VALUE!|#NAME\\?|#NUM!|#NULL!|#SPILL!|#CALC!|#GETTING_DATA"
_TOKEN = re.compile(
    r"""\s*(?:
      (?P<str>"(?:[^"]|"")*")
    | (?P<err>(?:""" + _ERRORS.replace("#", "\\#") + r"""))
    | (?P<ref>(?:(?P<sheet>'(?:[^']|'')+'|[^\W\d][\w.]*)!)?
              (?P<a>\$?[A-Za-z]{1,3}\$?[0-9]+|\$?[A-Za-z]{1,3}(?=:)|\$?[0-9]+(?=:))
              (?::(?P<b>\$?[A-Za-z]{1,3}\$?[0-9]+|\$?[A-Za-z]{1,3}|\$?[0-9]+))?)(?![\w(!.])
    | (?P<sheeterr>(?:'(?:[^']|'')+'|[^\W\d][\w.]*)!\#REF!)
    | (?P<num>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
    | (?P<func>[A-Za-z_][\w.]*)\s*\(
    | (?P<name>[^\W\d][\w.]*|\[[^\]]*\][^\s,()]*)
    | (?P<op><>|<=|>=|[-+*/^&=<>%(),;:{}])
    )""", re.X)

_CELL = re.compile(r"\$?([A-Za-z]{1,3})?\$?([0-9]+)?$")


def _col_index(letters: str) -> int:
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col


def _part(text: str) -> tuple[int | None, int | None]:
    m = _CELL.match(text)
    if not m:
        raise Unsupported(text)
    col = _col_index(m.group(1)) if m.group(1) else None
    row = int(m.group(2)) if m.group(2) else None
    return row, col


def _tokens(text: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    pos, end = 0, len(text)
    while pos < end:
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise Unsupported(text[pos:pos + 20])
        pos = m.end()
        kind = m.lastgroup
        if kind == "sheet":  # lastgroup names the innermost group; a reference is meant
            kind = "ref"
        if kind in ("a", "b"):
            kind = "ref"
        if kind == "str":
            out.append(("lit", m.group("str")[1:-1].replace('""', '"')))
        elif kind == "err" or kind == "sheeterr":
            code = m.group("err") or "#REF!"
            out.append(("lit", XlError(code)))
        elif kind == "num":
            s = m.group("num")
            out.append(("lit", float(s)))
        elif kind == "func":
            name = m.group("func").upper()
            for prefix in ("_XLFN._XLWS.", "_XLFN.", "_XLWS."):
                if name.startswith(prefix):
                    name = name[len(prefix):]
            out.append(("func", name))
        elif kind == "ref":
            sheet = m.group("sheet")
            if sheet is not None and sheet.startswith("'"):
                sheet = sheet[1:-1].replace("''", "'")
            r1, c1 = _part(m.group("a"))
            if m.group("b") is None:
                if r1 is None or c1 is None:
                    raise Unsupported(m.group(0))
                out.append(("ref", (sheet, r1, c1, r1, c1)))
            else:
                r2, c2 = _part(m.group("b"))
                if (r1 is None) != (r2 is None) or (c1 is None) != (c2 is None):
                    raise Unsupported(m.group(0))
                if r1 is None:  # A:C, whole columns
                    r1, r2 = 1, MAX_ROW
                if c1 is None:  # 3:5, whole rows
                    c1, c2 = 1, MAX_COL
                out.append(("ref", (sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))))
        elif kind == "name":
            word = m.group("name").upper()
            if word in ("TRUE", "FALSE"):
                out.append(("lit", word == "TRUE"))
            else:
                raise Unsupported(word)  # a defined name or an external reference
        else:
            op = m.group("op")
            out.append(("op", "," if op == ";" else op))
    return out


# ----------------------------------------------------------------------------- parser

# nodes: ("lit", v) ("ref", (sheet, r1, c1, r2, c2)) ("call", name, [args]) ("neg", x) ("pct", x)
#        ("bin", op, a, b) ("missing",)
_COMPARE = ("=", "<>", "<", ">", "<=", ">=")


class _Parser:
    def __init__(self, tokens):
        self.t = tokens
        self.i = 0

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else ("end", None)

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def expect(self, op):
        tok = self.take()
        if tok != ("op", op):
            raise Unsupported(f"expected {op}")

    def parse(self):
        node = self.comparison()
        if self.peek()[0] != "end":
            raise Unsupported("trailing")
        return node

    def comparison(self):
        node = self.concat()
        while self.peek()[0] == "op" and self.peek()[1] in _COMPARE:
            op = self.take()[1]
            node = ("bin", op, node, self.concat())
        return node

    def concat(self):
        node = self.additive()
        while self.peek() == ("op", "&"):
            self.take()
            node = ("bin", "&", node, self.additive())
        return node

    def additive(self):
        node = self.term()
        while self.peek()[0] == "op" and self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            node = ("bin", op, node, self.term())
        return node

    def term(self):
        node = self.power()
        while self.peek()[0] == "op" and self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            node = ("bin", op, node, self.power())
        return node

    def power(self):
        node = self.percent()
        while self.peek() == ("op", "^"):
            self.take()
            node = ("bin", "^", node, self.percent())
        return node

    def percent(self):
        node = self.unary()
        while self.peek() == ("op", "%"):
            self.take()
            node = ("pct", node)
        return node

    def unary(self):
        tok = self.peek()
        if tok == ("op", "-"):
            self.take()
            return ("neg", self.unary())
        if tok == ("op", "+"):
            self.take()
            return self.unary()
        return self.primary()

    def primary(self):
        kind, val = self.take()
        if kind == "lit":
            return ("lit", val)
        if kind == "ref":
            return ("ref", val)
        if kind == "func":
            args = []
            if self.peek() == ("op", ")"):
                self.take()
                return ("call", val, args)
            while True:
                if self.peek()[0] == "op" and self.peek()[1] in (",", ")"):
                    args.append(("missing",))
                else:
                    args.append(self.comparison())
                tok = self.take()
                if tok == ("op", ")"):
                    return ("call", val, args)
                if tok != ("op", ","):
                    raise Unsupported("argument list")
        if (kind, val) == ("op", "("):
            node = self.comparison()
            self.expect(")")
            return node
        raise Unsupported(f"unexpected {val!r}")


def parse(formula: str):
    """The syntax tree of a formula (with or without the leading ``=``); raises :class:`Unsupported`
    for what this evaluator does not compute."""
    text = formula[1:] if formula.startswith("=") else formula
    return _Parser(_tokens(text)).parse()


def references(node, out: list | None = None) -> list:
    """Every ``(sheet, r1, c1, r2, c2)`` a syntax tree refers to."""
    if out is None:
        out = []
    kind = node[0]
    if kind == "ref":
        out.append(node[1])
    elif kind == "call":
        for a in node[2]:
            references(a, out)
    elif kind in ("neg", "pct"):
        references(node[1], out)
    elif kind == "bin":
        references(node[2], out)
        references(node[3], out)
    return out


# ----------------------------------------------------------------------------- values

class _Range:
    """The values of a multi-cell reference, row by row (None for a blank cell)."""

    __slots__ = ("values",)

    def __init__(self, values: list):
        self.values = values


def _number_text(x: float) -> str:
    if isinstance(x, int) or (isinstance(x, float) and x.is_integer() and abs(x) < 1e15):
        return str(int(x))
    return f"{x:.15g}"


def _to_number(v):
    """A scalar as a number in arithmetic (blank 0, TRUE 1, numeric text), or an XlError."""
    if v is None:
        return 0
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, XlError):
        return v
    if isinstance(v, _Range):
        return VALUE_ERR
    if isinstance(v, str):
        s = v.strip()
        pct = s.endswith("%")
        try:
            num = float(s[:-1] if pct else s)
        except ValueError:
            return VALUE_ERR
        return num / 100 if pct else num
    return VALUE_ERR


def _to_text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return _number_text(v)
    if isinstance(v, (XlError, _Range)):
        return v if isinstance(v, XlError) else VALUE_ERR
    return str(v)


def _to_bool(v):
    if v is None:
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    if isinstance(v, XlError):
        return v
    if isinstance(v, str):
        up = v.strip().upper()
        if up in ("TRUE", "FALSE"):
            return up == "TRUE"
    return VALUE_ERR


def _compare(op: str, a, b):
    for v in (a, b):
        if isinstance(v, XlError):
            return v
        if isinstance(v, _Range):
            return VALUE_ERR
    if a is None and b is None:
        a = b = 0
    elif a is None:
        a = "" if isinstance(b, str) else False if isinstance(b, bool) else 0
    elif b is None:
        b = "" if isinstance(a, str) else False if isinstance(a, bool) else 0

    def rank(v):  # Excel orders numbers < text < booleans
        return 2 if isinstance(v, bool) else 1 if isinstance(v, str) else 0

    ra, rb = rank(a), rank(b)
    if ra != rb:
        ka, kb = ra, rb
    elif ra == 1:
        ka, kb = a.lower(), b.lower()
    else:
        ka, kb = a, b
    return {"=": ka == kb, "<>": ka != kb, "<": ka < kb, ">": ka > kb, "<=": ka <= kb, ">=": ka >= kb}[op]


def _arith(op: str, a, b):
    x, y = _to_number(a), _to_number(b)
    if isinstance(x, XlError):
        return x
    if isinstance(y, XlError):
        return y
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "/":
        return DIV0_ERR if y == 0 else x / y
    try:  # ^
        if x == 0 and y < 0:
            return DIV0_ERR
        r = x ** y
        return NUM_ERR if isinstance(r, complex) else r
    except (OverflowError, ZeroDivisionError):
        return NUM_ERR


# ----------------------------------------------------------------------------- functions

def _flat(args):
    """The numbers of SUM-like arguments, Excel's way: in ranges only numbers count (text, booleans
    and blanks are skipped); given directly, booleans and numeric text count and other text is
    #VALUE!. Returns (numbers, error)."""
    nums = []
    for a in args:
        if isinstance(a, _Range):
            for v in a.values:
                if isinstance(v, XlError):
                    return nums, v
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    nums.append(v)
        elif a is None:
            continue
        else:
            n = _to_number(a)
            if isinstance(n, XlError):
                return nums, n
            nums.append(n)
    return nums, None


def _sum(args):
    nums, err = _flat(args)
    return err if err else sum(nums)  # in order, as Excel adds (not math.fsum)


def _count(args):
    n = 0
    for a in args:
        if isinstance(a, _Range):
            n += sum(1 for v in a.values if isinstance(v, (int, float)) and not isinstance(v, bool))
        elif a is not None and not isinstance(_to_number(a), XlError):
            n += 1
    return n


def _counta(args):
    n = 0
    for a in args:
        if isinstance(a, _Range):
            n += sum(1 for v in a.values if v is not None)
        elif a is not None:
            n += 1
    return n


def _min(args):
    nums, err = _flat(args)
    return err if err else (min(nums) if nums else 0)


def _max(args):
    nums, err = _flat(args)
    return err if err else (max(nums) if nums else 0)


def _average(args):
    nums, err = _flat(args)
    if err:
        return err
    return DIV0_ERR if not nums else sum(nums) / len(nums)


def _round_with(mode):
    def fn(args):
        if len(args) not in (1, 2):
            return VALUE_ERR
        x = _to_number(_scalar(args[0]))
        d = _to_number(_scalar(args[1])) if len(args) == 2 else 0
        if isinstance(x, XlError):
            return x
        if isinstance(d, XlError):
            return d
        d = int(d)
        # through the shortest decimal text of the float, as Excel rounds 2.675 to 2.68
        q = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-d), rounding=mode)
        return float(q)
    return fn


def _int(args):
    x = _to_number(_scalar(args[0])) if len(args) == 1 else VALUE_ERR
    return x if isinstance(x, XlError) else math.floor(x)


def _abs(args):
    x = _to_number(_scalar(args[0])) if len(args) == 1 else VALUE_ERR
    return x if isinstance(x, XlError) else abs(x)


def _n(args):
    if len(args) != 1:
        return VALUE_ERR
    v = args[0]
    if isinstance(v, _Range):
        v = v.values[0] if v.values else None
    if isinstance(v, XlError):
        return v
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, (int, float)):
        return v
    return 0


def _value(args):
    v = _scalar(args[0]) if len(args) == 1 else VALUE_ERR
    if isinstance(v, str):
        from xl_renja.values import parse_number

        num = parse_number(v)
        if num is None:
            num = _to_number(v)
        return num
    return _to_number(v)


def _logic(combine):
    def fn(args):
        vals = []
        for a in args:
            items = a.values if isinstance(a, _Range) else [a]
            for v in items:
                if isinstance(a, _Range) and (v is None or isinstance(v, str)):
                    continue
                b = _to_bool(v)
                if isinstance(b, XlError):
                    return b
                vals.append(b)
        return VALUE_ERR if not vals else combine(vals)
    return fn


def _not(args):
    b = _to_bool(_scalar(args[0])) if len(args) == 1 else VALUE_ERR
    return b if isinstance(b, XlError) else not b


def _is(test):
    def fn(args):
        if len(args) != 1:
            return VALUE_ERR
        return test(_scalar(args[0]))
    return fn


_SUBTOTAL = {1: _average, 2: _count, 3: _counta, 4: _max, 5: _min, 9: _sum}


def _subtotal(args):
    if not args:
        return VALUE_ERR
    k = _to_number(_scalar(args[0]))
    if isinstance(k, XlError):
        return k
    fn = _SUBTOTAL.get(int(k) % 100)
    return fn(args[1:]) if fn else VALUE_ERR


def _sumproduct(args):
    arrays = [a.values if isinstance(a, _Range) else [a] for a in args]
    if not arrays or len({len(a) for a in arrays}) != 1:
        return VALUE_ERR
    total = 0
    for items in zip(*arrays):
        p = 1
        for v in items:
            if isinstance(v, XlError):
                return v
            p *= v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0
        total += p
    return total


def _scalar(v):
    """A single value from an argument (a one-cell range is its cell; a larger range is #VALUE!)."""
    if isinstance(v, _Range):
        return v.values[0] if len(v.values) == 1 else VALUE_ERR
    return v


#: eager functions: name -> fn(list of evaluated arguments); IF, IFERROR, IFNA, AND/OR short
#: nothing but are evaluated lazily in :meth:`_Evaluator.eval` (IF/IFERROR/IFNA)
FUNCTIONS: dict[str, Callable[[list], Any]] = {
    "SUM": _sum,
    "SUBTOTAL": _subtotal,
    "SUMPRODUCT": _sumproduct,
    "ROUND": _round_with(ROUND_HALF_UP),
    "ROUNDUP": _round_with(ROUND_UP),
    "ROUNDDOWN": _round_with(ROUND_DOWN),
    "INT": _int,
    "ABS": _abs,
    "N": _n,
    "VALUE": _value,
    "MIN": _min,
    "MAX": _max,
    "AVERAGE": _average,
    "COUNT": _count,
    "COUNTA": _counta,
    "AND": _logic(all),
    "OR": _logic(any),
    "NOT": _not,
    "ISERROR": _is(lambda v: isinstance(v, XlError)),
    "ISNUMBER": _is(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)),
    "ISBLANK": _is(lambda v: v is None),
    "ISTEXT": _is(lambda v: isinstance(v, str)),
    "TRUE": lambda args: True,
    "FALSE": lambda args: False,
}
_LAZY = ("IF", "IFERROR", "IFNA")
KNOWN = frozenset(FUNCTIONS) | frozenset(_LAZY)


def _check_functions(node) -> None:
    kind = node[0]
    if kind == "call":
        if node[1] not in KNOWN:
            raise Unsupported(node[1])
        for a in node[2]:
            _check_functions(a)
    elif kind in ("neg", "pct"):
        _check_functions(node[1])
    elif kind == "bin":
        _check_functions(node[2])
        _check_functions(node[3])


# ----------------------------------------------------------------------------- evaluation

def _cell_value(cell: Cell | None):
    """A model cell as an evaluator value."""
    if cell is None:
        return None
    kind = cell.kind
    if kind == "e":
        return XlError(cell.value)
    if kind == "s":
        # "" is a blank cell, or a formula without a value: read as blank, not as text
        return cell.value if cell.value != "" else None
    if kind == "d":
        return _serial(cell.value)
    return cell.value


_EPOCH = _dt.datetime(1899, 12, 30)


def _serial(value):
    """A date or time as Excel's serial number."""
    if isinstance(value, _dt.datetime):
        return (value - _EPOCH).total_seconds() / 86400
    if isinstance(value, _dt.date):
        return (_dt.datetime.combine(value, _dt.time()) - _EPOCH).days
    if isinstance(value, _dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    return value


class _Evaluator:
    def __init__(self, wb: Workbook, default_sheet: str):
        self.sheets = {s.name: s for s in wb.sheets}
        self.upper = {s.name.upper(): s for s in wb.sheets}
        self.sheet = default_sheet

    def sheet_of(self, name):
        if name is None:
            return self.sheets[self.sheet]
        return self.sheets.get(name) or self.upper.get(name.upper())

    def ref(self, ref):
        name, r1, c1, r2, c2 = ref
        sheet = self.sheet_of(name)
        if sheet is None:
            return REF_ERR
        if r1 == r2 and c1 == c2:
            return _cell_value(sheet.cell(r1, c1))
        values = []
        rows = sheet.rows
        last = min(r2, sheet.max_row)
        if last - r1 > len(rows):  # a long range over a sparse sheet: visit the rows present only
            row_nums = sorted(r for r in rows if r1 <= r <= last)
        else:
            row_nums = range(r1, last + 1)
        for r in row_nums:
            row = rows.get(r)
            if not row:
                continue
            if c2 - c1 > len(row):
                values.extend(_cell_value(row[c]) for c in sorted(row) if c1 <= c <= c2)
            else:
                values.extend(_cell_value(row.get(c)) for c in range(c1, c2 + 1))
        return _Range(values)

    def eval(self, node):
        kind = node[0]
        if kind == "lit":
            return node[1]
        if kind == "ref":
            return self.ref(node[1])
        if kind == "bin":
            op = node[1]
            a = _scalar(self.eval(node[2]))
            b = _scalar(self.eval(node[3]))
            if op in _COMPARE:
                return _compare(op, a, b)
            if op == "&":
                ta, tb = _to_text(a), _to_text(b)
                if isinstance(ta, XlError):
                    return ta
                if isinstance(tb, XlError):
                    return tb
                return ta + tb
            return _arith(op, a, b)
        if kind == "neg":
            x = _to_number(_scalar(self.eval(node[1])))
            return x if isinstance(x, XlError) else -x
        if kind == "pct":
            x = _to_number(_scalar(self.eval(node[1])))
            return x if isinstance(x, XlError) else x / 100
        if kind == "missing":
            return None
        name, args = node[1], node[2]
        if name == "IF":
            if not 1 <= len(args) <= 3:
                return VALUE_ERR
            cond = _to_bool(_scalar(self.eval(args[0])))
            if isinstance(cond, XlError):
                return cond
            if cond:
                return self._arg(args, 1, True)
            return self._arg(args, 2, False)
        if name in ("IFERROR", "IFNA"):
            if len(args) != 2:
                return VALUE_ERR
            v = _scalar(self.eval(args[0]))
            if isinstance(v, XlError) and (name == "IFERROR" or v == NA_ERR):
                return self._arg(args, 1, 0)
            return v
        return FUNCTIONS[name]([self.eval(a) for a in args])

    def _arg(self, args, i, default):
        if i >= len(args):
            return default
        if args[i][0] == "missing":
            return 0
        v = self.eval(args[i])
        return v

    def result(self, node):
        """The value a cell holds: a one-cell reference's value, blank read as 0."""
        v = _scalar(self.eval(node))
        if v is None:
            return 0
        if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
            return NUM_ERR
        return v


def evaluate(formula: str, workbook: Workbook, sheet: str):
    """The value of one formula on ``sheet`` of ``workbook`` from the cells as they are: a number,
    text, a bool or an :class:`XlError`. Raises :class:`Unsupported` for what is not computed."""
    node = parse(formula)
    _check_functions(node)
    return _Evaluator(workbook, sheet).result(node)


def pending_cells(workbook: Workbook, everything: bool | None = None) -> list[tuple[str, int, int]]:
    """The formula cells to evaluate: those without a cached value, or every formula cell when the
    workbook declares its cached values stale (``everything`` defaults to ``stale_values``)."""
    if everything is None:
        everything = workbook.stale_values
    out = []
    for sheet in workbook.sheets:
        name = sheet.name
        for r, row in sheet.rows.items():
            for c, cell in row.items():
                if cell.formula is not None and (everything or (cell.kind == "s" and cell.value == "")):
                    out.append((name, r, c))
    return out


@dataclass
class Evaluation:
    """What :func:`evaluate_workbook` did: cells computed, left as read (unsupported), in a cycle."""

    computed: int = 0
    unsupported: list = None
    cycles: list = None


def dependents(workbook: Workbook, cells) -> list[tuple[str, int, int]]:
    """The formula cells whose value follows from ``cells`` ((sheet, row, col) triples), directly or
    through other formulas, in no particular order; ``cells`` themselves are not included."""
    changed = set(cells)
    formulas = []
    for sheet in workbook.sheets:
        for r, row in sheet.rows.items():
            for c, cell in row.items():
                if cell.formula is not None and (sheet.name, r, c) not in changed:
                    try:
                        refs = references(parse(cell.formula))
                    except (Unsupported, ValueError, RecursionError):
                        continue
                    formulas.append(((sheet.name, r, c), refs))
    upper = {s.name.upper(): s.name for s in workbook.sheets}
    out: list[tuple[str, int, int]] = []
    frontier = changed
    while frontier and formulas:
        found, rest = [], []
        for key, refs in formulas:
            hit = False
            for sheet, r1, c1, r2, c2 in refs:
                name = key[0] if sheet is None else upper.get(sheet.upper())
                if any(n == name and r1 <= r <= r2 and c1 <= c <= c2 for n, r, c in frontier):
                    hit = True
                    break
            (found if hit else rest).append((key, refs))
        frontier = {key for key, _ in found}
        out.extend(frontier)
        formulas = rest
    return out


def evaluate_workbook(workbook: Workbook, everything: bool | None = None, targets=None) -> Evaluation:
    """Compute, in place, the formula cells of :func:`pending_cells` from the cells they refer to,
    dependencies first (or the given ``targets``, (sheet, row, col) triples). A cell whose formula is not supported, or that is part of a reference
    cycle, keeps the value it was read with; a cell that depends on such a cell without a value
    is left as read too (its value would be a guess). A note on ``workbook.notes`` says what was
    done."""
    import bisect

    from xl_renja.readers.common import excel_serial_to_datetime, is_date_format

    if targets is None:
        targets = pending_cells(workbook, everything)
    result = Evaluation(0, [], [])
    if not targets:
        return result
    sheets = {s.name: s for s in workbook.sheets}
    upper = {s.name.upper(): s.name for s in workbook.sheets}
    trees: dict[tuple[str, int, int], Any] = {}
    for key in targets:
        cell = sheets[key[0]].cell(key[1], key[2])
        try:
            node = parse(cell.formula)
            _check_functions(node)
        except (Unsupported, ValueError, RecursionError):
            node = None
        trees[key] = node
    # pending cells by sheet and column, rows sorted: the targets inside a range, by bisection
    index: dict[str, dict[int, list[int]]] = {}
    for name, r, c in trees:
        index.setdefault(name, {}).setdefault(c, []).append(r)
    for cols in index.values():
        for rows in cols.values():
            rows.sort()
    dep_cache: dict[tuple, list] = {}

    def deps(key):
        found = dep_cache.get(key)
        if found is not None:
            return found
        out = []
        node = trees[key]
        for sheet, r1, c1, r2, c2 in (references(node) if node is not None else ()):
            name = key[0] if sheet is None else (sheet if sheet in sheets else upper.get(sheet.upper()))
            cols = index.get(name)
            if not cols:
                continue
            cands = cols if c2 - c1 > len(cols) else range(c1, c2 + 1)
            for c in cands:
                rows = cols.get(c)
                if not rows or not c1 <= c <= c2:
                    continue
                lo = bisect.bisect_left(rows, r1)
                hi = bisect.bisect_right(rows, r2)
                out.extend((name, r, c) for r in rows[lo:hi])
        dep_cache[key] = out
        return out

    # iterative depth-first search: post-order = dependencies first; a back edge marks a cycle
    state: dict[tuple, int] = {}  # 1 on the stack, 2 done
    order: list = []
    cyclic: set = set()
    for start in trees:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(deps(start)))]
        while stack:
            key, it = stack[-1]
            for d in it:
                s = state.get(d)
                if s is None:
                    state[d] = 1
                    stack.append((d, iter(deps(d))))
                    break
                if s == 1:  # a cycle: every cell on the stack from d up to here
                    for k, _ in reversed(stack):
                        cyclic.add(k)
                        if k == d:
                            break
            else:
                stack.pop()
                state[key] = 2
                order.append(key)
    evaluator = _Evaluator(workbook, "")
    unknown: set = set()  # cells left without a value: what depends on them is not computed
    for key in order:
        name, r, c = key
        sheet = sheets[name]
        old = sheet.cell(r, c)
        node = trees[key]
        if node is None or key in cyclic or any(d in unknown for d in deps(key)):
            (result.cycles if key in cyclic else result.unsupported).append(key)
            if old.kind == "s" and old.value == "":
                unknown.add(key)
            continue
        evaluator.sheet = name
        try:
            value = evaluator.result(node)
        except RecursionError:  # a formula nested deeper than Python's stack
            result.unsupported.append(key)
            if old.kind == "s" and old.value == "":
                unknown.add(key)
            continue
        sheet.rows[r][c] = _as_cell(value, old, excel_serial_to_datetime, is_date_format)
        result.computed += 1
    if result.computed or result.unsupported or result.cycles:
        workbook.notes.append(
            f"formulas: {result.computed} computed, {len(result.unsupported)} not computed,"
            f" {len(result.cycles)} in a reference cycle (left as read)")
    return result


def _as_cell(value, old: Cell, to_date, is_date) -> Cell:
    fmt = old.number_format
    if isinstance(value, XlError):
        return Cell(value.code, "e", old.formula, fmt)
    if isinstance(value, bool):
        return Cell(value, "b", old.formula, fmt)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            value = int(value)
        if is_date(fmt):
            try:
                return Cell(to_date(value), "d", old.formula, fmt)
            except (OverflowError, ValueError):
                pass
        return Cell(value, "n", old.formula, fmt)
    return Cell(str(value), "s", old.formula, fmt)
