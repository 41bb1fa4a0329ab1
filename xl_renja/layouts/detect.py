"""Find official tables on any sheet by their header text and their column-number row.

A table is anchored on its column-number row (``1 2 3 ...``, labels such as ``8=(7/6x100)``
allowed, typos tolerated); the header block is the run of multi-cell rows just above it; the
layout is chosen from the header text, never from the sheet name or a fixed position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xl_renja.kode import WELL_FORMED_KODE, check_kode, is_legacy_kode, join_parts, looks_like_kode, part_text
from xl_renja.layouts import ALL_LAYOUTS
from xl_renja.layouts.base import LayoutSpec, Row, Table, Variant
from xl_renja.model import Cell, Sheet, Workbook, cell_ref

_LEADING_INT = re.compile(r"^\s*\(?(\d{1,2})\)?(?:\s*=.*)?\s*$")
_TOTAL = re.compile(
    r"^\s*(total\b.*|jumlah(\s+(total|keseluruhan|seluruhnya|pagu|anggaran|dana|belanja|program)\b.*)?\s*:?)\s*$", re.I
)
#: a total label written letter by letter or decorated (``J U M L A H``, ``TOTAL :``, ``** JUMLAH **``)
_TOTAL_HINT = re.compile(r"^[\W_]*(t\W{0,3}o\W{0,3}t\W{0,3}a\W{0,3}l|j\W{0,3}u\W{0,3}m\W{0,3}l\W{0,3}a\W{0,3}h)", re.I)
_DIGITS = frozenset("0123456789")
_SPACED = re.compile(r"(?<=\b\w) (?=\w\b)")
_RENJA_HINT = re.compile(
    r"kode rekening|indikator kinerja|pagu indikatif|kebutuhan dana|target capaian|prakiraan maju|"
    r"rumus|triwulan|rancangan awal",
    re.I,
)
_PARTNER_LABELS = {"k", "rp", "rp.", "satuan", "sat", "(rp)", "rupiah"}


def squeeze_label(text: str) -> str:
    """A label as a person reads it: decorations dropped and letter-spaced words joined
    (``J U M L A H`` -> ``JUMLAH``, ``** TOTAL : **`` -> ``TOTAL``); runs of 2+ spaces separate words."""
    words = []
    for chunk in re.split(r"\s{2,}", str(text).strip()):
        chunk = re.sub(r"[\W_]+", " ", chunk).strip()
        if chunk:
            words.append(_SPACED.sub("", chunk))
    return " ".join(words)


def is_total_label(text) -> bool:
    """Whether a cell text closes a table: ``TOTAL``, ``JUMLAH``, ``Jumlah Total``, also spaced
    (``J U M L A H``) or decorated (``TOTAL :``, ``- JUMLAH -``)."""
    if not isinstance(text, str):
        return False
    if _TOTAL.match(text):
        return True
    return len(text) <= 120 and text[:1] not in _DIGITS and _TOTAL_HINT.match(text) is not None and _TOTAL.match(squeeze_label(text)) is not None


def normalise(text) -> str:
    if text is None:
        return ""
    return re.sub(r"\s+", " ", str(text)).strip().lower()


@dataclass
class Unreadable:
    """A sheet part that looks like a Renja table but cannot be read (ST01)."""

    sheet: str
    row: int
    col: int
    table: str | None
    reason: str
    reason_en: str

    @property
    def cell(self) -> str:
        return cell_ref(self.row, self.col)


def _label_of(cell) -> int | None:
    if cell is None or cell.is_blank or cell.kind == "e":
        return None
    v = cell.value
    if cell.kind == "n" and isinstance(v, (int, float)) and float(v).is_integer() and 0 < v < 100:
        return int(v)
    if cell.kind == "s":
        m = _LEADING_INT.match(v)
        if m:
            return int(m.group(1))
    return None


def _number_row_candidates(sheet: Sheet) -> list[tuple[int, list[tuple[int, str]]]]:
    out = []
    for r in sorted(sheet.rows):
        row = sheet.rows[r]
        first = row[min(row)]
        if not first.is_blank and _label_of(first) != 1:
            continue  # a column-number row starts with 1
        cols = sorted(c for c, cell in row.items() if not cell.is_blank)
        if len(cols) < 4:
            continue
        first = _label_of(row[cols[0]])
        if first != 1:
            continue
        labels = [_label_of(row[c]) for c in cols]
        if any(lbl is None for lbl in labels):
            continue
        hits = sum(
            1 for i, lbl in enumerate(labels, start=1) if lbl == i or (i > 1 and lbl == labels[i - 2] + 1)
        )
        if hits / len(labels) < 0.6:
            continue
        out.append((r, [(c, str(row[c].value).strip()) for c in cols]))
    return out


def _distinct_anchors(sheet: Sheet, row: int, c1: int, c2: int) -> int:
    anchors = set()
    for c in range(c1, c2 + 1):
        a = sheet.merge_anchor(row, c)
        cell = sheet.cell(*a)
        if cell is not None and not cell.is_blank:
            anchors.add(a)
    return len(anchors)


def _vertical_merge_into(sheet: Sheet, row: int, c1: int, c2: int) -> bool:
    for r1, mc1, r2, mc2 in sheet.merges:
        if r1 <= row < r2 and mc2 >= c1 and mc1 <= c2:
            return True
    return False


def _header_rows(sheet: Sheet, number_row: int, c1: int, c2: int, floor: int) -> list[int]:
    rows: list[int] = []
    r = number_row - 1
    while r > floor and len(rows) < 5:
        if _distinct_anchors(sheet, r, c1, c2) >= 2 or (rows and _vertical_merge_into(sheet, r, c1, c2)):
            rows.insert(0, r)
            r -= 1
            continue
        break
    return rows


def _slots(sheet: Sheet, number_row: int, labels: list[tuple[int, str]], header_rows: list[int]):
    """[(col, partner_col | None, label)] for each numbered slot."""
    label_cols = {c for c, _ in labels}
    slots = []
    for col, label in labels:
        partner = None
        anchor = sheet.merge_anchor(number_row, col)
        nxt = col + 1
        if nxt not in label_cols:
            if sheet.merge_anchor(number_row, nxt) == anchor and anchor == (number_row, col):
                partner = nxt
            elif header_rows:
                bottom = header_rows[-1]
                sub = normalise(sheet.value(bottom, nxt))
                if sub in _PARTNER_LABELS or (
                    sheet.merge_anchor(bottom, nxt) == sheet.merge_anchor(bottom, col)
                    and sheet.cell(*sheet.merge_anchor(bottom, col)) is not None
                ):
                    partner = nxt
        slots.append((col, partner, label))
    return slots


def _header_text(sheet: Sheet, header_rows: list[int], col: int) -> str:
    parts: list[str] = []
    seen = set()
    for r in header_rows:
        a = sheet.merge_anchor(r, col)
        if a in seen:
            continue
        seen.add(a)
        t = normalise(sheet.value(*a))
        if t:
            parts.append(t)
    return " ".join(parts)


#: one header over kode and name: "Kode dan Nama Program/Kegiatan", "Kode / Uraian"
_KODE_NAME_HEADER = re.compile(r"\bkode\b.*(\bdan\b|\bnama\b|\buraian\b|&|\+)")


def _map_columns(variant: Variant, slots, headers: list[str]) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    if variant.mode == "position" and len(slots) == len(variant.columns):
        for spec, (col, partner, _label) in zip(variant.columns, slots):
            columns[spec.key] = col
            if spec.pair and partner:
                columns[f"{spec.key}_{spec.pair}"] = partner
    else:
        counters: dict[str, int] = {}
        for (col, partner, _label), header in zip(slots, headers):
            for spec in variant.columns:
                if not spec.matches(header):
                    continue
                if spec.repeat:
                    counters[spec.key] = counters.get(spec.key, 0) + 1
                    columns[f"{spec.key}_{counters[spec.key]}"] = col
                    break
                key = spec.key
                if key in columns:
                    # a second "Target"/"Pagu" column whose group header (Prakiraan Maju) is not
                    # merged over it is the n+1 one
                    later = f"{key}_n1"
                    if later in columns or not any(s.key == later for s in variant.columns):
                        continue
                    key = later
                columns[key] = col
                if spec.pair and partner:
                    columns[f"{spec.key}_{spec.pair}"] = partner
                if key == "kode" and "uraian" not in columns and _KODE_NAME_HEADER.search(header) and any(
                        s.key == "uraian" and s.matches(header.replace("kode", "")) for s in variant.columns):
                    columns["uraian"] = col  # "Kode dan Nama Program/Kegiatan": one column for both
                break
    if "kode" in columns and "uraian" not in columns:
        # one column "Kode dan Nama Program/Kegiatan": kode and name written in one cell
        header = next((h for (col, _p, _l), h in zip(slots, headers) if col == columns["kode"]), "")
        if any(s.key == "uraian" and s.matches(header) for s in variant.columns):
            columns["uraian"] = columns["kode"]
    missing = []
    for spec in variant.columns:
        if not spec.required:
            continue
        if spec.repeat:
            if not any(k.startswith(spec.key + "_") for k in columns):
                missing.append(spec.key)
        elif spec.key not in columns:
            missing.append(spec.key)
    return columns, missing


def _choose_variant(layout: LayoutSpec, slots, headers):
    best = None
    for variant in layout.variants:
        columns, missing = _map_columns(variant, slots, headers)
        exact = variant.mode == "position" and len(slots) == len(variant.columns)
        score = (exact or variant.mode == "pattern", -len(missing), len(columns))
        if best is None or score > best[0]:
            best = (score, variant, columns, missing)
    _, variant, columns, missing = best
    return variant, columns, missing


class Tables(list):
    """The tables found in a workbook (a list of :class:`Table`), with ``unreadable``: the sheet
    parts that look like Renja tables but cannot be read (what ST01 reports)."""

    def __init__(self, tables=(), unreadable=()):
        super().__init__(tables)
        self.unreadable: list[Unreadable] = list(unreadable)


def find_tables(workbook: Workbook) -> Tables:
    found = Tables()
    for sheet in workbook.sheets:
        t, p = find_tables_in_sheet(sheet)
        found.extend(t)
        found.unreadable.extend(p)
    return found


def find_tables_in_sheet(sheet: Sheet) -> tuple[list[Table], list[Unreadable]]:
    found: list[tuple[int, list[int], list, LayoutSpec | None, str, list]] = []
    problems: list[Unreadable] = []
    floor = 0
    signatures: list[tuple] = []
    for number_row, labels in _number_row_candidates(sheet):
        c1, c2 = labels[0][0], labels[-1][0]
        sig = tuple(lbl for _, lbl in labels)
        if found and sig in signatures and not _header_rows(sheet, number_row, c1, c2 + 1, floor):
            continue  # a bare repeated number row inside the previous table
        new_table = bool(found) and sig in signatures and _titled(sheet, number_row, c1, c2, floor)
        if found and sig in signatures and not new_table:
            # header block repeated after a page break: the rows just above hold the previous
            # header text (the upward header scan alone would also swallow data rows above it)
            prev = found[-1]
            n = len(prev[1])
            rep_rows = list(range(number_row - n, number_row))
            if n and rep_rows[0] > floor:
                rep_slots = _slots(sheet, number_row, labels, rep_rows)
                rep_joined = " ".join(_header_text(sheet, rep_rows, col) for col, _, _ in rep_slots)
                if prev[4] == rep_joined:
                    prev[2].append((number_row, rep_rows))
                    floor = number_row
                    continue
        header_rows = _header_rows(sheet, number_row, c1, c2 + 1, floor)
        slots = _slots(sheet, number_row, labels, header_rows)
        headers = [_header_text(sheet, header_rows, col) for col, _, _ in slots]
        joined = " ".join(headers)
        if found and sig in signatures and not new_table:
            prev = found[-1]
            if prev[4] == joined:  # header block repeated after a page break
                prev[2].append((number_row, header_rows))
                floor = number_row
                continue
        layout = next((lay for lay in _layouts() if lay.recognises(joined)), None)
        found.append((number_row, header_rows, [], layout, joined, labels))
        signatures.append(sig)
        floor = number_row
        if layout is None:
            if _RENJA_HINT.search(joined):
                r0 = header_rows[0] if header_rows else number_row
                problems.append(
                    Unreadable(
                        sheet.name, r0, c1, None,
                        "tabel tampak seperti tabel Renja tetapi judul kolomnya tidak dikenali",
                        "looks like a Renja table but its column headers are not recognised",
                    )
                )
    numbered = True
    if not any(f[3] is not None for f in found):
        headed = _header_only(sheet)
        if headed:  # no column-number row: tables recognised by their headers alone (ST02)
            found, problems, numbered = headed, [], False
    tables: list[Table] = []
    for i, (number_row, header_rows, repeats, layout, _joined, label_list) in enumerate(found):
        if layout is None:
            continue
        labels = dict(label_list)
        slots = _slots(sheet, number_row, label_list, header_rows)
        headers = [_header_text(sheet, header_rows, col) for col, _, _ in slots]
        variant, columns, missing = _choose_variant(layout, slots, headers)
        if i + 1 < len(found):
            nxt_row, nxt_headers = found[i + 1][0], found[i + 1][1]
            last = (nxt_headers[0] if nxt_headers else nxt_row) - 1
            while last > number_row and _is_title_row(sheet, last, min(labels), max(labels)):
                last -= 1  # the next table's title lines are not rows of this one
        else:
            last = sheet.max_row
        table = Table(
            id=layout.id,
            title=layout.title,
            variant=variant.name,
            sheet=sheet,
            header_rows=header_rows,
            number_row=number_row,
            last_row=last,
            columns=columns,
            number_labels=labels,
            missing=missing,
            spec=layout,
        )
        skip = set()
        header_sigs = set()
        for r in header_rows + [number_row]:
            header_sigs.add(_row_sig(sheet, r, columns))
        for rep_row, rep_headers in repeats:
            skip.add(rep_row)
            skip.update(rep_headers)
            table.repeated_headers.append(rep_row)
        table.numbered = numbered
        _money_unit(sheet, table, found[i - 1][0] if i else 0)
        _kode_form(sheet, table)
        _read_rows(table, skip, header_sigs)
        if not missing and "kode" in columns and table.rows and not table.items:
            problems.append(
                Unreadable(
                    sheet.name, table.first_row, min(labels), layout.id,
                    "tabel dikenali tetapi tidak ada satu pun baris berkode rekening di kolom kodenya",
                    "table recognised but not one row has a kode rekening in its kode column",
                )
            )
        if missing:
            problems.append(
                Unreadable(
                    sheet.name, table.first_row, min(labels), layout.id,
                    "kolom wajib tidak ditemukan: " + ", ".join(missing),
                    "required columns not found: " + ", ".join(missing),
                )
            )
        tables.append(table)
    if not tables and not problems:
        hint = _renja_hint_cell(sheet)
        if hint:
            problems.append(
                Unreadable(
                    sheet.name, hint[0], hint[1], None,
                    "lembar tampak berisi tabel Renja tetapi baris nomor kolom (1, 2, 3, ...) tidak ditemukan",
                    "sheet looks like a Renja table but its column-number row (1, 2, 3, ...) is missing",
                )
            )
    return tables, problems


#: the words a table's title lines start with (table number, table name, the OPD)
_TITLE_WORDS = re.compile(
    r"^\s*(tabel|table|t-?c\.?\s*\d|rumusan|rencana kerja|renja|review|evaluasi|lampiran|nama (perangkat|opd|skpd)|"
    r"(perangkat daerah|skpd|opd|unit kerja)\s*:|sekretariat|dinas|badan|kantor|inspektorat|kecamatan|satuan polisi|"
    r"rumah sakit|tahun anggaran)",
    re.I,
)


#: money declared in millions or thousands of rupiah, in a money column's header or a title line
_MILLIONS = re.compile(r"\brp\.?\s*000[.,]000(?![.,]?\d)|\bjutaan\b|\bjuta rupiah\b|\brp\.?\s*juta\b|\(\s*juta\s*\)|000\.000\s*\)|"
                       r"x\s*1[.,]?000[.,]?000\b", re.I)
_THOUSANDS = re.compile(r"\bribuan\b|\bribu rupiah\b|\brp\.?\s*000(?![.,]?\d)|\(\s*000\s*\)|\brp\.?\s*ribu\b|"
                        r"x\s*1[.,]?000\b", re.I)


def _unit_of(text: str) -> int:
    if _MILLIONS.search(text):
        return 1_000_000
    if _THOUSANDS.search(text):
        return 1000
    return 1


def _money_unit(sheet: Sheet, table: Table, floor: int) -> None:
    """Set ``table.scale`` when its money columns declare thousands or millions of rupiah: in a
    money column's header (``PAGU INDIKATIF (Rp 000)``) or a title line above the table
    (``(dalam ribuan rupiah)``)."""
    money = [c for k, c in table.columns.items() if table.column_spec(k) is not None and table.column_spec(k).money]
    if not money:
        return
    seen = set()
    for r in table.header_rows:
        for c in money:
            a = sheet.merge_anchor(r, c)
            if a in seen:
                continue
            seen.add(a)
            cell = sheet.cell(*a)
            if cell is not None and cell.kind == "s" and (k := _unit_of(cell.value)) != 1:
                table.scale, table.scale_cell, table.scale_text = k, a, " ".join(cell.value.split())
                return
    lo, hi = min(table.number_labels), max(max(table.number_labels), max(money))
    for r in range(table.first_row - 1, max(floor, table.first_row - 9), -1):
        for c, cell in sorted(sheet.rows.get(r, {}).items()):
            if c > hi + 2 or cell.kind != "s" or len(cell.value) > 200:
                continue
            if (k := _unit_of(cell.value)) != 1 and c >= lo - 2:
                table.scale, table.scale_cell, table.scale_text = k, (r, c), " ".join(cell.value.split())
                return


#: ``4.01.01.2.01.06 Koordinasi ...``: a kode, then the name (a word that starts with a letter)
_KODE_AND_NAME = re.compile(r"^\s*([0-9Xx](?:[0-9Xx]|[.,][ ]?(?=[0-9Xx]))*\.?)\s*[-:\u2013]?\s+([^\W\d_].*)$", re.S)


def _kode_form(sheet: Sheet, table: Table) -> None:
    """How the table writes its kode: in parts over several columns under one merged ``Kode``
    header (``5 | 03 | 01 | 2.01 | 01``), or together with the name in one cell."""
    col = table.columns.get("kode")
    if col is None:
        return
    taken = set(table.columns.values()) | set(table.number_labels)
    for r in table.header_rows:
        for r1, c1, r2, c2 in sheet.merges:
            if r1 <= r <= r2 and c1 == col and c2 > col:
                if not any(c in taken for c in range(col + 1, c2 + 1)):
                    table.kode_parts = list(range(col, c2 + 1))
                return
    if "uraian" in table.columns and table.columns["uraian"] == col:
        table.kode_with_name = True  # one column headed "Kode dan Nama Program/Kegiatan"


def _own_kode(table: Table, row_cells: dict) -> dict | None:
    """The kode (and name) cells of a row whose kode is not one sheet cell (see _kode_form)."""
    if table.kode_parts:
        cells = [row_cells.get(c) for c in table.kode_parts]
        cells = [c for c in cells if c is not None and not c.is_blank]
        if not cells:
            return None
        bad = next((c for c in cells if c.is_error), None)
        if bad is not None:
            return {"kode": bad}
        return {"kode": Cell(join_parts(part_text(c.value, c.number_format) for c in cells), "s")}
    cell = row_cells.get(table.columns["kode"])
    if cell is None or cell.kind != "s":
        return None
    m = _KODE_AND_NAME.match(cell.value)
    if m is None or not looks_like_kode(m.group(1)):
        return None
    return {"kode": Cell(m.group(1), "s", None, cell.number_format),
            "uraian": Cell(m.group(2).strip(), "s", None, cell.number_format)}


_HEADER_WORDS = re.compile(r"\bkode\b|indikator|uraian|program|kegiatan", re.I)
#: a data cell, never a header: it starts with a kode rekening (``2.14.02 PROGRAM ...``)
_STARTS_WITH_KODE = re.compile(r"^\s*\d{1,4}(?:[.,]\d{1,4})+\b")


def _header_only(sheet: Sheet) -> list:
    """Tables without a column-number row: a header block (a row of 3+ texts and the rows its
    merged cells reach down into) whose texts a layout recognises; the bottom header row stands
    in for the number row and its slots are numbered 1, 2, 3, ... in order."""
    found = []
    skip_to = 0
    for r in sorted(sheet.rows):
        if r <= skip_to:
            continue
        cells = [(c, cell) for c, cell in sorted(sheet.rows[r].items()) if not cell.is_blank]
        if len(cells) < 3 or any(cell.kind != "s" for _, cell in cells):
            continue
        # headers are short texts without kode; a data row of an export (kode + long names) is not one
        if any(len(cell.value) > 150 or _STARTS_WITH_KODE.match(cell.value) for _, cell in cells):
            continue
        if not any(_HEADER_WORDS.search(cell.value) for _, cell in cells):
            continue
        c1 = cells[0][0]
        c2 = max(max(mc2 for r1, mc1, r2, mc2 in sheet.merges if r1 <= r <= r2 and mc1 <= c <= mc2)
                 if any(r1 <= r <= r2 and mc1 <= c <= mc2 for r1, mc1, r2, mc2 in sheet.merges) else c
                 for c, _ in cells)
        rows = [r]
        while len(rows) < 4 and _vertical_merge_into(sheet, rows[-1], c1, c2) or (
                len(rows) < 4 and _sub_header(sheet, rows[-1], c1, c2)):
            rows.append(rows[-1] + 1)
        bottom = rows[-1]
        labels, seen = [], set()
        for c in range(c1, c2 + 1):
            a = sheet.merge_anchor(bottom, c)
            cell = sheet.cell(*a)
            if a in seen or cell is None or cell.is_blank or (labels and normalise(cell.value) in _PARTNER_LABELS):
                continue
            seen.add(a)
            labels.append((c, str(len(labels) + 1)))
        if len(labels) < 4:
            continue
        slots = _slots(sheet, bottom, labels, rows)
        joined = " ".join(_header_text(sheet, rows, col) for col, _, _ in slots)
        layout = next((lay for lay in _layouts() if lay.recognises(joined)), None)
        if layout is None:
            continue
        found.append((bottom, rows, [], layout, joined, labels))
        skip_to = bottom
    return found


def _sub_header(sheet: Sheet, r: int, c1: int, c2: int) -> bool:
    """Whether row r+1 holds sub headers: only texts, each under a cell of row r merged across columns."""
    cells = [(c, cell) for c, cell in sheet.rows.get(r + 1, {}).items() if c1 <= c <= c2 and not cell.is_blank]
    if not cells or any(cell.kind != "s" for _, cell in cells):
        return False
    return all(any(r1 <= r <= r2 and mc1 <= c <= mc2 and mc2 > mc1 for r1, mc1, r2, mc2 in sheet.merges)
               for c, _ in cells)


def _is_title_row(sheet: Sheet, r: int, c1: int, c2: int) -> bool:
    """Blank within c1..c2, or a table title line (see :func:`_title_line`)."""
    cells = [(c, cell) for c, cell in sheet.rows.get(r, {}).items() if c1 <= c <= c2 and not cell.is_blank]
    return not cells or _title_line(sheet, r, cells)


def _title_line(sheet: Sheet, r: int, cells) -> bool:
    """One text cell merged across 3+ columns, or one text cell that names a table or an OPD."""
    if len(cells) != 1 or cells[0][1].kind != "s":
        return False
    c, cell = cells[0]
    if _TITLE_WORDS.match(cell.value):
        return True
    return any(r1 <= r <= r2 and mc1 <= c <= mc2 and mc2 - mc1 >= 2 for r1, mc1, r2, mc2 in sheet.merges)


def _titled(sheet: Sheet, number_row: int, c1: int, c2: int, floor: int) -> bool:
    """Whether a repeated header block has title lines of its own above it (blank rows between
    allowed): then it starts another table stacked on the sheet, not a page-break repetition."""
    header = _header_rows(sheet, number_row, c1, c2 + 1, floor)
    r = (header[0] if header else number_row) - 1
    titled = False
    while r > floor:
        cells = [(c, cell) for c, cell in sheet.rows.get(r, {}).items() if c1 <= c <= c2 and not cell.is_blank]
        if cells:
            if not _title_line(sheet, r, cells):
                break
            titled = True
        r -= 1
    return titled


def _layouts():
    return ALL_LAYOUTS


def _renja_hint_cell(sheet: Sheet) -> tuple[int, int] | None:
    """A header-like row (3+ cells, 2+ of them Renja column names) in the first 60 rows."""
    for r in sorted(sheet.rows)[:60]:
        cells = [(c, cell) for c, cell in sorted(sheet.rows[r].items()) if not cell.is_blank]
        if len(cells) < 3:
            continue
        hits = [c for c, cell in cells if cell.kind == "s" and len(cell.value) < 80 and _RENJA_HINT.search(cell.value)]
        if len(hits) >= 2:
            return r, cells[0][0]
    return None


def _row_sig(sheet: Sheet, r: int, columns: dict[str, int]) -> tuple:
    return tuple(normalise(sheet.value(r, c)) for c in sorted(columns.values()))


def _read_rows(table: Table, skip: set[int], header_sigs: set[tuple]) -> None:
    sheet = table.sheet
    cols = table.columns
    mapped = set(cols.values())
    span_lo = min(table.number_labels)
    span_hi = max(max(table.number_labels), max(mapped) if mapped else 0)
    has_kode = table.spec.has_kode if table.spec else True
    text_keys = [k for k in ("kode", "no", "uraian", "urusan") if k in cols]
    money_keys = {k for k in cols if table.column_spec(k) is not None and table.column_spec(k).money}
    col_items = sorted(cols.items(), key=lambda kv: kv[1])
    key_of = {c: k for k, c in col_items}
    # a row can only repeat the header if its kode/name cells hold header texts
    probe_keys = [k for k in ("kode", "uraian") if k in cols] or [k for k, _ in col_items[:2]]
    order = sorted(cols.values())
    probe_idx = [order.index(cols[k]) for k in probe_keys]
    probe_sets = [{sig[i] for sig in header_sigs} - {""} for i in probe_idx]
    probe_prefixes = [{t[:3] for t in ps} for ps in probe_sets]
    last_item: Row | None = None
    stack: list[Row] = []
    rows = sheet.rows
    split = bool(table.kode_parts) or table.kode_with_name
    kode_col = cols.get("kode")
    for r in range(table.number_row + 1, table.last_row + 1):
        row_cells = rows.get(r)
        if not row_cells or r in skip:
            continue
        values = {}  # logical key -> (column, cell), non-blank cells only
        for c, cell in row_cells.items():
            k = key_of.get(c)
            if k is not None and not cell.is_blank:
                values[k] = (c, cell)
        own = None
        if split:
            own = _own_kode(table, row_cells)
            if own is not None:
                values["kode"] = (kode_col, own["kode"])
                if "uraian" in own:
                    values["uraian"] = (kode_col, own["uraian"])
        if not values:
            if any(span_lo <= c <= span_hi and not cell.is_blank for c, cell in row_cells.items()):
                table.unplaced.append(r)
            continue
        if any(
            _prefix(values[k][1].value) in probe_prefixes[i] and normalise(values[k][1].value) in probe_sets[i]
            for i, k in enumerate(probe_keys) if k in values
        ) and _row_sig(sheet, r, cols) in header_sigs:
            table.repeated_headers.append(r)
            continue
        nonblank = values.keys()
        if any(values[k][1].kind == "s" and is_total_label(values[k][1].value)
               for k in text_keys if k in values) or (
            money_keys and nonblank <= money_keys and r > table.number_row + 1
        ):
            table.totals.append(Row(table, r, "total", row_cells))
            continue
        kode_cell = values["kode"][1] if "kode" in values else None
        kode_text = _cell_text(kode_cell)
        row: Row
        if kode_text and (WELL_FORMED_KODE.match(kode_text) or looks_like_kode(kode_text)
                          or is_legacy_kode(kode_text) or _kodeish(kode_text)):
            kode, probs = check_kode(kode_cell.value)
            row = Row(table, r, "item", row_cells, kode=kode, kode_problems=tuple(probs),
                      legacy="legacy" in probs, own=own)
        elif kode_cell is not None and kode_cell.is_error:
            row = Row(table, r, "item", row_cells, own=own)
        elif has_kode:
            context = nonblank & {"urusan", "tujuan", "sasaran", "indikator_tujuan"}
            if kode_text or "uraian" in nonblank or last_item is None or (context and "indikator" not in nonblank):
                row = Row(table, r, "label", row_cells)
                last_item = None
            else:
                row = Row(table, r, "continuation", row_cells, parent=last_item)
                _add(last_item, "continuations", row)
                table.rows.append(row)
                continue
        else:
            lead = "uraian" if "uraian" in cols else "indikator"
            if lead in nonblank or last_item is None:
                row = Row(table, r, "item", row_cells)
            else:
                row = Row(table, r, "continuation", row_cells, parent=last_item)
                _add(last_item, "continuations", row)
                table.rows.append(row)
                continue
        if row.kind == "item":
            last_item = row
            if row.kode is not None:
                while stack and stack[-1].kode.level >= row.kode.level:
                    stack.pop()
                row.above = stack[-1] if stack else None
                stack.append(row)
        table.rows.append(row)
    link_hierarchy(table)


def _add(row: Row, attr: str, other: Row) -> None:
    """Append to a row's ``children``/``continuations`` (an empty tuple until the first one)."""
    items = getattr(row, attr)
    if items:
        items.append(other)
    else:
        setattr(row, attr, [other])


