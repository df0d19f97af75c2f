"""Bulk import of institutions, enterprises, achievements and needs from JSON Lines, CSV or XLSX.

The pipeline is: read the file (per format) → ``Row`` dicts with their line number → validate every
row against the taxonomies and the database (no writes) → write through ``import_services`` in one
transaction (all-or-nothing), or row by row in savepoints with ``partial=True``.

Every message names the file, the row and the field in plain Chinese so a person can fix the file
without reading code. The accepted columns are documented in docs/import-format.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from accounts.models import Organisation
from accounts.validators import validate_credit_code
from common.errors import DomainError
from common.text import validate_no_html
from taxonomy.models import IndustryChainNode, IPType, Region, TechnicalField, TransferMode

from ..models import MAX_PRICE_CNY, AchievementIPRecord, AchievementPage, TechnologyNeed

KINDS = ("institution", "enterprise", "achievement", "need")
# Organisations first: achievements and needs in the same file refer to them by name.
WRITE_ORDER = {kind: position for position, kind in enumerate(KINDS)}
KIND_ALIASES = {
    "institution": "institution",
    "机构": "institution",
    "科研机构": "institution",
    "enterprise": "enterprise",
    "企业": "enterprise",
    "achievement": "achievement",
    "成果": "achievement",
    "科技成果": "achievement",
    "need": "need",
    "需求": "need",
    "技术需求": "need",
}
KIND_LABELS = {
    "institution": gettext_lazy("机构"),
    "enterprise": gettext_lazy("企业"),
    "achievement": gettext_lazy("科技成果"),
    "need": gettext_lazy("技术需求"),
}
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".xlsx": "xlsx"}
# In CSV/XLSX cells, lists (keywords, transfer modes, chains) are separated by any of these.
LIST_SEPARATORS = re.compile(r"[、,,;;|]")
INSTITUTION_TYPES = [kind for kind in Organisation.Kind.values if kind != Organisation.Kind.ENTERPRISE]
ALLOWED_DESCRIPTION_TAGS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "h3", "h4"}
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")

# Column names per kind with the Chinese words people see in messages and may use as CSV/XLSX headers.
ORGANISATION_COLUMNS = {
    "external_id": gettext_lazy("外部编号"),
    "name": gettext_lazy("名称"),
    "type": gettext_lazy("类型"),
    "short_name": gettext_lazy("简称"),
    "region": gettext_lazy("所在地区"),
    "credit_code": gettext_lazy("统一社会信用代码"),
    "description": gettext_lazy("简介"),
    "address": gettext_lazy("地址"),
    "website": gettext_lazy("网址"),
    "contact_name": gettext_lazy("联系人"),
    "contact_phone": gettext_lazy("联系电话"),
    "contact_email": gettext_lazy("联系邮箱"),
}
COLUMNS: dict[str, dict[str, Any]] = {
    "institution": ORGANISATION_COLUMNS,
    "enterprise": ORGANISATION_COLUMNS,
    "achievement": {
        "external_id": gettext_lazy("外部编号"),
        "title": gettext_lazy("成果名称"),
        "summary": gettext_lazy("成果简介"),
        "description": gettext_lazy("详细介绍"),
        "keywords": gettext_lazy("关键词"),
        "technical_field": gettext_lazy("技术领域"),
        "industry_chain": gettext_lazy("产业链"),
        "industry_chains": gettext_lazy("产业链(多个)"),
        "trl": gettext_lazy("技术就绪度"),
        "ip_type": gettext_lazy("知识产权类型"),
        "ip_number": gettext_lazy("知识产权编号"),
        "ip_status": gettext_lazy("知识产权状态"),
        "ip_records": gettext_lazy("知识产权明细"),
        "transfer_modes": gettext_lazy("转化方式"),
        "pricing": gettext_lazy("定价方式"),
        "price_cny": gettext_lazy("价格(元)"),
        "public_notice_start": gettext_lazy("公示开始日期"),
        "indicators": gettext_lazy("量化指标"),
        "institution": gettext_lazy("所属机构"),
        "contact_name": gettext_lazy("联系人"),
        "contact_phone": gettext_lazy("联系电话"),
        "contact_email": gettext_lazy("联系邮箱"),
        "valid_until": gettext_lazy("有效期至"),
    },
    "need": {
        "external_id": gettext_lazy("外部编号"),
        "title": gettext_lazy("需求名称"),
        "description": gettext_lazy("问题描述"),
        "problem": gettext_lazy("问题描述"),
        "technical_field": gettext_lazy("技术领域"),
        "industry_chain": gettext_lazy("产业链"),
        "budget_cny": gettext_lazy("预算(元)"),
        "budget_min_cny": gettext_lazy("预算下限(元)"),
        "budget_max_cny": gettext_lazy("预算上限(元)"),
        "enterprise": gettext_lazy("需求企业"),
        "keywords": gettext_lazy("关键词"),
        "deadline": gettext_lazy("截止日期"),
        "region": gettext_lazy("所在地区"),
        "cooperation_mode": gettext_lazy("意向合作方式"),
        "min_trl": gettext_lazy("期望最低技术就绪度"),
        "visibility": gettext_lazy("公开范围"),
        "indicators": gettext_lazy("目标指标"),
    },
}
GENERAL_LABELS = {"kind": gettext_lazy("记录类型")}
# Header cells may be the column key or its Chinese label; "类型" etc. are shared, so map per kind.
COMMON_HEADER_ALIASES = {"kind": "kind", "记录类型": "kind"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, unreadable, bad encoding, empty)."""


