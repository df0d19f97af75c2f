"""Public and registrar pages of the registry."""

from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [path("verify/", views.verify, name="verify")]
