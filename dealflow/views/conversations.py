"""Deal-flow pages (work without JavaScript). Views parse input, call a service or selector, and render."""

from __future__ import annotations

import functools
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from common.errors import DomainError, NotAllowed, NotFoundError
from common.net import client_ip
from marketplace.models import AchievementPage, TechnologyNeed

from .. import clock, exports, forms, permissions, selectors, services
from ..models import ConfidentialDisclosure, ConfidentialFile, Deal, Enquiry, MessageAttachment, NoticeObjection


def _client_ip(request) -> str | None:
    return client_ip(request)


def domain_errors(view):
    """NotFound → 404 and NotAllowed → 403, so pages and the API answer alike."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFoundError as error:
            raise Http404(error.message) from error
        except NotAllowed as error:
            raise PermissionDenied(error.message) from error

    return wrapped


def _report(request, form, error: DomainError) -> None:
    placed = False
    for name, errors in error.field_errors.items():
        for message in errors:
            if form is not None and name in form.fields:
                form.add_error(name, message)
                placed = True
            else:
                messages.error(request, message)
    if placed or not error.field_errors:
        messages.error(request, error.message)


def _achievement(pk: int) -> AchievementPage:
    page = AchievementPage.objects.live().filter(pk=pk).select_related("institution_organisation").first()
    if page is None:
        raise NotFoundError(_("科技成果不存在或未公开。"))
    return page


# --- enquiries and proposals -------------------------------------------------------------------------------


@login_required
@domain_errors
def enquiry_new(request, achievement_pk: int):
    achievement = _achievement(achievement_pk)
    permissions.require_approved_enterprise(request.user)
    need = None
    need_id = request.GET.get("need") or request.POST.get("need")
    if need_id and str(need_id).isdigit():
        need = TechnologyNeed.objects.filter(pk=int(need_id), enterprise_id=request.user.organisation_id).first()
    form = forms.EnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enquiry = services.enquiry_send(user=request.user, achievement=achievement, need=need, **form.cleaned_data)
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                raise
            _report(request, form, error)
        else:
            messages.success(request, _("意向咨询已发送,对方答复后会通知您。"))
            return redirect("dealflow:conversation", pk=enquiry.conversation.pk)
    return render(request, "dealflow/enquiry_form.html", {"form": form, "achievement": achievement, "need": need})


@login_required
@domain_errors
def proposal_new(request, need_pk: int):
    need = TechnologyNeed.objects.listed().filter(pk=need_pk).first()
    if need is None:
        raise NotFoundError(_("该技术需求不存在或未公开。"))
    permissions.require_institution_editor(request.user)
    form = forms.ProposalForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_send(user=request.user, need=need, **form.cleaned_data)
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                raise
            _report(request, form, error)
        else:
            messages.success(request, _("解决方案已提交,对方答复后会通知您。"))
            return redirect("dealflow:conversation", pk=proposal.conversation.pk)
    return render(request, "dealflow/proposal_form.html", {"form": form, "need": need})


# --- inbox and conversations -----------------------------------------------------------------------------


@login_required
@domain_errors
def inbox(request):
    conversations = selectors.conversations_for(request.user)[:100]
    return render(
        request,
        "dealflow/inbox.html",
        {
            "conversations": conversations,
            "waiting": selectors.approaches_waiting_for(request.user),
            "metadata_only": not permissions.is_party_user(request.user),
        },
    )


@login_required
@domain_errors
def conversation(request, pk: int):
    thread = selectors.conversation_for_reading(request.user, pk)
    approach = thread.approach
    if request.method == "POST":
        form = forms.MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.message_send(
                    user=request.user,
                    conversation=thread,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except DomainError as error:
                if isinstance(error, NotAllowed | NotFoundError):
                    raise
                _report(request, form, error)
            else:
                return redirect("dealflow:conversation", pk=pk)
    else:
        form = forms.MessageForm()
    is_recipient = permissions.is_party_user(request.user) and request.user.organisation_id == getattr(
        approach, "recipient_organisation_id", None
    )
    return render(
        request,
        "dealflow/conversation.html",
        {
            "conversation": thread,
            "approach": approach,
            "is_enquiry": isinstance(approach, Enquiry),
            "thread_messages": thread.messages.select_related("author", "author_organisation").prefetch_related(
                "attachments"
            ),
            "form": form,
            "decline_form": forms.DeclineForm(),
            "can_answer": is_recipient and approach.status == "sent",
            "can_see_note": permissions.org_is_party(request.user, thread),
            "deal": Deal.objects.filter(conversation=thread).first(),
            "is_party": permissions.org_is_party(request.user, thread),
            "staff": User.objects.filter(role=User.Role.BUREAU_STAFF, is_active=True).order_by("username")[:50],
        },
    )


def _approach_of(thread):
    approach = thread.approach
    if approach is None:
        raise NotFoundError(_("不存在。"))
    return approach


@login_required
@require_POST
@domain_errors
def conversation_answer(request, pk: int):
    thread = selectors.conversation_for_reading(request.user, pk)
    approach = _approach_of(thread)
    try:
        if request.POST.get("action") == "accept":
            deal = services.approach_accept(user=request.user, approach=approach)
            messages.success(request, _("已接受,已建立转化项目。"))
            return redirect("dealflow:deal", pk=deal.pk)
        form = forms.DeclineForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请选择婉拒原因。"))
            return redirect("dealflow:conversation", pk=pk)
        services.approach_decline(user=request.user, approach=approach, **form.cleaned_data)
        messages.success(request, _("已婉拒,对方会看到原因。"))
    except DomainError as error:
        if isinstance(error, NotAllowed | NotFoundError):
            raise
        _report(request, None, error)
    return redirect("dealflow:conversation", pk=pk)


@login_required
@require_POST
@domain_errors
def conversation_invite(request, pk: int):
    thread = selectors.conversation_for_reading(request.user, pk)
    broker = User.objects.filter(pk=request.POST.get("broker") or 0).first()
    if broker is None:
        messages.error(request, _("请选择技术经纪人。"))
    else:
        try:
            services.conversation_invite_broker(user=request.user, conversation=thread, broker=broker)
            messages.success(request, _("已邀请技术经纪人。"))
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                raise
            _report(request, None, error)
    return redirect("dealflow:conversation", pk=pk)


@login_required
@domain_errors
def message_attachment(request, pk: int, attachment_pk: int):
    thread = selectors.conversation_for_reading(request.user, pk)
    attachment = get_object_or_404(MessageAttachment, pk=attachment_pk, message__conversation=thread)
    with attachment.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type="application/pdf" if attachment.kind == "pdf" else "image/*")
    response["Content-Disposition"] = "attachment"
    response["Cache-Control"] = "private, no-store"
    return response


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


# --- NDA and the confidential tier ---------------------------------------------------------------------------


@login_required
@domain_errors
def nda_sign(request, pk: int):
    deal = selectors.deal_for(request.user, pk)
    if not permissions.is_buyer(request.user, deal):
        raise NotAllowed(_("只有需求方可以签署保密协议。"))
    nda = services.nda_current(deal.seller_organisation)
    form = forms.NdaAcceptForm(request.POST or None, initial={"version": nda.version if nda else 0})
    if request.method == "POST" and form.is_valid():
        try:
            services.nda_accept(
                user=request.user, deal=deal, version=form.cleaned_data["version"], ip_address=_client_ip(request)
            )
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                raise
            _report(request, form, error)
        else:
            messages.success(request, _("已签署保密协议,现在可以查看保密资料。"))
            return redirect("dealflow:deal", pk=pk)
    return render(request, "dealflow/nda_sign.html", {"deal": deal, "nda": nda, "form": form})


@login_required
@domain_errors
def nda_edit(request):
    permissions.require_institution_editor(request.user)
    current = services.nda_current(request.user.organisation)
    form = forms.NdaForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            nda = services.nda_publish(user=request.user, text=form.cleaned_data["text"])
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                raise
            _report(request, form, error)
        else:
            messages.success(request, _("已发布保密协议第 %(v)s 版。") % {"v": nda.version})
            return redirect("dealflow:nda_edit")
    return render(request, "dealflow/nda_edit.html", {"form": form, "current": current})


@login_required
@domain_errors
def confidential_view(request, achievement_pk: int):
    achievement = _achievement(achievement_pk)
    disclosure = services.disclosure_open(user=request.user, achievement=achievement, ip_address=_client_ip(request))
    response = render(
        request,
        "dealflow/confidential.html",
        {"achievement": achievement, "disclosure": disclosure, "files": disclosure.files.all()},
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@domain_errors
def confidential_download(request, file_pk: int):
    record = ConfidentialFile.objects.select_related("disclosure__achievement").filter(pk=file_pk).first()
    if record is None:
        raise NotFoundError(_("文件不存在。"))
    name, content = services.disclosure_download(user=request.user, file=record, ip_address=_client_ip(request))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@domain_errors
def confidential_edit(request, achievement_pk: int):
    achievement = AchievementPage.objects.filter(pk=achievement_pk).first()
    if achievement is None:
        raise NotFoundError(_("科技成果不存在。"))
    if not (
        request.user.is_institution_editor and request.user.organisation_id == achievement.institution_organisation_id
    ):
        raise NotAllowed(_("只能编辑本机构科技成果的保密层。"))
    disclosure = ConfidentialDisclosure.objects.filter(achievement=achievement).first()
    form = forms.DisclosureForm(initial={"details": disclosure.details if disclosure else ""})
    file_form = forms.DisclosureFileForm()
    if request.method == "POST":
        try:
            if "upload" in request.POST:
                file_form = forms.DisclosureFileForm(request.POST, request.FILES)
                if file_form.is_valid():
                    services.disclosure_add_file(
                        user=request.user,
                        achievement=achievement,
                        title=file_form.cleaned_data["title"],
                        uploaded=file_form.cleaned_data["file"],
                    )
                    messages.success(request, _("保密文件已上传。"))
                    return redirect("dealflow:confidential_edit", achievement_pk=achievement_pk)
            else:
                form = forms.DisclosureForm(request.POST)
                if form.is_valid():
                    services.disclosure_update(
                        user=request.user, achievement=achievement, details=form.cleaned_data["details"]
                    )
                    messages.success(request, _("保密资料已保存。"))
                    return redirect("dealflow:confidential_edit", achievement_pk=achievement_pk)
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                raise
            _report(request, file_form if "upload" in request.POST else form, error)
    logs = disclosure.access_logs.select_related("user", "organisation", "file")[:100] if disclosure else []
    return render(
        request,
        "dealflow/confidential_edit.html",
        {
            "achievement": achievement,
            "disclosure": disclosure,
            "form": form,
            "file_form": file_form,
            "files": disclosure.files.all() if disclosure else [],
            "logs": logs,
        },
    )


# --- public notices ---------------------------------------------------------------------------------------


def notice_list(request):
    current, past = selectors.notices_public()
    return render(request, "dealflow/notice_list.html", {"current": current, "past": past, "today": clock.today()})


def notice_detail(request, pk: int):
    try:
        notice = selectors.notice_public(pk)
    except NotFoundError as error:
        raise Http404(error.message) from error
    form = forms.ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_object(notice=notice, **form.cleaned_data)
        except DomainError as error:
            _report(request, form, error)
        else:
            messages.success(request, _("异议已提交,科技局将依法处理。"))
            return redirect("dealflow:notice", pk=pk)
    today = clock.today()
    is_running = notice.withdrawn_at is None and notice.starts_on <= today <= notice.ends_on
    return render(request, "dealflow/notice_detail.html", {"notice": notice, "form": form, "is_running": is_running})


# --- bureau and institution views -----------------------------------------------------------------------


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else clock.today().year


@login_required
@domain_errors
def bureau(request):
    permissions.require_bureau(request.user)
    year = _year(request)
    dimension = request.GET.get("by", "month")
    data = selectors.funnel(year=year, dimension=dimension)
    peak = max([r["counts"]["sent"] for r in data["rows"]] + [1])
    pending = NoticeObjection.objects.filter(outcome=NoticeObjection.Outcome.PENDING).select_related("notice")
    return render(
        request,
        "dealflow/bureau.html",
        {
            "year": year,
            "funnel": data,
            "peak": peak,
            "dimensions": selectors.DIMENSIONS,
            "declines": selectors.declines_by_reason(year=year, dimension="institution")[:30],
            "lost": selectors.lost_by_reason(year=year),
            "interest": selectors.interest_without_deal(year=year),
            "projection": selectors.target_projection(year=year),
            "objections": pending,
            "resolve_form": forms.ResolveForm(),
        },
    )


@login_required
@domain_errors
def bureau_export(request):
    permissions.require_bureau(request.user)
    year = _year(request)
    response = HttpResponse(
        exports.funnel_workbook(year=year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="dealflow-funnel-{year}.xlsx"'
    return response


@login_required
@require_POST
@domain_errors
def objection_resolve(request, pk: int):
    permissions.require_bureau(request.user)
    objection = get_object_or_404(NoticeObjection, pk=pk)
    form = forms.ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.objection_resolve(user=request.user, objection=objection, **form.cleaned_data)
            messages.success(request, _("异议已处理。"))
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                raise
            _report(request, None, error)
    else:
        messages.error(request, _("请填写处理意见。"))
    return redirect(reverse("dealflow:bureau"))


@login_required
@domain_errors
def institution_dashboard(request):
    if not (request.user.is_institution_editor or request.user.is_enterprise_member):
        raise NotAllowed(_("请以机构或企业账号登录。"))
    year = _year(request)
    data = selectors.institution_dashboard(organisation=request.user.organisation, year=year)
    return render(
        request,
        "dealflow/institution_dashboard.html",
        {
            "year": year,
            "data": data,
            "stages": [(s.value, s.label, data["deals_by_stage"].get(s.value, 0)) for s in Deal.Stage],
            "achievements": AchievementPage.objects.of_organisation(request.user.organisation).order_by("title")[:100]
            if request.user.is_institution_editor
            else [],
        },
    )


@login_required
def notifications(request):
    items = selectors.notifications_for(request.user)[:100]
    return render(request, "dealflow/notifications.html", {"items": items})
