"""API v1 routes of this app."""

from django.urls import include, path

urlpatterns: list = [
    path("statistics/", include("registration.api.stats")),
]