@dataclass
class Row:
    line: int
    data: dict[str, Any]
    kind: str = ""
    sheet: str = ""

    def where(self, filename: str) -> str:
        if self.sheet:
            return _("文件 %(file)s 工作表“%(sheet)s”第 %(line)s 行") % {
                "file": filename,
                "sheet": self.sheet,
                "line": self.line,
            }
        return _("文件 %(file)s 第 %(line)s 行") % {"file": filename, "line": self.line}


@dataclass
class RowError:
    row: Row
    field: str  # column key, "" for the row as a whole
    message: str

    def render(self, filename: str, kind: str = "") -> str:
        where = self.row.where(filename)
        if not self.field:
            return f"{where}:{self.message}"
        label = COLUMNS.get(kind or self.row.kind, {}).get(self.field, "") or GENERAL_LABELS.get(self.field, "")
        if label:
            return _("%(where)s,字段“%(label)s”(%(field)s):%(message)s") % {
                "where": where,
                "label": label,
                "field": self.field,
                "message": self.message,
            }
        return _("%(where)s,字段 %(field)s:%(message)s") % {
            "where": where,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class KindCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0


@dataclass
class ImportResult:
    filename: str
    counts: dict[str, KindCount] = field(default_factory=lambda: {kind: KindCount() for kind in KINDS})
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False
    rolled_back: bool = False

    failed_rows: int = 0

    @property
    def failed(self) -> int:
        return self.failed_rows or sum(count.failed for count in self.counts.values())

    @property
    def written(self) -> int:
        return sum(count.created + count.updated for count in self.counts.values())


@dataclass
class ImportOptions:
    kind: str = ""
    partial: bool = False
    draft: bool = False
    create_institutions: bool = False
    create_enterprises: bool = False
    dry_run: bool = False
    progress: bool | None = None  # None: only on a terminal


# --- reading ---------------------------------------------------------------------------------------


def decode_text(raw: bytes, filename: str) -> str:
    """UTF-8 (with or without BOM) first; else GB18030, the superset of GBK that Chinese Excel writes."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16 with a BOM
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("文件 %(file)s 的编码无法识别(第 %(byte)s 字节附近):请另存为 UTF-8 或 GBK 编码后重试。")
            % {"file": filename, "byte": error.start + 1}
        ) from error


def _header_map(kind: str) -> dict[str, str]:
    mapping = dict(COMMON_HEADER_ALIASES)
    kinds = [kind] if kind else list(KINDS)
    for each in kinds:
        for key, label in COLUMNS[each].items():
            mapping.setdefault(key, key)
            mapping.setdefault(str(label), key)
    return mapping


def _normalise_header(cell: Any, mapping: dict[str, str]) -> str:
    text = str(cell or "").strip().lstrip("\ufeff")
    return mapping.get(text, mapping.get(text.lower(), text))


def read_jsonl(text: str) -> Iterable[Row]:
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield Row(line_number, {"__error__": _("不是有效的 JSON(第 %(col)s 列附近)。") % {"col": error.colno}})
            continue
        if not isinstance(value, dict):
            yield Row(line_number, {"__error__": _("每一行应是一个 JSON 对象({...})。")})
            continue
        yield Row(line_number, value)


def read_csv(text: str, kind: str) -> Iterable[Row]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    mapping = _header_map(kind)
    header: list[str] | None = None
    for cells in reader:
        if header is None:
            if not any(cell.strip() for cell in cells):
                continue
            header = [_normalise_header(cell, mapping) for cell in cells]
            continue
        if not any(cell.strip() for cell in cells):
            continue
        yield Row(reader.line_num, _cells_to_dict(header, cells))


def _cells_to_dict(header: list[str], cells: list[Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in zip(header, cells, strict=False):
        if not key:
            continue
        data[key] = value
    if len(cells) > len(header) and any(str(c or "").strip() for c in cells[len(header) :]):
        data["__error__"] = _("这一行的单元格比表头多,请检查是否有多余的分隔符。")
    return data


def read_xlsx(path: Path, kind: str) -> Iterable[Row]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise ImportFileError(
            _("文件 %(file)s 不是有效的 Excel(.xlsx)文件,无法打开。") % {"file": path.name}
        ) from error
    try:
        # A workbook may carry one sheet per kind, named like the kind (成果, 需求, achievement …).
        named = [(sheet, KIND_ALIASES.get(sheet.title.strip().lower())) for sheet in workbook.worksheets]
        sheets = [(sheet, sheet_kind) for sheet, sheet_kind in named if sheet_kind]
        if not sheets:
            sheets = [(workbook.worksheets[0], "")]
        for sheet, sheet_kind in sheets:
            mapping = _header_map(sheet_kind or kind)
            header: list[str] | None = None
            for row_number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                if not any(cell is not None and str(cell).strip() for cell in cells):
                    continue
                if header is None:
                    header = [_normalise_header(cell, mapping) for cell in cells]
                    continue
                data = _cells_to_dict(header, list(cells))
                yield Row(row_number, data, kind=sheet_kind, sheet=sheet.title)
    finally:
        workbook.close()


def read_rows(path: Path, kind: str = "") -> list[Row]:
    """Read the whole file into rows; raise ImportFileError for anything wrong with the file itself."""
    filename = path.name
    file_format = SUFFIXES.get(path.suffix.lower())
    if file_format is None:
        hint = _("Excel 97-2003(.xls)请另存为 .xlsx。") if path.suffix.lower() == ".xls" else ""
        raise ImportFileError(
            _("不支持的文件类型“%(suffix)s”(文件 %(file)s):只接受 .jsonl、.csv 或 .xlsx。%(hint)s")
            % {"suffix": path.suffix or _("无扩展名"), "file": filename, "hint": hint}
        )
    if not path.exists():
        raise ImportFileError(_("找不到文件 %(path)s。") % {"path": path})
    if path.is_dir():
        raise ImportFileError(_("%(path)s 是一个目录,不是文件。") % {"path": path})
    try:
        if file_format == "xlsx":
            rows = list(read_xlsx(path, kind))
        else:
            raw = path.read_bytes()
            text = decode_text(raw, filename)
            rows = list(read_jsonl(text)) if file_format == "jsonl" else list(read_csv(text, kind))
    except PermissionError as error:
        raise ImportFileError(_("没有权限读取文件 %(file)s。") % {"file": filename}) from error
    except OSError as error:
        raise ImportFileError(
            _("无法读取文件 %(file)s:%(reason)s") % {"file": filename, "reason": error.strerror or error}
        ) from error
    if not rows:
        raise ImportFileError(_("文件 %(file)s 是空的:没有找到任何数据行。") % {"file": filename})
    return rows


# --- validation ------------------------------------------------------------------------------------


class Lookups:
    """Taxonomy terms and existing organisations, loaded once per import (codes or Chinese names)."""

    def __init__(self) -> None:
        self.fields = self._coded(TechnicalField.objects.all())
        self.ip_types = self._coded(IPType.objects.all())
        self.modes = self._coded(TransferMode.objects.all())
        self.chains = {node.code: node for node in IndustryChainNode.objects.all()}
        self.regions = {region.code: region for region in Region.objects.all()}
        for region in list(self.regions.values()):
            self.regions.setdefault(region.name, region)
        self.organisations = {}
        for organisation in Organisation.objects.all():
            for key in (organisation.name, organisation.short_name, organisation.external_id):
                if key:
                    self.organisations.setdefault(key, organisation)

    @staticmethod
    def _coded(queryset) -> dict[str, Any]:
        terms: dict[str, Any] = {}
        for term in queryset:
            terms[term.code] = term
            terms.setdefault(term.name, term)
        return terms


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


class RowChecker:
    """Reads one row's fields, converting types and collecting one message per bad field."""

    def __init__(self, row: Row, lookups: Lookups, model=None):
        self.row = row
        self.data = row.data
        self.lookups = lookups
        self.model = model
        self.errors: list[RowError] = []

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.row, key, message))

    def raw(self, key: str) -> Any:
        value = self.data.get(key)
        return None if _is_blank(value) else value

    def _max_length(self, key: str, model_field: str | None) -> int | None:
        if self.model is None:
            return None
        try:
            return self.model._meta.get_field(model_field or key).max_length
        except FieldDoesNotExist:  # a column with no model field simply has no length limit
            return None

    def text(
        self,
        key: str,
        *,
        required: bool = False,
        plain: bool = True,
        max_length: int | None = None,
        model_field: str | None = None,
    ) -> str:
        value = self.raw(key)
        if value is None:
            if required:
                self.error(key, _("必填,不能为空。"))
            return ""
        if isinstance(value, dict | list):
            self.error(key, _("应为文字,不能是列表或对象。"))
            return ""
        text = str(value).strip()
        if plain:
            try:
                validate_no_html(text)
            except ValidationError:
                self.error(key, _("只能填写纯文本,不能包含 HTML 标签。"))
                return ""
        limit = max_length or self._max_length(key, model_field)
        if limit and len(text) > limit:
            self.error(
                key, _("太长:最多 %(limit)s 个字,实际 %(length)s 个字。") % {"limit": limit, "length": len(text)}
            )
            return ""
        return text

    def integer(self, key: str, *, low: int, high: int, required: bool = False) -> int | None:
        value = self.raw(key)
        if value is None:
            if required:
                self.error(key, _("必填,不能为空。"))
            return None
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*\d+(\.0+)?\s*", value):
            number = int(float(value))
        if number is None or not low <= number <= high:
            self.error(
                key,
                _("应为 %(low)s 到 %(high)s 之间的整数,实际为“%(value)s”。")
                % {"low": low, "high": high, "value": _shown(value)},
            )
            return None
        return number

    def money(self, key: str) -> Decimal | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, bool | dict | list):
            self.error(key, _("应为金额数字(元),实际为“%(value)s”。") % {"value": _shown(value)})
            return None
        text = str(value).strip().replace(",", "").replace(",", "").replace("¥", "").replace("￥", "")
        multiplier = Decimal(1)
        text = text.removesuffix("元")
        if text.endswith("万"):
            multiplier, text = Decimal(10000), text[:-1]
        elif text.endswith("亿"):
            multiplier, text = Decimal(100000000), text[:-1]
        try:
            amount = Decimal(text) * multiplier
        except InvalidOperation:
            self.error(key, _("应为金额数字(元),实际为“%(value)s”。") % {"value": _shown(value)})
            return None
        if not amount.is_finite():
            self.error(key, _("应为金额数字(元),实际为“%(value)s”。") % {"value": _shown(value)})
            return None
        if amount < 0:
            self.error(key, _("金额不能为负数(实际为 %(value)s)。") % {"value": _shown(value)})
            return None
        if amount > MAX_PRICE_CNY:
            self.error(
                key,
                _("金额 %(value)s 元超过上限 %(max)s 元,疑似填写错误(请以元为单位)。")
                % {"value": f"{amount:,.2f}", "max": f"{MAX_PRICE_CNY:,.0f}"},
            )
            return None
        return amount.quantize(Decimal("0.01"))

    def date(self, key: str) -> dt.date | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip().replace("/", "-").replace(".", "-")
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(
            r"(\d{4})年(\d{1,2})月(\d{1,2})日", text
        )
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
        self.error(key, _("日期格式应为 YYYY-MM-DD(如 2027-12-31),实际为“%(value)s”。") % {"value": _shown(value)})
        return None

    def strings(self, key: str, *, max_length: int = 100) -> list[str]:
        """A list: a JSON array, or one cell separated by 、 , ; or |."""
        value = self.raw(key)
        if value is None:
            return []
        if isinstance(value, list):
            items = value
        elif isinstance(value, str):
            items = LIST_SEPARATORS.split(value)
        else:
            items = [value]
        result = []
        for item in items:
            if isinstance(item, dict | list):
                self.error(key, _("列表中的每一项应为文字。"))
                return []
            text = str(item).strip()
            if not text:
                continue
            try:
                validate_no_html(text)
            except ValidationError:
                self.error(key, _("只能填写纯文本,不能包含 HTML 标签。"))
                return []
            if len(text) > max_length:
                self.error(
                    key, _("“%(item)s”太长:每项最多 %(limit)s 个字。") % {"item": _shown(text), "limit": max_length}
                )
                return []
            if text not in result:
                result.append(text)
        return result

    def term(self, key: str, terms: dict[str, Any], *, required: bool = False, what: str = "") -> Any:
        value = self.raw(key)
        if value is None:
            if required:
                self.error(key, _("必填,不能为空。"))
            return None
        text = str(value).strip()
        found = terms.get(text) or terms.get(text.lower()) or terms.get(text.upper())
        if found is None:
            self.error(key, self._unknown(text, terms, what))
        return found

    def terms(self, key: str, terms: dict[str, Any], *, what: str = "") -> list[Any]:
        found = []
        for text in self.strings(key, max_length=200):
            term = terms.get(text) or terms.get(text.lower()) or terms.get(text.upper())
            if term is None:
                self.error(key, self._unknown(text, terms, what))
                return []
            if term not in found:
                found.append(term)
        return found

    @staticmethod
    def _unknown(text: str, terms: dict[str, Any], what: str) -> str:
        codes = sorted({getattr(t, "code", "") for t in terms.values() if getattr(t, "code", "")})
        if len(codes) <= 12:
            return _("“%(value)s”不是有效的%(what)s,可选值:%(codes)s。") % {
                "value": _shown(text),
                "what": what,
                "codes": "、".join(codes),
            }
        return _("“%(value)s”不是有效的%(what)s代码,请查阅 docs/import-format.md 中的代码表。") % {
            "value": _shown(text),
            "what": what,
        }

    def choice(self, key: str, choices: dict[str, str], *, default: str = "", what: str = "") -> str:
        """An enumeration given by its code or its Chinese label."""
        value = self.raw(key)
        if value is None:
            return default
        text = str(value).strip()
        by_label = {str(label): code for code, label in choices.items()}
        if text in choices or text.lower() in choices:
            return text if text in choices else text.lower()
        if text in by_label:
            return by_label[text]
        self.error(
            key,
            _("“%(value)s”不是有效的%(what)s,可选值:%(codes)s。")
            % {
                "value": _shown(text),
                "what": what,
                "codes": "、".join(f"{c}({label})" for c, label in choices.items()),
            },
        )
        return default

    def records(self, key: str, allowed: set[str]) -> list[dict[str, Any]]:
        """A list of objects: a JSON array in JSON Lines, or a JSON array written in one cell."""
        value = self.raw(key)
        if value is None:
            return []
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                self.error(key, _('应为 JSON 数组,如 [{"name": "…"}],无法解析。'))
                return []
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.error(key, _("应为对象的列表(JSON 数组)。"))
            return []
        return [{k: v for k, v in item.items() if k in allowed} for item in value]

    def url(self, key: str) -> str:
        text = self.text(key, max_length=200)
        if text:
            try:
                URLValidator()(text)
            except ValidationError:
                self.error(
                    key, _("“%(value)s”不是有效的网址(应以 http:// 或 https:// 开头)。") % {"value": _shown(text)}
                )
                return ""
        return text

    def email(self, key: str) -> str:
        text = self.text(key, max_length=254)
        if text:
            try:
                validate_email(text)
            except ValidationError:
                self.error(key, _("“%(value)s”不是有效的电子邮箱地址。") % {"value": _shown(text)})
                return ""
        return text


