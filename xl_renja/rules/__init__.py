"""The rule catalogue. ``ALL_RULES`` is the one registry: an explicit tuple, codes are contracts.

One module per rule, named by its code and name (``TT01`` -> ``rules/tt01_pagu_induk.py``), holding
the rule class (its docstring is the English documentation) and its catalogue: ``MESSAGES``
(Indonesian and English texts) and ``DOC_ID`` (the Indonesian documentation).
"""

from xl_renja.rules.cp01_capaian_hitung import DerivedColumn
from xl_renja.rules.fx01_nilai_galat import ErrorValue
from xl_renja.rules.fx02_rumus_induk import ParentFormula
from xl_renja.rules.kr01_format_kode import KodeFormat
from xl_renja.rules.kr02_kode_induk import KodeParent
from xl_renja.rules.kr03_kode_ganda import KodeDuplicate
from xl_renja.rules.kr04_nomenklatur import KodeNomenklatur
from xl_renja.rules.rq01_sel_wajib import RequiredCell
from xl_renja.rules.st01_tabel_tak_terbaca import UnreadableTable
from xl_renja.rules.st02_tanpa_baris_nomor import NoNumberRow
from xl_renja.rules.st03_satuan_ribuan import MoneyUnit
from xl_renja.rules.tt01_pagu_induk import PaguMismatch
from xl_renja.rules.tt02_pagu_pembulatan import PaguRounding
from xl_renja.rules.tt03_total_tabel import TotalMismatch
from xl_renja.rules.tt04_pagu_antar_tabel import CrossTablePagu
from xl_renja.rules.tt05_catatan_selisih import CatatanSelisih
from xl_renja.rules.tt06_pagu_narasi import NarasiPagu
from xl_renja.rules.vl01_angka_teks import NumberAsText
from xl_renja.rules.vl02_target_satuan import TargetSatuan
from xl_renja.rules.vl03_satuan_tak_dikenal import UnknownSatuan

ALL_RULES = (
    ErrorValue(),
    ParentFormula(),
    KodeFormat(),
    KodeParent(),
    KodeDuplicate(),
    KodeNomenklatur(),
    PaguMismatch(),
    PaguRounding(),
    TotalMismatch(),
    CrossTablePagu(),
    CatatanSelisih(),
    NarasiPagu(),
    DerivedColumn(),
    NumberAsText(),
    TargetSatuan(),
    UnknownSatuan(),
    RequiredCell(),
    UnreadableTable(),
    NoNumberRow(),
    MoneyUnit(),
)

RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}


def select_rules(select=None, ignore=None):
    """Rules chosen by code prefixes; the longer matching prefix wins (flake8 style)."""

    def best(code, prefixes):
        return max((len(p) for p in prefixes if code.startswith(p)), default=-1)

    out = []
    for rule in ALL_RULES:
        sel = best(rule.code, select) if select else 0
        ign = best(rule.code, ignore) if ignore else -1
        if sel >= 0 and sel > ign:
            out.append(rule)
    return out
