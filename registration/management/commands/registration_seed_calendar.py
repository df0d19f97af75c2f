"""Seed holiday and 调休 exceptions from the installed chinesecalendar package.

Run after upgrading chinesecalendar when the State Council publishes a new year's arrangement:
    python manage.py registration_seed_calendar --years 2027 2028
Rows staff have edited are never overwritten.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from registration.models import CalendarDay
from registration.working_days import seed_from_package


class Command(BaseCommand):
    help = "从 chinesecalendar 导入法定节假日与调休(不覆盖工作人员修改过的日期)"

    def add_arguments(self, parser):
        this_year = timezone.localdate().year
        parser.add_argument("--years", nargs="+", type=int, default=[this_year, this_year + 1])

    def handle(self, *args, years, **options):
        for year in tqdm(years, desc="years", disable=options["verbosity"] < 1):
            written = seed_from_package(CalendarDay, [year])[year]
            if written is None:
                self.stdout.write(self.style.WARNING(f"{year}: chinesecalendar 暂无该年数据,请在日历页面手工维护。"))
            else:
                self.stdout.write(f"{year}: {written} 条")
