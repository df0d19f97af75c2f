"""API v1 serializers of the deal flow: one input and one output per action, never a model serializer for all."""

from __future__ import annotations

from rest_framework import serializers

from marketplace.models import AchievementPage, TechnologyNeed
from taxonomy.models import TransferMode

from ..models import NOTICE_MIN_DAYS, Deal, DeclineReason, LostReason, Timeline


class DealEnquiryInput(serializers.Serializer):
    achievement = serializers.IntegerField()
    need = serializers.IntegerField(required=False, allow_null=True)
    purpose = serializers.CharField(max_length=2000)
    intended_use = serializers.CharField(max_length=2000)
    timeline = serializers.ChoiceField(choices=Timeline.choices)
    budget_min_cny = serializers.DecimalField(max_digits=16, decimal_places=2, required=False, allow_null=True)
    budget_max_cny = serializers.DecimalField(max_digits=16, decimal_places=2, required=False, allow_null=True)
    transfer_mode = serializers.SlugRelatedField(
        slug_field="code", queryset=TransferMode.objects.all(), required=False, allow_null=True
    )


class DealProposalInput(serializers.Serializer):
    need = serializers.IntegerField()
    approach = serializers.CharField(max_length=5000)
    duration = serializers.CharField(max_length=100)
    achievements = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    cost_min_cny = serializers.DecimalField(max_digits=16, decimal_places=2, required=False, allow_null=True)
    cost_max_cny = serializers.DecimalField(max_digits=16, decimal_places=2, required=False, allow_null=True)


class DealApproachOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.SerializerMethodField()
    status = serializers.CharField()
    sender_organisation = serializers.CharField(source="sender_organisation.name")
    recipient_organisation = serializers.CharField(source="recipient_organisation.name")
    conversation = serializers.IntegerField(source="conversation.pk")
    created_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    decline_reason = serializers.CharField()

    def get_kind(self, obj) -> str:
        return "enquiry" if hasattr(obj, "achievement_id") else "proposal"


class DealDeclineInput(serializers.Serializer):
    reason = serializers.ChoiceField(choices=DeclineReason.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DealConversationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.CharField()
    seller_organisation = serializers.CharField(source="seller_organisation.name")
    buyer_organisation = serializers.CharField(source="buyer_organisation.name")
    created_at = serializers.DateTimeField()
    last_message_at = serializers.DateTimeField(allow_null=True)


class DealMessageInput(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class DealMessageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(source="author.username", allow_null=True)
    organisation = serializers.CharField(source="author_organisation.name", allow_null=True, default=None)
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    attachments = serializers.SerializerMethodField()

    def get_attachments(self, obj) -> list[str]:
        return [a.original_name for a in obj.attachments.all()]


class DealOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    stage = serializers.CharField()
    stage_label = serializers.CharField(source="get_stage_display")
    status = serializers.CharField()
    seller_organisation = serializers.CharField(source="seller_organisation.name")
    buyer_organisation = serializers.CharField(source="buyer_organisation.name")
    agreed_price_cny = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    lost_reason = serializers.CharField()
    contract = serializers.IntegerField(source="contract_id", allow_null=True)
    idle = serializers.SerializerMethodField()
    last_activity_at = serializers.DateTimeField()

    def get_idle(self, obj) -> bool:
        return obj.idle_flagged_at is not None


class DealTransitionInput(serializers.Serializer):
    to_stage = serializers.ChoiceField(choices=Deal.Stage.choices)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DealPriceInput(serializers.Serializer):
    price_cny = serializers.DecimalField(max_digits=16, decimal_places=2)
    negotiated = serializers.BooleanField(default=True)
    notice_days = serializers.IntegerField(default=NOTICE_MIN_DAYS)
    starts_on = serializers.DateField(required=False, allow_null=True)
    objection_contact = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class DealLostInput(serializers.Serializer):
    reason = serializers.ChoiceField(choices=LostReason.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DealReceiptInput(serializers.Serializer):
    amount_cny = serializers.DecimalField(max_digits=16, decimal_places=2)
    received_on = serializers.DateField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class DealReceiptOutput(serializers.Serializer):
    instalment = serializers.IntegerField()
    amount_cny = serializers.DecimalField(max_digits=16, decimal_places=2)
    received_on = serializers.DateField()


class DealNdaAcceptInput(serializers.Serializer):
    version = serializers.IntegerField()


class DealNdaAcceptOutput(serializers.Serializer):
    version = serializers.IntegerField()
    accepted_at = serializers.DateTimeField()


class DealContractFiledOutput(serializers.Serializer):
    contract = serializers.IntegerField(source="pk")
    status = serializers.CharField()
    contract_type = serializers.CharField()
    sub_type = serializers.CharField()
    total_amount_cny = serializers.DecimalField(max_digits=16, decimal_places=2)


class DealDisclosureOutput(serializers.Serializer):
    achievement = serializers.IntegerField(source="achievement_id")
    details = serializers.CharField()
    files = serializers.SerializerMethodField()

    def get_files(self, obj) -> list[dict]:
        return [{"id": f.pk, "title": f.title} for f in obj.files.all()]


class DealNoticeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    achievement_title = serializers.CharField()
    seller_name = serializers.CharField()
    buyer_name = serializers.CharField()
    proposed_price_cny = serializers.DecimalField(max_digits=16, decimal_places=2)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    objection_contact = serializers.CharField()
    withdrawn = serializers.SerializerMethodField()

    def get_withdrawn(self, obj) -> bool:
        return obj.withdrawn_at is not None


class DealObjectionInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    contact = serializers.CharField(max_length=100)
    grounds = serializers.CharField(max_length=5000)


class DealObjectionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    outcome = serializers.CharField()
    submitted_at = serializers.DateTimeField()


class DealResolveInput(serializers.Serializer):
    upheld = serializers.BooleanField()
    resolution = serializers.CharField(max_length=2000)


class DealFunnelOutput(serializers.Serializer):
    year = serializers.IntegerField()
    dimension = serializers.CharField()
    rows = serializers.ListField(child=serializers.DictField())
    totals = serializers.DictField(child=serializers.IntegerField())
    median_answer_hours = serializers.FloatField(allow_null=True)
    projection = serializers.DictField()


def achievement_or_none(pk):
    return AchievementPage.objects.filter(pk=pk).first()


def need_or_none(pk):
    return TechnologyNeed.objects.filter(pk=pk).first() if pk else None