def description_to_html(text: str) -> str:
    """Plain text becomes paragraphs; simple HTML (p, br, b, i, lists) is kept as written."""
    from django.utils.html import escape

    if _TAG.search(text):
        return text
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n|\n", text) if part.strip()]
    return "".join(f"<p>{escape(part)}</p>" for part in paragraphs)


def _check_description(checker: RowChecker, key: str) -> str:
    text = checker.text(key, plain=False, max_length=20000)
    for closing, tag, attributes in _TAG.findall(text):
        if tag.lower() not in ALLOWED_DESCRIPTION_TAGS:
            checker.error(
                key,
                _("不允许使用 HTML 标签 <%(tag)s>;只能用 p、br、b、strong、i、em、ul、ol、li、h3、h4。") % {"tag": tag},
            )
            return ""
        if attributes.strip() and not closing:
            checker.error(
                key,
                _("HTML 标签不能带属性(如 style、onclick):<%(tag)s%(attrs)s>。") % {"tag": tag, "attrs": attributes},
            )
            return ""
    return description_to_html(text) if text else ""


@dataclass
class Plan:
    """A validated row, ready to write."""

    row: Row
    kind: str
    values: dict[str, Any]


def _check_organisation(checker: RowChecker, kind: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "external_id": checker.text("external_id", max_length=100),
        "name": checker.text("name", required=True, model_field="name"),
        "short_name": checker.text("short_name", model_field="short_name"),
        "description": checker.text("description", max_length=5000),
        "address": checker.text("address", model_field="address"),
        "website": checker.url("website"),
        "contact_name": checker.text("contact_name", model_field="contact_name"),
        "contact_phone": checker.text("contact_phone", model_field="contact_phone"),
        "contact_email": checker.email("contact_email"),
        "region": checker.term("region", checker.lookups.regions, what=_("行政区划代码")),
    }
    if kind == "institution":
        choices = {code: label for code, label in Organisation.Kind.choices if code in INSTITUTION_TYPES}
        values["kind"] = checker.choice(
            "type", choices, default=Organisation.Kind.RESEARCH_INSTITUTE, what=_("机构类型")
        )
    else:
        values["kind"] = checker.choice(
            "type",
            {Organisation.Kind.ENTERPRISE: Organisation.Kind.ENTERPRISE.label},
            default="enterprise",
            what=_("企业类型"),
        )
    credit_code = checker.text("credit_code", max_length=40)
    if credit_code:
        credit_code = credit_code.upper()
        try:
            validate_credit_code(credit_code)
        except ValidationError as error:
            checker.error("credit_code", " ".join(error.messages))
            credit_code = ""
    values["credit_code"] = credit_code or None
    return values


