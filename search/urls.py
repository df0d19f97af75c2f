"""Public search page, match lists and their judgements, match notifications, and the staff page of index dead letters."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("needs/<int:pk>/matches/", views.need_matches, name="need_matches"),
    path("needs/<int:pk>/matches/judgements/", views.need_match_judgement, name="need_match_judgement"),
    path("achievements/<int:pk>/matches/", views.achievement_matches, name="achievement_matches"),
    path("judgements/", views.judgements, name="judgements"),
    path("notifications/", views.notifications, name="notifications"),
    path("outbox/dead/", views.dead_letters, name="dead_letters"),
]
