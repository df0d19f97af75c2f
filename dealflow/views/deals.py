"""Deal-flow pages for deals: the board, a deal's page and its stage, price, lost, receipt and contract actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import clock
from common.errors import DomainError, NotAllowed, NotFoundError

from .. import forms, permissions, selectors, services
from ..models import Deal
from ._shared import _report, domain_errors

# --- deals --------------------------------------------------------------------------------------------------


@login_required
@domain_errors
def board(request):
    status = request.GET.get("status") if request.GET.get("status") in Deal.Status.values else Deal.Status.OPEN
    columns = selectors.deals_board(request.user, status=status)
    return render(request, "dealflow/board.html", {"columns": columns, "status": status})


@login_required
@domain_errors
def deal_detail(request, pk: int):
    deal = selectors.deal_for(request.user, pk)
    is_party = permissions.org_is_party(request.user, deal)
    notice = services.current_notice(deal)
    context = {
        "deal": deal,
        "is_party": is_party,
        "is_seller": permissions.is_seller(request.user, deal),
        "is_buyer": permissions.is_buyer(request.user, deal),
        "transitions": deal.transitions.select_related("actor"),
        "next_stages": [
            (s, Deal.Stage(s).label)
            for s in sorted(services.MANUAL_TRANSITIONS[deal.stage], key=services.STAGE_ORDER.index)
        ],
        "notice": notice,
        "all_notices": deal.price_notices.all(),
        "receipts": deal.receipts.all(),
        "achievements": deal.achievements.all(),
        "price_form": forms.PriceForm(),
        "lost_form": forms.LostForm(),
        "receipt_form": forms.ReceiptForm(),
        "nda": services.nda_current(deal.seller_organisation),
        "suggestion": services.contract_suggestion(deal) if deal.stage == Deal.Stage.SIGNING else None,
        "today": clock.today(),
    }
    return render(request, "dealflow/deal_detail.html", context)


def _deal_action(request, pk: int, run, success: str, form_class=None):
    deal = selectors.deal_for(request.user, pk)
    kwargs = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return redirect("dealflow:deal", pk=pk)
        kwargs = form.cleaned_data
    try:
        result = run(deal, **kwargs)
    except DomainError as error:
        if isinstance(error, NotAllowed | NotFoundError):
            raise
        _report(request, None, error)
        return redirect("dealflow:deal", pk=pk)
    messages.success(request, success)
    return result or redirect("dealflow:deal", pk=pk)


@login_required
@require_POST
@domain_errors
def deal_transition(request, pk: int):
    return _deal_action(
        request,
        pk,
        lambda deal, to_stage, reason: (
            services.deal_transition(user=request.user, deal=deal, to_stage=to_stage, reason=reason) and None
        ),
        _("阶段已变更。"),
        forms.TransitionForm,
    )


@login_required
@require_POST
@domain_errors
def deal_price(request, pk: int):
    return _deal_action(
        request,
        pk,
        lambda deal, **data: services.deal_set_price(user=request.user, deal=deal, **data) and None,
        _("价格已约定。"),
        forms.PriceForm,
    )


@login_required
@require_POST
@domain_errors
def deal_lost(request, pk: int):
    return _deal_action(
        request,
        pk,
        lambda deal, **data: services.deal_mark_lost(user=request.user, deal=deal, **data) and None,
        _("项目已终止。"),
        forms.LostForm,
    )


@login_required
@require_POST
@domain_errors
def deal_receipt(request, pk: int):
    return _deal_action(
        request,
        pk,
        lambda deal, **data: services.deal_record_receipt(user=request.user, deal=deal, **data) and None,
        _("到账已记录。"),
        forms.ReceiptForm,
    )


@login_required
@require_POST
@domain_errors
def deal_file_contract(request, pk: int):
    def run(deal):
        contract = services.deal_file_contract(user=request.user, deal=deal)
        return redirect("registration:contract_edit", pk=contract.pk)

    return _deal_action(request, pk, run, _("已生成技术合同登记草稿,请核对后提交。"))
