"""API v1 serializers of the marketplace: one output shape per resource, one input shape per write action."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation
from common.text import validate_no_html
from marketplace import permissions
from marketplace.models import MAX_PRICE_CNY, AchievementPage, TechnologyNeed
from marketplace.page_urls import listing_url
from taxonomy.models import IndustryChainNode, Region, TechnicalField, TransferMode

# --- taxonomies ------------------------------------------------------------------------------------


class CodedTermOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class ReadinessLevelOut(serializers.Serializer):
    level = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()


class RegionOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.IntegerField()
    parent = serializers.CharField(source="parent.code", default=None, allow_null=True)


class IndustryChainNodeOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    level = serializers.IntegerField()
    parent = serializers.CharField(source="parent.code", default=None, allow_null=True)


class _ChainTechnologyOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class _ChainSegmentOut(_ChainTechnologyOut):
    children = _ChainTechnologyOut(many=True, source="tree_children")


class IndustryChainTreeOut(_ChainTechnologyOut):
    """A chain with its segments and their technologies (the map is three levels deep)."""

    children = _ChainSegmentOut(many=True, source="tree_children")


# --- organisations ---------------------------------------------------------------------------------


class RegionRefOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class OrganisationRefOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class InstitutionOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    region = RegionRefOut(allow_null=True)
    website = serializers.CharField()
    description = serializers.CharField()
    achievement_count = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, organisation: Organisation) -> str | None:
        page = getattr(organisation, "institution_page", None)
        if page is None or not page.live:
            return None
        return listing_url(page, self.context.get("request"))


# --- achievements ----------------------------------------------------------------------------------


class IndicatorOut(serializers.Serializer):
    name = serializers.CharField()
    value = serializers.CharField()
    unit = serializers.CharField()
    compared_with = serializers.CharField()


class IPRecordOut(serializers.Serializer):
    type = serializers.CharField(source="ip_type.code")
    type_name = serializers.CharField(source="ip_type.name")
    number = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    holder = serializers.CharField()
    granted_on = serializers.DateField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True)


class ChainRefOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class AchievementListOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.SerializerMethodField()
    institution = OrganisationRefOut(source="institution_organisation", allow_null=True)
    # Real listings may not state these: null means "not stated" (未填写), never a default.
    technical_field = CodedTermOut(allow_null=True)
    # Read for the whole page in one query (marketplace.selectors.with_card_terms), as plain values.
    industry_chains = ChainRefOut(many=True, source="card_industry_chains")
    trl = serializers.IntegerField(allow_null=True)
    transfer_modes = CodedTermOut(many=True, source="card_transfer_modes")
    ip_types = serializers.SerializerMethodField()
    keywords = serializers.SerializerMethodField()
    pricing = serializers.CharField()
    pricing_display = serializers.CharField(source="get_pricing_display")
    price_cny = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField(source="first_published_at", allow_null=True)

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, page: AchievementPage) -> str | None:
        return listing_url(page, self.context.get("request"))

    def get_ip_types(self, page: AchievementPage) -> list[str]:
        # Iterating the prefetched records keeps the list's query count constant.
        return sorted({record.ip_type.code for record in page.ip_records.all()})

    def get_keywords(self, page: AchievementPage) -> list[str]:
        return [item.tag.name for item in page.keyword_items.all()]


class AchievementDetailOut(AchievementListOut):
    description = serializers.CharField()
    indicators = IndicatorOut(many=True)
    ip_records = IPRecordOut(many=True)
    public_notice_start = serializers.DateField(allow_null=True)
    public_notice_end = serializers.DateField(allow_null=True)
    contact_name = serializers.CharField()
    contact_phone = serializers.CharField()
    contact_email = serializers.CharField()


# --- needs -----------------------------------------------------------------------------------------


class NeedIndicatorOut(serializers.Serializer):
    name = serializers.CharField()
    target = serializers.CharField()
    unit = serializers.CharField()


class NeedOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    problem = serializers.CharField()
    keywords = serializers.ListField(child=serializers.CharField(), source="keyword_list")
    enterprise = OrganisationRefOut()
    technical_field = CodedTermOut(allow_null=True)  # null: the enterprise did not state it
    industry_chain = ChainRefOut(allow_null=True)
    budget_min_cny = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    budget_max_cny = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    region = RegionRefOut(allow_null=True)
    cooperation_mode = CodedTermOut(allow_null=True)
    min_trl = serializers.IntegerField(allow_null=True)
    visibility = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    review_note = serializers.SerializerMethodField()
    indicators = NeedIndicatorOut(many=True)
    published_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    close_reason = serializers.SerializerMethodField()
    close_note = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    def _for_owner_or_staff(self, need: TechnologyNeed) -> bool:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return permissions.can_edit_need(user, need) or permissions.can_review_needs(user)

    @extend_schema_field(OpenApiTypes.STR)
    def get_review_note(self, need: TechnologyNeed) -> str | None:
        """Staff's note is for the enterprise and staff only."""
        return need.review_note if self._for_owner_or_staff(need) else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_close_reason(self, need: TechnologyNeed) -> str | None:
        """Why the need was closed (a ``CloseReason`` code; blank for needs closed before it was asked), for the
        enterprise and staff only."""
        return need.close_reason if self._for_owner_or_staff(need) else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_close_note(self, need: TechnologyNeed) -> str | None:
        return need.close_note if self._for_owner_or_staff(need) else None


