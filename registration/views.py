"""Thin views over registration services: the seller's forms, the registrar's queue and review, downloads,
and the public verification page. Every page works without JavaScript."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import DomainError, NotFoundError

from . import permissions, selectors, services
from .forms import (
    AmendmentDecisionForm,
    AmendmentForm,
    AttachmentForm,
    ClassifyForm,
    ContractForm,
    CorrectAmountForm,
    DeductionFormSet,
    IPRecordFormSet,
    NoteForm,
    ObjectionForm,
    PartyFormSet,
    RedetermineForm,
    RefuseForm,
    RegisterForm,
    VerifyForm,
    initial_rows,
    rows_from,
)
from .models import Amendment, Attachment, Certificate, TechnologyContract
from .precheck import applicable_ruleset
from .rules import ruleset, ruleset_for_date
from .verification import verify_attempt


def _contract(request, pk: int) -> TechnologyContract:
    try:
        return selectors.contract_get_for(request.user, pk)
    except NotFoundError as exc:
        raise Http404(_("未找到该技术合同。")) from exc


def _report(request, form, exc: DomainError) -> None:
    """Put a service's refusal on the form: per field where the form has the field, else on top."""
    placed = False
    for name, errors in exc.field_errors.items():
        for error in errors:
            if form is not None and name in form.fields:
                form.add_error(name, error)
                placed = True
            else:
                messages.error(request, f"{error}")
    if placed or not exc.field_errors:
        messages.error(request, exc.message)


# --- Public verification --------------------------------------------------------------------------


def verify(request):
    """Anyone (a tax office, a bank) checks a certificate by number and verification code."""
    form = VerifyForm(request.GET or None)
    context = {"form": form, "result": None, "failed": False, "limited": False}
    status = 200
    if form.is_bound and form.is_valid():
        result, limited = verify_attempt(request, number=form.cleaned_data["number"], code=form.cleaned_data["code"])
        if limited:
            context["limited"] = True
            status = 429
        elif result is None:
            context["failed"] = True
        else:
            contract = result.contract
            context.update(
                {
                    "result": result,
                    "contract": contract,
                    "labels": selectors.labels_for(contract),
                    "parties": list(contract.parties.select_related("entity_type")),
                }
            )
    return render(request, "registration/verify.html", context, status=status)


# --- Seller pages ---------------------------------------------------------------------------------


@login_required
def contract_list(request):
    contracts = selectors.contracts_visible_to(request.user).order_by("-updated_at")
    return render(
        request,
        "registration/contract_list.html",
        {"contracts": contracts[:200], "can_file": permissions.can_file(request.user)},
    )


def _draft_forms(request, *, contract: TechnologyContract | None):
    rules = applicable_ruleset(contract) if contract else ruleset_for_date(timezone.localdate())
    organisation = request.user.organisation
    data = request.POST if request.method == "POST" else None
    form = ContractForm(data, instance=contract, rules=rules, organisation=organisation)
    if contract is not None and data is None:
        parties = PartyFormSet(
            initial=initial_rows(
                contract.parties.all(),
                (
                    "side",
                    "party_role",
                    "organisation",
                    "name",
                    "credit_code",
                    "country_code",
                    "region_code",
                    "entity_type",
                ),
            ),
            prefix="parties",
        )
        deductions = DeductionFormSet(
            initial=initial_rows(contract.deductions.all(), services.DEDUCTION_FIELDS), prefix="deductions"
        )
        ip_records = IPRecordFormSet(
            initial=initial_rows(contract.ip_records.all(), services.IP_RECORD_FIELDS), prefix="ip"
        )
    elif data is None:
        own = {"side": "seller", "party_role": "developer", "organisation": organisation}
        parties = PartyFormSet(initial=[own, {"side": "buyer"}], prefix="parties")
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
        _report(request, form, exc)
        return None


@login_required
def contract_create(request):
    if not permissions.can_file(request.user):
        raise Http404(_("只有企业用户或机构编辑可以填报技术合同。"))
    rules, form, parties, deductions, ip_records = _draft_forms(request, contract=None)
    if request.method == "POST":
        contract = _save_draft(request, None, form, parties, deductions, ip_records)
        if contract is not None:
            messages.success(request, _("草稿已保存。请上传合同文本等附件,并查看预审结果后提交。"))
            return redirect("registration:contract_detail", pk=contract.pk)
    return render(
        request,
        "registration/contract_form.html",
        {"form": form, "parties": parties, "deductions": deductions, "ip_records": ip_records, "rules": rules},
    )


