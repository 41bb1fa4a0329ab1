"""xl_renja worksheet functions for classic xlwings on Windows ("Import Functions").

In the xlwings ribbon (or the ``xlwings.conf`` sheet) set ``UDF Modules`` to ``renja_udfs`` and
the folder of this file in ``PYTHONPATH``, then click "Import Functions". The functions are the
ones of ``main.py`` (xlwings Lite), where ``xlwings.func`` is the classic ``xw.func``. The
Validate/Hapus Tanda macros of classic xlwings are in ``workbooks/templates/renja_validasi.py``.
"""

from main import (  # noqa: F401 - re-exported for Import Functions
    RENJA_ANGKA,
    RENJA_CAPAIAN,
    RENJA_KODE_INDUK,
    RENJA_KODE_LEVEL,
    RENJA_KODE_VALID,
    RENJA_NAMA,
    RENJA_SELISIH_ANAK,
    RENJA_TARGET_NILAI,
    RENJA_TARGET_SATUAN,
)
