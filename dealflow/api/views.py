"""API v1 of the deal flow (/api/v1/deals/…): one view per action, same permissions as the pages."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from common.errors import NotFoundError
from common.net import client_ip
from marketplace.models import AchievementPage, TechnologyNeed

from .. import permissions, selectors, services
from ..models import Conversation, Deal, NoticeObjection
from . import serializers as s


def _deal(request, pk: int) -> Deal:
    return selectors.deal_for(request.user, pk)


def _deal_out(deal: Deal, code=status.HTTP_200_OK) -> Response:
    deal.refresh_from_db()
    return Response(s.DealOutput(deal).data, status=code)


class EnquiryCreate(APIView):
    """Send an enquiry (意向咨询) about a listed achievement, optionally with one of your needs."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.DealEnquiryInput, responses={201: s.DealApproachOutput})
    def post(self, request):
        data = s.DealEnquiryInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        achievement = AchievementPage.objects.filter(pk=values.pop("achievement")).first()
        if achievement is None:
            raise NotFoundError(_("科技成果不存在或未公开。"))
        need_id = values.pop("need", None)
        need = TechnologyNeed.objects.filter(pk=need_id).first() if need_id else None
        if need_id and need is None:
            raise NotFoundError(_("技术需求不存在。"))
        enquiry = services.enquiry_send(user=request.user, achievement=achievement, need=need, **values)
        return Response(s.DealApproachOutput(enquiry).data, status=status.HTTP_201_CREATED)


class ProposalCreate(APIView):
    """Send a solution proposal (解决方案) to a public need."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.DealProposalInput, responses={201: s.DealApproachOutput})
    def post(self, request):
        data = s.DealProposalInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        need = TechnologyNeed.objects.filter(pk=values.pop("need")).first()
        if need is None:
            raise NotFoundError(_("该技术需求不存在或未公开。"))
        ids = values.pop("achievements", [])
        achievements = list(AchievementPage.objects.filter(pk__in=ids))
        if len(achievements) != len(set(ids)):
            raise NotFoundError(_("科技成果不存在。"))
        proposal = services.proposal_send(user=request.user, need=need, achievements=achievements, **values)
        return Response(s.DealApproachOutput(proposal).data, status=status.HTTP_201_CREATED)


class _ApproachAction(APIView):
    permission_classes = [IsAuthenticated]

    def _approach(self, request, kind: str, pk: int):
        approach = services.approach_for(kind=kind, pk=pk)
        if not permissions.org_is_party(request.user, approach.conversation):
            raise NotFoundError(_("不存在。"))
        return approach


class ApproachAccept(_ApproachAction):
    """Accept an enquiry or proposal addressed to your organisation: it becomes a deal at 意向."""

    @extend_schema(request=None, responses={201: s.DealOutput})
    def post(self, request, kind: str, pk: int):
        deal = services.approach_accept(user=request.user, approach=self._approach(request, kind, pk))
        return _deal_out(deal, status.HTTP_201_CREATED)


class ApproachDecline(_ApproachAction):
    """Decline with a reason from the fixed list (and text, required for 其他)."""

    @extend_schema(request=s.DealDeclineInput, responses=s.DealApproachOutput)
    def post(self, request, kind: str, pk: int):
        data = s.DealDeclineInput(data=request.data)
        data.is_valid(raise_exception=True)
        approach = services.approach_decline(
            user=request.user, approach=self._approach(request, kind, pk), **data.validated_data
        )
        return Response(s.DealApproachOutput(approach).data)


class ConversationList(ListAPIView):
    """Your organisation's conversations; bureau staff get every conversation's metadata."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.DealConversationOutput

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Conversation.objects.none()
        return selectors.conversations_for(self.request.user)


