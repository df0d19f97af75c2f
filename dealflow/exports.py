"""Excel export of the funnel. Every text cell is written as text, so a name like "=HYPERLINK(…)" stays text."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from . import selectors


def _text(ws, row: int, col: int, value) -> None:
    cell = ws.cell(row=row, column=col)
    cell.value = "" if value is None else str(value)
    # openpyxl would read a leading "=" as a formula; forcing the type keeps user text inert.
    cell.data_type = TYPE_STRING


def _number(ws, row: int, col: int, value) -> None:
    ws.cell(row=row, column=col, value=value)


def funnel_workbook(*, year: int) -> bytes:
    workbook = Workbook()
    first = True
    for dimension, label in selectors.DIMENSIONS.items():
        data = selectors.funnel(year=year, dimension=dimension)
        ws = workbook.active if first else workbook.create_sheet()
        first = False
        ws.title = str(label)[:31]
        headers = [str(label)] + [str(step_label) for _step, step_label in data["steps"]] + [_("技术交易额(元)")]
        for col, header in enumerate(headers, start=1):
            _text(ws, 1, col, header)
        for r, row in enumerate(data["rows"], start=2):
            _text(ws, r, 1, row["label"])
            for c, (step, _label) in enumerate(data["steps"], start=2):
                _number(ws, r, c, row["counts"][step])
            _number(ws, r, len(headers), float(row["amount"]))
    ws = workbook.create_sheet(_("婉拒原因"))
    for col, header in enumerate([_("原因"), _("机构"), _("数量")], start=1):
        _text(ws, 1, col, header)
    for r, row in enumerate(selectors.declines_by_reason(year=year, dimension="institution"), start=2):
        _text(ws, r, 1, row["reason"])
        _text(ws, r, 2, row["dimension"])
        _number(ws, r, 3, row["count"])
    ws = workbook.create_sheet(_("终止原因"))
    for col, header in enumerate([_("原因"), _("终止时阶段"), _("数量")], start=1):
        _text(ws, 1, col, header)
    for r, row in enumerate(selectors.lost_by_reason(year=year), start=2):
        _text(ws, r, 1, row["reason"])
        _text(ws, r, 2, row["stage"])
        _number(ws, r, 3, row["count"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
