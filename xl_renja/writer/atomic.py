"""Atomic writing: the one way every output file of xl_renja reaches the disk."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def write_atomic(dst, write: Callable[[Path], None]) -> Path:
    """Call ``write(temp_path)`` for a temporary file in ``dst``'s folder, then move it over
    ``dst`` in one step (``os.replace``); the temporary file is removed on failure."""
    dst = Path(dst)
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.stem}.", suffix=dst.suffix + ".tmp", dir=dst.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, dst)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return dst
