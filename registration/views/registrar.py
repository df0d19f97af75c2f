"""The registrar's pages: the queue of open cases and the review page with its decisions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, selectors, services
from ..filters import QueueFilter
from ..forms import (
    AmendmentDecisionForm,
    ClassifyForm,
    CorrectAmountForm,
    NoteForm,
    RedetermineForm,
    RefuseForm,
    RegisterForm,
)
from ..models import Amendment
from ..rules import ruleset
from ._shared import contract_or_404, detail_context, paginated, registrar_action, require_role


@login_required
def registrar_queue(request):
    require_role(request.user.is_registrar, _("登记机构的登记员"))
    filterset = QueueFilter(request.GET or None, queryset=selectors.registrar_queue(request.user))
    context = paginated(request, filterset)
    # Overdue cases show how many days late (a positive number), the others how many are left.
    context["rows"] = [
        (c, abs(left) if (left := selectors.days_left(c)) is not None and c.is_overdue else left)
        for c in context["page_obj"]
    ]
    return render(request, "registration/queue.html", context)


@login_required
def contract_review(request, pk: int):
    contract = contract_or_404(request, pk)
    require_role(permissions.is_registrar_of(request.user, contract), _("该合同所属登记机构的登记员"))
    rules = ruleset(contract.rule_set_key)
    context = detail_context(request, contract)
    context.update(
        {
            "classify_form": ClassifyForm(
                rules=rules,
                initial={
                    "contract_type": contract.contract_type,
                    "sub_type": contract.sub_type,
                    "licence_scope": contract.licence_scope,
                    "is_equity_contribution": contract.is_equity_contribution,
                },
            ),
            "correct_form": CorrectAmountForm(),
            "material_form": NoteForm(),
            "register_form": RegisterForm(),
            "refuse_form": RefuseForm(rules=rules),
            "redetermine_form": RedetermineForm(rules=rules),
            "cancel_form": NoteForm(),
            "amendment_decision_form": AmendmentDecisionForm(),
            "open_amendment": contract.amendments.filter(status=Amendment.Status.REQUESTED).first(),
            # Each check with the refusal reason that applies when it fails, so a refusal cites the right code.
            "recognition_checks": rules.recognition_checks_with_reasons(contract.contract_type),
        }
    )
    return render(request, "registration/review.html", context)


def _rules_of(request, pk):
    return ruleset(contract_or_404(request, pk).rule_set_key or "2026")


@login_required
@require_POST
def review_classify(request, pk: int):
    form = ClassifyForm(request.POST, rules=_rules_of(request, pk))
    return registrar_action(
        request,
        pk,
        form,
        lambda c, d: services.contract_classify(
            user=request.user,
            contract=c,
            contract_type=d["contract_type"],
            sub_type=d["sub_type"],
            licence_scope=d["licence_scope"],
            is_equity_contribution=d["is_equity_contribution"],
            reason=d["reason"],
        ),
        _("合同类别已认定。"),
    )


@login_required
@require_POST
def review_correct(request, pk: int):
    return registrar_action(
        request,
        pk,
        CorrectAmountForm(request.POST),
        lambda c, d: services.contract_correct_amount(
            user=request.user, contract=c, field=d["field"], corrected_cny=d["corrected_cny"], reason=d["reason"]
        ),
        _("金额更正已记录。"),
    )


@login_required
@require_POST
def review_request_material(request, pk: int):
    return registrar_action(
        request,
        pk,
        NoteForm(request.POST),
        lambda c, d: services.contract_request_material(user=request.user, contract=c, note=d["note"]),
        _("已通知申请单位补正材料,办理时限暂停。"),
    )


@login_required
@require_POST
def review_register(request, pk: int):
    return registrar_action(
        request,
        pk,
        RegisterForm(request.POST),
        lambda c, d: services.contract_register(user=request.user, contract=c, explanation=d["explanation"]),
        _("已予登记,登记证明已出具。"),
    )


@login_required
@require_POST
def review_refuse(request, pk: int):
    return registrar_action(
        request,
        pk,
        RefuseForm(request.POST, rules=_rules_of(request, pk)),
        lambda c, d: services.contract_refuse(
            user=request.user, contract=c, reason_codes=d["reason_codes"], explanation=d["explanation"]
        ),
        _("已作出不予登记决定,未予登记通知书已出具。"),
    )


@login_required
@require_POST
def review_cancel(request, pk: int):
    return registrar_action(
        request,
        pk,
        NoteForm(request.POST),
        lambda c, d: services.contract_cancel(user=request.user, contract=c, reason=d["note"]),
        _("已注销登记。"),
    )


@login_required
@require_POST
def review_redetermine(request, pk: int):
    return registrar_action(
        request,
        pk,
        RedetermineForm(request.POST, rules=_rules_of(request, pk)),
        lambda c, d: services.contract_redetermine(
            user=request.user,
            contract=c,
            upheld=d["upheld"],
            resolution=d["resolution"],
            reason_codes=d["reason_codes"],
        ),
        _("异议复核已完成。"),
    )


@login_required
@require_POST
def review_amendment(request, pk: int, amendment_pk: int):
    contract = contract_or_404(request, pk)
    amendment = get_object_or_404(Amendment, pk=amendment_pk, contract=contract)
    return registrar_action(
        request,
        pk,
        AmendmentDecisionForm(request.POST),
        lambda c, d: services.contract_decide_amendment(
            user=request.user, amendment=amendment, approve=d["approve"], note=d["note"]
        ),
        _("变更登记已审核。"),
    )
