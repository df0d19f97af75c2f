"""Pages of the competitions app (mounted at /competitions/)."""

from django.urls import path

from . import views

app_name = "competitions"

urlpatterns = [
    path("", views.competition_list, name="list"),
    path("new/", views.competition_create, name="create"),
    path("mine/", views.my_entries, name="my_entries"),
    path("judging/", views.judging_index, name="judging_index"),
    path("winners/", views.winners, name="winners"),
    path("<int:pk>/", views.competition_detail, name="detail"),
    path("<int:pk>/enter/", views.entry_edit, name="entry_create"),
    path("<int:pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/conflicts/", views.conflict_declare, name="conflict_declare"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path("rounds/<int:pk>/score/", views.score, name="score"),
    path("rounds/<int:pk>/<str:action>/", views.round_action, name="round_action"),
    path("results/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
]
