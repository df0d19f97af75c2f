"""Operations endpoints: health probes and the permission-checked private file view."""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from . import files, health, reports

urlpatterns = [
    path("media/<path:path>", files.media, name="private_media"),
    # Wagtail's own URLs for this report, matched first (config/urls.py includes these before the admin).
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(reports.ScopedPageTypesUsageReportView.as_view()),
        name="scoped_page_types_usage",
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(reports.ScopedPageTypesUsageReportView.as_view(results_only=True)),
        name="scoped_page_types_usage_results",
    ),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
