"""API v1 of the registry: one view per action, each with its own input and output serializer."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from common.errors import NotAllowed, NotFoundError

from .. import permissions, selectors, services
from ..filters import ContractFilter, QueueFilter
from ..models import Amendment, TechnologyContract
from ..rules import all_rulesets, ruleset
from ..verification import verify_attempt
from . import serializers as s


class ListPagination(PageNumberPagination):
    """?page=N&page_size=M (at most 200) on every registration list."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200


def _contract(request, pk: int):
    return selectors.contract_get_for(request.user, pk)


def _out(contract, code=status.HTTP_200_OK):
    contract.refresh_from_db()
    return Response(s.ContractOutput(contract).data, status=code)


class ContractListCreate(ListAPIView):
    """GET: the contracts you may see. POST: create a draft for your organisation."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.ContractSummaryOutput
    filterset_class = ContractFilter
    pagination_class = ListPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TechnologyContract.objects.none()
        return selectors.contracts_visible_to(self.request.user).order_by("-updated_at", "-pk")

    @extend_schema(request=s.DraftInput, responses={201: s.ContractOutput})
    def post(self, request):
        permissions.require_file(request.user)
        serializer = s.DraftInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, children = serializer.split()
        contract = services.contract_create_draft(user=request.user, data=data, **children)
        return _out(contract, status.HTTP_201_CREATED)


class ContractPrefill(APIView):
    """Create a draft pre-filled from one of your organisation's achievements and a buyer."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.PrefillInput, responses={201: s.ContractOutput})
    def post(self, request):
        serializer = s.PrefillInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        contract = services.contract_prefill_from_achievement(
            achievement=serializer.validated_data["achievement"],
            buyer_organisation=serializer.validated_data["buyer_organisation"],
            seller_user=request.user,
        )
        return _out(contract, status.HTTP_201_CREATED)


class ContractDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.ContractOutput)
    def get(self, request, pk: int):
        return _out(_contract(request, pk))

    @extend_schema(request=s.DraftInput, responses=s.ContractOutput)
    def patch(self, request, pk: int):
        contract = _contract(request, pk)
        serializer = s.DraftInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data, children = serializer.split()
        services.contract_update_draft(user=request.user, contract=contract, data=data, **children)
        return _out(contract)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        services.contract_delete_draft(user=request.user, contract=_contract(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ContractAttach(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": s.AttachmentInput}, responses={201: s.AttachmentOutput})
    def post(self, request, pk: int):
        contract = _contract(request, pk)
        serializer = s.AttachmentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = services.contract_attach(
            user=request.user,
            contract=contract,
            kind=serializer.validated_data["kind"],
            uploaded_file=serializer.validated_data["file"],
        )
        return Response(s.AttachmentOutput(attachment).data, status=status.HTTP_201_CREATED)


class ContractPrecheck(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.FindingOutput(many=True))
    def get(self, request, pk: int):
        findings = services.contract_precheck(user=request.user, contract=_contract(request, pk))
        return Response(s.FindingOutput([f.as_dict() for f in findings], many=True).data)


class _SubmitBase(APIView):
    permission_classes = [IsAuthenticated]
    action_name = ""

    def run(self, request, contract):
        raise NotImplementedError

    def post(self, request, pk: int):
        contract = _contract(request, pk)
        try:
            findings = self.run(request, contract)
        except services.PrecheckFailed as exc:
            return Response(
                {
                    "detail": exc.message,
                    "code": exc.code,
                    "errors": exc.field_errors,
                    "findings": [f.as_dict() for f in exc.findings],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        body = s.ContractOutput(contract).data
        body["findings"] = [f.as_dict() for f in findings]
        return Response(body)


class ContractSubmit(_SubmitBase):
    """Submit a draft. 400 with every pre-check finding when any is blocking."""

    @extend_schema(request=None, responses=s.ContractOutput)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def run(self, request, contract):
        return services.contract_submit(user=request.user, contract=contract)


class ContractResubmit(_SubmitBase):
    """Return an application after a request for more material (补正); the clock restarts."""

    @extend_schema(request=s.NoteInput, responses=s.ContractOutput)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def run(self, request, contract):
        serializer = s.NoteInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        return services.contract_resubmit(user=request.user, contract=contract, note=serializer.validated_data["note"])


def _action(input_serializer, run, *, output=None, description: str = ""):
    """Build a POST view for one workflow action: validate input, call the service, return the contract."""

    class ActionView(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(request=input_serializer, responses=output or s.ContractOutput, description=description)
        def post(self, request, pk: int):
            contract = _contract(request, pk)
            data = {}
            if input_serializer is not None:
                serializer = input_serializer(data=request.data)
                serializer.is_valid(raise_exception=True)
                data = serializer.validated_data
            result = run(request.user, contract, data)
            if output is not None:
                return Response(output(result).data, status=status.HTTP_201_CREATED)
            return _out(contract)

    return ActionView


ContractWithdraw = _action(
    s.NoteInput,
    lambda u, c, d: services.contract_withdraw(user=u, contract=c, reason=d["note"]),
    description="撤回申请",
)
ContractClassify = _action(
    s.ClassifyInput,
    lambda u, c, d: services.contract_classify(user=u, contract=c, **d),
    description="认定合同类别和子类",
)
ContractCorrectAmount = _action(
    s.CorrectAmountInput,
    lambda u, c, d: services.contract_correct_amount(user=u, contract=c, **d),
    description="更正金额(与申报值并列记录)",
)
ContractRequestMaterial = _action(
    s.RequiredNoteInput,
    lambda u, c, d: services.contract_request_material(user=u, contract=c, note=d["note"]),
    description="要求补正材料",
)
ContractRegister = _action(
    s.RegisterInput,
    lambda u, c, d: services.contract_register(user=u, contract=c, explanation=d["explanation"]),
    description="予以登记",
)
ContractRefuse = _action(
    s.RefuseInput, lambda u, c, d: services.contract_refuse(user=u, contract=c, **d), description="不予登记"
)
ContractCancel = _action(
    s.ReasonInput,
    lambda u, c, d: services.contract_cancel(user=u, contract=c, reason=d["reason"]),
    description="注销登记",
)
ContractRedetermine = _action(
    s.RedetermineInput,
    lambda u, c, d: services.contract_redetermine(user=u, contract=c, **d),
    output=s.ObjectionOutput,
    description="异议复核",
)
ContractObject = _action(
    s.ObjectionInput,
    lambda u, c, d: services.contract_object(user=u, contract=c, grounds=d["grounds"]),
    output=s.ObjectionOutput,
    description="提出异议",
)
ContractRequestAmendment = _action(
    s.AmendmentInput,
    lambda u, c, d: services.contract_request_amendment(user=u, contract=c, changes=d["changes"], reason=d["reason"]),
    output=s.AmendmentOutput,
    description="申请变更登记",
)


class AmendmentDecide(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.AmendmentDecisionInput, responses=s.AmendmentOutput)
    def post(self, request, pk: int, amendment_pk: int):
        contract = _contract(request, pk)
        amendment = get_object_or_404(Amendment, pk=amendment_pk, contract=contract)
        serializer = s.AmendmentDecisionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = services.contract_decide_amendment(user=request.user, amendment=amendment, **serializer.validated_data)
        return Response(s.AmendmentOutput(result).data)


class RegistrarQueue(ListAPIView):
    """The registrar's open cases: overdue first, then by deadline."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.ContractSummaryOutput
    filterset_class = QueueFilter
    pagination_class = ListPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TechnologyContract.objects.none()
        if not self.request.user.is_registrar:
            raise NotAllowed(_("只有登记员可以查看待办队列。"))
        return selectors.registrar_queue(self.request.user)


class Verify(APIView):
    """Public: registration number + verification code → the registered facts and status.

    Unknown numbers and wrong codes get the same 404; failed attempts are rate-limited per IP (429).
    """

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        parameters=[OpenApiParameter("number", str, required=True), OpenApiParameter("code", str, required=True)],
        responses=s.VerificationOutput,
    )
    def get(self, request):
        serializer = s.VerifyInput(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        result, limited = verify_attempt(request, **serializer.validated_data)
        if limited:
            return Response({"detail": _("查验失败次数过多,请稍后再试。"), "code": "rate_limited"}, status=429)
        if result is None:
            raise NotFoundError(_("未能核验:登记编号或核验码不正确。"))
        contract = result.contract
        labels = selectors.labels_for(contract)
        parties = list(contract.parties.all())
        body = {
            "status": result.status_code,
            "status_label": result.status_label,
            "registration_number": contract.registration_number,
            "project_name": contract.project_name,
            "contract_type": labels["type"],
            "sub_type": labels["sub_type"],
            "sellers": [p.name for p in parties if p.side == "seller"],
            "buyers": [p.name for p in parties if p.side == "buyer"],
            "total_amount_cny": contract.effective_total_amount_cny,
            "technology_amount_cny": contract.effective_technology_amount_cny,
            "technical_field": str(contract.technical_field or ""),
            "registered_on": contract.registered_on,
            "registry": contract.registry.name,
            "rule_set_key": contract.rule_set_key,
            "amended_at": contract.amended_at,
            "cancelled_at": contract.cancelled_at,
        }
        return Response(s.VerificationOutput(body).data)


class RuleSetDetail(APIView):
    """Public: a rule set's types, sub-types, recognition checks, refusal codes and time limits."""

    permission_classes = [AllowAny]

    @extend_schema(responses=dict)
    def get(self, request, key: str):
        if key not in all_rulesets():
            raise NotFoundError(_("未知的认定规则:%(key)s。") % {"key": key})
        rules = ruleset(key)
        return Response(
            {
                "key": rules.key,
                "title": rules.title,
                "effective_from": rules.effective_from,
                "time_limit": {"days": rules.time_limit.days, "kind": rules.time_limit.kind},
                "expert_review": (
                    {
                        "threshold_technology_amount_cny": str(rules.expert_review_threshold_cny),
                        "when_disputed": rules.expert_review_when_disputed,
                        "days": rules.expert_review_limit.days,
                        "kind": rules.expert_review_limit.kind,
                    }
                    if rules.expert_review_limit
                    else None
                ),
                "types": [
                    {
                        "code": t.code,
                        "label": t.label,
                        "sub_types": [
                            {"code": st.code, "label": st.label, "requires_ip_proof": st.requires_ip_proof}
                            for st in t.sub_types
                        ],
                        "recognition_checks": [{"code": c, "label": label} for c, label in t.recognition_checks],
                    }
                    for t in rules.types
                ],
                "refusal_reasons": [{"code": c, "label": label} for c, label in rules.refusal_reasons],
                "socio_economic_objectives": [
                    {"code": c, "label": label} for c, label in rules.socio_economic_objectives
                ],
            }
        )
