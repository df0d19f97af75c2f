"""Filters of the API lists. Parameter names and values mirror the public listing (/achievements/)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accounts.models import Organisation
from marketplace.models import MAX_PRICE_CNY, AchievementIPRecord, AchievementPage, TechnologyNeed
from taxonomy.models import IndustryChainNode, IPType, TechnicalField, TransferMode


def chain_subtree_q(prefix: str, code: str) -> Q:
    """An industry-chain code selects that node and everything below it (codes are dotted prefixes)."""
    return Q(**{prefix: code}) | Q(**{f"{prefix}__startswith": f"{code}."})


@extend_schema_field(OpenApiTypes.STR)
class CodeFilter(django_filters.ModelChoiceFilter):
    """A taxonomy term given by its code (documented as a string; unknown codes are a 400 field error)."""


def _code_filter(queryset, label, **kwargs):
    return CodeFilter(queryset=queryset, to_field_name="code", label=label, **kwargs)


class AchievementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("关键词(名称或简介)"))
    field = _code_filter(TechnicalField.objects.active(), _("技术领域代码"), field_name="technical_field")
    chain = _code_filter(IndustryChainNode.objects.all(), _("产业链代码(含下级)"), method="filter_chain")
    trl_min = django_filters.NumberFilter(
        field_name="trl", lookup_expr="gte", min_value=1, max_value=9, label=_("最低技术就绪度")
    )
    trl_max = django_filters.NumberFilter(
        field_name="trl", lookup_expr="lte", min_value=1, max_value=9, label=_("最高技术就绪度")
    )
    ip_type = _code_filter(IPType.objects.active(), _("知识产权类型代码"), method="filter_ip_type")
    mode = _code_filter(TransferMode.objects.active(), _("转化方式代码"), method="filter_mode")
    institution = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.institutions(), field_name="institution_organisation", label=_("机构编号")
    )
    price_min = django_filters.NumberFilter(
        field_name="price_cny", lookup_expr="gte", min_value=0, max_value=MAX_PRICE_CNY, label=_("最低价格(元)")
    )
    price_max = django_filters.NumberFilter(
        field_name="price_cny", lookup_expr="lte", min_value=0, max_value=MAX_PRICE_CNY, label=_("最高价格(元)")
    )
    sort = django_filters.OrderingFilter(
        fields=(("first_published_at", "published"), ("price_cny", "price_cny"), ("trl", "trl"), ("title", "title")),
        label=_("排序"),
    )

    class Meta:
        model = AchievementPage
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value)) if value else queryset

    def filter_chain(self, queryset, name, node):
        through = AchievementPage.industry_chains.through
        page_ids = through.objects.filter(chain_subtree_q("industrychainnode__code", node.code))
        return queryset.filter(pk__in=page_ids.values("achievementpage_id"))

    def filter_ip_type(self, queryset, name, ip_type):
        page_ids = AchievementIPRecord.objects.filter(ip_type=ip_type).values("page_id")
        return queryset.filter(pk__in=page_ids)

    def filter_mode(self, queryset, name, mode):
        through = AchievementPage.transfer_modes.through
        return queryset.filter(pk__in=through.objects.filter(transfermode=mode).values("achievementpage_id"))


class NeedFilter(django_filters.FilterSet):
    field = _code_filter(TechnicalField.objects.active(), _("技术领域代码"), field_name="technical_field")
    chain = _code_filter(IndustryChainNode.objects.all(), _("产业链代码(含下级)"), method="filter_chain")
    status = django_filters.ChoiceFilter(choices=TechnologyNeed.Status.choices, label=_("状态"))
    enterprise = django_filters.NumberFilter(field_name="enterprise", label=_("企业编号"))
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("只看本企业的需求"))

    class Meta:
        model = TechnologyNeed
        fields: list[str] = []

    def filter_chain(self, queryset, name, node):
        return queryset.filter(chain_subtree_q("industry_chain__code", node.code))

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        user = getattr(self.request, "user", None)
        if not (user and user.is_authenticated and user.organisation_id):
            return queryset.none()
        return queryset.filter(enterprise_id=user.organisation_id)