def _check_achievement(checker: RowChecker, options: ImportOptions) -> dict[str, Any]:
    lookups = checker.lookups
    values: dict[str, Any] = {
        "external_id": checker.text("external_id", required=True, max_length=100),
        "title": checker.text("title", required=True, model_field="title"),
        "summary": checker.text("summary", required=True, max_length=1000),
        "description": _check_description(checker, "description"),
        "keywords": checker.strings("keywords"),
        "technical_field": checker.term("technical_field", lookups.fields, required=True, what=_("技术领域")),
        "trl": checker.integer("trl", low=1, high=9, required=True),
        "transfer_modes": checker.terms("transfer_modes", lookups.modes, what=_("转化方式")),
        "price_cny": checker.money("price_cny"),
        "public_notice_start": checker.date("public_notice_start"),
        "contact_name": checker.text("contact_name", model_field="contact_name"),
        "contact_phone": checker.text("contact_phone", model_field="contact_phone"),
        "contact_email": checker.email("contact_email"),
        "valid_until": checker.date("valid_until"),
        "institution": checker.text("institution", required=True, max_length=200),
    }
    chains = checker.terms("industry_chain", lookups.chains, what=_("产业链")) + checker.terms(
        "industry_chains", lookups.chains, what=_("产业链")
    )
    values["industry_chains"] = list(dict.fromkeys(chains))
    if values["price_cny"] == 0:
        values["price_cny"] = None  # 0 means "no price": the listing shows 面议
    default_pricing = AchievementPage.Pricing.ASKING if values["price_cny"] else AchievementPage.Pricing.NEGOTIABLE
    values["pricing"] = checker.choice(
        "pricing", dict(AchievementPage.Pricing.choices), default=default_pricing, what=_("定价方式")
    )
    if (
        values["pricing"] == AchievementPage.Pricing.ASKING
        and values["price_cny"] is None
        and "price_cny" not in {e.field for e in checker.errors}
    ):
        checker.error("price_cny", _("定价方式为“标价”时必须填写价格。"))
    if values["pricing"] == AchievementPage.Pricing.NEGOTIATED_NOTICE and values["public_notice_start"] is None:
        checker.error("public_notice_start", _("定价方式为“协议定价(公示)”时必须填写公示开始日期。"))
    values["indicators"] = _check_indicators(
        checker, "indicators", {"name": 100, "value": 50, "unit": 30, "compared_with": 200}, required=("name", "value")
    )
    values["ip_records"] = _check_ip_records(checker)
    return values


