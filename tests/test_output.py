"""Output rules shared by every command that writes a workbook."""

from __future__ import annotations

import os
import shutil
import stat

import openpyxl
import pytest
from writer_fixtures import build_rich, parts, vba_project

from xl_renja.edits import Edit
from xl_renja.writer import OutputError, apply_edits, convert, default_output, prepare_output, write_atomic
from xl_renja.writer import recalc as recalc_mod

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def _book(path):
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["A1"] = 41
    wb.save(path)
    return path


def test_existing_output_needs_force(tmp_path):
    src = _book(tmp_path / "renja.xlsx")
    dst = tmp_path / "hasil.xlsx"
    dst.write_bytes(b"lama")
    with pytest.raises(OutputError) as err:
        prepare_output(src, dst)
    assert "sudah ada" in err.value.message and "--force" in err.value.message
    plan = prepare_output(src, dst, force=True)
    assert (plan.source, plan.output, plan.notice) == (src, dst, None)


def test_never_over_the_input_even_with_force(tmp_path):
    src = _book(tmp_path / "renja.xlsx")
    link = tmp_path / "tautan.xlsx"
    os.link(src, link)
    for dst in (src, tmp_path / "." / "renja.xlsx", link):
        with pytest.raises(OutputError, match="tidak boleh menimpa berkas masukan"):
            prepare_output(src, dst, force=True)


def test_output_keeps_the_input_type(tmp_path):
    xlsx = _book(tmp_path / "renja.xlsx")
    xlsm = tmp_path / "makro.xlsm"
    shutil.copyfile(xlsx, xlsm)
    with pytest.raises(OutputError, match=r"harus berekstensi \.xlsx"):
        prepare_output(xlsx, tmp_path / "hasil.xlsm")
    with pytest.raises(OutputError, match=r"harus berekstensi \.xlsm"):
        prepare_output(xlsm, tmp_path / "hasil.xlsx")
    with pytest.raises(OutputError, match="tidak dapat ditulis"):
        prepare_output(tmp_path / "data.csv", tmp_path / "hasil.csv")
    assert default_output(xlsm) == tmp_path / "makro_perbaikan.xlsm"
    assert default_output(tmp_path / "lama.xls") == tmp_path / "lama_perbaikan.xlsx"
    assert prepare_output(xlsm).output == tmp_path / "makro_perbaikan.xlsm"


def test_xlsm_keeps_its_vba(tmp_path):
    src = build_rich(tmp_path / "makro.xlsm")
    plan = prepare_output(src, tmp_path / "hasil.xlsm")
    apply_edits(plan.source, plan.output, [Edit("Data", "B2", 111)])
    before, after = parts(src), parts(plan.output)
    assert b"macroEnabled" in after["[Content_Types].xml"]
    if vba_project() is not None:
        assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    wb = openpyxl.load_workbook(plan.output, keep_vba=True)
    assert wb["Data"]["B2"].value == 111


def test_write_atomic_replaces_in_one_step_and_cleans_up(tmp_path):
    dst = tmp_path / "hasil.xlsx"
    dst.write_bytes(b"lama")

    def fail(tmp):
        tmp.write_bytes(b"setengah")
        raise RuntimeError("gagal")

    with pytest.raises(RuntimeError):
        write_atomic(dst, fail)
    assert dst.read_bytes() == b"lama" and os.listdir(tmp_path) == ["hasil.xlsx"]
    seen = []
    write_atomic(dst, lambda tmp: (seen.append(tmp.parent), tmp.write_bytes(b"baru")))
    assert dst.read_bytes() == b"baru" and seen == [tmp_path] and os.listdir(tmp_path) == ["hasil.xlsx"]
    assert stat.S_IMODE(dst.stat().st_mode) & 0o044  # not left private like a mkstemp file


def test_xls_or_ods_without_soffice_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(recalc_mod, "soffice", lambda: None)
    ods = tmp_path / "renja.ods"
    ods.write_bytes(b"PK")
    with pytest.raises(OutputError) as err:
        prepare_output(ods, tmp_path / "hasil.xlsx")
    assert "pasang LibreOffice" in err.value.message and "\n" not in err.value.message
    with pytest.raises(OutputError, match=r"berakhiran \.xlsx"):
        prepare_output(ods, tmp_path / "hasil.ods")


@needs_soffice
def test_xls_and_ods_are_converted_to_xlsx(tmp_path):
    src = _book(tmp_path / "renja.xlsx")
    ods = convert([src], "ods", tmp_path / "ods")[0]
    xls = convert([src], "xls", tmp_path / "xls")[0]
    for path in (ods, xls):
        plan = prepare_output(path, tmp_path / f"hasil_{path.suffix[1:]}.xlsx")
        try:
            assert plan.source.suffix == ".xlsx" and plan.source.exists()
            assert "LibreOffice" in plan.notice and path.name in plan.notice and "\n" not in plan.notice
            apply_edits(plan.source, plan.output, [Edit("Data", "A2", "tambahan")])
        finally:
            plan.cleanup()
        assert not plan.temp_dir.exists()
        ws = openpyxl.load_workbook(plan.output)["Data"]
        assert (ws["A1"].value, ws["A2"].value) == (41, "tambahan")
