"""Public marketplace pages outside the Wagtail tree (listings, needs, dashboard, staff review)."""

from django.urls import path

from accounts import views as account_views

from . import views

app_name = "marketplace"

urlpatterns = [
    path("achievements/", views.achievement_list, name="achievement_list"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("needs/", views.need_list, name="need_list"),
    path("needs/new/", views.need_create, name="need_create"),
    path("needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("needs/<int:pk>/submit/", views.need_submit, name="need_submit"),
    path("needs/<int:pk>/close/", views.need_close, name="need_close"),
    path("needs/<int:pk>/review/", views.need_review, name="need_review"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("staff/needs/", views.need_review_queue, name="need_review_queue"),
    path("staff/organisations/", account_views.staff_organisation_list, name="staff_organisation_list"),
    path("staff/users/", account_views.staff_user_list, name="staff_user_list"),
    path("staff/users/<int:pk>/role/", account_views.staff_user_assign_role, name="staff_user_assign_role"),
    path(
        "staff/organisations/<int:pk>/review/",
        account_views.staff_organisation_review,
        name="staff_organisation_review",
    ),
]
