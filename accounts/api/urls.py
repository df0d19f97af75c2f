"""API v1 routes of accounts (mounted at /api/v1/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("auth/token/", views.ObtainTokenApi.as_view(), name="api-token"),
]
