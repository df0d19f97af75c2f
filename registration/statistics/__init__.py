"""Read-side statistics of the registry (§8 of docs/registration-rules.md): what a city bureau reports.

Definitions are written out in docs/registration-statistics.md; in short:

- A contract counts in a year when its status is 已登记 (``registered``, which includes amended
  contracts) and its ``registered_on`` falls in that calendar year. Cancelled (注销), refused, withdrawn
  contracts and those under objection (异议复核中) do not count.
- Amounts are the *effective* ones (the registrar's latest correction, else the declared amount).
- Every breakdown is fetched for the chosen year and the previous year in the same query
  (conditional aggregation), so year-on-year change costs no extra round trip.

Modules: ``periods`` (years, comparison period), ``figures`` (value objects), ``summary`` (the running
totals the dashboard reads), ``facts`` (the
per-contract party facts the services write), ``cache`` (the version keying cached figures),
``dashboard`` (the grouped scans, commercialisation, home summary), ``register`` (the contract
register export). Everything public is re-exported here: import from ``registration.statistics``.
"""

from .cache import CACHE_SECONDS, VERSION_KEY, bump_statistics_version, statistics_version
from .dashboard import (
    can_view_statistics,
    commercialisation_progress,
    commercialisation_target,
    commercialised_achievements,
    counted_contracts,
    home_summary,
    sub_type_labels,
    type_labels,
    year_statistics,
)
from .facts import FACT_FIELDS, contract_facts_write, facts_rebuild
from .figures import Breakdown, Progress, Row, YearStatistics, format_wan, format_yoy, yoy_percent
from .periods import (
    COMMERCIALISING_TYPES,
    EARLIEST_YEAR,
    current_year,
    parse_year,
    previous_period_end,
    year_bounds,
)
from .register import REGISTER_CHUNK, label_maps, register_rows

__all__ = [
    "CACHE_SECONDS",
    "COMMERCIALISING_TYPES",
    "EARLIEST_YEAR",
    "FACT_FIELDS",
    "REGISTER_CHUNK",
    "VERSION_KEY",
    "Breakdown",
    "Progress",
    "Row",
    "YearStatistics",
    "bump_statistics_version",
    "can_view_statistics",
    "commercialisation_progress",
    "commercialisation_target",
    "commercialised_achievements",
    "contract_facts_write",
    "counted_contracts",
    "current_year",
    "facts_rebuild",
    "format_wan",
    "format_yoy",
    "home_summary",
    "label_maps",
    "parse_year",
    "previous_period_end",
    "register_rows",
    "statistics_version",
    "sub_type_labels",
    "type_labels",
    "year_bounds",
    "year_statistics",
    "yoy_percent",
]
