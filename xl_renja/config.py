"""Settings from ``[tool.xl_renja]`` in a pyproject.toml or from an ``xl_renja.toml`` beside the files.

The first file found walking up from the first linted path (then the working directory) wins.
Command-line options override it.
"""

from __future__ import annotations

import os

KEYS = {"format", "select", "ignore", "strict", "exit_zero", "tolerance", "nomenklatur", "lang",
        "jobs", "executor", "scheduler"}


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
            except (OSError, tomllib.TOMLDecodeError):
                continue
            if section:
                for key in section:
                    data = data.get(key) if isinstance(data, dict) else None
                if data is None:
                    continue
            elif isinstance(data.get("xl_renja"), dict):
                data = data["xl_renja"]
            out = {k.replace("-", "_"): v for k, v in data.items() if k.replace("-", "_") in KEYS}
            if isinstance(out.get("select"), list):
                out["select"] = ",".join(out["select"])
            if isinstance(out.get("ignore"), list):
                out["ignore"] = ",".join(out["ignore"])
            if out.get("nomenklatur") and not os.path.isabs(out["nomenklatur"]):
                out["nomenklatur"] = os.path.join(os.path.dirname(path), out["nomenklatur"])
            return out
    return {}
