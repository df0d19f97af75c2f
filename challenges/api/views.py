"""API v1 of challenges: one view per action. Applications are their owner's (and staff's); experts see only
what they are assigned and not conflicted on; nobody but staff sees scores before the award."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from common.errors import NotFoundError

from .. import permissions, selectors, services
from ..models import Application, Award, Challenge, Milestone, Review
from . import serializers as s


def _challenge_for(request, pk: int) -> Challenge:
    challenge = get_object_or_404(Challenge, pk=pk)
    permissions.require_view_challenge(request.user, challenge)
    return challenge


def _application_for(request, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("challenge"), pk=pk)
    permissions.require_view_application(request.user, application)
    return application


class ChallengeListCreate(APIView):
    """GET: published challenges (filters status, chain, q). POST: bureau staff create a draft."""

    permission_classes = [IsAuthenticatedOrReadOnly]  # reading is public; anonymous writes get 401

    @extend_schema(
        parameters=[OpenApiParameter("status", str), OpenApiParameter("chain", str), OpenApiParameter("q", str)],
        responses=s.ChallengeSummaryOutput(many=True),
    )
    def get(self, request):
        qs = selectors.challenge_list(
            status=request.query_params.get("status", ""),
            chain=request.query_params.get("chain", ""),
            query=request.query_params.get("q", ""),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(s.ChallengeSummaryOutput(page, many=True).data)

    @extend_schema(request=s.ChallengeInput, responses={201: s.ChallengeOutput})
    def post(self, request):
        permissions.require_staff(request.user)
        serializer = s.ChallengeInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        challenge = services.challenge_create(user=request.user, **serializer.split())
        return Response(s.ChallengeOutput(challenge).data, status=status.HTTP_201_CREATED)


class ChallengeDetail(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.ChallengeOutput)
    def get(self, request, pk: int):
        return Response(s.ChallengeOutput(_challenge_for(request, pk)).data)


def _transition(name: str, run, doc: str):
    class TransitionView(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(
            request=s.ChallengeReasonInput,
            responses=s.ChallengeOutput,
            description=doc,
            operation_id=f"challenge_{name}",
        )
        def post(self, request, pk: int):
            challenge = _challenge_for(request, pk)
            serializer = s.ChallengeReasonInput(data=request.data)
            serializer.is_valid(raise_exception=True)
            result = run(request.user, challenge, serializer.validated_data["reason"])
            return Response(s.ChallengeOutput(result).data)

    TransitionView.__name__ = f"Challenge{name.title().replace('_', '')}"
    return TransitionView


ChallengePublish = _transition(
    "publish", lambda u, c, r: services.challenge_publish(user=u, challenge=c), "Publish a draft (staff)."
)
ChallengeStartReview = _transition(
    "start_review",
    lambda u, c, r: services.challenge_start_review(user=u, challenge=c),
    "Close submissions and start the review, after the deadline (staff).",
)
ChallengeClose = _transition(
    "close", lambda u, c, r: services.challenge_close(user=u, challenge=c, reason=r), "End without award (staff)."
)


class PanelAdd(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.PanelMemberInput, responses={201: None})
    def post(self, request, pk: int):
        challenge = _challenge_for(request, pk)
        serializer = s.PanelMemberInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.panel_add_expert(user=request.user, challenge=challenge, expert=serializer.validated_data["expert"])
        return Response(status=status.HTTP_201_CREATED)


class ApplicationListCreate(APIView):
    """GET: the applications you may see on this challenge — staff all, an institution its own, an expert on the
    panel the submitted ones without a conflict. POST: an institution editor starts a draft."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.ChallengeApplicationOutput(many=True))
    def get(self, request, pk: int):
        challenge = _challenge_for(request, pk)
        user = request.user
        qs = challenge.applications.select_related("lead").prefetch_related("partners", "milestones", "track_record")
        if permissions.is_staff(user):
            rows = list(qs)
        elif permissions.is_on_panel(user, challenge):
            rows = [a for a, abstain in selectors.applications_for_expert(user, challenge) if not abstain]
        elif user.is_institution_editor:
            rows = list(qs.filter(lead_id=user.organisation_id))
        else:
            rows = []
        return Response(s.ChallengeApplicationOutput(rows, many=True).data)

    @extend_schema(request=s.ChallengeApplicationInput, responses={201: s.ChallengeApplicationOutput})
    def post(self, request, pk: int):
        challenge = _challenge_for(request, pk)
        serializer = s.ChallengeApplicationInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = services.application_create(user=request.user, challenge=challenge, **serializer.split())
        return Response(s.ChallengeApplicationOutput(application).data, status=status.HTTP_201_CREATED)


class ApplicationDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.ChallengeApplicationOutput)
    def get(self, request, pk: int):
        return Response(s.ChallengeApplicationOutput(_application_for(request, pk)).data)

    @extend_schema(request=s.ChallengeApplicationInput, responses=s.ChallengeApplicationOutput)
    def patch(self, request, pk: int):
        application = _application_for(request, pk)
        serializer = s.ChallengeApplicationInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        application = services.application_update(user=request.user, application=application, **serializer.split())
        return Response(s.ChallengeApplicationOutput(application).data)


class ApplicationSubmit(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=s.ChallengeApplicationOutput)
    def post(self, request, pk: int):
        application = services.application_submit(user=request.user, application=_application_for(request, pk))
        return Response(s.ChallengeApplicationOutput(application).data)


class ApplicationWithdraw(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=s.ChallengeApplicationOutput)
    def post(self, request, pk: int):
        application = services.application_withdraw(user=request.user, application=_application_for(request, pk))
        return Response(s.ChallengeApplicationOutput(application).data)


class ReviewListCreate(APIView):
    """GET: staff see every review; an expert on the panel only their own. POST: the expert scores."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.ExpertReviewOutput(many=True))
    def get(self, request, pk: int):
        application = get_object_or_404(Application.objects.select_related("challenge"), pk=pk)
        user = request.user
        qs = Review.objects.filter(application=application).select_related("expert").prefetch_related("scores")
        if permissions.is_staff(user):
            return Response(s.ExpertReviewOutput(qs, many=True).data)
        if permissions.is_on_panel(user, application.challenge):
            return Response(s.ExpertReviewOutput(qs.filter(expert=user), many=True).data)
        raise NotFoundError(_("未找到该申报。"))

    @extend_schema(request=s.ExpertReviewInput, responses={201: s.ExpertReviewOutput})
    def post(self, request, pk: int):
        application = get_object_or_404(Application.objects.select_related("challenge"), pk=pk)
        serializer = s.ExpertReviewInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.review_submit(user=request.user, application=application, **serializer.validated_data)
        return Response(s.ExpertReviewOutput(review).data, status=status.HTTP_201_CREATED)


class Ranking(APIView):
    """The computed ranking: staff only (applicants never see scores)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.ApplicationRankOutput(many=True))
    def get(self, request, pk: int):
        permissions.require_staff(request.user)
        challenge = _challenge_for(request, pk)
        return Response(s.ApplicationRankOutput(selectors.ranking(challenge), many=True).data)


class AwardView(APIView):
    """GET: the published award with its milestones (public once awarded). POST: staff award."""

    permission_classes = [IsAuthenticatedOrReadOnly]  # reading is public; anonymous writes get 401

    @extend_schema(responses=s.AwardOutput)
    def get(self, request, pk: int):
        challenge = _challenge_for(request, pk)
        award = Award.objects.filter(challenge=challenge).select_related("application__lead").first()
        if award is None:
            raise NotFoundError(_("尚未揭榜。"))
        return Response(s.AwardOutput(award).data)

    @extend_schema(request=s.ChallengeAwardInput, responses={201: s.AwardOutput})
    def post(self, request, pk: int):
        permissions.require_staff(request.user)
        challenge = _challenge_for(request, pk)
        serializer = s.ChallengeAwardInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        application = get_object_or_404(Application, pk=data["application"], challenge=challenge)
        award = services.challenge_award(
            user=request.user,
            challenge=challenge,
            application=application,
            reasons=data["reasons"],
            amount_cny=data.get("amount_cny"),
        )
        return Response(s.AwardOutput(award).data, status=status.HTTP_201_CREATED)


class MilestoneReport(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.MilestoneReportInput, responses=s.AwardMilestoneOutput)
    def post(self, request, pk: int):
        milestone = get_object_or_404(Milestone, pk=pk)
        serializer = s.MilestoneReportInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        milestone = services.milestone_report(user=request.user, milestone=milestone, **serializer.validated_data)
        return Response(s.AwardMilestoneOutput(milestone).data)


class MilestoneDecide(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.MilestoneDecisionInput, responses=s.AwardMilestoneOutput)
    def post(self, request, pk: int):
        milestone = get_object_or_404(Milestone, pk=pk)
        serializer = s.MilestoneDecisionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        milestone = services.milestone_decide(user=request.user, milestone=milestone, **serializer.validated_data)
        return Response(s.AwardMilestoneOutput(milestone).data)


class ProblemMap(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.ProblemMapNodeOutput)
    def get(self, request, code: str):
        return Response(s.ProblemMapNodeOutput(selectors.problem_map(code)).data)


class ProblemList(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.KeyProblemOutput(many=True))
    def get(self, request, code: str):
        return Response(s.KeyProblemOutput(selectors.problem_list(code), many=True).data)


class Statistics(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=dict)
    def get(self, request):
        permissions.require_staff(request.user)
        stats = selectors.statistics()
        stats["states"] = [code for code, _label in stats["states"]]
        return Response(stats)
