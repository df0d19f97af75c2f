"""Pages outside the filing and review flows: public verification, file downloads, the working-day calendar."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import DomainError
from common.messages import domain_error_to_messages

from .. import permissions, selectors, services
from ..forms import CalendarDayForm, VerifyForm
from ..models import Attachment, CalendarDay, Certificate
from ..verification import verify_attempt
from ._shared import require_role


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


@login_required
def calendar(request):
    """Holidays and 调休 working days for a year; bureau staff add, change or remove exceptions."""
    require_role(request.user.is_bureau_staff, _("科技局工作人员"))
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
            except DomainError as exc:
                domain_error_to_messages(request, exc)
            except ValueError:
                messages.error(request, _("日期格式不正确。"))
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
