"""API v1 routes of challenges (mounted at /api/v1/challenges/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.ChallengeListCreate.as_view(), name="challenges-api-list"),
    path("<int:pk>/", views.ChallengeDetail.as_view(), name="challenges-api-detail"),
    path("<int:pk>/publish/", views.ChallengePublish.as_view(), name="challenges-api-publish"),
    path("<int:pk>/start-review/", views.ChallengeStartReview.as_view(), name="challenges-api-start-review"),
    path("<int:pk>/close/", views.ChallengeClose.as_view(), name="challenges-api-close"),
    path("<int:pk>/panel/", views.PanelAdd.as_view(), name="challenges-api-panel"),
    path("<int:pk>/applications/", views.ApplicationListCreate.as_view(), name="challenges-api-applications"),
    path("<int:pk>/ranking/", views.Ranking.as_view(), name="challenges-api-ranking"),
    path("<int:pk>/award/", views.AwardView.as_view(), name="challenges-api-award"),
    path("applications/<int:pk>/", views.ApplicationDetail.as_view(), name="challenges-api-application"),
    path("applications/<int:pk>/submit/", views.ApplicationSubmit.as_view(), name="challenges-api-submit"),
    path("applications/<int:pk>/withdraw/", views.ApplicationWithdraw.as_view(), name="challenges-api-withdraw"),
    path("applications/<int:pk>/reviews/", views.ReviewListCreate.as_view(), name="challenges-api-reviews"),
    path("milestones/<int:pk>/report/", views.MilestoneReport.as_view(), name="challenges-api-milestone-report"),
    path("milestones/<int:pk>/decide/", views.MilestoneDecide.as_view(), name="challenges-api-milestone-decide"),
    path("map/<str:code>/", views.ProblemMap.as_view(), name="challenges-api-map"),
    path("map/<str:code>/problems/", views.ProblemList.as_view(), name="challenges-api-problems"),
    path("statistics/", views.Statistics.as_view(), name="challenges-api-statistics"),
]
