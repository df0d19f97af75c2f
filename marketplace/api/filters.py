"""The API's view of the listing filter sets: the same sets as the pages (marketplace/filters.py), described for
the OpenAPI schema (parameters take codes, not names). Nothing here filters."""

from __future__ import annotations

import copy

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from marketplace import filters


def _described(filter_set: type, descriptions: dict) -> dict:
    """The set's filters with their schema descriptions (drf-spectacular reads ``help_text`` first); a term chosen by
    its code through a filter method is documented as a string (the schema cannot guess it from the method)."""
    described = copy.deepcopy(filter_set.base_filters)
    for name, description in descriptions.items():
        described[name].extra["help_text"] = description
    for term_filter in described.values():
        if term_filter.method and getattr(term_filter, "extra", {}).get("to_field_name") == "code":
            extend_schema_field(OpenApiTypes.STR)(term_filter)
    return described


class AchievementFilter(filters.AchievementFilter):
    """/api/v1/achievements/ parameters: the page's filter set."""


AchievementFilter.base_filters = _described(
    filters.AchievementFilter,
    {
        "q": _("关键词(名称或简介)"),
        "field": _("技术领域代码"),
        "chain": _("产业链代码(含下级)"),
        "trl_min": _("最低技术就绪度(1–9)"),
        "trl_max": _("最高技术就绪度(1–9)"),
        "ip_type": _("知识产权类型代码"),
        "mode": _("转化方式代码"),
        "institution": _("机构编号"),
        "price_min": _("最低价格(元)"),
        "price_max": _("最高价格(元)"),
    },
)


class NeedFilter(filters.NeedFilter):
    """/api/v1/needs/ parameters: the page's filter set."""


NeedFilter.base_filters = _described(
    filters.NeedFilter,
    {
        "q": _("关键词(名称、问题或关键词)"),
        "field": _("技术领域代码"),
        "chain": _("产业链代码(含下级)"),
        "region": _("行政区划代码(含下级)"),
        "budget_min": _("预算不低于(元)"),
        "budget_max": _("预算不高于(元)"),
    },
)
