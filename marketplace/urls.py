"""Public marketplace pages outside the Wagtail tree (listings, needs, dashboard)."""

from django.urls import path

from . import views

app_name = "marketplace"

urlpatterns = [
    path("achievements/", views.achievement_list, name="achievement_list"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("needs/", views.need_list, name="need_list"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
