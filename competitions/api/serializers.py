"""Input and output serializers of the competitions API, one pair per action (names prefixed for the schema)."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Organisation, User
from marketplace.models import AchievementPage

from ..models import Award, Competition, Criterion, Entry, Result, Round, Score

# --- Output -------------------------------------------------------------------------------------------


class CompetitionCriterionOutput(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "name", "weight", "max_score"]


class CompetitionAwardOutput(serializers.ModelSerializer):
    class Meta:
        model = Award
        fields = ["id", "name", "rank_from", "rank_to", "prize_cny"]


class CompetitionRoundOutput(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = ["id", "kind", "status"]


class CompetitionOutput(serializers.ModelSerializer):
    event = serializers.PrimaryKeyRelatedField(read_only=True)
    event_url = serializers.SerializerMethodField()
    criteria = CompetitionCriterionOutput(many=True, read_only=True)
    awards = CompetitionAwardOutput(many=True, read_only=True)
    rounds = CompetitionRoundOutput(many=True, read_only=True)

    class Meta:
        model = Competition
        fields = ["id", "title", "event", "event_url", "entry_deadline", "results_published_at", "criteria",
                  "awards", "rounds"]  # fmt: skip

    def get_event_url(self, competition) -> str:
        return competition.event.url if competition.event_id and competition.event.url else ""


class CompetitionEntryOutput(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="name", read_only=True)
    achievements = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    entrant = serializers.CharField(source="entrant_name", read_only=True)

    class Meta:
        model = Entry
        fields = ["id", "competition", "title", "summary", "stage", "entrant", "organisation", "team_name",
                  "team_members", "achievements", "status", "is_finalist", "created_at", "updated_at"]  # fmt: skip


class CompetitionJudgeEntryOutput(serializers.Serializer):
    entry = CompetitionEntryOutput()
    my_score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)


class CompetitionScoreOutput(serializers.ModelSerializer):
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Score
        fields = ["id", "round", "entry", "weighted_score", "comment", "submitted_at", "scores"]

    def get_scores(self, score) -> dict[str, str]:
        return {str(item.criterion_id): str(item.value) for item in score.items.all()}


class CompetitionRankOutput(serializers.Serializer):
    entry = serializers.IntegerField(source="entry.pk")
    title = serializers.CharField(source="entry.title")
    entrant = serializers.CharField(source="entry.entrant_name")
    score = serializers.DecimalField(max_digits=6, decimal_places=2)
    judges = serializers.IntegerField()
    rank = serializers.IntegerField()


class CompetitionResultOutput(serializers.ModelSerializer):
    title = serializers.CharField(source="entry.title")
    entrant = serializers.CharField(source="entry.entrant_name")
    award = serializers.CharField(source="award.name", default="")
    prize_cny = serializers.DecimalField(source="award.prize_cny", max_digits=14, decimal_places=2, default=None)

    class Meta:
        model = Result
        fields = ["rank", "title", "entrant", "score", "award", "prize_cny"]


# --- Input --------------------------------------------------------------------------------------------


class CompetitionEntryInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=5000)
    stage = serializers.ChoiceField(choices=Entry.Stage.choices)
    team_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    team_members = serializers.CharField(max_length=2000)
    achievements = serializers.PrimaryKeyRelatedField(
        queryset=AchievementPage.objects.live(), many=True, required=False
    )

    def split(self) -> dict:
        data = dict(self.validated_data)
        achievements = data.pop("achievements", None)
        return {"data": data, "achievements": achievements}


class CompetitionScoreInput(serializers.Serializer):
    scores = serializers.DictField(child=serializers.DecimalField(max_digits=7, decimal_places=2))
    comment = serializers.CharField(max_length=3000, required=False, allow_blank=True, default="")


class CompetitionConflictInput(serializers.Serializer):
    entry = serializers.IntegerField(required=False)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)
    reason = serializers.CharField(max_length=200)


class CompetitionAssignInput(serializers.Serializer):
    judge = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(role=User.Role.EXPERT))
    entries = serializers.ListField(child=serializers.IntegerField(), required=False)


class CompetitionAdvanceInput(serializers.Serializer):
    top = serializers.IntegerField(min_value=1, max_value=1000)
