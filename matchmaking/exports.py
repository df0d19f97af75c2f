"""Excel export of the bureau's event figures (openpyxl, write-only). Every text cell is written as text, never as
a formula: an event or organisation named "=HYPERLINK(…)" must not run in the bureau's spreadsheet."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from registration.exports import xlsx_response

MONEY_FORMAT = "#,##0.00"


def text_cell(sheet, value, *, bold: bool = False) -> WriteOnlyCell:
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    cell = WriteOnlyCell(sheet, value=text)
    # openpyxl marks a string that starts with "=" as a formula; force it back to a plain string.
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def number_cell(sheet, value) -> WriteOnlyCell:
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell
    return WriteOnlyCell(sheet, value=int(value))


def _figure_cells(sheet, figures, columns, money_column) -> list:
    return [number_cell(sheet, figures.get(key)) for key, _label in columns] + [
        number_cell(sheet, figures.get(money_column[0]))
    ]


def figures_workbook(report: dict, destination) -> None:
    columns, money = report["columns"], report["money_column"]
    header_labels = [str(label) for _key, label in columns] + [str(money[1])]
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("按活动"))
    sheet.freeze_panes = "A3"
    sheet.append(
        [
            text_cell(sheet, _("对接活动成效统计"), bold=True),
            text_cell(sheet, _("生成时间:%(at)s") % {"at": timezone.localtime().strftime("%Y-%m-%d %H:%M")}),
        ]
    )
    sheet.append([text_cell(sheet, h, bold=True) for h in [_("活动"), _("类型"), _("开始日期"), *header_labels]])
    for row in report["rows"]:
        event = row["event"]
        sheet.append(
            [
                text_cell(sheet, event.title),
                text_cell(sheet, event.get_kind_display()),
                text_cell(sheet, timezone.localtime(event.starts_at).strftime("%Y-%m-%d")),
                *_figure_cells(sheet, row["figures"], columns, money),
            ]
        )
    sheet.append(
        [
            text_cell(sheet, _("合计"), bold=True),
            text_cell(sheet, ""),
            text_cell(sheet, ""),
            *_figure_cells(sheet, report["total"], columns, money),
        ]
    )
    for key, title in (("year", _("按年度")), ("kind", _("按类型")), ("chain", _("按产业链"))):
        group_sheet = book.create_sheet(title)
        group_sheet.append([text_cell(group_sheet, h, bold=True) for h in [title, *header_labels]])
        for label, figures in report["groups"][key]:
            group_sheet.append([text_cell(group_sheet, label), *_figure_cells(group_sheet, figures, columns, money)])
    book.save(destination)


def figures_xlsx(report: dict):
    return xlsx_response(lambda f: figures_workbook(report, f), "event-figures.xlsx")
