"""Workbooks for the writer tests, built with XlsxWriter: VBA, a form button, an image, a chart,
data validation, conditional formatting, notes, defined names, merged cells, cached formulas."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

import xlsxwriter


def tiny_png() -> bytes:
    """A 2x2 red PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def vba_project() -> bytes | None:
    """xl/vbaProject.bin of the .xlsm xlwings ships, or None."""
    try:
        import xlwings
    except ImportError:
        return None
    for xlsm in sorted(Path(xlwings.__file__).parent.glob("*.xlsm")):
        with zipfile.ZipFile(xlsm) as zf:
            if "xl/vbaProject.bin" in zf.namelist():
                return zf.read("xl/vbaProject.bin")
    return None


def build_rich(path: Path) -> Path:
    """The rich workbook (``.xlsm`` with VBA when ``path`` ends so)."""
    tmp = path.parent
    png = tmp / "merah.png"
    png.write_bytes(tiny_png())
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet("Data")
    money = wb.add_format({"num_format": "#,##0", "bold": True})
    ws.write_row(0, 0, ["Kode", "Pagu", "Ket"])
    for i, (kode, pagu) in enumerate([("1.01", 100), ("1.02", 200), ("1.03", 300)], start=1):
        ws.write_string(i, 0, kode)
        ws.write_number(i, 1, pagu, money)
        ws.write_string(i, 2, f"baris {i}")
    ws.write_formula("B5", "=SUM(B2:B4)", money, 600)
    ws.write_formula("C5", "=B5*2", None, 1200)
    ws.merge_range("A7:C7", "Judul gabungan")
    ws.data_validation("D2:D10", {"validate": "list", "source": ["Ya", "Tidak"]})
    ws.conditional_format("B2:B4", {"type": "cell", "criteria": ">", "value": 150,
                                    "format": wb.add_format({"bg_color": "#FFEB9C"})})
    ws.write_comment("A1", "Catatan asli")
    ws.insert_button("F2", {"macro": "say_hello", "caption": "Tombol"})
    ws.insert_image("F8", str(png))
    ws.write_url("A12", "internal:'Grafik'!A1", string="ke grafik")
    wb.define_name("Total", "=Data!$B$5")
    chart_sheet = wb.add_worksheet("Grafik")
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=Data!$B$2:$B$4", "categories": "=Data!$A$2:$A$4"})
    chart_sheet.insert_chart("B2", chart)
    chart_sheet.write("A1", "grafik")
    if path.suffix == ".xlsm":
        vba = vba_project()
        if vba is not None:
            bin_path = tmp / "vbaProject.bin"
            bin_path.write_bytes(vba)
            wb.add_vba_project(str(bin_path))
    wb.close()
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


_CELL = re.compile(r'<c r="([A-Z]+\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)


def cells_xml(sheet_xml: bytes | str) -> dict[str, str]:
    """{ref: the exact ``<c>`` element text} of a sheet part (default-namespace writers)."""
    text = sheet_xml.decode() if isinstance(sheet_xml, bytes) else sheet_xml
    return {m.group(1): m.group(0) for m in _CELL.finditer(text)}


def rezip(src: Path, dst: Path, changes: dict[str, bytes | None]) -> Path:
    """Copy a zip, replacing (bytes), removing (None) or adding members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            if name in changes:
                if changes[name] is not None:
                    zout.writestr(name, changes[name])
            else:
                zout.writestr(name, zin.read(name))
        for name, data in changes.items():
            if name not in zin.namelist() and data is not None:
                zout.writestr(name, data)
    return dst
