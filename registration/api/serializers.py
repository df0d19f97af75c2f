"""Input and output serializers, one pair per action (never one generic serializer for everything)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from accounts.models import Organisation
from marketplace.models import AchievementPage
from taxonomy.models import EntityType, IPType, TechnicalField

from ..models import (
    Amendment,
    AmountCorrection,
    Attachment,
    Certificate,
    ContractIPRecord,
    ContractParty,
    Decision,
    Deduction,
    Objection,
    TechnologyContract,
    TransitionLog,
)
from ..selectors import labels_for

MONEY = {"max_digits": 14, "decimal_places": 2}  # as registration.models.MONEY


# --- Input ------------------------------------------------------------------------------------------


class PartyInput(serializers.Serializer):
    side = serializers.ChoiceField(choices=ContractParty.Side.choices)
    party_role = serializers.ChoiceField(choices=ContractParty.PartyRole.choices, required=False, allow_blank=True)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.approved(), required=False, allow_null=True
    )
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    credit_code = serializers.CharField(max_length=18, required=False, allow_blank=True)
    country_code = serializers.CharField(max_length=3, required=False, default="156")
    region_code = serializers.CharField(max_length=6, required=False, allow_blank=True)
    entity_type = serializers.SlugRelatedField(
        slug_field="code", queryset=EntityType.objects.all(), required=False, allow_null=True
    )

    def validate(self, attrs):
        if not attrs.get("organisation") and not attrs.get("name"):
            raise serializers.ValidationError({"name": [_("请填写当事人名称或选择平台机构。")]})
        return attrs


class DeductionInput(serializers.Serializer):
    category = serializers.ChoiceField(choices=Deduction.Category.choices)
    description = serializers.CharField(max_length=300)
    amount_cny = serializers.DecimalField(**MONEY, min_value=0)
    quantity = serializers.IntegerField(min_value=1, default=1)
    is_reasonable_carrier = serializers.BooleanField(default=False)


class IPRecordInput(serializers.Serializer):
    ip_type = serializers.SlugRelatedField(slug_field="code", queryset=IPType.objects.all())
    number = serializers.CharField(max_length=50, required=False, allow_blank=True)
    holder = serializers.CharField(max_length=200, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=ContractIPRecord.Status.choices, default="granted")
    expires_on = serializers.DateField(required=False, allow_null=True)


class DraftInput(serializers.Serializer):
    """Create (all required fields) or update (partial) a draft."""

    project_name = serializers.CharField(max_length=200)
    contract_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    contract_part = serializers.CharField(max_length=100, required=False, allow_blank=True)
    is_written = serializers.BooleanField(required=False)
    signed_on = serializers.DateField(required=False, allow_null=True)
    effective_on = serializers.DateField(required=False, allow_null=True)
    term_start = serializers.DateField(required=False, allow_null=True)
    term_end = serializers.DateField(required=False, allow_null=True)
    contract_type = serializers.CharField(max_length=16, required=False, allow_blank=True)
    sub_type = serializers.CharField(max_length=40, required=False, allow_blank=True)
    licence_scope = serializers.ChoiceField(
        choices=TechnologyContract.LicenceScope.choices, required=False, allow_blank=True
    )
    is_equity_contribution = serializers.BooleanField(required=False)
    is_import = serializers.BooleanField(required=False)
    technical_content = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    technical_field = serializers.SlugRelatedField(
        slug_field="code", queryset=TechnicalField.objects.all(), required=False, allow_null=True
    )
    ip_type = serializers.SlugRelatedField(
        slug_field="code", queryset=IPType.objects.all(), required=False, allow_null=True
    )
    programme_source = serializers.ChoiceField(choices=TechnologyContract.ProgrammeSource.choices, required=False)
    socio_economic_objective = serializers.CharField(max_length=16, required=False, allow_blank=True)
    payment_method = serializers.ChoiceField(
        choices=TechnologyContract.PaymentMethod.choices, required=False, allow_blank=True
    )
    price_terms = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    total_amount_cny = serializers.DecimalField(**MONEY, min_value=0, required=False)
    expected_investment_cny = serializers.DecimalField(**MONEY, min_value=0, required=False, allow_null=True)
    expected_output_cny = serializers.DecimalField(**MONEY, min_value=0, required=False, allow_null=True)
    is_mixed = serializers.BooleanField(required=False)
    separable_technical_amount_cny = serializers.DecimalField(**MONEY, min_value=0, required=False, allow_null=True)
    language = serializers.CharField(max_length=16, required=False)
    has_chinese_version = serializers.BooleanField(required=False)
    consistency_statement = serializers.BooleanField(required=False)
    is_disputed = serializers.BooleanField(required=False)
    parties = PartyInput(many=True, required=False)
    deductions = DeductionInput(many=True, required=False)
    ip_records = IPRecordInput(many=True, required=False)
    achievements = serializers.PrimaryKeyRelatedField(
        many=True, queryset=AchievementPage.objects.live(), required=False
    )

    CHILDREN = ("parties", "deductions", "ip_records", "achievements")

    def split(self) -> tuple[dict, dict]:
        data = dict(self.validated_data)
        children = {name: data.pop(name) for name in self.CHILDREN if name in data}
        if "parties" in children:
            children["parties"] = [{k: v for k, v in p.items()} for p in children["parties"]]
        return data, children


class PrefillInput(serializers.Serializer):
    achievement = serializers.PrimaryKeyRelatedField(queryset=AchievementPage.objects.live())
    buyer_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.approved())


class AttachmentInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Attachment.Kind.choices)
    file = serializers.FileField()


class NoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RequiredNoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class ClassifyInput(serializers.Serializer):
    contract_type = serializers.CharField(max_length=16)
    sub_type = serializers.CharField(max_length=40)
    licence_scope = serializers.ChoiceField(
        choices=TechnologyContract.LicenceScope.choices, required=False, allow_blank=True, default=""
    )
    is_equity_contribution = serializers.BooleanField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CorrectAmountInput(serializers.Serializer):
    field = serializers.ChoiceField(choices=AmountCorrection.Field.choices)
    corrected_cny = serializers.DecimalField(**MONEY, min_value=0)
    reason = serializers.CharField(max_length=2000)


class RegisterInput(serializers.Serializer):
    explanation = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class RefuseInput(serializers.Serializer):
    reason_codes = serializers.ListField(child=serializers.CharField(max_length=32), allow_empty=False)
    explanation = serializers.CharField(max_length=5000)


class RedetermineInput(serializers.Serializer):
    upheld = serializers.BooleanField()
    resolution = serializers.CharField(max_length=5000)
    reason_codes = serializers.ListField(child=serializers.CharField(max_length=32), required=False, default=list)


class ObjectionInput(serializers.Serializer):
    grounds = serializers.CharField(max_length=5000)


class AmendmentInput(serializers.Serializer):
    changes = serializers.DictField(child=serializers.CharField(allow_blank=True, allow_null=True))
    reason = serializers.CharField(max_length=5000)


class AmendmentDecisionInput(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class VerifyInput(serializers.Serializer):
    number = serializers.CharField(max_length=32)
    code = serializers.CharField(max_length=16)


# --- Output -----------------------------------------------------------------------------------------


class FindingOutput(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.ChoiceField(choices=[("blocking", "blocking"), ("warning", "warning")])
    message = serializers.CharField()
    field = serializers.CharField()
    refusal_code = serializers.CharField()


class PartyOutput(serializers.ModelSerializer):
    entity_type = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = ContractParty
        fields = [
            "side",
            "party_role",
            "organisation",
            "name",
            "credit_code",
            "country_code",
            "region_code",
            "province_code",
            "entity_type",
        ]


class DeductionOutput(serializers.ModelSerializer):
    class Meta:
        model = Deduction
        fields = ["category", "description", "amount_cny", "quantity", "is_reasonable_carrier"]


class IPRecordOutput(serializers.ModelSerializer):
    ip_type = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ContractIPRecord
        fields = ["ip_type", "number", "holder", "status", "expires_on"]


class AttachmentOutput(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "kind", "original_name", "size_bytes", "sha256", "uploaded_at"]


class CertificateOutput(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = ["id", "kind", "registration_number", "rule_set_key", "sha256", "issued_at", "download_url"]

    def get_download_url(self, obj) -> str:
        from django.urls import reverse

        return reverse("registration:certificate", args=[obj.pk])


class DecisionOutput(serializers.ModelSerializer):
    reasons = serializers.SerializerMethodField()
    decided_by = serializers.StringRelatedField()

    class Meta:
        model = Decision
        fields = [
            "outcome",
            "rule_set_key",
            "contract_type",
            "sub_type",
            "explanation",
            "decided_by",
            "decided_at",
            "reasons",
        ]

    def get_reasons(self, obj) -> list[dict]:
        return [{"code": r.code, "label": r.label} for r in obj.reasons.all()]


class CorrectionOutput(serializers.ModelSerializer):
    corrected_by = serializers.StringRelatedField()

    class Meta:
        model = AmountCorrection
        fields = ["field", "original_cny", "corrected_cny", "reason", "corrected_by", "corrected_at"]


class TransitionOutput(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()

    class Meta:
        model = TransitionLog
        fields = ["action", "from_status", "to_status", "actor", "at", "reason"]


class ContractSummaryOutput(serializers.ModelSerializer):
    technical_field = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = TechnologyContract
        fields = [
            "id",
            "project_name",
            "status",
            "rule_set_key",
            "contract_type",
            "sub_type",
            "technical_field",
            "effective_total_amount_cny",
            "effective_technology_amount_cny",
            "registration_number",
            "deadline",
            "submitted_at",
            "registered_on",
        ]


class ContractOutput(serializers.ModelSerializer):
    technical_field = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    ip_type = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    registry = serializers.StringRelatedField()
    labels = serializers.SerializerMethodField()
    parties = PartyOutput(many=True, read_only=True)
    deductions = DeductionOutput(many=True, read_only=True)
    ip_records = IPRecordOutput(many=True, read_only=True)
    attachments = AttachmentOutput(many=True, read_only=True)
    certificates = CertificateOutput(many=True, read_only=True)
    decisions = DecisionOutput(many=True, read_only=True)
    amount_corrections = CorrectionOutput(many=True, read_only=True)
    transitions = TransitionOutput(many=True, read_only=True)

    class Meta:
        model = TechnologyContract
        exclude = ["verification_code", "created_by", "assigned_registrar", "decided_by", "seller_organisation"]

    def get_labels(self, obj) -> dict:
        return labels_for(obj)


class AmendmentOutput(serializers.ModelSerializer):
    class Meta:
        model = Amendment
        fields = ["id", "status", "changes", "reason", "requested_at", "decided_at", "decision_note"]


class ObjectionOutput(serializers.ModelSerializer):
    class Meta:
        model = Objection
        fields = ["id", "status", "grounds", "filed_at", "resolution", "resolved_at"]


class VerificationOutput(serializers.Serializer):
    status = serializers.CharField()
    status_label = serializers.CharField()
    registration_number = serializers.CharField()
    project_name = serializers.CharField()
    contract_type = serializers.CharField()
    sub_type = serializers.CharField()
    sellers = serializers.ListField(child=serializers.CharField())
    buyers = serializers.ListField(child=serializers.CharField())
    total_amount_cny = serializers.DecimalField(**MONEY)
    technology_amount_cny = serializers.DecimalField(**MONEY)
    technical_field = serializers.CharField()
    registered_on = serializers.DateField()
    registry = serializers.CharField()
    rule_set_key = serializers.CharField()
    amended_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)
