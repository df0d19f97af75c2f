"""What the registration pages share: finding a visible contract, refusing a page to the wrong role,
paginating a filtered list, and running a service behind a POST."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from common.errors import DomainError, NotFoundError
from common.messages import domain_error_to_messages

from .. import permissions, selectors, services
from ..models import TechnologyContract
from ..precheck import applicable_ruleset
from ..rules import ruleset

PAGE_SIZE = 50


def contract_or_404(request, pk: int) -> TechnologyContract:
    try:
        return selectors.contract_get_for(request.user, pk)
    except NotFoundError as exc:
        raise Http404(_("未找到该技术合同。")) from exc


def require_role(allowed: bool, who: str) -> None:
    """A page for one role: others get the 403 page saying who may use it (not a 404 that hides the page)."""
    if not allowed:
        raise PermissionDenied(_("此页面仅供%(who)s使用。") % {"who": who})


def paginated(request, filterset, *, per_page: int | None = None) -> dict:
    """Context for a filtered, paginated list: the page, the filter form and the query string without page."""
    paginator = Paginator(filterset.qs, per_page or PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page_obj": page, "filter": filterset, "querystring": query.urlencode()}


def detail_context(request, contract: TechnologyContract) -> dict:
    from ..forms import AmendmentForm, AttachmentForm, ObjectionForm

    user = request.user
    rules = ruleset(contract.rule_set_key) if contract.rule_set_key else applicable_ruleset(contract)
    is_seller = permissions.is_filer(user) and user.organisation_id == contract.seller_organisation_id
    Status = TechnologyContract.Status
    context = {
        "contract": contract,
        "rules": rules,
        "labels": selectors.labels_for(contract),
        # Seller side first, as on the registration form.
        "parties": sorted(
            contract.parties.select_related("entity_type", "organisation"),
            key=lambda p: ({"seller": 0, "buyer": 1}.get(p.side, 2), p.sort_order),
        ),
        "deductions": list(contract.deductions.all()),
        "ip_records": list(contract.ip_records.select_related("ip_type")),
        "attachments": list(contract.attachments.all()),
        "achievements": list(contract.achievements.all()),
        "corrections": list(contract.amount_corrections.select_related("corrected_by")),
        "decisions": list(contract.decisions.prefetch_related("reasons").select_related("decided_by")),
        "transitions": list(contract.transitions.select_related("actor")),
        "certificates": list(contract.certificates.all()),
        "amendments": list(contract.amendments.all()),
        "objections": list(contract.objections.all()),
        "days_left": selectors.days_left(contract),
        "is_seller": is_seller,
        "is_party": permissions.is_filer(user) and permissions.is_own_organisation(user, contract),
        "can_decide": permissions.can_decide(user, contract),
        "editable": is_seller and contract.status in (Status.DRAFT, Status.MATERIAL_REQUESTED),
        "attachment_form": AttachmentForm(),
    }
    if context["editable"] or context["can_decide"]:
        context["findings"] = services.precheck(contract)
    if is_seller and contract.status == Status.REGISTERED:
        context["amendment_form"] = AmendmentForm()
    if context["is_party"] and contract.status in (Status.REGISTERED, Status.REFUSED):
        context["objection_form"] = ObjectionForm()
    return context


def form_errors_to_messages(request, form) -> None:
    for name, errors in form.errors.items():
        for error in errors:
            label = form.fields[name].label if name in form.fields else ""
            messages.error(request, f"{label}:{error}" if label else error)


def seller_action(request, pk: int, run, success: str, *, back: str = "registration:contract_detail"):
    """Run a seller's action on a contract and go back to ``back`` with its outcome as a message."""
    contract = contract_or_404(request, pk)
    try:
        run(contract)
    except services.PrecheckFailed as exc:
        for finding in exc.findings:
            if finding.is_blocking:
                messages.error(request, finding.message)
    except DomainError as exc:
        domain_error_to_messages(request, exc)
    else:
        messages.success(request, success)
    return redirect(back, pk=pk)


def registrar_action(request, pk: int, form, run, success: str):
    contract = contract_or_404(request, pk)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("registration:contract_review", pk=pk)
    try:
        with transaction.atomic():
            run(contract, form.cleaned_data)
    except DomainError as exc:
        domain_error_to_messages(request, exc)
        return redirect("registration:contract_review", pk=pk)
    messages.success(request, success)
    contract.refresh_from_db()
    if contract.status in (TechnologyContract.Status.SUBMITTED, TechnologyContract.Status.REDETERMINATION):
        return redirect("registration:contract_review", pk=pk)
    return redirect("registration:contract_detail", pk=pk)
