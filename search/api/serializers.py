"""Output serializers of the search API (one per response shape)."""

from rest_framework import serializers


class MatchSerializer(serializers.Serializer):
    kind = serializers.CharField()
    object_id = serializers.IntegerField()
    external_id = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    url = serializers.CharField()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    shared_terms = serializers.ListField(child=serializers.CharField())
    coverage = serializers.FloatField(help_text="Share (0–1) of the need's distinctive vocabulary the pair shares.")
    recommended = serializers.BooleanField(
        help_text="False for weaker candidates, shown below the recommended ones as 可能相关 (possibly related)."
    )


class MatchListSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(
        choices=["engine", "database"],
        help_text="The matcher that actually served this list: the engine, or the database matcher (basic mode, "
        "or the engine was unreachable).",
    )
    basic_mode = serializers.BooleanField(help_text='True when mode is "database".')
    floor = serializers.FloatField(help_text="Optional score floor: nothing below it is returned (0 = none).")
    recommended_count = serializers.IntegerField(
        help_text="How many results are recommended; 0 means no recommended match (the rest are 可能相关)."
    )
    results = MatchSerializer(many=True)


class MatchQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1, max_value=50, default=10, error_messages={"invalid": "请输入 1 到 50 之间的整数。"}
    )


class FacetBucketSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    object_id = serializers.IntegerField()
    external_id = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    url = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: escaped text with <mark> around matched words.")
    score = serializers.FloatField(allow_null=True)
    technical_field_name = serializers.CharField()
    organisation_name = serializers.CharField()
    trl = serializers.IntegerField(allow_null=True)


class ExtraResultSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: escaped text with <mark> around matched words.")
    meta = serializers.CharField()


class ExtraSectionSerializer(serializers.Serializer):
    label = serializers.CharField()
    results = ExtraResultSerializer(many=True)
    more_url = serializers.CharField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    basic_mode = serializers.BooleanField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=FacetBucketSerializer(many=True))
    sections = ExtraSectionSerializer(
        many=True,
        required=False,
        help_text="Other public results on the first page (悬赏揭榜: challenges), from the engine or the database.",
    )


class MatchJudgementInputSerializer(serializers.Serializer):
    """A judgement of a need's match list: a row (``achievement``) useful or not relevant, or nothing suitable."""

    achievement = serializers.IntegerField(
        required=False, allow_null=True, help_text="The achievement judged; empty for none_suitable (the whole list)."
    )
    verdict = serializers.ChoiceField(choices=["useful", "not_relevant", "none_suitable"])


class MatchJudgementSerializer(serializers.Serializer):
    need = serializers.IntegerField(source="need_id")
    achievement = serializers.IntegerField(source="achievement_id", allow_null=True)
    verdict = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True, help_text="The row's place in the list when it was judged.")
    recommended = serializers.BooleanField(allow_null=True, help_text="Whether the row was above the line then.")
    recommended_count = serializers.IntegerField(help_text="Recommended rows in the list when it was judged.")
    mode = serializers.CharField(help_text="The matcher that served the list judged.")
    updated_at = serializers.DateTimeField()
