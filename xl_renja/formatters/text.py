"""One line per finding (``path:Sheet!K12: TT02 ...``) and a closing summary line."""

from __future__ import annotations

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: the word each line carries for its severity (Indonesian, English)
SEVERITY_WORDS = {"error": ("galat", "error"), "warning": ("peringatan", "warning"), "info": ("info", "info")}


def format_result(result, lang: str = "id", color: bool = False, failures: bool = True) -> str:
    """``path:Sheet!K12: TT02 peringatan: ...`` per finding, then the summary. ``failures``: list
    the files that could not be read (False when the caller prints them elsewhere, once)."""
    lines = []
    word = 1 if lang == "en" else 0
    for f in result.failures if failures else ():
        lines.append(f"{f.path}: {'ERROR' if lang == 'en' else 'GAGAL'} {f.text(lang)}")
    for d in result.diagnostics:
        loc = f"{d.path}:{d.location}" if d.location else d.path
        lines.append((loc, d.code, d.severity.value, f"{SEVERITY_WORDS[d.severity.value][word]}: {d.text(lang)}"))
    for a in result.accepted:
        d = a.diagnostic
        loc = f"{d.path}:{d.location}" if d.location else d.path
        label = "accepted" if lang == "en" else "diterima"
        why = f" ({a.acceptance.alasan})" if a.acceptance.alasan else ""
        lines.append((loc, d.code, "info", f"[{label}] {d.text(lang)}{why}"))
    summary = result.summary(lang)
    if not color:
        out = [ln if isinstance(ln, str) else f"{ln[0]}: {ln[1]} {ln[3]}" for ln in lines]
        return "\n".join(out + [summary]) + "\n"
    # rich renders colour the way each terminal supports it (Windows consoles included)
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    buf = StringIO()
    console = Console(file=buf, force_terminal=True, highlight=False, soft_wrap=True)
    for ln in lines:
        if isinstance(ln, str):
            console.print(Text(ln, style="bold red"))
            continue
        loc, code, sev, msg = ln
        t = Text()
        t.append(loc, style="bold")
        t.append(": ")
        t.append(code, style=_STYLE.get(sev, ""))
        t.append(" " + msg)
        console.print(t)
    console.print(Text(summary, style="bold"))
    return buf.getvalue()
