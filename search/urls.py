"""Public search page, match lists and match notifications."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("needs/<int:pk>/matches/", views.need_matches, name="need_matches"),
    path("achievements/<int:pk>/matches/", views.achievement_matches, name="achievement_matches"),
    path("notifications/", views.notifications, name="notifications"),
]
