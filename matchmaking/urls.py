"""Pages of the matchmaking app (mounted at /matchmaking/); the event list and pages are Wagtail pages."""

from django.urls import path

from . import views

app_name = "matchmaking"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.my_events, name="my_events"),
    path("figures/", views.figures, name="figures"),
    path("figures.xlsx", views.figures_export, name="figures_export"),
    path("<int:pk>/signup/", views.signup, name="signup"),
    path("<int:pk>/meetings/", views.meetings, name="meetings"),
    path("<int:pk>/request/", views.meeting_request, name="meeting_request"),
    path("<int:pk>/schedule.pdf", views.schedule_pdf, name="schedule_pdf"),
    path("<int:pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/<str:action>/", views.event_action, name="event_action"),
    path("signups/<int:pk>/cancel/", views.signup_cancel, name="signup_cancel"),
    path("signups/<int:pk>/<str:action>/", views.signup_decide, name="signup_decide"),
    path("meetings/<int:pk>/respond/", views.meeting_respond, name="meeting_respond"),
    path("meetings/<int:pk>/outcome/", views.outcome_record, name="outcome_record"),
    path("meetings/<int:pk>/held/", views.meeting_held, name="meeting_held"),
]
