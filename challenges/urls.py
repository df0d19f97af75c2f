"""Pages of the challenges app (mounted at /challenges/)."""

from django.urls import path

from . import views

app_name = "challenges"

urlpatterns = [
    path("", views.challenge_list, name="challenge_list"),
    path("new/", views.challenge_create, name="challenge_create"),
    path("statistics/", views.statistics, name="statistics"),
    path("alerts/", views.my_alerts, name="alerts"),
    path("<int:pk>/", views.challenge_detail, name="challenge_detail"),
    path("<int:pk>/apply/", views.application_edit, name="application_edit"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("<int:pk>/<str:action>/", views.challenge_transition, name="challenge_transition"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("milestones/<int:pk>/<str:action>/", views.milestone_action, name="milestone_action"),
    path("map/", views.map_index, name="map_index"),
    path("map/<str:code>/", views.map_chain, name="map_chain"),
    path("map/<str:code>/manage/", views.problem_manage, name="problem_manage"),
    path("map/<str:code>/problems.xlsx", views.problem_export, name="problem_export"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
]
