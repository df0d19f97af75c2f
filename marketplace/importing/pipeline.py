"""Import pipeline: bulk import of institutions, enterprises, achievements and needs from JSON Lines, CSV or XLSX.

The pipeline is: read the file (per format) → ``Row`` dicts with their line number → validate every
row against the taxonomies and the database (no writes) → write through ``import_services`` in one
transaction (all-or-nothing), or row by row in savepoints with ``partial=True``.

Every message names the file, the row and the field in plain Chinese so a person can fix the file
without reading code. The accepted columns are documented in docs/import-format.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from common.errors import DomainError

from .checks import validate_rows
from .fields import Lookups
from .readers import read_rows
from .report import ImportResult, RowError
from .schema import KINDS, WRITE_ORDER, ImportFileError, ImportOptions
from .writers import _write, _write_error_messages


class _Rollback(Exception):
    """Raised inside the import transaction to undo it (a dry run, or a failure without --partial)."""


def import_file(
    path: str | Path, options: ImportOptions | None = None, *, echo: Callable[[str], None] | None = None
) -> ImportResult:
    """Import one file. Raises ImportFileError if the file itself is unusable; row errors are in the result."""
    options = options or ImportOptions()
    path = Path(path)
    result = ImportResult(filename=path.name, dry_run=options.dry_run)
    if options.kind and options.kind not in KINDS:
        raise ImportFileError(_("--kind 只能是 institution、enterprise、achievement 或 need。"))
    rows = read_rows(path, options.kind)
    lookups = Lookups()
    plans, errors, skipped = validate_rows(rows, options, lookups)
    failed_rows = {id(error.row): error.row for error in errors}
    result.failed_rows = len(failed_rows)
    for row in failed_rows.values():
        if row.kind in result.counts:
            result.counts[row.kind].failed += 1
    if options.kind:
        result.counts[options.kind].skipped = skipped
    errors.sort(key=lambda error: (error.row.sheet, error.row.line))
    result.errors = [error.render(path.name) for error in errors]

    if errors and not options.partial:
        result.rolled_back = True
        return result

    plans.sort(key=lambda plan: (WRITE_ORDER[plan.kind], plan.row.sheet, plan.row.line))
    try:
        with transaction.atomic():
            for plan in tqdm(
                plans,
                desc=_("导入 %(file)s") % {"file": path.name},
                unit=_("行"),
                disable=None if options.progress is None else not options.progress,
            ):
                try:
                    if options.partial:
                        with transaction.atomic():
                            outcome = _write(plan, options)
                    else:
                        outcome = _write(plan, options)
                except (ValidationError, DomainError) as error:
                    result.counts[plan.kind].failed += 1
                    for key, message in _write_error_messages(error):
                        result.errors.append(RowError(plan.row, key, message).render(path.name))
                    if not options.partial:
                        raise _Rollback from error
                    continue
                count = result.counts[plan.kind]
                setattr(count, outcome, getattr(count, outcome) + 1)
                result.suggestions += plan.suggestions
                for name in plan.unstated:
                    result.unstated[name] += 1
            if options.dry_run:
                raise _Rollback
    except _Rollback:
        result.rolled_back = True
    if result.rolled_back and not options.dry_run:
        for count in result.counts.values():
            count.created = count.updated = count.unchanged = 0
        result.suggestions = 0
        result.unstated.clear()
    return result