#: segments of a kode at each level (urusan 1 .. sub kegiatan 6): a parent's text is a prefix
_SEGMENTS = {1: 1, 2: 2, 3: 3, 4: 5, 5: 6}


def link_hierarchy(table: Table) -> None:
    """Set ``parent`` and ``children`` of the table's items (see :class:`Row`)."""
    holders: dict[str, list[Row]] = {}  # well-formed kode text of a possible parent -> its rows
    coded = []
    for r in table.rows:
        if r.kind == "item" and r.kode is not None:
            coded.append(r)
            if not r.kode_problems and r.kode.level < 5:
                holders.setdefault(r.kode.text, []).append(r)
    for r in coded:
        parent = None
        if not r.kode_problems:
            segments = r.kode.segments
            for level in range(int(r.kode.level) - 1, 0, -1):
                found = holders.get(".".join(segments[:_SEGMENTS[level]]))
                if found:
                    parent = found[0] if len(found) == 1 or found[0].row > r.row else \
                        [h for h in found if h.row < r.row][-1]
                    break
        r.parent = parent or r.above
        if r.parent is not None:
            _add(r.parent, "children", r)


def _cell_text(cell) -> str | None:
    if cell is None or cell.kind == "e":
        return None
    raw = cell.value
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip() or None


def _prefix(raw) -> str:
    """Cheap first filter before normalise(): the first three characters, lower-cased."""
    return str(raw).lstrip()[:3].lower()


def _kodeish(text: str) -> bool:
    """Short text with digits in a kode cell is a (malformed) kode, not a name."""
    return len(text) <= 30 and sum(ch.isdigit() for ch in text) >= 2 and " " not in text.strip()
