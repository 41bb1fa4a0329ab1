"""The rule catalogue. ``ALL_RULES`` is the one registry: an explicit tuple, codes are contracts."""

from xl_renja.rules.capaian import DerivedColumn
from xl_renja.rules.cells import NumberAsText, TargetSatuan, UnknownSatuan
from xl_renja.rules.errors import ErrorValue
from xl_renja.rules.kode import KodeDuplicate, KodeFormat, KodeNomenklatur, KodeParent
from xl_renja.rules.required import RequiredCell
from xl_renja.rules.structure import UnreadableTable
from xl_renja.rules.totals import PaguMismatch, PaguRounding, TotalMismatch

ALL_RULES = (
    ErrorValue(),
    KodeFormat(),
    KodeParent(),
    KodeDuplicate(),
    KodeNomenklatur(),
    PaguMismatch(),
    PaguRounding(),
    TotalMismatch(),
    DerivedColumn(),
    NumberAsText(),
    TargetSatuan(),
    UnknownSatuan(),
    RequiredCell(),
    UnreadableTable(),
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
