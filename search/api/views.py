"""Search and matching API: the same selectors as the pages, shaped as JSON."""

from __future__ import annotations

from dataclasses import asdict

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from common.errors import DomainError

from ..extensions import extra_sections
from ..judgements import match_judgement_record
from ..matching import DATABASE_MODE, match_floor, matches_for_achievement, matches_for_need
from ..searching import FACETS, clean_params, search_listings
from ..selectors import achievement_for_matches, need_for_matches
from .serializers import (
    MatchJudgementInputSerializer,
    MatchJudgementSerializer,
    MatchListSerializer,
    MatchQuerySerializer,
    SearchResponseSerializer,
)


class SearchView(APIView):
    """Full-text search over public achievements and needs, with facet counts."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="搜索词(中文或英文,最多 100 字)"),
            OpenApiParameter("page", OpenApiTypes.INT),
            *[OpenApiParameter(name, OpenApiTypes.STR) for name in FACETS],
        ],
        responses=SearchResponseSerializer,
    )
    def get(self, request):
        params, errors = clean_params(request.query_params)
        if errors:
            raise DomainError(next(iter(errors.values()))[0], field_errors=errors)
        results = search_listings(params)
        data = {
            "count": results.total,
            "page": params.page,
            "pages": results.pages,
            "basic_mode": results.basic_mode,
            "results": [asdict(hit) for hit in results.hits],
            "facets": {name: [asdict(b) for b in buckets] for name, buckets in results.facets.items()},
            # Other apps' public results (challenges), first page only, as on the search page.
            "sections": [asdict(section) for section in extra_sections(params.q)] if params.page == 1 else [],
        }
        return Response(SearchResponseSerializer(data).data)


def _validated(serializer) -> dict:
    """The serializer's data, or a DomainError naming each bad field (the API's one error shape)."""
    if not serializer.is_valid():
        raise DomainError(_("参数有误。"), field_errors={k: [str(m) for m in v] for k, v in serializer.errors.items()})
    return serializer.validated_data


def _limit(request) -> int:
    return _validated(MatchQuerySerializer(data=request.query_params))["limit"]


def _match_response(matches):
    basic = matches.mode == DATABASE_MODE  # which matcher actually served, not merely which is configured
    data = {
        "mode": matches.mode,
        "basic_mode": basic,
        "floor": match_floor(basic=basic),
        "recommended_count": sum(1 for m in matches if m.recommended),
        # The rows themselves: the serializer reads their attributes. ``asdict`` deep-copied every row, the
        # internal found_terms and reachable sets included (about 1 ms a request, docs/search.md "API overhead").
        "results": list(matches),
    }
    return Response(MatchListSerializer(data).data)


class NeedMatchesView(APIView):
    """Top achievements for a need (its enterprise's members and bureau staff only)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[MatchQuerySerializer], responses=MatchListSerializer)
    def get(self, request, pk: int):
        limit = _limit(request)
        need = need_for_matches(user=request.user, need_id=pk)
        return _match_response(matches_for_need(need, limit=limit))


class NeedMatchJudgementView(APIView):
    """Judge a need's match list (its enterprise's members and bureau staff): a row useful or not relevant, or
    nothing suitable. Posting again changes the verdict; 201 the first time, 200 after."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=MatchJudgementInputSerializer, responses={200: MatchJudgementSerializer, 201: MatchJudgementSerializer}
    )
    def post(self, request, pk: int):
        data = _validated(MatchJudgementInputSerializer(data=request.data))
        judgement, created = match_judgement_record(
            user=request.user, need_id=pk, verdict=data["verdict"], achievement_id=data.get("achievement")
        )
        return Response(MatchJudgementSerializer(judgement).data, status=201 if created else 200)


class AchievementMatchesView(APIView):
    """Top open needs for an achievement (its institution's editors and bureau staff only)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[MatchQuerySerializer], responses=MatchListSerializer)
    def get(self, request, pk: int):
        limit = _limit(request)
        page = achievement_for_matches(user=request.user, page_id=pk)
        return _match_response(matches_for_achievement(page, limit=limit, include_private=request.user.is_bureau_staff))
