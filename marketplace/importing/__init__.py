"""Bulk import of listings (JSON Lines, CSV, XLSX): the package's public names, so callers import from here.

The modules follow the pipeline: ``schema`` (kinds, columns, row and option types) → ``readers`` (files into
rows) → ``fields`` and ``checks`` (validation, no writes) → ``writers`` (through ``import_services``) →
``pipeline`` (``import_file``: all-or-nothing, or row by row with ``partial=True``) → ``report`` (messages,
counts, summary table). The accepted columns are documented in docs/import-format.md.
"""

from .checks import Plan, validate_rows
from .fields import Lookups, RowChecker, description_to_html
from .pipeline import import_file
from .readers import decode_text, read_csv, read_jsonl, read_rows, read_xlsx
from .report import ImportResult, KindCount, RowError, format_table, summary_table
from .schema import (
    COLUMNS,
    KIND_ALIASES,
    KIND_LABELS,
    KINDS,
    SUFFIXES,
    WRITE_ORDER,
    ImportFileError,
    ImportOptions,
    Row,
)

__all__ = [
    "COLUMNS",
    "KINDS",
    "KIND_ALIASES",
    "KIND_LABELS",
    "SUFFIXES",
    "WRITE_ORDER",
    "ImportFileError",
    "ImportOptions",
    "ImportResult",
    "KindCount",
    "Lookups",
    "Plan",
    "Row",
    "RowChecker",
    "RowError",
    "decode_text",
    "description_to_html",
    "format_table",
    "import_file",
    "read_csv",
    "read_jsonl",
    "read_rows",
    "read_xlsx",
    "summary_table",
    "validate_rows",
]