def _check_indicators(
    checker: RowChecker, key: str, limits: dict[str, int], required: tuple[str, ...]
) -> list[dict[str, str]]:
    result = []
    for position, item in enumerate(checker.records(key, set(limits)), start=1):
        clean: dict[str, str] = {}
        for name, limit in limits.items():
            text = str(item.get(name) if item.get(name) is not None else "").strip()
            if name in required and not text:
                checker.error(key, _("第 %(n)s 项缺少“%(name)s”。") % {"n": position, "name": name})
                return []
            if len(text) > limit:
                checker.error(
                    key,
                    _("第 %(n)s 项的“%(name)s”太长(最多 %(limit)s 个字)。")
                    % {"n": position, "name": name, "limit": limit},
                )
                return []
            try:
                validate_no_html(text)
            except ValidationError:
                checker.error(key, _("第 %(n)s 项只能填写纯文本,不能包含 HTML 标签。") % {"n": position})
                return []
            clean[name] = text
        result.append(clean)
    return result


def _check_ip_records(checker: RowChecker) -> list[dict[str, Any]]:
    lookups = checker.lookups
    statuses = dict(AchievementIPRecord.Status.choices)
    records = []
    allowed = {"type", "number", "status", "holder", "granted_on", "expires_on"}
    for position, item in enumerate(checker.records("ip_records", allowed), start=1):
        sub = RowChecker(Row(checker.row.line, item, checker.row.kind, checker.row.sheet), lookups)
        record = {
            "ip_type": sub.term("type", lookups.ip_types, required=True, what=_("知识产权类型")),
            "number": sub.text("number", max_length=50),
            "status": sub.choice(
                "status", statuses, default=AchievementIPRecord.Status.GRANTED, what=_("知识产权状态")
            ),
            "holder": sub.text("holder", max_length=200),
            "granted_on": sub.date("granted_on"),
            "expires_on": sub.date("expires_on"),
        }
        if sub.errors:
            first = sub.errors[0]
            checker.error(
                "ip_records",
                _("第 %(n)s 项的 %(field)s:%(message)s")
                % {"n": position, "field": first.field, "message": first.message},
            )
            return []
        records.append(record)
    # Flat columns (handy in CSV/XLSX): one IP record from ip_type / ip_number / ip_status.
    ip_type = checker.term("ip_type", lookups.ip_types, what=_("知识产权类型"))
    if ip_type is not None and not any(record["ip_type"] == ip_type for record in records):
        not_applicable = ip_type.code in {"none", "secret"}
        default_status = (
            AchievementIPRecord.Status.NOT_APPLICABLE if not_applicable else AchievementIPRecord.Status.GRANTED
        )
        records.insert(
            0,
            {
                "ip_type": ip_type,
                "number": checker.text("ip_number", max_length=50),
                "status": checker.choice("ip_status", statuses, default=default_status, what=_("知识产权状态")),
                "holder": "",
                "granted_on": None,
                "expires_on": None,
            },
        )
    return records


