"""Excel export of a chain's 关键技术问题清单 (openpyxl, write-only). Every text cell is written as text, never as a
formula: a title such as "=HYPERLINK(…)" typed by an enterprise must not run in the bureau's spreadsheet."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from registration.exports import xlsx_response

from . import selectors


def text_cell(sheet, value, *, bold: bool = False) -> WriteOnlyCell:
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    cell = WriteOnlyCell(sheet, value=text)
    # openpyxl marks a string that starts with "=" as a formula; force it back to a plain string.
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def number_cell(sheet, value: int) -> WriteOnlyCell:
    return WriteOnlyCell(sheet, value=int(value))


HEADER = (
    "序号",
    "产业链节点代码",
    "产业链节点",
    "问题名称",
    "问题描述",
    "共性问题",
    "来源需求数",
    "涉及企业数",
    "状态",
)


def problem_list_workbook(code: str, destination) -> int:
    chain = selectors.chain_get(code)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("关键技术问题清单"))
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    sheet.append(
        [
            text_cell(sheet, _("%(chain)s 关键技术问题清单") % {"chain": chain.name}, bold=True),
            text_cell(sheet, _("生成时间:%(at)s") % {"at": stamp}),
        ]
    )
    sheet.append([text_cell(sheet, _(h), bold=True) for h in HEADER])
    count = 0
    for index, problem in enumerate(selectors.problem_list(code), 1):
        sheet.append(
            [
                number_cell(sheet, index),
                text_cell(sheet, problem.node.code),
                text_cell(sheet, problem.node.name),
                text_cell(sheet, problem.title),
                text_cell(sheet, problem.description),
                text_cell(sheet, _("是") if problem.is_common else _("否")),
                number_cell(sheet, problem.need_count),
                number_cell(sheet, problem.enterprise_count),
                text_cell(sheet, problem.get_status_display()),
            ]
        )
        count += 1
    book.save(destination)
    return count


def problem_list_response(code: str):
    selectors.chain_get(code)  # 404 before any file is written
    return xlsx_response(lambda f: problem_list_workbook(code, f), f"key-problems-{code}.xlsx")
