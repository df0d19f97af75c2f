"""Statistics routes, included under /registration/statistics/ in the ``registration`` namespace."""

from django.urls import path

from . import stats_views

urlpatterns = [
    path("", stats_views.dashboard, name="statistics"),
    path("export/statistics.xlsx", stats_views.export_statistics, name="statistics_export"),
    path("export/register.xlsx", stats_views.export_register, name="statistics_register_export"),
]
