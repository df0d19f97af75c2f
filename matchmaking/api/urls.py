"""API v1 routes of events (mounted at /api/v1/events/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.EventList.as_view(), name="events-api-list"),
    path("<int:pk>/", views.EventDetail.as_view(), name="events-api-detail"),
    path("<int:pk>/signups/", views.EventSignups.as_view(), name="events-api-signups"),
    path("<int:pk>/meetings/request/", views.MeetingRequest.as_view(), name="events-api-meeting-request"),
    path("<int:pk>/propose/", views.ProposeMeetings.as_view(), name="events-api-propose"),
    path("<int:pk>/schedule/", views.Schedule.as_view(), name="events-api-schedule"),
    path("<int:pk>/schedule/build/", views.BuildSchedule.as_view(), name="events-api-schedule-build"),
    path("signups/", views.OwnSignups.as_view(), name="events-api-own-signups"),
    path("signups/<int:pk>/approve/", views.SignupApprove.as_view(), name="events-api-signup-approve"),
    path("signups/<int:pk>/decline/", views.SignupDecline.as_view(), name="events-api-signup-decline"),
    path("signups/<int:pk>/cancel/", views.SignupCancel.as_view(), name="events-api-signup-cancel"),
    path("meetings/", views.OwnMeetings.as_view(), name="events-api-own-meetings"),
    path("meetings/<int:pk>/respond/", views.MeetingRespond.as_view(), name="events-api-meeting-respond"),
    path("meetings/<int:pk>/outcome/", views.MeetingOutcomeView.as_view(), name="events-api-meeting-outcome"),
    path("outcomes/", views.OwnOutcomes.as_view(), name="events-api-own-outcomes"),
]
