"""API v1 of competitions: one view per action. Entries are their owners' (and staff's); judges see only the
entries they are assigned and not conflicted on; the public sees results once published."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from common.errors import NotAllowed, NotFoundError

from .. import permissions, selectors, services
from ..models import Competition, Entry, Round, Score
from . import serializers as s


def _entry_for(request, pk: int) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("competition", "organisation"), pk=pk)
    permissions.require_view_entry(request.user, entry)
    return entry


def _round_for(pk: int) -> Round:
    return get_object_or_404(Round.objects.select_related("competition"), pk=pk)


class CompetitionList(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.CompetitionOutput(many=True))
    def get(self, request):
        qs = Competition.objects.select_related("event").prefetch_related("criteria", "awards", "rounds")
        return Response(s.CompetitionOutput(qs, many=True).data)


class CompetitionDetail(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.CompetitionOutput)
    def get(self, request, pk: int):
        return Response(s.CompetitionOutput(get_object_or_404(Competition, pk=pk)).data)


class Results(APIView):
    """The published ranking and awards; 404 until staff publish them."""

    permission_classes = [AllowAny]

    @extend_schema(responses=s.CompetitionResultOutput(many=True))
    def get(self, request, pk: int):
        competition = get_object_or_404(Competition, pk=pk)
        if not competition.is_published:
            raise NotFoundError(_("比赛结果尚未公布。"))
        return Response(s.CompetitionResultOutput(selectors.public_results(competition), many=True).data)


class EntryListCreate(APIView):
    """GET: your own entries in this competition (staff: all). POST: enter a project before the deadline."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.CompetitionEntryOutput(many=True))
    def get(self, request, pk: int):
        competition = get_object_or_404(Competition, pk=pk)
        qs = competition.entries.select_related("organisation").prefetch_related("achievements")
        if not permissions.is_staff(request.user):
            qs = qs.owned_by(request.user)
        return Response(s.CompetitionEntryOutput(qs, many=True).data)

    @extend_schema(request=s.CompetitionEntryInput, responses={201: s.CompetitionEntryOutput})
    def post(self, request, pk: int):
        competition = get_object_or_404(Competition, pk=pk)
        permissions.require_can_enter(request.user)
        serializer = s.CompetitionEntryInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.entry_create(user=request.user, competition=competition, **serializer.split())
        return Response(s.CompetitionEntryOutput(entry).data, status=status.HTTP_201_CREATED)


class EntryDetail(APIView):
    """GET: owners, staff and the judges assigned to it (unless conflicted). PATCH: the owner, before the deadline."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.CompetitionEntryOutput)
    def get(self, request, pk: int):
        return Response(s.CompetitionEntryOutput(_entry_for(request, pk)).data)

    @extend_schema(request=s.CompetitionEntryInput, responses=s.CompetitionEntryOutput)
    def patch(self, request, pk: int):
        entry = get_object_or_404(Entry, pk=pk)
        permissions.require_owner(request.user, entry)
        serializer = s.CompetitionEntryInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        entry = services.entry_update(user=request.user, entry=entry, **serializer.split())
        return Response(s.CompetitionEntryOutput(entry).data)


class EntryWithdraw(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=s.CompetitionEntryOutput)
    def post(self, request, pk: int):
        entry = services.entry_withdraw(user=request.user, entry=get_object_or_404(Entry, pk=pk))
        return Response(s.CompetitionEntryOutput(entry).data)


class ConflictDeclare(APIView):
    """A judge declares a tie to an entry's team or to an organisation."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.CompetitionConflictInput, responses={201: None})
    def post(self, request, pk: int):
        competition = get_object_or_404(Competition, pk=pk)
        serializer = s.CompetitionConflictInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entry = None
        if data.get("entry"):
            entry = competition.entries.filter(pk=data["entry"]).first()
            if entry is None:
                raise NotFoundError(_("未找到该参赛项目。"))
        services.conflict_declare(
            user=request.user,
            competition=competition,
            entry=entry,
            organisation=data.get("organisation"),
            reason=data["reason"],
        )
        return Response(status=status.HTTP_201_CREATED)


