"""The filter sets of the achievement and need listings: one per listing, shared by the pages and the API.

Parameter names and values are the same on /achievements/ and /api/v1/achievements/ (codes for taxonomy terms), so a
bookmarked page and an API call select the same rows. marketplace/api/filters.py subclasses these only to describe
the parameters in the OpenAPI schema.
"""

from __future__ import annotations

from decimal import Decimal

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.db.models import F, Q
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from taxonomy.models import IndustryChainNode, IPType, Region, TechnicalField, TransferMode

from .models import MAX_PRICE_CNY, AchievementIPRecord, AchievementPage, ClassificationSuggestion, TechnologyNeed
from .widgets import PlainSelect

TRL_CHOICES = [(level, f"TRL {level}") for level in range(1, 10)]


class TermChoiceField(forms.ModelChoiceField):
    """A taxonomy select labelled in the page's language."""

    def label_from_instance(self, obj):
        from .templatetags.marketplace_tags import term

        return term(obj)


class ChainChoiceField(TermChoiceField):
    """Industry-chain select with the tree shown by indentation (chain › segment › technology)."""

    def label_from_instance(self, obj):
        return "\u3000" * (obj.level - 1) + super().label_from_instance(obj)


class ChainFilter(django_filters.ModelChoiceFilter):
    field_class = ChainChoiceField


class TermFilter(django_filters.ModelChoiceFilter):
    field_class = TermChoiceField


# The choices change only when a term or an institution is written (the signals in apps.py clear them then); the
# timeout is a safety net for writes that send no signal (queryset.update(), data migrations).
FILTER_CHOICES_SECONDS = 6 * 3600
_CACHED_FILTER_SETS: list[type] = []


def _filter_choices_key(filter_set: type, language: str) -> str:
    return f"marketplace:filter-choices:{filter_set.__module__}.{filter_set.__name__}:{language}"


def _filter_choices_delete() -> None:
    languages = {code for code, _name in settings.LANGUAGES} | {settings.LANGUAGE_CODE}
    cache.delete_many(
        [_filter_choices_key(filter_set, language) for filter_set in _CACHED_FILTER_SETS for language in languages]
    )


def filter_choices_forget(**kwargs) -> None:
    """Drop every cached select list (all filter sets, all languages): a term or an institution changed.

    Dropped at once and again after the commit: a page built between the write and the commit would otherwise cache
    the old lists until the timeout.
    """
    _filter_choices_delete()
    transaction.on_commit(_filter_choices_delete)


class _CachedChoices(BaseChoiceIterator):
    """A select's options read from the filter set's cached lists, only when the select is rendered.

    Validation still goes through the field's queryset (one query for the chosen code), and a filter set that is
    never rendered (the API's) never reads the cache.
    """

    def __init__(self, loader: _ChoicesLoader, name: str, empty_label):
        self.loader, self.name, self.empty_label = loader, name, empty_label

    def __iter__(self):
        if self.empty_label is not None:
            yield ("", self.empty_label)
        yield from self.loader.choices()[self.name]


class _ChoicesLoader:
    """All the select lists of one rendered form, fetched in one cache read (computed and stored on a miss)."""

    def __init__(self, filter_set: type, fields: dict[str, forms.ModelChoiceField]):
        self.filter_set, self.fields, self._choices = filter_set, fields, None

    def choices(self) -> dict[str, list[tuple[str, str]]]:
        if self._choices is None:
            key = _filter_choices_key(self.filter_set, get_language() or settings.LANGUAGE_CODE)
            choices = cache.get(key)
            if choices is None or set(choices) != set(self.fields):
                choices = {
                    name: [
                        (str(field.prepare_value(obj)), str(field.label_from_instance(obj))) for obj in field.queryset
                    ]
                    for name, field in self.fields.items()
                }
                cache.set(key, choices, FILTER_CHOICES_SECONDS)
            self._choices = choices
        return self._choices


