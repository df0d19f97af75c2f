"""Wagtail's page-types report without other institutions' draft titles (its "last edited page" column)."""

from __future__ import annotations

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from .cms import pages_visible_to


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = [item.last_edited_page.pk for item in page_types if item.last_edited_page is not None]
        visible = set(
            pages_visible_to(self.request.user, Page.objects.filter(pk__in=shown)).values_list("pk", flat=True)
        )
        for item in page_types:
            if item.last_edited_page is not None and item.last_edited_page.pk not in visible:
                item.last_edited_page = None
        return page_types