class JudgeEntries(APIView):
    """A judge's entries in a round: only the assigned ones, never one they are conflicted on."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.CompetitionJudgeEntryOutput(many=True))
    def get(self, request, pk: int):
        round = _round_for(pk)
        if not permissions.is_judge(request.user):
            raise NotAllowed(_("只有评审专家可以查看待评项目。"))
        rows = [
            {"entry": row.entry, "my_score": row.score.weighted_score if row.score else None}
            for row in selectors.entries_for_judge(request.user, round)
        ]
        return Response(s.CompetitionJudgeEntryOutput(rows, many=True).data)


class ScoreSubmit(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.CompetitionScoreInput, responses={201: s.CompetitionScoreOutput})
    def post(self, request, pk: int, entry_pk: int):
        round = _round_for(pk)
        entry = get_object_or_404(Entry, pk=entry_pk, competition_id=round.competition_id)
        # Anyone but staff (who are told they may not) gets 404 unless assigned to it and not conflicted.
        user = request.user
        if not permissions.is_staff(user) and (
            not permissions.is_assigned(user, entry, round.pk) or permissions.has_conflict(user, entry)
        ):
            raise NotFoundError(_("未找到该参赛项目。"))
        serializer = s.CompetitionScoreInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        score = services.score_submit(user=request.user, round=round, entry=entry, **serializer.validated_data)
        return Response(s.CompetitionScoreOutput(score).data, status=status.HTTP_201_CREATED)


class MyScores(APIView):
    """A judge's own scores in a round."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.CompetitionScoreOutput(many=True))
    def get(self, request, pk: int):
        round = _round_for(pk)
        qs = Score.objects.filter(round=round, judge=request.user).prefetch_related("items")
        return Response(s.CompetitionScoreOutput(qs, many=True).data)


class JudgeAssign(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.CompetitionAssignInput, responses={201: None})
    def post(self, request, pk: int):
        permissions.require_staff(request.user)
        round = _round_for(pk)
        serializer = s.CompetitionAssignInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = serializer.validated_data.get("entries")
        entries = None
        if ids is not None:
            entries = list(round.competition.entries.filter(pk__in=ids))
            if len(entries) != len(set(ids)):
                raise NotFoundError(_("未找到该参赛项目。"))
        made = services.judges_assign(
            user=request.user, round=round, judge=serializer.validated_data["judge"], entries=entries
        )
        return Response({"assigned": sorted(a.entry_id for a in made)}, status=status.HTTP_201_CREATED)


class Ranking(APIView):
    """A round's ranking (staff only; the public sees the published results)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.CompetitionRankOutput(many=True))
    def get(self, request, pk: int):
        permissions.require_staff(request.user)
        return Response(s.CompetitionRankOutput(selectors.round_ranking(_round_for(pk)), many=True).data)


def _round_action(name: str, run, doc: str, request_serializer=None):
    class RoundActionView(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(
            request=request_serializer,
            responses=s.CompetitionRoundOutput,
            description=doc,
            operation_id=f"competition_round_{name}",
        )
        def post(self, request, pk: int):
            permissions.require_staff(request.user)
            round = _round_for(pk)
            data = {}
            if request_serializer is not None:
                serializer = request_serializer(data=request.data)
                serializer.is_valid(raise_exception=True)
                data = serializer.validated_data
            run(request.user, round, data)
            round.refresh_from_db()
            return Response(s.CompetitionRoundOutput(round).data)

    RoundActionView.__name__ = f"Round{name.title()}"
    return RoundActionView


RoundStart = _round_action("start", lambda u, r, d: services.round_start(user=u, round=r), "Open a round (staff).")
RoundAdvance = _round_action(
    "advance",
    lambda u, r, d: services.round_advance(user=u, round=r, top=d["top"]),
    "Close the preliminary and advance its top N to the final (staff).",
    s.CompetitionAdvanceInput,
)
RoundClose = _round_action("close", lambda u, r, d: services.round_close(user=u, round=r), "Close the final (staff).")


class Publish(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=s.CompetitionResultOutput(many=True))
    def post(self, request, pk: int):
        competition = get_object_or_404(Competition, pk=pk)
        results = services.results_publish(user=request.user, competition=competition)
        return Response(s.CompetitionResultOutput(results, many=True).data)
