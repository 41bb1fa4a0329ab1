"""Shared test fixtures (kept small): tables of an openpyxl workbook, the example as an Excel grid,
and udfs/main.py under xlwings Lite's Book API."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/builders.py
# xlwings' Book API on a book built from JSON (xw.Book(json=...), what xlwings Lite sends) needs a
# license key, read once when xlwings is first imported
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")


@pytest.fixture
def tables_of(tmp_path):
    """``tables_of(openpyxl_wb, name='t.xlsx') -> (tables, unreadable)`` via the fast reader."""
    from xl_renja import find_tables
    from xl_renja import read as read_workbook

    def run(wb, name="t.xlsx"):
        path = tmp_path / name
        wb.save(path)
        found = find_tables(read_workbook(path))
        return found, found.unreadable

    return run


@pytest.fixture(scope="module")
def contoh_grid():
    """The example's values as xlwings' ``Range.value`` hands them over (no formats, no merges)."""
    import xl_renja
    from tests.excel_book import CONTOH, grid_of

    return grid_of(xl_renja.read(CONTOH))


@pytest.fixture
def lite(monkeypatch):
    """udfs/main.py with xlwings' Lite-only reads (colours, note texts) answered from ``state``."""
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    from xlwings.pro import _xlremote

    state = {"colors": {}, "notes": {}}

    async def get_colors(self):
        from xl_renja.model import parse_ref

        a, _, b = self.address.replace("$", "").partition(":")
        (r1, c1), (r2, c2) = parse_ref(a), parse_ref(b or a)
        return [[state["colors"].get((self.sheet.name, r, c)) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    async def get_text(self):
        from xl_renja.model import parse_ref

        return state["notes"].get((self.range.sheet.name, *parse_ref(self.range.address.replace("$", ""))))

    monkeypatch.setattr(_xlremote.Range, "get_colors", get_colors)
    monkeypatch.setattr(_xlremote.Note, "get_text", get_text)
    sys.path.insert(0, str(ROOT / "udfs"))
    try:
        yield importlib.import_module("main"), state
    finally:
        sys.path.remove(str(ROOT / "udfs"))
