"""Shared test helpers (kept small): save an openpyxl workbook and read its tables."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

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
