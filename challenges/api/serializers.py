"""Input and output serializers of the challenges API, one pair per action."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Organisation, User
from marketplace.models import AchievementPage
from taxonomy.models import IndustryChainNode, TechnicalField

from ..models import (
    Application,
    ApplicationMilestone,
    Award,
    Challenge,
    ChallengeTarget,
    KeyProblem,
    Milestone,
    Review,
    ReviewCriterion,
)

MONEY = {"max_digits": 14, "decimal_places": 2}


# --- Output -------------------------------------------------------------------------------------------


class ChallengeTargetOutput(serializers.ModelSerializer):
    class Meta:
        model = ChallengeTarget
        fields = ["indicator", "value", "unit", "test_method"]


class ReviewCriterionOutput(serializers.ModelSerializer):
    class Meta:
        model = ReviewCriterion
        fields = ["id", "name", "weight"]


class ChallengeSummaryOutput(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)
    node = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Challenge
        fields = ["id", "title", "title_en", "status", "status_label", "node", "reward_cny", "opens_at", "closes_at"]


class ChallengeOutput(ChallengeSummaryOutput):
    technical_field = serializers.SlugRelatedField(slug_field="code", read_only=True)
    targets = ChallengeTargetOutput(many=True, read_only=True)
    criteria = ReviewCriterionOutput(many=True, read_only=True)
    co_funders = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    key_problems = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(ChallengeSummaryOutput.Meta):
        fields = [
            *ChallengeSummaryOutput.Meta.fields,
            "problem",
            "problem_en",
            "technical_field",
            "payment_terms",
            "term_years",
            "scope",
            "institution_kinds",
            "review_by",
            "award_by",
            "ip_terms",
            "required_documents",
            "targets",
            "criteria",
            "co_funders",
            "key_problems",
        ]


class ApplicationMilestoneOutput(serializers.ModelSerializer):
    class Meta:
        model = ApplicationMilestone
        fields = ["title", "indicator", "due_on", "payment_cny"]


class ChallengeApplicationOutput(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)
    lead = serializers.SlugRelatedField(slug_field="name", read_only=True)
    partners = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    milestones = ApplicationMilestoneOutput(many=True, read_only=True)
    track_record = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "challenge",
            "lead",
            "partners",
            "status",
            "team_lead",
            "team_lead_title",
            "team",
            "technical_route",
            "budget_cny",
            "budget_notes",
            "track_record",
            "declares_no_conflict",
            "declares_originality",
            "milestones",
            "submitted_at",
        ]


class ExpertReviewOutput(serializers.ModelSerializer):
    expert = serializers.CharField(source="expert.username", read_only=True)
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", "application", "expert", "weighted_score", "comment", "scores", "submitted_at"]

    def get_scores(self, review) -> dict[str, int]:
        return {str(s.criterion_id): s.score for s in review.scores.all()}


class ApplicationRankOutput(serializers.Serializer):
    application = serializers.IntegerField(source="application.pk")
    lead = serializers.CharField(source="application.lead.name")
    score = serializers.DecimalField(max_digits=6, decimal_places=2)
    reviews = serializers.IntegerField()
    rank = serializers.IntegerField()


class AwardMilestoneOutput(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)
    late = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id",
            "title",
            "indicator",
            "due_on",
            "payment_cny",
            "status",
            "reported_at",
            "enterprise_accepted_at",
            "bureau_accepted_at",
            "rejection_reason",
            "payment_released_at",
            "late",
        ]

    def get_late(self, milestone) -> bool:
        return milestone.status != Milestone.Status.ACCEPTED and milestone.is_late()


class AwardOutput(serializers.ModelSerializer):
    lead = serializers.CharField(source="application.lead.name", read_only=True)
    milestones = AwardMilestoneOutput(many=True, read_only=True)

    class Meta:
        model = Award
        fields = [
            "id",
            "challenge",
            "application",
            "lead",
            "amount_cny",
            "reasons",
            "decided_at",
            "contract",
            "contract_registered_at",
            "milestones",
        ]


class KeyProblemOutput(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)
    node = serializers.SlugRelatedField(slug_field="code", read_only=True)
    need_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = KeyProblem
        fields = ["id", "title", "description", "node", "is_common", "status", "need_count"]


class ProblemMapNodeOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(source="node.name")
    open_needs = serializers.IntegerField()
    problems = serializers.IntegerField()
    matched = serializers.IntegerField()
    in_challenge = serializers.IntegerField()
    solved = serializers.IntegerField()
    children = serializers.SerializerMethodField()

    def get_children(self, item) -> list[dict]:
        return ProblemMapNodeOutput(item.children, many=True).data


# --- Input --------------------------------------------------------------------------------------------


class ChallengeTargetInput(serializers.Serializer):
    indicator = serializers.CharField(max_length=100)
    value = serializers.CharField(max_length=50)
    unit = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    test_method = serializers.CharField(max_length=300)


class ReviewCriterionInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    weight = serializers.IntegerField(min_value=1, max_value=100)


class ChallengeInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    title_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    problem = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    problem_en = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    node = serializers.SlugRelatedField(slug_field="code", queryset=IndustryChainNode.objects.all(), required=False)
    technical_field = serializers.SlugRelatedField(slug_field="code", queryset=TechnicalField.objects.all())
    reward_cny = serializers.DecimalField(**MONEY, min_value=0)
    payment_terms = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    term_years = serializers.IntegerField(min_value=1, max_value=5, default=3)
    scope = serializers.ChoiceField(choices=Challenge.Scope.choices, default=Challenge.Scope.ANY)
    institution_kinds = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    review_by = serializers.DateField()
    award_by = serializers.DateField()
    ip_terms = serializers.CharField(max_length=3000)
    required_documents = serializers.CharField(max_length=3000, required=False, allow_blank=True)
    targets = ChallengeTargetInput(many=True)
    criteria = ReviewCriterionInput(many=True)
    co_funders = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.approved(), required=False, default=list
    )
    key_problems = serializers.PrimaryKeyRelatedField(
        many=True, queryset=KeyProblem.objects.current(), required=False, default=list
    )

    def split(self) -> dict:
        data = dict(self.validated_data)
        return {
            "targets": [dict(t) for t in data.pop("targets")],
            "criteria": [dict(c) for c in data.pop("criteria")],
            "co_funders": data.pop("co_funders"),
            "key_problems": data.pop("key_problems"),
            "data": data,
        }


class ApplicationMilestoneInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    indicator = serializers.CharField(max_length=300)
    due_on = serializers.DateField()
    payment_cny = serializers.DecimalField(**MONEY, min_value=0)


class ChallengeApplicationInput(serializers.Serializer):
    team_lead = serializers.CharField(max_length=50, required=False)
    team_lead_title = serializers.CharField(max_length=100, required=False, allow_blank=True)
    team = serializers.CharField(max_length=3000, required=False, allow_blank=True)
    technical_route = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    budget_cny = serializers.DecimalField(**MONEY, min_value=0, required=False)
    budget_notes = serializers.CharField(max_length=3000, required=False, allow_blank=True)
    declares_no_conflict = serializers.BooleanField(required=False)
    declares_originality = serializers.BooleanField(required=False)
    partners = serializers.PrimaryKeyRelatedField(many=True, queryset=Organisation.objects.approved(), required=False)
    milestones = ApplicationMilestoneInput(many=True, required=False)
    track_record = serializers.PrimaryKeyRelatedField(
        many=True, queryset=AchievementPage.objects.live(), required=False
    )

    def split(self) -> dict:
        data = dict(self.validated_data)
        children = {}
        for name in ("partners", "track_record"):
            if name in data:
                children[name] = data.pop(name)
        if "milestones" in data:
            children["milestones"] = [dict(m) for m in data.pop("milestones")]
        return {"data": data, **children}


class ChallengeReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class PanelMemberInput(serializers.Serializer):
    expert = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(role=User.Role.EXPERT))


class ExpertReviewInput(serializers.Serializer):
    scores = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=100))
    comment = serializers.CharField(max_length=5000)


class ChallengeAwardInput(serializers.Serializer):
    application = serializers.IntegerField()
    reasons = serializers.CharField(max_length=5000)
    amount_cny = serializers.DecimalField(**MONEY, min_value=0, required=False)


class MilestoneReportInput(serializers.Serializer):
    report = serializers.CharField(max_length=5000)
    evidence = serializers.CharField(max_length=3000)


class MilestoneDecisionInput(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
