"""Excel exports of the registry's statistics and of the year's contract register (openpyxl, write-only).

Write-only mode streams rows to disk as they are appended, so a year with a hundred thousand
contracts never sits in memory as a worksheet. Numbers are written as numbers (money with two
decimals, percentages as percentages) so the bureau can keep calculating in Excel.

Every text cell is written as text, whatever it starts with: a contract named ``=HYPERLINK(...)``
must never become a live formula in the file registrars and staff open (formula injection). Header
rows are frozen, columns have widths, and codes (regions, countries, types, fields) have their names
in the next column.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal

from django.http import FileResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import choices, statistics
from .statistics import Breakdown, Row, YearStatistics

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "+0.0%;-0.0%;0.0%"
SHEET_TITLE_MAX = 31  # Excel's limit for sheet names


def _cell(sheet, value, *, number_format: str | None = None, bold: bool = False):
    if isinstance(value, str | Promise):
        return _text_cell(sheet, str(value), bold=bold)
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def _text_cell(sheet, text: str, *, bold: bool = False):
    # openpyxl reads a string starting with "=" as a formula; force the string type for every text cell.
    cell = WriteOnlyCell(sheet, value=None)
    cell._value = text
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _append(sheet, values) -> None:
    """Append a row; plain values go through _cell so text is always text."""
    sheet.append([v if isinstance(v, Cell) else _cell(sheet, v) for v in values])


def _layout(sheet, widths: list[int], *, header_rows: int) -> None:
    """Column widths and frozen header rows; write-only sheets take both before the first row."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_rows + 1}"


def _title_row(sheet, title: str, generated_at) -> None:
    stamp = timezone.localtime(generated_at).strftime("%Y-%m-%d %H:%M")
    _append(sheet, [_cell(sheet, title, bold=True), _cell(sheet, _("生成时间:%(at)s") % {"at": stamp})])


def _yoy_cell(sheet, change: Decimal | None):
    # A change is a fraction with a percent format; with no base there is nothing to compute, so "—".
    if change is None:
        return _cell(sheet, "—")
    return _cell(sheet, float(change / 100), number_format=PERCENT_FORMAT)


def _money_cell(sheet, amount: Decimal):
    return _cell(sheet, amount, number_format=MONEY_FORMAT)


BREAKDOWN_WIDTHS = [28, 14, 14, 12, 18, 18, 12, 18, 18, 14]


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
    _layout(overview, BREAKDOWN_WIDTHS, header_rows=2)
    _title_row(overview, _("%(y)s年技术合同认定登记统计") % {"y": stats.year}, stats.generated_at)
    _append(overview, [_cell(overview, h, bold=True) for h in breakdown_header(stats.year)])
    _append(overview, _row_cells(overview, stats.totals))
    _append(overview, [])
    progress = stats.commercialisation
    _append(overview, [_cell(overview, _("科技成果转化(项)"), bold=True)])
    _append(overview, [_("年度"), _("已转化成果"), _("年度目标"), _("完成比例"), _("上年")])
    _append(
        overview,
        [
            progress.year,
            progress.count,
            progress.target,
            _cell(overview, progress.percent / 100, number_format="0%"),
            progress.previous_count,
        ],
    )
    for breakdown in stats.breakdowns:
        _breakdown_sheet(book, breakdown, stats, used)
    book.save(destination)


def _breakdown_sheet(book: Workbook, breakdown: Breakdown, stats: YearStatistics, used: set[str]) -> None:
    sheet = book.create_sheet(_sheet_name(breakdown.title, used))
    _layout(sheet, BREAKDOWN_WIDTHS, header_rows=2)
    _title_row(sheet, f"{stats.year} · {breakdown.title}", stats.generated_at)
    _append(sheet, [_cell(sheet, h, bold=True) for h in breakdown_header(stats.year)])
    for row in breakdown.rows:
        _append(sheet, _row_cells(sheet, row))
    if breakdown.note:
        _append(sheet, [])
        _append(sheet, [_("注:%(note)s") % {"note": breakdown.note}])


REGISTER_COLUMNS = (
    # (header, width); a code column is followed by its name.
    (gettext_lazy("登记编号"), 20),
    (gettext_lazy("登记日期"), 12),
    (gettext_lazy("项目名称"), 40),
    (gettext_lazy("合同编号"), 18),
    (gettext_lazy("卖方"), 30),
    (gettext_lazy("卖方地区代码"), 12),
    (gettext_lazy("卖方所在地区"), 26),
    (gettext_lazy("买方"), 30),
    (gettext_lazy("买方地区代码"), 12),
    (gettext_lazy("买方所在地区"), 26),
    (gettext_lazy("买方国别代码"), 12),
    (gettext_lazy("买方国别"), 16),
    (gettext_lazy("合同类别代码"), 14),
    (gettext_lazy("合同类别"), 14),
    (gettext_lazy("合同子类代码"), 22),
    (gettext_lazy("合同子类"), 20),
    (gettext_lazy("技术入股"), 10),
    (gettext_lazy("成交额(元)"), 18),
    (gettext_lazy("技术交易额(元)"), 18),
    (gettext_lazy("技术领域代码"), 12),
    (gettext_lazy("技术领域"), 22),
    (gettext_lazy("状态"), 16),
)
REGISTER_HEADER = tuple(header for header, _width in REGISTER_COLUMNS)


def register_workbook(year: int, destination, *, generated_at=None) -> int:
    """Write the contract register for ``year`` (registered, amended and cancelled). Returns the row count."""
    from taxonomy.models import TechnicalField

    labels = statistics.label_maps()
    field_codes = dict(TechnicalField.objects.values_list("pk", "code"))
    regions = choices.region_paths()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_name(_("合同登记台账"), set()))
    _layout(sheet, [width for _header, width in REGISTER_COLUMNS], header_rows=2)
    _title_row(sheet, _("%(y)s年技术合同登记台账") % {"y": year}, generated_at or timezone.now())
    _append(sheet, [_cell(sheet, str(h), bold=True) for h in REGISTER_HEADER])
    amended = _("已登记(已变更)")
    count = 0
    for values in statistics.register_rows(year):
        type_code, sub_code = values["contract_type"], values["sub_type"]
        status = labels["status"].get(values["status"], values["status"])
        if values["status"] == "registered" and values["amended_at"] is not None:
            status = amended
        field_id = values["technical_field_id"]
        _append(
            sheet,
            [
                values["registration_number"],
                _cell(sheet, values["registered_on"], number_format="yyyy-mm-dd"),
                values["project_name"],
                values["contract_number"],
                values["seller_name"],
                values["seller_region"],
                regions.get(values["seller_region"], ""),
                values["buyer_name"],
                values["buyer_region"],
                regions.get(values["buyer_region"], ""),
                values["buyer_country"],
                choices.country_name(values["buyer_country"]),
                type_code,
                labels["types"].get(type_code, type_code),
                sub_code,
                labels["sub_types"].get((type_code, sub_code), sub_code),
                _("是") if values["is_equity_contribution"] else _("否"),
                _money_cell(sheet, values["effective_total_amount_cny"]),
                _money_cell(sheet, values["effective_technology_amount_cny"]),
                field_codes.get(field_id, ""),
                labels["fields"].get(field_id, ""),
                status,
            ],
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
