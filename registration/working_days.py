"""Working-day arithmetic for the service-level clock: Monday–Friday, except the days in ``CalendarDay``.

``CalendarDay`` holds only the exceptions (a public holiday on a weekday, a 调休 working weekend). It is
seeded from the ``chinesecalendar`` package and editable by bureau staff, so when the State Council
publishes next year's arrangement (or the package lags) staff correct the table, not the code.
"""

from __future__ import annotations

from datetime import date, timedelta

# chinesecalendar names holidays in English; the calendar table shows them in Chinese.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def package_exceptions(year: int) -> list[tuple[date, bool, str]]:
    """(date, is_working_day, name) for every day of ``year`` that differs from Monday–Friday.

    Raises ``NotImplementedError`` when the installed chinesecalendar has no data for the year.
    """
    import chinese_calendar

    day = date(year, 1, 1)
    rows = []
    while day.year == year:
        is_weekday = day.weekday() < 5
        working = chinese_calendar.is_workday(day)
        if working != is_weekday:
            _on_holiday, name = chinese_calendar.get_holiday_detail(day)
            zh = HOLIDAY_NAMES_ZH.get(name or "", name or "")
            label = zh if not working else f"{zh}调休上班".strip()
            rows.append((day, working, label))
        day += timedelta(days=1)
    return rows


def seed_from_package(calendar_model, years) -> dict[int, int | None]:
    """Insert package exceptions for ``years`` without touching rows staff have edited.

    Returns rows written per year; ``None`` for a year the package does not cover. Works with a
    historical model (migrations) or the real one.
    """
    written: dict[int, int | None] = {}
    for year in years:
        try:
            rows = package_exceptions(year)
        except NotImplementedError:
            written[year] = None
            continue
        count = 0
        for day, working, name in rows:
            existing = calendar_model.objects.filter(date=day).first()
            if existing is not None and existing.source != "chinesecalendar":
                continue  # a staff correction wins over the package
            calendar_model.objects.update_or_create(
                date=day, defaults={"is_working_day": working, "name": name, "source": "chinesecalendar"}
            )
            count += 1
        written[year] = count
    return written


def exceptions_between(start: date, end: date) -> dict[date, bool]:
    from .models import CalendarDay

    return dict(CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list("date", "is_working_day"))


def is_working_day(day: date, exceptions: dict[date, bool] | None = None) -> bool:
    if exceptions is None:
        exceptions = exceptions_between(day, day)
    if day in exceptions:
        return exceptions[day]
    return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The date of the ``days``-th working day after ``start`` (``start`` itself does not count).

    Counting starts the day after acceptance, as time limits in Chinese administrative law do
    (期间开始的当日不计算在期间内).
    """
    if days <= 0:
        return start
    # Generous window: holidays never remove more than ~2 weeks per month.
    window_end = start + timedelta(days=days * 2 + 30)
    exceptions = exceptions_between(start, window_end)
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if day > window_end:
            window_end = day + timedelta(days=days * 2 + 30)
            exceptions.update(exceptions_between(day, window_end))
        if is_working_day(day, exceptions):
            counted += 1
    return day


def add_calendar_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end == start:
        return 0
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    exceptions = exceptions_between(start, end)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, exceptions):
            count += 1
    return sign * count
