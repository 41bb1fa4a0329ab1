"""Build the BAB IV narrative of the example as a Word document, from the seed Renja text.

Usage::

    python workbooks/build_bab4.py [SEED_TXT] [--out FILE]

SEED_TXT defaults to ``../shared/seed/renja_setda_kota_serang_2022.txt`` (from the repository
root); FILE to ``workbooks/contoh/renja_setda_kota_serang_2022_bab4.docx``. Every non-empty line
from ``BAB IV`` up to ``BAB V`` becomes one paragraph, as the PDF extraction left it (including
its broken lines and its typos); ``**bold**`` becomes a bold run and a leading ``- `` list marker
is dropped. The document is written to a temporary file and renamed (atomic).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = REPO_ROOT / ".." / "shared" / "seed" / "renja_setda_kota_serang_2022.txt"
DEFAULT_OUT = REPO_ROOT / "workbooks" / "contoh" / "renja_setda_kota_serang_2022_bab4.docx"


def bab4_lines(seed: Path) -> list[tuple[int, str]]:
    """(seed line number, text) of every non-empty line of BAB IV (from its heading to BAB V)."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "BAB IV" and i > 300)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == "BAB V")
    out = []
    for i in range(start, end):
        text = lines[i].strip()
        if text:
            out.append((i + 1, re.sub(r"^-\s+", "", text)))
    return out


def build(seed: Path, out: Path) -> Path:
    import docx  # python-docx

    document = docx.Document()
    document.core_properties.title = "Renja Sekretariat Daerah Kota Serang 2022: BAB IV"
    for _lineno, text in bab4_lines(seed):
        if text.startswith("BAB ") or text.isupper():
            document.add_heading(text, level=1 if text.startswith("BAB ") else 2)
            continue
        paragraph = document.add_paragraph()
        for i, part in enumerate(re.split(r"\*\*", text)):
            if part:
                paragraph.add_run(part).bold = i % 2 == 1
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".bab4-", suffix=".docx", dir=out.parent)
    os.close(fd)
    try:
        document.save(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("seed", nargs="?", default=str(DEFAULT_SEED))
    p.add_argument("--out", default=str(DEFAULT_OUT))
    args = p.parse_args(argv)
    print(build(Path(args.seed), Path(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