@login_required
def contract_edit(request, pk: int):
    contract = _contract(request, pk)
    if contract.status not in (TechnologyContract.Status.DRAFT, TechnologyContract.Status.MATERIAL_REQUESTED) or not (
        permissions.is_filer(request.user) and request.user.organisation_id == contract.seller_organisation_id
    ):
        messages.error(request, _("该合同当前不能修改。"))
        return redirect("registration:contract_detail", pk=pk)
    rules, form, parties, deductions, ip_records = _draft_forms(request, contract=contract)
    if request.method == "POST":
        saved = _save_draft(request, contract, form, parties, deductions, ip_records)
        if saved is not None:
            messages.success(request, _("已保存。"))
            return redirect("registration:contract_detail", pk=pk)
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
        },
    )


def _detail_context(request, contract: TechnologyContract) -> dict:
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


@login_required
def contract_detail(request, pk: int):
    contract = _contract(request, pk)
    return render(request, "registration/contract_detail.html", _detail_context(request, contract))


def _seller_action(request, pk: int, run, success: str):
    contract = _contract(request, pk)
    try:
        run(contract)
    except services.PrecheckFailed as exc:
        for finding in exc.findings:
            if finding.is_blocking:
                messages.error(request, finding.message)
    except DomainError as exc:
        messages.error(request, exc.message)
        for errors in exc.field_errors.values():
            for error in errors:
                if error != exc.message:
                    messages.error(request, error)
    else:
        messages.success(request, success)
    return redirect("registration:contract_detail", pk=pk)


@login_required
@require_POST
def contract_attach(request, pk: int):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        contract = _contract(request, pk)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("registration:contract_detail", pk=contract.pk)
    return _seller_action(
        request,
        pk,
        lambda c: services.contract_attach(
            user=request.user, contract=c, kind=form.cleaned_data["kind"], uploaded_file=form.cleaned_data["file"]
        ),
        _("附件已上传。"),
    )


@login_required
@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    contract = _contract(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, contract=contract)
    return _seller_action(
        request,
        pk,
        lambda c: services.contract_remove_attachment(user=request.user, attachment=attachment),
        _("附件已删除。"),
    )


@login_required
@require_POST
def contract_submit(request, pk: int):
    return _seller_action(
        request, pk, lambda c: services.contract_submit(user=request.user, contract=c), _("已提交,登记机构已受理。")
    )


@login_required
@require_POST
def contract_resubmit(request, pk: int):
    return _seller_action(
        request,
        pk,
        lambda c: services.contract_resubmit(user=request.user, contract=c, note=request.POST.get("note", "")),
        _("补正材料已提交,办理时限重新计算。"),
    )


@login_required
@require_POST
def contract_withdraw(request, pk: int):
    return _seller_action(
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
    return _seller_action(
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
    return _seller_action(
        request,
        pk,
        lambda c: services.contract_request_amendment(
            user=request.user, contract=c, changes=form.changes(), reason=form.cleaned_data["reason"]
        ),
        _("变更登记申请已提交。"),
    )


# --- Registrar pages --------------------------------------------------------------------------------


@login_required
def registrar_queue(request):
    if not request.user.is_registrar:
        raise Http404(_("只有登记员可以查看待办队列。"))
    queue = list(selectors.registrar_queue(request.user)[:500])
    # Overdue cases show how many days late (a positive number), the others how many are left.
    rows = [(c, abs(left) if (left := selectors.days_left(c)) is not None and c.is_overdue else left) for c in queue]
    return render(request, "registration/queue.html", {"rows": rows})


@login_required
def contract_review(request, pk: int):
    contract = _contract(request, pk)
    if not permissions.is_registrar_of(request.user, contract):
        raise Http404(_("未找到该技术合同。"))
    rules = ruleset(contract.rule_set_key)
    context = _detail_context(request, contract)
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
            "recognition_checks": (
                rules.type(contract.contract_type).recognition_checks if rules.type(contract.contract_type) else ()
            ),
        }
    )
    return render(request, "registration/review.html", context)


