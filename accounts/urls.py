"""Pages of the accounts app: sign-in, sign-out, enterprise sign-up, and the staff's organisation and user pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", views.signup, name="signup"),
    path("staff/organisations/", views.staff_organisation_list, name="staff_organisation_list"),
    path("staff/organisations/<int:pk>/review/", views.staff_organisation_review, name="staff_organisation_review"),
    path("staff/users/", views.staff_user_list, name="staff_user_list"),
    path("staff/users/<int:pk>/role/", views.staff_user_assign_role, name="staff_user_assign_role"),
]
