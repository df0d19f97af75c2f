"""Excel exports of the registry's statistics and of the year's contract register (openpyxl, write-only).

Write-only mode streams rows to disk as they are appended, so a year with a hundred thousand
contracts never sits in memory as a worksheet. Numbers are written as numbers (money with two
decimals, percentages as percentages) so the bureau can keep calculating in Excel.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from . import statistics
from .statistics import Breakdown, Row, YearStatistics

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "+0.0%;-0.0%;0.0%"
SHEET_TITLE_MAX = 31  # Excel's limit for sheet names


def _cell(sheet, value, *, number_format: str | None = None, bold: bool = False):
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def _title_row(sheet, title: str, generated_at) -> None:
    stamp = timezone.localtime(generated_at).strftime("%Y-%m-%d %H:%M")
    sheet.append([_cell(sheet, title, bold=True), _cell(sheet, _("生成时间:%(at)s") % {"at": stamp})])


def _yoy_cell(sheet, change: Decimal | None):
    # A change is a fraction with a percent format; with no base there is nothing to compute, so "—".
    if change is None:
        return _cell(sheet, "—")
    return _cell(sheet, float(change / 100), number_format=PERCENT_FORMAT)


def _money_cell(sheet, amount: Decimal):
    return _cell(sheet, amount, number_format=MONEY_FORMAT)


def breakdown_header(year: int) -> list[str]:
    previous = year - 1
    return [
        _("项目"),
        _("%(y)s年合同数(项)") % {"y": year},
        _("%(y)s年合同数(项)") % {"y": previous},
        _("合同数同比"),
        _("%(y)s年成交额(元)") % {"y": year},
        _("%(y)s年成交额(元)") % {"y": previous},
        _("成交额同比"),
        _("%(y)s年技术交易额(元)") % {"y": year},
        _("%(y)s年技术交易额(元)") % {"y": previous},
        _("技术交易额同比"),
    ]


def _row_cells(sheet, row: Row) -> list:
    label = ("  " + row.label) if row.indent else row.label
    return [
        _cell(sheet, label),
        _cell(sheet, row.count, number_format=COUNT_FORMAT),
        _cell(sheet, row.previous_count, number_format=COUNT_FORMAT),
        _yoy_cell(sheet, row.count_yoy),
        _money_cell(sheet, row.total),
        _money_cell(sheet, row.previous_total),
        _yoy_cell(sheet, row.total_yoy),
        _money_cell(sheet, row.technology),
        _money_cell(sheet, row.previous_technology),
        _yoy_cell(sheet, row.technology_yoy),
    ]


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel forbids []:*?/\ in sheet names and caps them at 31 characters.
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:SHEET_TITLE_MAX]
    base, n = name, 2
    while name in used:
        suffix = f"({n})"
        name = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def statistics_workbook(stats: YearStatistics, destination) -> None:
    """Write the statistics workbook: an overview sheet, then one sheet per breakdown."""
    book = Workbook(write_only=True)
    used: set[str] = set()
    overview = book.create_sheet(_sheet_name(_("概览"), used))
    _title_row(overview, _("%(y)s年技术合同认定登记统计") % {"y": stats.year}, stats.generated_at)
    overview.append([_cell(overview, h, bold=True) for h in breakdown_header(stats.year)])
    overview.append(_row_cells(overview, stats.totals))
    overview.append([])
    progress = stats.commercialisation
    overview.append([_cell(overview, _("科技成果转化(项)"), bold=True)])
    overview.append([_("年度"), _("已转化成果"), _("年度目标"), _("完成比例"), _("上年")])
    overview.append(
        [
            progress.year,
            progress.count,
            progress.target,
            _cell(overview, progress.percent / 100, number_format="0%"),
            progress.previous_count,
        ]
    )
    for breakdown in stats.breakdowns:
        _breakdown_sheet(book, breakdown, stats, used)
    book.save(destination)


def _breakdown_sheet(book: Workbook, breakdown: Breakdown, stats: YearStatistics, used: set[str]) -> None:
    sheet = book.create_sheet(_sheet_name(breakdown.title, used))
    _title_row(sheet, f"{stats.year} · {breakdown.title}", stats.generated_at)
    sheet.append([_cell(sheet, h, bold=True) for h in breakdown_header(stats.year)])
    for row in breakdown.rows:
        sheet.append(_row_cells(sheet, row))
    if breakdown.note:
        sheet.append([])
        sheet.append([_("注:%(note)s") % {"note": breakdown.note}])


REGISTER_HEADER = (
    gettext_lazy("登记编号"),
    gettext_lazy("登记日期"),
    gettext_lazy("项目名称"),
    gettext_lazy("合同编号"),
    gettext_lazy("卖方"),
    gettext_lazy("卖方所在地区"),
    gettext_lazy("买方"),
    gettext_lazy("买方所在地区"),
    gettext_lazy("买方国别"),
    gettext_lazy("合同类别"),
    gettext_lazy("合同子类"),
    gettext_lazy("技术入股"),
    gettext_lazy("成交额(元)"),
    gettext_lazy("技术交易额(元)"),
    gettext_lazy("技术领域"),
    gettext_lazy("状态"),
)


def register_workbook(year: int, destination, *, generated_at=None) -> int:
    """Write the contract register for ``year`` (registered, amended and cancelled). Returns the row count."""
    labels = statistics.label_maps()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_name(_("合同登记台账"), set()))
    _title_row(sheet, _("%(y)s年技术合同登记台账") % {"y": year}, generated_at or timezone.now())
    sheet.append([_cell(sheet, str(h), bold=True) for h in REGISTER_HEADER])
    amended = _("已登记(已变更)")
    count = 0
    for values in statistics.register_rows(year):
        type_code, sub_code = values["contract_type"], values["sub_type"]
        status = labels["status"].get(values["status"], values["status"])
        if values["status"] == "registered" and values["amended_at"] is not None:
            status = amended
        sheet.append(
            [
                values["registration_number"],
                _cell(sheet, values["registered_on"], number_format="yyyy-mm-dd"),
                values["project_name"],
                values["contract_number"],
                values["seller_name"],
                values["seller_region"],
                values["buyer_name"],
                values["buyer_region"],
                values["buyer_country"],
                labels["types"].get(type_code, type_code),
                labels["sub_types"].get((type_code, sub_code), sub_code),
                _("是") if values["is_equity_contribution"] else _("否"),
                _money_cell(sheet, values["effective_total_amount_cny"]),
                _money_cell(sheet, values["effective_technology_amount_cny"]),
                labels["fields"].get(values["technical_field_id"], ""),
                status,
            ]
        )
        count += 1
    book.save(destination)
    return count


def xlsx_response(write, filename: str) -> FileResponse:
    """Write a workbook into a temporary file and stream it back; the file goes when the response closes."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    write(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def statistics_response(year: int) -> FileResponse:
    stats = statistics.year_statistics(year)
    return xlsx_response(lambda f: statistics_workbook(stats, f), f"registration-statistics-{year}.xlsx")


def register_response(year: int) -> FileResponse:
    return xlsx_response(lambda f: register_workbook(year, f), f"registration-register-{year}.xlsx")
