"""API v1 routes of competitions (mounted at /api/v1/competitions/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.CompetitionList.as_view(), name="competitions-api-list"),
    path("<int:pk>/", views.CompetitionDetail.as_view(), name="competitions-api-detail"),
    path("<int:pk>/results/", views.Results.as_view(), name="competitions-api-results"),
    path("<int:pk>/entries/", views.EntryListCreate.as_view(), name="competitions-api-entries"),
    path("<int:pk>/conflicts/", views.ConflictDeclare.as_view(), name="competitions-api-conflicts"),
    path("<int:pk>/publish/", views.Publish.as_view(), name="competitions-api-publish"),
    path("entries/<int:pk>/", views.EntryDetail.as_view(), name="competitions-api-entry"),
    path("entries/<int:pk>/withdraw/", views.EntryWithdraw.as_view(), name="competitions-api-withdraw"),
    path("rounds/<int:pk>/judging/", views.JudgeEntries.as_view(), name="competitions-api-judging"),
    path("rounds/<int:pk>/scores/", views.MyScores.as_view(), name="competitions-api-my-scores"),
    path("rounds/<int:pk>/entries/<int:entry_pk>/score/", views.ScoreSubmit.as_view(), name="competitions-api-score"),
    path("rounds/<int:pk>/judges/", views.JudgeAssign.as_view(), name="competitions-api-assign"),
    path("rounds/<int:pk>/ranking/", views.Ranking.as_view(), name="competitions-api-ranking"),
    path("rounds/<int:pk>/start/", views.RoundStart.as_view(), name="competitions-api-round-start"),
    path("rounds/<int:pk>/advance/", views.RoundAdvance.as_view(), name="competitions-api-round-advance"),
    path("rounds/<int:pk>/close/", views.RoundClose.as_view(), name="competitions-api-round-close"),
]
