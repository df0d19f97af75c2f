"""Deal-flow pages for enquiries, proposals, the inbox and conversations (messages, answers, brokers, attachments)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from common.errors import DomainError, NotAllowed, NotFoundError
from marketplace.models import TechnologyNeed

from .. import forms, permissions, selectors, services
from ..models import Deal, Enquiry, MessageAttachment
from ._shared import _achievement, _report, domain_errors

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
