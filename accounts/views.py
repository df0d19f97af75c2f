"""Thin views over account services: enterprise sign-up and the staff's organisation review page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import DomainError
from common.messages import domain_error_to_form, domain_error_to_messages

from . import services
from .forms import ReviewNoteForm, RoleAssignForm, SignupForm
from .models import Organisation, User


def signup(request):
    if request.user.is_authenticated:
        return redirect("marketplace:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.organisation_register(
                username=data["username"],
                password=data["password"],
                email=data["email"],
                display_name=data["display_name"],
                phone=data["phone"],
                organisation=form.organisation_data(),
            )
        except DomainError as error:
            domain_error_to_form(form, error, prefix="organisation.")
            domain_error_to_form(
                form,
                DomainError(
                    error.message,
                    field_errors={k: v for k, v in error.field_errors.items() if not k.startswith("organisation.")},
                ),
            )
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("注册成功。贵企业的信息正在等待科技局审核;审核通过前可以先起草技术需求,但不会公开发布。"),
            )
            return redirect("marketplace:dashboard")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)


def _require_staff(user) -> None:
    if not (user.is_authenticated and user.is_bureau_staff):
        raise PermissionDenied(_("只有科技局工作人员可以审核机构。"))


@login_required
def staff_organisation_list(request):
    _require_staff(request.user)
    status = request.GET.get("status", Organisation.Status.PENDING)
    if status not in Organisation.Status.values:
        status = Organisation.Status.PENDING
    organisations = (
        Organisation.objects.filter(status=status).select_related("region", "reviewed_by").order_by("-created_at")
    )
    return render(
        request,
        "accounts/staff_organisations.html",
        {
            "organisations": organisations,
            "status": status,
            "statuses": Organisation.Status.choices,
            "review_form": ReviewNoteForm(),
        },
    )


@login_required
@require_POST
def staff_organisation_review(request, pk: int):
    _require_staff(request.user)
    organisation = get_object_or_404(Organisation, pk=pk)
    note = request.POST.get("note", "")
    try:
        if request.POST.get("decision") == "approve":
            services.organisation_approve(actor=request.user, organisation=organisation)
            messages.success(request, _("已认证“%(name)s”。") % {"name": organisation.name})
        elif request.POST.get("decision") == "reject":
            services.organisation_reject(actor=request.user, organisation=organisation, note=note)
            messages.success(request, _("已退回“%(name)s”的认证申请。") % {"name": organisation.name})
        else:
            messages.error(request, _("请选择通过或退回。"))
    except DomainError as error:
        domain_error_to_messages(request, error)
    return redirect("accounts:staff_organisation_list")


@login_required
def staff_user_list(request):
    """Staff assign roles here (not in the CMS's user form, whose group field would fight the role's groups)."""
    _require_staff(request.user)
    query = request.GET.get("q", "").strip()
    users = User.objects.select_related("organisation").order_by("-date_joined")
    if query:
        users = users.filter(username__icontains=query) | users.filter(display_name__icontains=query)
    users = list(users[:100])
    forms_by_user = [
        (
            person,
            RoleAssignForm(
                prefix=f"u{person.pk}", initial={"role": person.role, "organisation": person.organisation_id}
            ),
        )
        for person in users
    ]
    return render(request, "accounts/staff_users.html", {"rows": forms_by_user, "query": query})


@login_required
@require_POST
def staff_user_assign_role(request, pk: int):
    _require_staff(request.user)
    person = get_object_or_404(User, pk=pk)
    form = RoleAssignForm(request.POST, prefix=f"u{person.pk}")
    if not form.is_valid():
        for field_messages in form.errors.values():
            for message in field_messages:
                messages.error(request, message)
        return redirect("accounts:staff_user_list")
    try:
        services.user_assign_role(
            actor=request.user,
            user=person,
            role=form.cleaned_data["role"],
            organisation=form.cleaned_data["organisation"],
        )
    except DomainError as error:
        domain_error_to_messages(request, error)
    else:
        messages.success(request, _("已更新“%(name)s”的角色。") % {"name": person})
    return redirect("accounts:staff_user_list")