class CachedChoicesFilterSet(django_filters.FilterSet):
    """A filter set whose taxonomy and institution selects are built once, not on every page view.

    The listing page's selects were five queries and ~200 options per request, about half of the page's fixed cost
    (issue 12). Their labels depend on the language, so each language has its own cached copy.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _CACHED_FILTER_SETS.append(cls)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for field in form.fields.values():
                if type(field.widget) is forms.Select:
                    is_required = field.widget.is_required
                    field.widget = PlainSelect(attrs=field.widget.attrs, choices=field.widget.choices)
                    field.widget.is_required = is_required
            fields = {name: f for name, f in form.fields.items() if isinstance(f, forms.ModelChoiceField)}
            loader = _ChoicesLoader(type(self), fields)
            for name, field in fields.items():
                field.widget.choices = _CachedChoices(loader, name, field.empty_label)
        return self._form


def chain_subtree_q(prefix: str, code: str) -> Q:
    """An industry-chain code selects that node and everything below it (codes are dotted prefixes)."""
    return Q(**{prefix: code}) | Q(**{f"{prefix}__startswith": f"{code}."})


def _money_field_kwargs():
    return {
        "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(MAX_PRICE_CNY)],
        "widget": forms.NumberInput(attrs={"min": 0, "step": "10000", "inputmode": "numeric"}),
    }


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Unknown values (a listing without TRL or price) sort after every stated one, in both directions; PostgreSQL
    would otherwise put NULLs first when sorting from high to low."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = self.param_map[param.lstrip("-")]
        return F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)


class AchievementFilter(CachedChoicesFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_text")
    field = TermFilter(
        label=_("技术领域"),
        field_name="technical_field",
        to_field_name="code",
        queryset=TechnicalField.objects.active(),
        empty_label=_("全部"),
    )
    chain = ChainFilter(
        label=_("产业链"),
        to_field_name="code",
        queryset=IndustryChainNode.objects.order_by("code"),
        method="filter_chain",
        empty_label=_("全部"),
    )
    trl_min = django_filters.ChoiceFilter(
        label=_("技术就绪度不低于"),
        field_name="trl",
        lookup_expr="gte",
        choices=TRL_CHOICES,
        empty_label=_("不限"),
    )
    trl_max = django_filters.ChoiceFilter(
        label=_("技术就绪度不高于"),
        field_name="trl",
        lookup_expr="lte",
        choices=TRL_CHOICES,
        empty_label=_("不限"),
    )
    ip_type = TermFilter(
        label=_("知识产权类型"),
        to_field_name="code",
        queryset=IPType.objects.active(),
        method="filter_ip_type",
        empty_label=_("全部"),
    )
    mode = TermFilter(
        label=_("转化方式"),
        to_field_name="code",
        queryset=TransferMode.objects.active(),
        method="filter_mode",
        empty_label=_("全部"),
    )
    institution = django_filters.ModelChoiceFilter(
        label=_("所属机构"),
        field_name="institution_organisation",
        queryset=Organisation.objects.institutions().approved(),
        empty_label=_("全部"),
    )
    price_min = django_filters.NumberFilter(
        label=_("价格不低于(元)"), field_name="price_cny", lookup_expr="gte", **_money_field_kwargs()
    )
    price_max = django_filters.NumberFilter(
        label=_("价格不高于(元)"), field_name="price_cny", lookup_expr="lte", **_money_field_kwargs()
    )
    sort = NullsLastOrderingFilter(
        label=_("排序"),
        empty_label=_("最新发布"),
        fields=(("first_published_at", "published"), ("price_cny", "price_cny"), ("trl", "trl"), ("title", "title")),
        choices=[
            ("-trl", _("就绪度从高到低")),
            ("trl", _("就绪度从低到高")),
            ("price_cny", _("价格从低到高")),
            ("-price_cny", _("价格从高到低")),
            ("title", _("名称")),
            ("-title", _("名称倒序")),
            ("published", _("最早发布")),
            ("-published", _("最新发布")),
        ],
    )

    class Meta:
        model = AchievementPage
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))

    def filter_chain(self, queryset, name, node):
        # A chain code matches its whole subtree: FLU finds achievements filed under FLU.02.01 too.
        through = AchievementPage.industry_chains.through
        ids = through.objects.filter(chain_subtree_q("industrychainnode__code", node.code)).values("achievementpage_id")
        return queryset.filter(pk__in=ids)

    def filter_ip_type(self, queryset, name, ip_type):
        ids = AchievementIPRecord.objects.filter(ip_type=ip_type).values("page_id")
        return queryset.filter(pk__in=ids)

    def filter_mode(self, queryset, name, mode):
        through = AchievementPage.transfer_modes.through
        return queryset.filter(pk__in=through.objects.filter(transfermode=mode).values("achievementpage_id"))

    @property
    def qs(self):
        queryset = super().qs
        # A stable default order so pagination never shows a row twice.
        if not (self.form.is_bound and self.form.is_valid() and self.form.cleaned_data.get("sort")):
            queryset = queryset.order_by("-first_published_at", "-pk")
        return queryset

    def is_valid(self):
        valid = super().is_valid()
        data = self.form.cleaned_data if valid else {}
        if valid and data.get("trl_min") and data.get("trl_max") and int(data["trl_min"]) > int(data["trl_max"]):
            self.form.add_error("trl_max", _("就绪度上限不能低于下限。"))
            return False
        low, high = data.get("price_min"), data.get("price_max")
        if valid and low is not None and high is not None and low > high:
            self.form.add_error("price_max", _("价格上限不能低于下限。"))
            return False
        return valid


class NeedFilter(CachedChoicesFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_text")
    field = TermFilter(
        label=_("技术领域"),
        field_name="technical_field",
        to_field_name="code",
        queryset=TechnicalField.objects.active(),
        empty_label=_("全部"),
    )
    chain = ChainFilter(
        label=_("产业链"),
        to_field_name="code",
        queryset=IndustryChainNode.objects.order_by("code"),
        method="filter_chain",
        empty_label=_("全部"),
    )
    budget_min = django_filters.NumberFilter(
        label=_("预算不低于(元)"), method="filter_budget_min", **_money_field_kwargs()
    )
    budget_max = django_filters.NumberFilter(
        label=_("预算不高于(元)"), method="filter_budget_max", **_money_field_kwargs()
    )
    region = django_filters.ModelChoiceFilter(
        label=_("所在地区"),
        to_field_name="code",
        queryset=Region.objects.order_by("code"),
        method="filter_region",
        empty_label=_("全部"),
    )
    # The public page lists published needs only; API callers also see their own drafts (staff see all), so
    # these narrow by status and owner. The page form carries them hidden (a bookmarked URL keeps them).
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=TechnologyNeed.Status.choices, widget=forms.HiddenInput
    )
    enterprise = django_filters.NumberFilter(label=_("企业编号"), field_name="enterprise", widget=forms.HiddenInput)
    mine = django_filters.BooleanFilter(label=_("只看本企业的需求"), method="filter_mine", widget=forms.HiddenInput)

    class Meta:
        model = TechnologyNeed
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(problem__icontains=value) | Q(keywords__icontains=value))

    def filter_chain(self, queryset, name, node):
        return queryset.filter(chain_subtree_q("industry_chain__code", node.code))

    def filter_budget_min(self, queryset, name, value):
        # Budget ranges overlap the asked range: the need's ceiling reaches the asked floor.
        return queryset.filter(Q(budget_max_cny__gte=value) | Q(budget_max_cny__isnull=True, budget_min_cny__gte=value))

    def filter_budget_max(self, queryset, name, value):
        return queryset.filter(budget_min_cny__lte=value)

    def filter_region(self, queryset, name, region):
        # A province or city includes everything under it (GB/T 2260 codes are prefixes by level).
        prefix = {Region.Level.PROVINCE: region.code[:2], Region.Level.CITY: region.code[:4]}.get(
            region.level, region.code
        )
        return queryset.filter(region__code__startswith=prefix)

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        user = getattr(self.request, "user", None)
        if not (user and user.is_authenticated and user.organisation_id):
            return queryset.none()
        return queryset.filter(enterprise_id=user.organisation_id)


class ClassificationSuggestionFilter(django_filters.FilterSet):
    """The staff review list of inferred field/chain suggestions: open ones by default."""

    state = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=ClassificationSuggestion.State.choices,
        empty_label=_("全部"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("类别"), choices=ClassificationSuggestion.Kind.choices, empty_label=_("全部")
    )
    field = TermFilter(
        label=_("建议的技术领域"),
        field_name="technical_field",
        to_field_name="code",
        queryset=TechnicalField.objects.active(),
        empty_label=_("全部"),
    )
    chain = django_filters.ModelChoiceFilter(
        label=_("建议的产业链"),
        to_field_name="code",
        queryset=IndustryChainNode.objects.filter(parent__isnull=True).order_by("code"),
        method="filter_chain",
        empty_label=_("全部"),
    )
    institution = django_filters.ModelChoiceFilter(
        label=_("所属机构"),
        field_name="achievement__institution_organisation",
        queryset=Organisation.objects.institutions(),
        empty_label=_("全部"),
    )
    listing = django_filters.ChoiceFilter(
        label=_("对象"),
        choices=[("achievement", _("科技成果")), ("need", _("技术需求"))],
        method="filter_listing",
        empty_label=_("全部"),
    )
    q = django_filters.CharFilter(label=_("成果或需求名称"), method="filter_title")

    class Meta:
        model = ClassificationSuggestion
        fields: list[str] = []

    def filter_listing(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False})

    def filter_title(self, queryset, name, value):
        return queryset.filter(Q(achievement__title__icontains=value) | Q(need__title__icontains=value))

    def filter_chain(self, queryset, name, node):
        return queryset.filter(chain_subtree_q("industry_chain__code", node.code))
