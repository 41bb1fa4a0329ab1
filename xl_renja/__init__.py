"""xl_renja: read, lint and fill the official Renja tables kept in Excel workbooks."""

__version__ = "0.1.0"
