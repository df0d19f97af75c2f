"""Statistics pages for bureau staff and registrars: the year's dashboard and its Excel downloads."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from common.errors import DomainError

from . import exports, statistics

YEARS_IN_SELECTOR = 10
CHART_WIDTH, CHART_HEIGHT = 780, 260
CHART_TOP, CHART_BOTTOM, CHART_LEFT = 28, 40, 10


def month_chart(months: statistics.Breakdown) -> dict:
    """Geometry of a server-rendered SVG bar chart of 技术交易额 by month, this year beside last year.

    Computed here so the template only places rectangles: readable without JavaScript, and each
    bar carries its value as a label (万元) and a <title> for screen readers and hover.
    """
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    slot = (CHART_WIDTH - CHART_LEFT) / len(months.rows)
    bar = slot * 0.36
    largest = max([r.technology for r in months.rows] + [r.previous_technology for r in months.rows])
    bars = []
    for index, row in enumerate(months.rows):
        x = CHART_LEFT + index * slot + slot * 0.12

        def height(amount):
            return float(amount / largest * plot_height) if largest > 0 else 0.0

        current_h, previous_h = height(row.technology), height(row.previous_technology)
        bars.append(
            {
                "key": row.key,
                "label": row.label,
                "value": row.technology_wan,
                "previous_value": statistics.format_wan(row.previous_technology),
                "count": row.count,
                "x": round(x, 1),
                "width": round(bar, 1),
                "y": round(CHART_TOP + plot_height - current_h, 1),
                "height": round(current_h, 1),
                "previous_x": round(x + bar, 1),
                "previous_y": round(CHART_TOP + plot_height - previous_h, 1),
                "previous_height": round(previous_h, 1),
                "text_x": round(x + bar / 2, 1),
                "text_y": round(CHART_TOP + plot_height - current_h - 4, 1),
                "axis_x": round(x + bar, 1),
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": CHART_TOP + plot_height,
        "axis_label_y": CHART_TOP + plot_height + 16,
        "bars": bars,
    }


def statistics_access(view):
    """Anonymous users go to the login page; signed-in users without the role get 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not statistics.can_view_statistics(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _year_choices() -> list[int]:
    latest = statistics.current_year()
    return list(range(latest, max(statistics.EARLIEST_YEAR, latest - YEARS_IN_SELECTOR) - 1, -1))


@require_GET
@statistics_access
def dashboard(request):
    context = {"years": _year_choices()}
    try:
        year = statistics.parse_year(request.GET.get("year"))
    except DomainError as error:
        context.update({"error": error.message, "year": statistics.current_year()})
        return render(request, "registration/statistics.html", context, status=400)
    stats = statistics.year_statistics(year)
    context.update(
        {
            "year": year,
            "stats": stats,
            "chart": month_chart(stats.breakdown("month")),
            "tables": [b for b in stats.breakdowns if b.key != "month"],
            "months": stats.breakdown("month"),
        }
    )
    return render(request, "registration/statistics.html", context)


def _export(request, respond):
    try:
        year = statistics.parse_year(request.GET.get("year"))
    except DomainError as error:
        return render(
            request,
            "registration/statistics.html",
            {"error": error.message, "years": _year_choices(), "year": statistics.current_year()},
            status=400,
        )
    return respond(year)


@require_GET
@statistics_access
def export_statistics(request):
    return _export(request, exports.statistics_response)


@require_GET
@statistics_access
def export_register(request):
    return _export(request, exports.register_response)
