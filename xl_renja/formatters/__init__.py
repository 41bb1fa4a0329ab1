"""Output formats. Each one turns a LintResult into text and does nothing else."""

from xl_renja.formatters import github, json_format, sarif, text

FORMATTERS = {
    "text": text.format_result,
    "json": json_format.format_result,
    "sarif": sarif.format_result,
    "github": github.format_result,
}
