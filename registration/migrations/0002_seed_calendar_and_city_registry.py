"""Seed the working-day exceptions for 2025–2027 from chinesecalendar, and the city's registry.

Years the installed package does not cover (2027 at the time of writing) are skipped; bureau staff
enter them in the admin once the State Council publishes the arrangement.
"""

from django.conf import settings
from django.db import migrations

from registration.working_days import seed_from_package

SEED_YEARS = (2025, 2026, 2027)


def seed(apps, schema_editor):
    calendar_day = apps.get_model("registration", "CalendarDay")
    seed_from_package(calendar_day, SEED_YEARS)

    region_model = apps.get_model("taxonomy", "Region")
    registry_model = apps.get_model("registration", "Registry")
    region = region_model.objects.filter(code=settings.HOME_CITY_CODE).first()
    if region is not None and not registry_model.objects.filter(code=region.code).exists():
        registry_model.objects.create(name=f"{region.name}技术合同认定登记站", region=region, code=region.code)


def unseed(apps, schema_editor):
    apps.get_model("registration", "CalendarDay").objects.filter(source="chinesecalendar").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0001_contracts_registry_numbers_certificates_calendar"),
        ("taxonomy", "0002_load_initial_terms"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
