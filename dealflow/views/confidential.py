"""Deal-flow pages for the NDA and the confidential tier: signing and editing the NDA, viewing, downloading, editing disclosures."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.errors import DomainError, NotAllowed, NotFoundError
from common.net import client_ip
from marketplace.models import AchievementPage

from .. import forms, permissions, selectors, services
from ..models import ConfidentialDisclosure, ConfidentialFile
from ._shared import _achievement, _report, domain_errors

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
                user=request.user, deal=deal, version=form.cleaned_data["version"], ip_address=client_ip(request)
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
    disclosure = services.disclosure_open(user=request.user, achievement=achievement, ip_address=client_ip(request))
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
    name, content = services.disclosure_download(user=request.user, file=record, ip_address=client_ip(request))
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
