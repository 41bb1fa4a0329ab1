"""TT02 pagu-pembulatan: a parent's pagu off its children's sum by a rounding difference."""

from __future__ import annotations

from xl_renja.diagnostics import Severity
from xl_renja.rules.tt01_pagu_induk import MESSAGES as TT01_MESSAGES
from xl_renja.rules.tt01_pagu_induk import PaguDifference

MESSAGES = dict(TT01_MESSAGES, summary=(
    "Selisih pagu induk dengan jumlah anaknya tidak lebih dari toleransi (pembulatan)",
    "Parent pagu differs from its children's sum by at most the tolerance (rounding)",
))

DOC_ID = """
TT02 pagu-pembulatan: pagu induk berbeda dari jumlah anaknya paling banyak sebesar toleransi.

Tabel buatan Excel membawa selisih Rp 1 dari pembulatan (pagu yang dibagi dengan persentase).
Selisih ini dilaporkan terpisah dari ketidaksesuaian sebenarnya, sebagai peringatan, agar auditor
dapat membedakan keduanya.
"""

#: the failing and the passing example, shown with both languages' documentation
EXAMPLES = """
Contoh salah::

    4.01.01.2.01     Perencanaan, Penganggaran, dan Evaluasi ...  1.260.789.058
    (tujuh sub kegiatan berjumlah 1.260.789.059)

Contoh benar::

    4.01.01.2.01     Perencanaan, Penganggaran, dan Evaluasi ...  1.260.789.059
"""


class PaguRounding(PaguDifference):
    """TT02 pagu-pembulatan: a parent's pagu differs from its children's sum by at most the tolerance.

    Excel-made tables carry Rp 1 differences from rounding (a pagu split by a percentage). They
    are reported apart from real mismatches, as warnings, so an auditor can tell the two apart.
    """

    code = "TT02"
    name = "pagu-pembulatan"
    severity = Severity.WARNING
    messages = MESSAGES
    doc_id = DOC_ID
    examples = EXAMPLES

    rounding = True