def _registrar_action(request, pk: int, form, run, success: str):
    contract = _contract(request, pk)
    if not form.is_valid():
        for name, errors in form.errors.items():
            for error in errors:
                label = form.fields[name].label if name in form.fields else ""
                messages.error(request, f"{label}:{error}" if label else error)
        return redirect("registration:contract_review", pk=pk)
    try:
        with transaction.atomic():
            run(contract, form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
        for errors in exc.field_errors.values():
            for error in errors:
                if error != exc.message:
                    messages.error(request, error)
        return redirect("registration:contract_review", pk=pk)
    messages.success(request, success)
    contract.refresh_from_db()
    if contract.status in (TechnologyContract.Status.SUBMITTED, TechnologyContract.Status.REDETERMINATION):
        return redirect("registration:contract_review", pk=pk)
    return redirect("registration:contract_detail", pk=pk)


def _rules_of(request, pk):
    return ruleset(_contract(request, pk).rule_set_key or "2026")


@login_required
@require_POST
def review_classify(request, pk: int):
    form = ClassifyForm(request.POST, rules=_rules_of(request, pk))
    return _registrar_action(
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
    return _registrar_action(
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
    return _registrar_action(
        request,
        pk,
        NoteForm(request.POST),
        lambda c, d: services.contract_request_material(user=request.user, contract=c, note=d["note"]),
        _("已通知申请单位补正材料,办理时限暂停。"),
    )


@login_required
@require_POST
def review_register(request, pk: int):
    return _registrar_action(
        request,
        pk,
        RegisterForm(request.POST),
        lambda c, d: services.contract_register(user=request.user, contract=c, explanation=d["explanation"]),
        _("已予登记,登记证明已出具。"),
    )


@login_required
@require_POST
def review_refuse(request, pk: int):
    return _registrar_action(
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
    return _registrar_action(
        request,
        pk,
        NoteForm(request.POST),
        lambda c, d: services.contract_cancel(user=request.user, contract=c, reason=d["note"]),
        _("已注销登记。"),
    )


@login_required
@require_POST
def review_redetermine(request, pk: int):
    return _registrar_action(
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
    contract = _contract(request, pk)
    amendment = get_object_or_404(Amendment, pk=amendment_pk, contract=contract)
    return _registrar_action(
        request,
        pk,
        AmendmentDecisionForm(request.POST),
        lambda c, d: services.contract_decide_amendment(
            user=request.user, amendment=amendment, approve=d["approve"], note=d["note"]
        ),
        _("变更登记已审核。"),
    )


# --- Downloads --------------------------------------------------------------------------------------


@login_required
def certificate_download(request, pk: int):
    """The stored PDF, byte for byte, to the parties, the registry's registrars and bureau staff."""
    certificate = get_object_or_404(Certificate.objects.select_related("contract"), pk=pk)
    if not permissions.can_download_certificate(request.user, certificate.contract):
        raise Http404(_("未找到该登记证明。"))
    filename = f"{certificate.registration_number or certificate.contract_id}-{certificate.kind}.pdf"
    return FileResponse(
        certificate.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )


@login_required
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("contract"), pk=pk)
    if not permissions.can_view(request.user, attachment.contract):
        raise Http404(_("未找到该附件。"))
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name or "attachment.pdf",
        content_type="application/pdf",
    )


# --- Working-day calendar (bureau staff) ------------------------------------------------------------


@login_required
def calendar(request):
    """Holidays and 调休 working days for a year; bureau staff add, change or remove exceptions."""
    if not request.user.is_bureau_staff:
        raise Http404(_("只有科技局工作人员可以维护节假日。"))
    from .forms import CalendarDayForm
    from .models import CalendarDay

    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("clear"):
            try:
                services.calendar_day_clear(user=request.user, day=date.fromisoformat(request.POST["clear"]))
                messages.success(request, _("已删除。"))
            except (DomainError, ValueError) as exc:
                messages.error(request, getattr(exc, "message", str(exc)))
            return redirect(f"{request.path}?year={year}")
        if form.is_valid():
            entry = services.calendar_day_set(
                user=request.user,
                day=form.cleaned_data["date"],
                is_working_day=form.cleaned_data["is_working_day"],
                name=form.cleaned_data["name"],
            )
            messages.success(request, _("已保存 %(d)s。") % {"d": entry.date.isoformat()})
            return redirect(f"{request.path}?year={entry.date.year}")
    days = CalendarDay.objects.filter(date__year=year).select_related("updated_by")
    return render(request, "registration/calendar.html", {"form": form, "days": days, "year": year})


@login_required
def contract_from_achievement(request, achievement_pk: int):
    """Start a draft from one of your organisation's achievements: the marketplace → registry bridge."""
    from marketplace.models import AchievementPage

    from .forms import PrefillForm

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
            _report(request, form, exc)
        else:
            messages.success(request, _("已根据科技成果生成合同草稿,请补充合同日期、支付方式和附件。"))
            return redirect("registration:contract_edit", pk=contract.pk)
    return render(request, "registration/from_achievement.html", {"form": form, "achievement": achievement})