PLAIN = [validate_no_html]


class NeedIndicatorIn(serializers.Serializer):
    name = serializers.CharField(max_length=100, validators=PLAIN, label=_("指标名称"))
    target = serializers.CharField(max_length=50, validators=PLAIN, label=_("目标值"))
    unit = serializers.CharField(max_length=30, required=False, allow_blank=True, validators=PLAIN, label=_("单位"))


def _code_field(queryset, label, *, required: bool = False):
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=queryset,
        required=required,
        allow_null=not required,
        label=label,
        error_messages={
            "does_not_exist": _("代码“{value}”不存在,请查阅 /api/v1/taxonomies/ 中的代码。"),
            "invalid": _("应为代码文字。"),
        },
    )


def _money(label):
    return serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=MAX_PRICE_CNY,
        required=False,
        allow_null=True,
        label=label,
    )


class NeedWriteIn(serializers.Serializer):
    """Fields an enterprise fills in; the service validates plain text, budgets and TRL once more."""

    title = serializers.CharField(max_length=200, validators=PLAIN, label=_("需求名称"))
    problem = serializers.CharField(max_length=5000, validators=PLAIN, label=_("问题描述"))
    keywords = serializers.ListField(
        child=serializers.CharField(max_length=50, validators=PLAIN), required=False, max_length=20, label=_("关键词")
    )
    # Optional: enterprises often do not know the code; staff get a suggestion inferred from the text.
    technical_field = _code_field(TechnicalField.objects.active(), _("技术领域"))
    industry_chain = _code_field(IndustryChainNode.objects.all(), _("产业链"))
    budget_min_cny = _money(_("预算下限(元)"))
    budget_max_cny = _money(_("预算上限(元)"))
    deadline = serializers.DateField(required=False, allow_null=True, label=_("截止日期"))
    region = _code_field(Region.objects.all(), _("所在地区"))
    cooperation_mode = _code_field(TransferMode.objects.active(), _("意向合作方式"))
    min_trl = serializers.IntegerField(
        min_value=1, max_value=9, required=False, allow_null=True, label=_("期望最低技术就绪度")
    )
    visibility = serializers.ChoiceField(choices=TechnologyNeed.Visibility.choices, required=False, label=_("公开范围"))
    indicators = NeedIndicatorIn(many=True, required=False, label=_("目标指标"))

    def validate_keywords(self, value: list[str]) -> str:
        return ",".join(item.strip() for item in value if item.strip())

    def validate(self, attrs):
        low, high = attrs.get("budget_min_cny"), attrs.get("budget_max_cny")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"budget_max_cny": [_("预算上限不能低于预算下限。")]})
        return attrs


class NeedCreateIn(NeedWriteIn):
    submit = serializers.BooleanField(default=False, label=_("同时提交审核"))


class NeedReviewIn(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, label=_("审核意见"))


class NeedCloseIn(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=TechnologyNeed.CloseReason.choices,
        label=_("关闭原因"),
        error_messages={"required": _("请选择关闭原因。"), "invalid_choice": _("请选择关闭原因。")},
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=1000, validators=PLAIN, label=_("关闭说明")
    )


class NeedRejectIn(serializers.Serializer):
    note = serializers.CharField(max_length=2000, label=_("退回原因"))
