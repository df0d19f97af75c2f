"""API v1 routes of this app."""

from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="api-search"),
    path("needs/<int:pk>/matches/", views.NeedMatchesView.as_view(), name="api-need-matches"),
    path("needs/<int:pk>/matches/judgements/", views.NeedMatchJudgementView.as_view(), name="api-need-match-judgement"),
    path("achievements/<int:pk>/matches/", views.AchievementMatchesView.as_view(), name="api-achievement-matches"),
]
