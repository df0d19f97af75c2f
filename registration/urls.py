"""Public and registrar pages of the registry."""

from django.urls import include, path

from . import views

app_name = "registration"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("statistics/", include("registration.stats_urls")),
]
