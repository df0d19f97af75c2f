"""Django admin for the registry's reference data. Contracts are read-only here: decisions go through services."""

from django.contrib import admin

from .models import CalendarDay, Registry, TechnologyContract


@admin.register(Registry)
class RegistryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region", "is_active"]
    filter_horizontal = ["registrars"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working_day", "name", "source", "updated_by"]
    list_filter = ["is_working_day", "source"]
    date_hierarchy = "date"


@admin.register(TechnologyContract)
class TechnologyContractAdmin(admin.ModelAdmin):
    list_display = ["project_name", "status", "registration_number", "registry", "registered_on"]
    list_filter = ["status", "rule_set_key", "contract_type"]
    search_fields = ["project_name", "registration_number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
