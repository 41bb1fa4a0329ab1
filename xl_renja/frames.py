"""Tables as pandas DataFrames, and the pandera schema of each official layout.

pandas and pandera are imported only inside these functions: ``python -m xl_renja lint`` never
loads them. :func:`schema` shares its checks with the rules (kode format like KR01, numbers stored
as text like VL01, required cells like RQ01), and every failure case maps back to its cell with
:func:`failure_cells`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xl_renja.diagnostics import qualified
from xl_renja.model import ERROR_VALUES, col_letter

if TYPE_CHECKING:
    import pandas as pd

    from xl_renja.layouts.base import Row, Table

#: columns every frame has before the layout's own
META_COLUMNS = ("kind", "kode", "level", "parent")


def _frame_class():
    import pandas as pd

    global _TableFrame
    if _TableFrame is None:

        class TableFrame(pd.DataFrame):
            """A DataFrame of one official table: index = sheet row, columns = layout keys."""

            _metadata = ["sheet", "table_id", "variant", "columns_at"]

            @property
            def _constructor(self):
                return TableFrame

            def cell(self, row: int, key: str) -> str:
                """``'Tabel 3.1'!K17``: the cell of logical column ``key`` on sheet row ``row``."""
                return cell(self, row, key)

        _TableFrame = TableFrame
    return _TableFrame


_TableFrame = None


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _value(row: "Row", key: str, numeric: bool) -> Any:
    v = row.get(key)
    if v is None or v.is_blank:
        return None
    if v.is_error:
        return v.raw
    if numeric:
        num = v.number() if v.cell.kind == "n" else None
        return num if num is not None else v.text
    raw = v.raw
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip() if isinstance(raw, str) else raw


def to_frame(table: "Table") -> "pd.DataFrame":
    """One row per table row (items, continuations, labels, totals), indexed by sheet row.

    Columns: ``kind`` (item/continuation/label/total), ``kode`` (the kode text as written),
    ``level`` (1 urusan .. 5 sub kegiatan), ``parent`` (the parent's kode, see ``Row.parent``), then
    every logical column of the layout (``pagu``, ``target_n1``, ...). Numeric columns hold floats
    (typed float64 when every value is a number); text written in them stays text, so the schema
    can report it. ``frame.cell(row, key)`` gives the cell reference of a value.
    """
    import pandas as pd

    rows = sorted(list(table.rows) + list(table.totals), key=lambda r: r.row)
    keys = [k for k, _c in sorted(table.columns.items(), key=lambda kv: kv[1])]
    numeric = {k for k in keys if (spec := table.column_spec(k)) is not None and (spec.numeric or spec.money)
               and (k == spec.key or spec.repeat)}
    data: dict[str, list] = {c: [] for c in META_COLUMNS}
    for k in keys:
        data.setdefault(k, [])
    for r in rows:
        owner = r.parent if r.kind == "continuation" else r
        data["kind"].append(r.kind)
        data["kode"].append(r.kode.text if r.kode is not None else r.text("kode") if "kode" in table.columns else None)
        data["level"].append(int(r.kode.level) if r.kode is not None else None)
        parent = owner.parent if r.kind != "continuation" else owner
        data["parent"].append(parent.kode_text if parent is not None else None)
        for k in keys:
            if k in META_COLUMNS:
                continue
            data[k].append(_value(r, k, k in numeric))
    frame = pd.DataFrame(data, index=pd.Index([r.row for r in rows], name="row"))
    frame["level"] = frame["level"].astype("Int64")
    for k in numeric:
        if frame[k].map(lambda v: v is None or _is_number(v)).all():
            frame[k] = pd.to_numeric(frame[k], errors="coerce").astype("float64")
    out = _frame_class()(frame)
    out.sheet, out.table_id, out.variant = table.sheet_name, table.id, table.variant
    out.columns_at = dict(table.columns)
    return out


def cell(frame: "pd.DataFrame", row: int, key: str) -> str:
    """The sheet-qualified cell (``'Tabel 3.1'!K17``) of column ``key`` on sheet row ``row``."""
    return qualified(frame.sheet, f"{col_letter(frame.columns_at[key])}{row}")


# ----------------------------------------------------------------------------- schema


def _kode_ok(v) -> bool:
    from xl_renja.kode import check_kode

    if v is None or (isinstance(v, str) and v in ERROR_VALUES):
        return True
    _kode, problems = check_kode(v)
    return not problems or problems == ["legacy"]


def _not_number_as_text(money: bool):
    """VL01's own test (:func:`xl_renja.rules.vl01_angka_teks.number_as_text`) as a pandera check."""
    from xl_renja.rules.vl01_angka_teks import number_as_text

    return lambda v: v in ERROR_VALUES or number_as_text(v, money) is None


def schema(layout_id: str, variant: str | None = None):
    """The pandera ``DataFrameSchema`` of a layout (and variant) for frames of :func:`to_frame`.

    Checks, named by the rule they share: ``KR01`` on ``kode`` (a well-formed kode rekening),
    ``VL01`` on every numeric column (no number stored as text), and ``RQ01:<key>`` for each cell
    the layout requires at a kode level. Use ``validate(frame, lazy=True)`` to collect every
    failure, and :func:`failure_cells` to turn them into cells.
    """
    import pandas as pd
    import pandera.pandas as pa

    from xl_renja.layouts import ALL_LAYOUTS

    layout = next((lay for lay in ALL_LAYOUTS if lay.id == layout_id), None)
    if layout is None:
        raise ValueError(f"unknown layout {layout_id!r}")
    chosen = next((v for v in layout.variants if v.name == (variant or layout.variants[0].name)), None)
    if chosen is None:
        raise ValueError(f"unknown variant {variant!r} of {layout_id}")
    columns = {
        "kind": pa.Column(str, pa.Check.isin(["item", "continuation", "label", "total"])),
        "kode": pa.Column(None, pa.Check(_kode_ok, element_wise=True, name="KR01"), nullable=True, required=False),
        "level": pa.Column("Int64", pa.Check.isin([1, 2, 3, 4, 5]), nullable=True),
        "parent": pa.Column(None, nullable=True),
    }
    for spec in chosen.columns:
        if spec.key in columns:
            continue
        checks = [pa.Check(_not_number_as_text(spec.money), element_wise=True, name="VL01")] if spec.numeric or spec.money else []
        columns[spec.key] = pa.Column(None, checks, nullable=True, required=False)
    frame_checks = []
    for key in sorted({k for keys in layout.required.values() for k in keys}):
        levels = sorted(lvl for lvl, keys in layout.required.items() if key in keys)

        def required(df, key=key, levels=levels):
            if key not in df.columns:
                return pd.Series(True, index=df.index)
            return ~((df["kind"] == "item") & df["level"].isin(levels).fillna(False) & df[key].isna())

        frame_checks.append(pa.Check(required, name=f"RQ01:{key}"))
    return pa.DataFrameSchema(columns, checks=frame_checks, name=f"{layout_id}/{chosen.name}", strict=False)


def failure_cells(frame: "pd.DataFrame", failure_cases: "pd.DataFrame") -> set[tuple[str, str]]:
    """``{(rule code, cell)}`` of pandera failure cases (``SchemaErrors.failure_cases``) on ``frame``."""
    out = set()
    for case in failure_cases.itertuples(index=False):
        check = str(case.check)
        if case.index is None or check in ("column_in_dataframe", "dtype") or check.startswith("dtype"):
            continue
        code, _, key = check.partition(":")
        key = key or case.column
        if key in getattr(frame, "columns_at", {}):
            out.add((code, cell(frame, int(case.index), key)))
    return out