def _check_need(checker: RowChecker) -> dict[str, Any]:
    lookups = checker.lookups
    problem_key = "description" if checker.raw("description") is not None else "problem"
    values: dict[str, Any] = {
        "external_id": checker.text("external_id", required=True, max_length=100),
        "title": checker.text("title", required=True, max_length=200),
        "problem": checker.text(problem_key, required=True, max_length=5000),
        "technical_field": checker.term("technical_field", lookups.fields, required=True, what=_("技术领域")),
        "industry_chain": checker.term("industry_chain", lookups.chains, what=_("产业链")),
        "enterprise": checker.text("enterprise", required=True, max_length=200),
        "deadline": checker.date("deadline"),
        "region": checker.term("region", lookups.regions, what=_("行政区划代码")),
        "cooperation_mode": checker.term("cooperation_mode", lookups.modes, what=_("转化方式")),
        "min_trl": checker.integer("min_trl", low=1, high=9),
        "visibility": checker.choice(
            "visibility", dict(TechnologyNeed.Visibility.choices), default="public", what=_("公开范围")
        ),
    }
    keywords = checker.strings("keywords", max_length=50)
    joined = ",".join(keywords)
    if len(joined) > 300:
        checker.error("keywords", _("关键词合计太长(最多 300 个字)。"))
        joined = ""
    values["keywords"] = joined
    budget = checker.money("budget_cny")
    budget_min = checker.money("budget_min_cny")
    budget_max = checker.money("budget_max_cny")
    if budget is not None and budget_max is None:
        budget_max = budget
    if budget_min is not None and budget_max is not None and budget_min > budget_max:
        checker.error(
            "budget_max_cny",
            _("预算上限(%(max)s 元)不能低于预算下限(%(min)s 元)。")
            % {"max": f"{budget_max:,.2f}", "min": f"{budget_min:,.2f}"},
        )
    values["budget_min_cny"] = budget_min
    values["budget_max_cny"] = budget_max
    values["indicators"] = _check_indicators(
        checker, "indicators", {"name": 100, "target": 50, "unit": 30}, ("name", "target")
    )
    return values


