"""The filer's pages: the contract list, the guided filing flow (parties → subject & amounts →
attachments → check & submit), the contract page and the seller's and parties' actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.errors import DomainError
from common.messages import domain_error_to_messages

from .. import permissions, services
from ..filters import ContractFilter
from ..forms import (
    AmendmentForm,
    AttachmentForm,
    ContractForm,
    DeductionFormSet,
    IPRecordFormSet,
    ObjectionForm,
    PartyFormSet,
    initial_rows,
    rows_from,
)
from ..models import Attachment, TechnologyContract
from ..precheck import applicable_ruleset
from ..rules import ruleset_for_date
from ._shared import contract_or_404, detail_context, paginated, require_role, seller_action

Status = TechnologyContract.Status
PARTY_FORM_FIELDS = (
    "side",
    "party_role",
    "organisation",
    "name",
    "credit_code",
    "country_code",
    "region_code",
    "entity_type",
)
# The four steps of filing, shown on every page of the flow.
STEPS = (
    ("parties", gettext_lazy("当事人")),
    ("subject", gettext_lazy("标的与金额")),
    ("attachments", gettext_lazy("附件")),
    ("submit", gettext_lazy("预审与提交")),
)


def steps(current: str) -> list[dict]:
    index = [key for key, _label in STEPS].index(current)
    return [
        {"number": n + 1, "key": key, "label": label, "done": n < index, "current": n == index}
        for n, (key, label) in enumerate(STEPS)
    ]


@login_required
def contract_list(request):
    """Every contract the user may see, searched, filtered and paginated (no silent cut-off)."""
    from .. import selectors

    queryset = selectors.contracts_visible_to(request.user).order_by("-updated_at", "-pk")
    filterset = ContractFilter(request.GET or None, queryset=queryset)
    context = paginated(request, filterset)
    context["can_file"] = permissions.can_file(request.user)
    return render(request, "registration/contract_list.html", context)


def _own_party(organisation) -> dict:
    # The filer's own organisation is the seller; its place and entity type are defaults, changeable here.
    row = {"side": "seller", "party_role": "developer", "organisation": organisation}
    if organisation is not None:
        row.update(
            {
                "name": organisation.name,
                "credit_code": organisation.credit_code or "",
                "country_code": organisation.country_code or "156",
                "region_code": organisation.region.code if organisation.region_id else "",
                "entity_type": organisation.entity_type,
            }
        )
    return row


def _draft_forms(request, *, contract: TechnologyContract | None):
    rules = applicable_ruleset(contract) if contract else ruleset_for_date(timezone.localdate())
    organisation = request.user.organisation
    data = request.POST if request.method == "POST" else None
    form = ContractForm(data, instance=contract, rules=rules, organisation=organisation)
    if contract is not None and data is None:
        parties = PartyFormSet(initial=initial_rows(contract.parties.all(), PARTY_FORM_FIELDS), prefix="parties")
        deductions = DeductionFormSet(
            initial=initial_rows(contract.deductions.all(), services.DEDUCTION_FIELDS), prefix="deductions"
        )
        ip_records = IPRecordFormSet(
            initial=initial_rows(contract.ip_records.all(), services.IP_RECORD_FIELDS), prefix="ip"
        )
    elif data is None:
        parties = PartyFormSet(initial=[_own_party(organisation), {"side": "buyer"}], prefix="parties")
        deductions = DeductionFormSet(prefix="deductions")
        ip_records = IPRecordFormSet(prefix="ip")
    else:
        parties = PartyFormSet(data, prefix="parties")
        deductions = DeductionFormSet(data, prefix="deductions")
        ip_records = IPRecordFormSet(data, prefix="ip")
    return rules, form, parties, deductions, ip_records


def _save_draft(request, contract, form, parties, deductions, ip_records):
    valid = all([form.is_valid(), parties.is_valid(), deductions.is_valid(), ip_records.is_valid()])
    if not valid:
        messages.error(request, _("请按提示修改后再保存。"))
        return None
    data = {k: v for k, v in form.cleaned_data.items() if k != "achievements"}
    kwargs = {
        "data": data,
        "parties": rows_from(parties, services.PARTY_FIELDS),
        "deductions": rows_from(deductions, services.DEDUCTION_FIELDS),
        "ip_records": rows_from(ip_records, services.IP_RECORD_FIELDS),
        "achievements": list(form.cleaned_data.get("achievements") or []),
    }
    try:
        if contract is None:
            return services.contract_create_draft(user=request.user, **kwargs)
        return services.contract_update_draft(user=request.user, contract=contract, **kwargs)
    except DomainError as exc:
        domain_error_to_messages(request, exc, form)
        return None


def _form_page(request, *, contract, rules, form, parties, deductions, ip_records):
    return render(
        request,
        "registration/contract_form.html",
        {
            "form": form,
            "parties": parties,
            "deductions": deductions,
            "ip_records": ip_records,
            "rules": rules,
            "contract": contract,
            "steps": steps("parties"),
        },
    )


@login_required
def contract_create(request):
    """Steps 1 and 2 of filing: parties, then subject and amounts; saving leads on to the attachments."""
    require_role(permissions.can_file(request.user), _("企业用户或机构编辑"))
    rules, form, parties, deductions, ip_records = _draft_forms(request, contract=None)
    if request.method == "POST":
        contract = _save_draft(request, None, form, parties, deductions, ip_records)
        if contract is not None:
            messages.success(request, _("草稿已保存。下一步:上传合同文本等附件。"))
            return redirect("registration:contract_file", pk=contract.pk)
    return _form_page(
        request, contract=None, rules=rules, form=form, parties=parties, deductions=deductions, ip_records=ip_records
    )


def _is_editable_by(user, contract) -> bool:
    return contract.status in (Status.DRAFT, Status.MATERIAL_REQUESTED) and (
        permissions.is_filer(user) and user.organisation_id == contract.seller_organisation_id
    )


@login_required
def contract_edit(request, pk: int):
    contract = contract_or_404(request, pk)
    if not _is_editable_by(request.user, contract):
        messages.error(request, _("该合同当前不能修改。"))
        return redirect("registration:contract_detail", pk=pk)
    rules, form, parties, deductions, ip_records = _draft_forms(request, contract=contract)
    if request.method == "POST":
        saved = _save_draft(request, contract, form, parties, deductions, ip_records)
        if saved is not None:
            messages.success(request, _("已保存。"))
            return redirect("registration:contract_file", pk=pk)
    return _form_page(
        request,
        contract=contract,
        rules=rules,
        form=form,
        parties=parties,
        deductions=deductions,
        ip_records=ip_records,
    )


@login_required
def contract_file(request, pk: int):
    """Steps 3 and 4 of filing on one page: upload the attachments, read the pre-check, submit."""
    contract = contract_or_404(request, pk)
    if not _is_editable_by(request.user, contract):
        return redirect("registration:contract_detail", pk=pk)
    context = detail_context(request, contract)
    context["steps"] = steps("submit" if contract.attachments.exists() else "attachments")
    context["blocking"] = [f for f in context.get("findings") or () if f.is_blocking]
    return render(request, "registration/contract_file.html", context)


@login_required
def contract_detail(request, pk: int):
    contract = contract_or_404(request, pk)
    return render(request, "registration/contract_detail.html", detail_context(request, contract))


def _back(request) -> str:
    # Actions started from the filing page return to it, so the flow is not interrupted.
    return "registration:contract_file" if request.POST.get("from") == "file" else "registration:contract_detail"


@login_required
@require_POST
def contract_attach(request, pk: int):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        contract = contract_or_404(request, pk)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_back(request), pk=contract.pk)
    return seller_action(
        request,
        pk,
        lambda c: services.contract_attach(
            user=request.user, contract=c, kind=form.cleaned_data["kind"], uploaded_file=form.cleaned_data["file"]
        ),
        _("附件已上传。"),
        back=_back(request),
    )


@login_required
@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    contract = contract_or_404(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, contract=contract)
    return seller_action(
        request,
        pk,
        lambda c: services.contract_remove_attachment(user=request.user, attachment=attachment),
        _("附件已删除。"),
        back=_back(request),
    )


@login_required
@require_POST
def contract_submit(request, pk: int):
    contract = contract_or_404(request, pk)
    try:
        services.contract_submit(user=request.user, contract=contract)
    except services.PrecheckFailed as exc:
        for finding in exc.findings:
            if finding.is_blocking:
                messages.error(request, finding.message)
        return redirect(_back(request), pk=pk)
    except DomainError as exc:
        domain_error_to_messages(request, exc)
        return redirect(_back(request), pk=pk)
    messages.success(request, _("已提交,登记机构已受理。"))
    return redirect("registration:contract_detail", pk=pk)


@login_required
@require_POST
def contract_resubmit(request, pk: int):
    return seller_action(
        request,
        pk,
        lambda c: services.contract_resubmit(user=request.user, contract=c, note=request.POST.get("note", "")),
        _("补正材料已提交,办理时限重新计算。"),
    )


@login_required
@require_POST
def contract_withdraw(request, pk: int):
    return seller_action(
        request,
        pk,
        lambda c: services.contract_withdraw(user=request.user, contract=c, reason=request.POST.get("reason", "")),
        _("申请已撤回。"),
    )


@login_required
@require_POST
def contract_object(request, pk: int):
    form = ObjectionForm(request.POST)
    grounds = form.cleaned_data["grounds"] if form.is_valid() else ""
    return seller_action(
        request,
        pk,
        lambda c: services.contract_object(user=request.user, contract=c, grounds=grounds),
        _("异议已提交,登记机构将重新认定。"),
    )


@login_required
@require_POST
def contract_request_amendment(request, pk: int):
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("registration:contract_detail", pk=pk)
    return seller_action(
        request,
        pk,
        lambda c: services.contract_request_amendment(
            user=request.user, contract=c, changes=form.changes(), reason=form.cleaned_data["reason"]
        ),
        _("变更登记申请已提交。"),
    )


@login_required
def contract_from_achievement(request, achievement_pk: int):
    """Start a draft from one of your organisation's achievements: the marketplace → registry bridge."""
    from marketplace.models import AchievementPage

    from ..forms import PrefillForm

    achievement = get_object_or_404(AchievementPage.objects.live(), pk=achievement_pk)
    if (
        not permissions.is_filer(request.user)
        or achievement.institution_organisation_id != request.user.organisation_id
    ):
        raise Http404(_("只能为本单位的科技成果填报技术合同。"))
    form = PrefillForm(request.POST or None, exclude_pk=request.user.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.contract_prefill_from_achievement(
                achievement=achievement,
                buyer_organisation=form.cleaned_data["buyer_organisation"],
                seller_user=request.user,
            )
        except DomainError as exc:
            domain_error_to_messages(request, exc, form)
        else:
            messages.success(request, _("已根据科技成果生成合同草稿,请补充合同日期、支付方式和附件。"))
            return redirect("registration:contract_edit", pk=contract.pk)
    return render(request, "registration/from_achievement.html", {"form": form, "achievement": achievement})
