"""Public marketplace pages outside the Wagtail tree (listings, needs, dashboard, staff review)."""

from django.urls import path

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
    path("staff/classifications/", views.classification_review, name="classification_review"),
]