def validate_rows(rows: list[Row], options: ImportOptions, lookups: Lookups) -> tuple[list[Plan], list[RowError], int]:
    """Check every row without writing. Returns the plans for good rows, the errors, and the rows skipped."""
    plans: list[Plan] = []
    errors: list[RowError] = []
    skipped = 0
    seen: dict[tuple[str, str], Row] = {}
    file_orgs: dict[str, dict[str, str]] = {"institution": {}, "enterprise": {}}
    default_kind = options.kind
    referencing: list[Plan] = []  # rows already in error, whose references are still worth checking

    for row in rows:
        if "__error__" in row.data:
            errors.append(RowError(row, "", row.data["__error__"]))
            continue
        raw_kind = row.data.get("kind") or row.kind or default_kind
        kind = KIND_ALIASES.get(str(raw_kind or "").strip().lower(), "")
        if not raw_kind:
            errors.append(
                RowError(
                    row,
                    "",
                    _(
                        "无法确定记录类型:请在文件中加 kind 列(institution、enterprise、achievement 或 need),或用 --kind 指定。"
                    ),
                )
            )
            continue
        if not kind:
            errors.append(
                RowError(
                    row,
                    "kind",
                    _("“%(value)s”不是有效的记录类型,可选值:institution、enterprise、achievement、need。")
                    % {"value": _shown(raw_kind)},
                )
            )
            continue
        row.kind = kind
        if default_kind and kind != default_kind:
            skipped += 1  # --kind restricts the import to one kind
            continue
        model = {"achievement": AchievementPage, "need": TechnologyNeed}.get(kind, Organisation)
        checker = RowChecker(row, lookups, model)
        if kind in ("institution", "enterprise"):
            values = _check_organisation(checker, kind)
        elif kind == "achievement":
            values = _check_achievement(checker, options)
        else:
            values = _check_need(checker)

        external_id = values.get("external_id")
        identity = external_id or values.get("name")
        group = "organisation" if kind in ("institution", "enterprise") else kind
        if identity:
            earlier = seen.get((group, identity))
            if earlier is not None:
                checker.error(
                    "external_id" if external_id else "name",
                    _("“%(id)s”在本文件中重复出现(第一次在第 %(line)s 行)。") % {"id": identity, "line": earlier.line},
                )
            else:
                seen[(group, identity)] = row
        if kind in ("institution", "enterprise") and not checker.errors:
            _check_organisation_identity(checker, values, kind)
        if checker.errors:
            errors.extend(checker.errors)
            if kind in ("achievement", "need") and values.get(_REFERENCE[kind]):
                referencing.append(Plan(row, kind, values))
            continue
        if kind in file_orgs:
            for key in (values["name"], values["short_name"], values["external_id"]):
                if key:
                    file_orgs[kind].setdefault(key, values["name"])
        plans.append(Plan(row, kind, values))

    # References are checked once every organisation in the file is known.
    good: list[Plan] = []
    for plan in referencing:
        if plan.kind == "achievement":
            _check_reference(plan, "institution", lookups, file_orgs, options.create_institutions, errors)
        else:
            _check_reference(plan, "enterprise", lookups, file_orgs, options.create_enterprises, errors)
    for plan in plans:
        if plan.kind == "achievement":
            ok = _check_reference(plan, "institution", lookups, file_orgs, options.create_institutions, errors)
        elif plan.kind == "need":
            ok = _check_reference(plan, "enterprise", lookups, file_orgs, options.create_enterprises, errors)
        else:
            ok = True
        if ok:
            good.append(plan)
    return good, errors, skipped


_REFERENCE = {"achievement": "institution", "need": "enterprise"}


