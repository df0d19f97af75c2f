"""Search and filters of the registry's lists, defined once and shared by the pages and the API.

The pages bind these FilterSets to the query string and paginate the result; the API views use the
same classes through django-filter's DRF backend (which also documents the parameters in the schema).
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ContractParty, TechnologyContract
from .rules import all_rulesets

Status = TechnologyContract.Status
OPEN_STATUSES = (Status.SUBMITTED, Status.REDETERMINATION)


def _type_choices() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for rules in all_rulesets().values():
        for code, label in rules.type_choices():
            seen.setdefault(code, label)
    return list(seen.items())


def contracts_matching(queryset: QuerySet[TechnologyContract], text: str) -> QuerySet[TechnologyContract]:
    """Contracts whose registration number, contract number or name, or a party's name or credit code,
    contains ``text``. Party matches go through a subquery so a contract appears once."""
    text = (text or "").strip()
    if not text:
        return queryset
    by_party = ContractParty.objects.filter(Q(name__icontains=text) | Q(credit_code__icontains=text)).values(
        "contract_id"
    )
    return queryset.filter(
        Q(registration_number__icontains=text)
        | Q(contract_number__icontains=text)
        | Q(project_name__icontains=text)
        | Q(pk__in=by_party)
    )


class YesNoWidget(django_filters.widgets.BooleanWidget):
    """django-filter's BooleanWidget translates its labels when it is built — at import, in whatever language was
    active — so English pages showed 未知/是/否. The same widget with labels translated when the page renders."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("全部")), ("true", _("是")), ("false", _("否"))]


class ContractFilter(django_filters.FilterSet):
    """The contract list: free text, state, type, year (registration year, else filing year), overdue."""

    q = django_filters.CharFilter(
        label=_("搜索"),
        method="filter_q",
        help_text=_("登记编号、合同编号、项目名称、当事人名称或统一社会信用代码"),
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Status.choices, empty_label=_("全部状态"))
    contract_type = django_filters.ChoiceFilter(label=_("合同类别"), choices=_type_choices, empty_label=_("全部类别"))
    year = django_filters.NumberFilter(label=_("年度"), method="filter_year", min_value=2000, max_value=2100)
    overdue = django_filters.BooleanFilter(
        label=_("仅看超期"),
        method="filter_overdue",
        widget=YesNoWidget(),
        help_text=_("已受理、超过办理期限仍未办结的案件"),
    )

    class Meta:
        model = TechnologyContract
        fields = ["q", "status", "contract_type", "year", "overdue"]

    def filter_q(self, queryset, name, value):
        return contracts_matching(queryset, value)

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(Q(registered_on__year=year) | Q(registered_on__isnull=True, created_at__year=year))

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status__in=OPEN_STATUSES, deadline__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class QueueFilter(ContractFilter):
    """The registrar's queue: the same search and filters over its open cases."""

    status = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[(s.value, s.label) for s in (Status.SUBMITTED, Status.MATERIAL_REQUESTED, Status.REDETERMINATION)],
        empty_label=_("全部状态"),
    )
