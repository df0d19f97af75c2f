"""Django admin: the per-institution settings (state-funded flag, where to object). Deals change only through
services, so they are not editable here; confidential tiers are not listed at all."""

from django.contrib import admin

from .models import InstitutionDealSettings


@admin.register(InstitutionDealSettings)
class InstitutionDealSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "state_funded", "objection_contact"]
    list_filter = ["state_funded"]
    search_fields = ["organisation__name"]
