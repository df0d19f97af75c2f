"""Filters of the public achievement list and the needs list (query parameters documented in the schema)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.models import AchievementIPRecord, AchievementPage, TechnologyNeed


def chain_subtree_q(prefix: str, code: str) -> Q:
    """An industry-chain code selects that node and everything below it (codes are dotted prefixes)."""
    return Q(**{prefix: code}) | Q(**{f"{prefix}__startswith": f"{code}."})


class AchievementFilter(django_filters.FilterSet):
    technical_field = django_filters.CharFilter(field_name="technical_field__code", label=_("技术领域代码"))
    chain = django_filters.CharFilter(method="filter_chain", label=_("产业链代码(含下级)"))
    trl_min = django_filters.NumberFilter(field_name="trl", lookup_expr="gte", label=_("最低技术就绪度"))
    trl_max = django_filters.NumberFilter(field_name="trl", lookup_expr="lte", label=_("最高技术就绪度"))
    ip_type = django_filters.CharFilter(method="filter_ip_type", label=_("知识产权类型代码"))
    transfer_mode = django_filters.CharFilter(method="filter_transfer_mode", label=_("转化方式代码"))
    institution = django_filters.NumberFilter(field_name="institution_organisation", label=_("机构编号"))
    price_min = django_filters.NumberFilter(field_name="price_cny", lookup_expr="gte", label=_("最低价格(元)"))
    price_max = django_filters.NumberFilter(field_name="price_cny", lookup_expr="lte", label=_("最高价格(元)"))
    ordering = django_filters.OrderingFilter(
        fields=(("first_published_at", "published"), ("price_cny", "price"), ("trl", "trl"), ("title", "title")),
        label=_("排序"),
    )

    class Meta:
        model = AchievementPage
        fields: list[str] = []

    def filter_chain(self, queryset, name, value):
        through = AchievementPage.industry_chains.through
        page_ids = through.objects.filter(chain_subtree_q("industrychainnode__code", value)).values(
            "achievementpage_id"
        )
        return queryset.filter(pk__in=page_ids)

    def filter_ip_type(self, queryset, name, value):
        page_ids = AchievementIPRecord.objects.filter(ip_type__code=value).values("page_id")
        return queryset.filter(pk__in=page_ids)

    def filter_transfer_mode(self, queryset, name, value):
        through = AchievementPage.transfer_modes.through
        page_ids = through.objects.filter(transfermode__code=value).values("achievementpage_id")
        return queryset.filter(pk__in=page_ids)


class NeedFilter(django_filters.FilterSet):
    technical_field = django_filters.CharFilter(field_name="technical_field__code", label=_("技术领域代码"))
    chain = django_filters.CharFilter(method="filter_chain", label=_("产业链代码(含下级)"))
    status = django_filters.ChoiceFilter(choices=TechnologyNeed.Status.choices, label=_("状态"))
    enterprise = django_filters.NumberFilter(field_name="enterprise", label=_("企业编号"))
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("只看本企业的需求"))

    class Meta:
        model = TechnologyNeed
        fields: list[str] = []

    def filter_chain(self, queryset, name, value):
        return queryset.filter(chain_subtree_q("industry_chain__code", value))

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if not value:
            return queryset
        if not (user and user.is_authenticated and user.organisation_id):
            return queryset.none()
        return queryset.filter(enterprise_id=user.organisation_id)
