"""GitHub Actions workflow commands: one ``::error``/``::warning`` annotation per finding."""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def format_result(result, lang: str = "id", color: bool = False) -> str:
    lines = []
    for f in result.failures:
        lines.append(f"::error file={_prop(f.path)},title=xl_renja::{_escape(f.text(lang))}")
    for d in result.diagnostics:
        level = {"error": "error", "warning": "warning"}.get(d.severity.value, "notice")
        title = f"{d.code} {d.location}" if d.location else d.code
        lines.append(f"::{level} file={_prop(d.path)},title={_prop(title)}::{_escape(d.text(lang))}")
    lines.append(result.summary(lang))
    return "\n".join(lines) + "\n"
