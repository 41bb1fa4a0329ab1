"""xl_renja inside Excel with xlwings Lite (Excel on Windows, macOS and the web).

Paste this file into the xlwings Lite editor (main.py) and udfs/requirements.txt into its
requirements.txt; see README ("Di dalam Excel"). The worksheet functions and the two scripts are
thin wrappers: the logic lives in the xl_renja package (xl_renja.functions, xl_renja.validate,
xl_renja.excel). With classic xlwings on Windows the same functions are imported from
``renja_udfs.py`` ("Import Functions").
"""

import xlwings as xw
from xlwings import func, script

from xl_renja import functions as F
from xl_renja.excel import perbaiki_book_async, terapkan_book_async, terima_book_async, validate_book_async


@func
def RENJA_KODE_VALID(kode):
    """TRUE bila kode rekening (Permendagri 90/2019) benar; selain itu pesan KR01 yang menjelaskan salahnya."""
    return F.kode_valid(kode)


@func
def RENJA_KODE_LEVEL(kode):
    """Tingkat kode rekening: urusan, bidang, program, kegiatan atau sub kegiatan."""
    return F.kode_level(kode)


@func
def RENJA_KODE_INDUK(kode):
    """Kode induk satu tingkat di atasnya (4.01.01.2.01.0001 -> 4.01.01.2.01); kosong untuk urusan."""
    return F.kode_induk(kode)


@func
def RENJA_NAMA(kode, nomenklatur=None):
    """Nama resmi program/kegiatan/sub kegiatan; dari rentang ekspor SIPD yang ditempel bila diberikan, selain itu dari rujukan bawaan."""
    return F.nama(kode, nomenklatur)


@func
def RENJA_ANGKA(teks):
    """Teks angka Indonesia menjadi angka: 1.260.789.058 -> 1260789058; 66,67 -> 66,67."""
    return F.angka(teks)


@func
def RENJA_TARGET_NILAI(teks):
    """Angka dari teks target: "12 Bulan" -> 12."""
    return F.target_nilai(teks)


@func
def RENJA_TARGET_SATUAN(teks):
    """Satuan dari teks target: "12 Bulan" -> "Bulan"."""
    return F.target_satuan(teks)


@func
def RENJA_CAPAIAN(realisasi, target, polaritas=None):
    """Capaian (%) = realisasi / target x 100, rumus yang sama dengan CP01; polaritas "-" (atau "negatif") untuk indikator yang makin rendah makin baik."""
    return F.capaian(realisasi, target, polaritas)


@func
def RENJA_SELISIH_ANAK(kode_range, pagu_range, kode):
    """Pagu tertulis kode dikurangi jumlah pagu anak-anaknya (0 bila cocok), dari kolom kode dan kolom pagu."""
    return F.selisih_anak(kode_range, pagu_range, kode)


@script(button="[xl_renja_validate]Validasi!Q1")
async def validate(book: xw.Book):
    """Validasi: tandai semua temuan di sel-selnya dan tulis lembar Validasi."""
    await validate_book_async(book)


@script(button="[xl_renja_hapus]Validasi!Q3")
async def hapus_tanda(book: xw.Book):
    """Hapus Tanda: kembalikan warna dan catatan yang diubah Validasi."""
    await validate_book_async(book, clear=True)


@script(button="[xl_renja_perbaiki]Validasi!Q5")
async def perbaiki(book: xw.Book):
    """Perbaiki: tulis lembar Perbaikan berisi setiap perbaikan yang pasti (sebelum, sesudah, kode) dan yang tidak diperbaiki; sel lain tidak berubah."""
    await perbaiki_book_async(book)


@script(button="[xl_renja_terapkan]Perbaikan!J1")
async def terapkan_perbaikan(book: xw.Book):
    """Terapkan perbaikan: tulis baris lembar Perbaikan yang selnya belum berubah, lalu jalankan Validasi."""
    await terapkan_book_async(book)


@script(button="[xl_renja_terima]Validasi!Q7")
async def terima(book: xw.Book):
    """Terima: terima temuan di sel yang dipilih (ditambahkan ke lembar Pengecualian), lalu jalankan Validasi."""
    await terima_book_async(book)