class ConversationMessages(APIView):
    """Read or post messages (parties and invited brokers only)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(responses=s.DealMessageOutput(many=True))
    def get(self, request, pk: int):
        thread = selectors.conversation_for_reading(request.user, pk)
        items = thread.messages.select_related("author", "author_organisation").prefetch_related("attachments")
        return Response(s.DealMessageOutput(items, many=True).data)

    @extend_schema(request=s.DealMessageInput, responses={201: s.DealMessageOutput})
    def post(self, request, pk: int):
        thread = selectors.conversation_for_reading(request.user, pk)
        data = s.DealMessageInput(data=request.data)
        data.is_valid(raise_exception=True)
        files = request.FILES.getlist("files") if hasattr(request, "FILES") else []
        message = services.message_send(
            user=request.user, conversation=thread, body=data.validated_data["body"], files=files
        )
        return Response(s.DealMessageOutput(message).data, status=status.HTTP_201_CREATED)


class DealList(ListAPIView):
    """Deals you are a party to (bureau staff: all), most recently active first."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.DealOutput

    @extend_schema(
        parameters=[
            OpenApiParameter("stage", str, required=False),
            OpenApiParameter("status", str, required=False),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Deal.objects.none()
        qs = selectors.deals_visible_to(self.request.user).select_related("seller_organisation", "buyer_organisation")
        if self.request.query_params.get("stage"):
            qs = qs.filter(stage=self.request.query_params["stage"])
        if self.request.query_params.get("status"):
            qs = qs.filter(status=self.request.query_params["status"])
        return qs.order_by("-last_activity_at", "-id")


class DealDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.DealOutput)
    def get(self, request, pk: int):
        return _deal_out(_deal(request, pk))


class _DealAction(APIView):
    """One deal action: validate ``input_class``, call ``service(user=…, deal=…, **data)``, answer with the deal.
    A refused move is a 409 (a domain error) and the deal stays put."""

    permission_classes = [IsAuthenticated]
    input_class: type
    service = staticmethod(lambda **kwargs: None)

    def post(self, request, pk: int):
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        return _deal_out(self.service(user=request.user, deal=_deal(request, pk), **data.validated_data))


@extend_schema(request=s.DealTransitionInput, responses=s.DealOutput)
class DealTransition(_DealAction):
    """Move a deal along the allowed path."""

    input_class = s.DealTransitionInput
    service = staticmethod(services.deal_transition)


@extend_schema(request=s.DealPriceInput, responses=s.DealOutput)
class DealPrice(_DealAction):
    """The seller records the agreed price; a state-funded seller's negotiated price starts a ≥ 15-day notice."""

    input_class = s.DealPriceInput
    service = staticmethod(services.deal_set_price)


@extend_schema(request=s.DealLostInput, responses=s.DealOutput)
class DealLost(_DealAction):
    """Either side marks the deal lost, with a reason from the fixed list."""

    input_class = s.DealLostInput
    service = staticmethod(services.deal_mark_lost)


class DealReceipt(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.DealReceiptInput, responses={201: s.DealReceiptOutput})
    def post(self, request, pk: int):
        data = s.DealReceiptInput(data=request.data)
        data.is_valid(raise_exception=True)
        receipt = services.deal_record_receipt(user=request.user, deal=_deal(request, pk), **data.validated_data)
        return Response(s.DealReceiptOutput(receipt).data, status=status.HTTP_201_CREATED)


class DealFileContract(APIView):
    """ "File as technology contract": a registration draft pre-filled from the deal (seller only, at 签约)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={201: s.DealContractFiledOutput})
    def post(self, request, pk: int):
        contract = services.deal_file_contract(user=request.user, deal=_deal(request, pk))
        return Response(s.DealContractFiledOutput(contract).data, status=status.HTTP_201_CREATED)


class DealNdaAccept(APIView):
    """The buyer accepts the seller's current NDA version (click-through; IP address recorded)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.DealNdaAcceptInput, responses={201: s.DealNdaAcceptOutput})
    def post(self, request, pk: int):
        data = s.DealNdaAcceptInput(data=request.data)
        data.is_valid(raise_exception=True)
        acceptance = services.nda_accept(
            user=request.user,
            deal=_deal(request, pk),
            version=data.validated_data["version"],
            ip_address=client_ip(request),
        )
        return Response(s.DealNdaAcceptOutput(acceptance).data, status=status.HTTP_201_CREATED)


class ConfidentialDetail(APIView):
    """The confidential tier of an achievement, for its institution and NDA-bound buyers; every read is logged."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.DealDisclosureOutput)
    def get(self, request, achievement_pk: int):
        achievement = AchievementPage.objects.live().filter(pk=achievement_pk).first()
        if achievement is None:
            raise NotFoundError(_("科技成果不存在或未公开。"))
        disclosure = services.disclosure_open(user=request.user, achievement=achievement, ip_address=client_ip(request))
        response = Response(s.DealDisclosureOutput(disclosure).data)
        response["Cache-Control"] = "private, no-store"
        return response


class NoticeList(ListAPIView):
    """Public list of 协议定价 notices, newest first."""

    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = s.DealNoticeOutput

    def get_queryset(self):
        from ..models import PriceNotice

        return PriceNotice.objects.order_by("-starts_on", "-id")


class NoticeObject(APIView):
    """Anyone may object to a running notice."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.DealObjectionInput, responses={201: s.DealObjectionOutput})
    def post(self, request, pk: int):
        data = s.DealObjectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        objection = services.notice_object(notice=selectors.notice_public(pk), **data.validated_data)
        return Response(s.DealObjectionOutput(objection).data, status=status.HTTP_201_CREATED)


class ObjectionResolve(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.DealResolveInput, responses=s.DealObjectionOutput)
    def post(self, request, pk: int):
        permissions.require_bureau(request.user)
        objection = NoticeObjection.objects.filter(pk=pk).first()
        if objection is None:
            raise NotFoundError(_("异议不存在。"))
        data = s.DealResolveInput(data=request.data)
        data.is_valid(raise_exception=True)
        objection = services.objection_resolve(user=request.user, objection=objection, **data.validated_data)
        return Response(s.DealObjectionOutput(objection).data)


class Funnel(APIView):
    """The bureau's funnel for a year by month, field, chain or institution, with the target projection."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=False), OpenApiParameter("by", str, required=False)],
        responses=s.DealFunnelOutput,
    )
    def get(self, request):
        from common import clock

        permissions.require_bureau(request.user)
        raw = request.query_params.get("year", "")
        year = int(raw) if raw.isdigit() else clock.today().year
        data = selectors.funnel(year=year, dimension=request.query_params.get("by", "month"))
        body = {
            "year": year,
            "dimension": data["dimension"],
            "rows": [
                {"key": str(r["key"]), "label": str(r["label"]), **r["counts"], "amount_cny": str(r["amount"])}
                for r in data["rows"]
            ],
            "totals": data["totals"],
            "median_answer_hours": data["median_answer_hours"],
            "projection": selectors.target_projection(year=year),
        }
        return Response(body)
