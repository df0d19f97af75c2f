"""Import field checks: taxonomy lookups and ``RowChecker``, which converts one row's cells and collects messages."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Organisation
from common.text import validate_no_html
from taxonomy.models import IndustryChainNode, IPType, Region, TechnicalField, TransferMode

from ..models import MAX_PRICE_CNY
from .report import RowError
from .schema import _TAG, ALLOWED_DESCRIPTION_TAGS, LIST_SEPARATORS, Row


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


UNSTATED_WORDS = {
    "未知",
    "不详",
    "未填写",
    "未填",
    "暂无",
    "待定",
    "-",
    "—",
    "--",
    "n/a",
    "na",
    "unknown",
    "not stated",
}


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

    def blank_if_unstated(self, key: str) -> None:
        """Treat 未知 / 不详 / N/A and the like as a blank cell (only for optional classification columns)."""
        value = self.data.get(key)
        if isinstance(value, str) and value.strip().lower() in UNSTATED_WORDS:
            self.data[key] = ""

    def trl(self, key: str) -> int | None:
        """A TRL from 1 to 9; "TRL 6", "TRL6" and "6级" are read as 6. Blank means not stated."""
        value = self.raw(key)
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(?:TRL\s*[-:：]?\s*)?(\d+)\s*级?\s*", value, flags=re.IGNORECASE)
            if match:
                self.data[key] = match[1]
        return self.integer(key, low=1, high=9)

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
        with translation.override("zh-hans"):  # files carry Chinese labels whatever language the messages are in
            by_label.update({str(label): code for code, label in choices.items()})
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