def _check_organisation_identity(checker: RowChecker, values: dict[str, Any], kind: str) -> None:
    """The same organisation must not be two things: an external id, a name and a credit code agree."""
    by_id = Organisation.objects.filter(external_id=values["external_id"]).first() if values["external_id"] else None
    by_name = Organisation.objects.filter(name=values["name"]).first()
    target = by_id or by_name
    if by_id and by_name and by_id.pk != by_name.pk:
        checker.error("name", _("名称“%(name)s”已被另一家机构使用。") % {"name": values["name"]})
        return
    if target and target.external_id and values["external_id"] and target.external_id != values["external_id"]:
        checker.error(
            "external_id",
            _("“%(name)s”已存在,其外部编号为“%(id)s”,与本行不一致。")
            % {"name": values["name"], "id": target.external_id},
        )
        return
    if target is not None and (target.kind == Organisation.Kind.ENTERPRISE) != (kind == "enterprise"):
        checker.error(
            "name",
            _("“%(name)s”已作为%(existing)s存在,不能再作为%(kind)s导入。")
            % {"name": values["name"], "existing": target.get_kind_display(), "kind": KIND_LABELS[kind]},
        )
        return
    if values["credit_code"]:
        holder = Organisation.objects.filter(credit_code=values["credit_code"]).exclude(
            pk=target.pk if target else None
        )
        if holder.exists():
            checker.error(
                "credit_code",
                _("统一社会信用代码 %(code)s 已属于“%(name)s”。")
                % {"code": values["credit_code"], "name": holder.first().name},
            )


def _check_reference(
    plan: Plan,
    key: str,
    lookups: Lookups,
    file_orgs: dict[str, dict[str, str]],
    may_create: bool,
    errors: list[RowError],
) -> bool:
    reference = plan.values[key]
    wanted = "enterprise" if key == "enterprise" else "institution"
    other = "institution" if wanted == "enterprise" else "enterprise"
    if reference in file_orgs[wanted]:
        plan.values[key] = file_orgs[wanted][reference]
        return True
    if reference in file_orgs[other]:
        errors.append(
            RowError(
                plan.row,
                key,
                _("“%(name)s”在本文件中是%(existing)s,不是%(kind)s。")
                % {"name": reference, "existing": KIND_LABELS[other], "kind": KIND_LABELS[wanted]},
            )
        )
        return False
    existing = lookups.organisations.get(reference)
    wanted_enterprise = wanted == "enterprise"
    if existing is not None:
        if existing.is_enterprise != wanted_enterprise:
            errors.append(
                RowError(
                    plan.row,
                    key,
                    _("“%(name)s”是%(existing)s,不是%(kind)s。")
                    % {"name": reference, "existing": existing.get_kind_display(), "kind": KIND_LABELS[key]},
                )
            )
            return False
        plan.values[key] = existing.name
        return True
    if may_create:
        return True
    flag = "--create-enterprises" if wanted_enterprise else "--create-institutions"
    errors.append(
        RowError(
            plan.row,
            key,
            _("找不到%(kind)s“%(name)s”:请先导入该%(kind)s(可放在同一文件中),或加 %(flag)s 自动创建。")
            % {"kind": KIND_LABELS[key], "name": _shown(reference), "flag": flag},
        )
    )
    return False


# --- running ---------------------------------------------------------------------------------------


def _write(plan: Plan, options: ImportOptions) -> str:
    """Write one validated row; return "created", "updated" or "unchanged"."""
    from .. import import_services

    publish = not options.draft
    values = dict(plan.values)
    if plan.kind in ("institution", "enterprise"):
        _, outcome = import_services.organisation_import(data=values, publish=publish)
    elif plan.kind == "achievement":
        organisation = import_services.organisation_for_reference(
            name=values.pop("institution"), enterprise=False, publish=publish
        )
        _, outcome = import_services.achievement_import(data=values, organisation=organisation, publish=publish)
    else:
        enterprise = import_services.organisation_for_reference(
            name=values.pop("enterprise"), enterprise=True, publish=publish
        )
        _, outcome = import_services.need_import(data=values, enterprise=enterprise, publish=publish)
    return outcome


def _write_error_messages(error: Exception) -> list[tuple[str, str]]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [(key if key != "__all__" else "", " ".join(m)) for key, m in error.message_dict.items()]
        return [("", " ".join(error.messages))]
    if isinstance(error, DomainError):
        return [(key, " ".join(str(m) for m in messages)) for key, messages in error.field_errors.items()] or [
            ("", error.message)
        ]
    return [("", str(error))]


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
            if options.dry_run:
                raise _Rollback
    except _Rollback:
        result.rolled_back = True
    if result.rolled_back and not options.dry_run:
        for count in result.counts.values():
            count.created = count.updated = count.unchanged = 0
    return result


def summary_table(result: ImportResult) -> list[list[str]]:
    """The end-of-import summary: one row per kind (created, updated, unchanged, failed, skipped)."""
    table = [[_("类型"), _("新建"), _("更新"), _("未变"), _("失败"), _("跳过")]]
    for kind in KINDS:
        count = result.counts[kind]
        table.append(
            [str(KIND_LABELS[kind])]
            + [str(n) for n in (count.created, count.updated, count.unchanged, count.failed, count.skipped)]
        )
    return table


def format_table(table: list[list[str]]) -> str:
    """Align columns for a terminal; CJK characters take two cells."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    widths = [max(width(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for row in table:
        cells = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
