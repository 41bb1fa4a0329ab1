"""Settings from ``[tool.xl_renja]`` in a pyproject.toml or from an ``xl_renja.toml`` beside the files.

The first file found walking up from the first linted path (then the working directory) wins.
Command-line options override it.
"""

from __future__ import annotations

import math
import os

from xl_renja.diagnostics import UsageError

KEYS = {"format", "select", "ignore", "strict", "exit_zero", "tolerance", "nomenklatur", "lang",
        "jobs", "executor", "scheduler", "narasi"}
_TEXT = {"format", "nomenklatur", "lang", "executor", "scheduler", "narasi"}
_CODES = {"select", "ignore"}
_FLAGS = {"strict", "exit_zero"}


def tolerance_value(raw, where: str = "--tolerance") -> float:
    """A rounding tolerance in rupiah: a finite number, not negative; else a usage error."""
    try:
        value = float(raw) if not isinstance(raw, bool) else math.nan
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value):
        raise UsageError(f"{where}: toleransi harus angka rupiah (mis. 1), bukan {raw!r}")
    if value < 0:
        raise UsageError(f"{where}: toleransi tidak boleh negatif")
    return value


def jobs_value(raw, where: str = "--jobs") -> int:
    """A number of parallel processes: a whole number, at least 1; else a usage error."""
    if isinstance(raw, bool):
        raw = None
    try:
        value = int(raw) if isinstance(raw, int) or (isinstance(raw, str) and raw.strip().isdigit()) else None
    except ValueError:
        value = None
    if value is None:
        raise UsageError(f"{where}: jumlah proses harus bilangan bulat (mis. 2), bukan {raw!r}")
    if value < 1:
        raise UsageError(f"{where} minimal 1")
    return value


def _checked(data: dict, path: str) -> dict:
    """The settings of one file with their types checked; an unknown key or a bad value is a
    usage error naming the file and the key."""
    name = os.path.basename(path)
    out = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        where = f"{name}: {raw_key}"
        if key not in KEYS:
            raise UsageError(f"{name}: pengaturan tidak dikenal: {raw_key} (yang dikenal: {', '.join(sorted(KEYS))})")
        if key == "tolerance":
            value = tolerance_value(value, where)
        elif key == "jobs":
            value = jobs_value(value, where)
        elif key in _FLAGS and not isinstance(value, bool):
            raise UsageError(f"{where} harus true atau false, bukan {value!r}")
        elif key in _TEXT and not isinstance(value, str):
            raise UsageError(f"{where} harus teks, bukan {value!r}")
        elif key in _CODES:
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = ",".join(value)
            elif not isinstance(value, str):
                raise UsageError(f"{where} harus daftar kode aturan, mis. [\"KR04\"], bukan {value!r}")
        out[key] = value
    return out


def _candidates(start: str):
    folder = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        yield os.path.join(folder, "xl_renja.toml"), None
        yield os.path.join(folder, "pyproject.toml"), ("tool", "xl_renja")
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def load_config(paths) -> dict:
    import tomllib

    starts = [paths[0]] if paths else []
    starts.append(os.getcwd())
    for start in starts:
        for path, section in _candidates(start):
            if not os.path.isfile(path):
                continue
            try:
                with open(path, "rb") as fh:
                    data = tomllib.load(fh)
            except OSError:
                continue
            except tomllib.TOMLDecodeError as exc:
                if section:
                    continue  # a pyproject.toml up the tree may belong to another project
                raise UsageError(f"{path} tidak dapat dibaca sebagai TOML: {exc}") from None
            if section:
                for key in section:
                    data = data.get(key) if isinstance(data, dict) else None
                if data is None:
                    continue
            elif isinstance(data.get("tool"), dict) and isinstance(data["tool"].get("xl_renja"), dict):
                data = data["tool"]["xl_renja"]  # written as in pyproject.toml
            elif isinstance(data.get("xl_renja"), dict):
                data = data["xl_renja"]
            if not isinstance(data, dict):
                raise UsageError(f"{path}: [tool.xl_renja] harus berupa tabel pengaturan")
            out = _checked(data, path)
            if out.get("nomenklatur") and not os.path.isabs(out["nomenklatur"]):
                out["nomenklatur"] = os.path.join(os.path.dirname(path), out["nomenklatur"])
            if out.get("narasi") and not os.path.isabs(out["narasi"]):
                out["narasi"] = os.path.join(os.path.dirname(path), out["narasi"])
            return out
    return {}
