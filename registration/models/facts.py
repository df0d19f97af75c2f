"""Per-contract party facts for the statistics (a derived cache, rebuilt from contracts and parties).

Why it exists: the party-based breakdowns (entity types, 输出/吸纳 flows) would otherwise join
every counted contract with its parties on every dashboard view — about 400,000 party rows for two
years at a million contracts. One narrow row per registered contract, written by the services in
the transaction of each change (``registration.statistics.facts.contract_facts_write``), turns those
into index-only grouped scans.

Nothing here is a source of truth: ``facts_rebuild()`` (or ``manage.py registration_statistics_facts``)
recomputes every row from the contracts.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .contracts import MONEY


class Place:
    """Bits of ``seller_places`` / ``buyer_places``: where a side's parties are, relative to the home city."""

    LOCAL = 1  # in the home city (HOME_CITY_CODE's first four digits)
    PROVINCE = 2  # elsewhere in the home province
    OTHER_PROVINCE = 4  # elsewhere in China
    FOREIGN = 8  # country code other than 156
    UNKNOWN = 16  # domestic, region not filled in

    BY_KEY = {
        "local": LOCAL,
        "province": PROVINCE,
        "other_province": OTHER_PROVINCE,
        "foreign": FOREIGN,
        "unknown": UNKNOWN,
    }


class ContractStatisticsFacts(models.Model):
    """One row per contract that has been registered: its counted status, date, effective amounts,
    the entity type of the first-listed seller and buyer, and where each side's parties are."""

    contract = models.OneToOneField(
        "registration.TechnologyContract",
        verbose_name=_("技术合同"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="statistics_facts",
    )
    status = models.CharField(_("状态"), max_length=24)
    registered_on = models.DateField(_("登记日期"), null=True)
    effective_total_amount_cny = models.DecimalField(_("认定成交额(元)"), **MONEY)
    effective_technology_amount_cny = models.DecimalField(_("认定技术交易额(元)"), **MONEY)
    # Derived data: no database constraint, so a taxonomy edit never has to wait for this cache.
    seller_entity_type = models.ForeignKey(
        "taxonomy.EntityType", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    buyer_entity_type = models.ForeignKey(
        "taxonomy.EntityType", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    seller_places = models.PositiveSmallIntegerField(_("卖方所在地"), default=0)
    buyer_places = models.PositiveSmallIntegerField(_("买方所在地"), default=0)
    # The contract's own grouping dimensions, copied so the running totals (ContractStatisticsSummary) can be
    # taken back out exactly as they were added when an amendment changes the type, field, IP or programme.
    contract_type = models.CharField(_("合同类别"), max_length=16, blank=True, default="")
    sub_type = models.CharField(_("合同子类"), max_length=40, blank=True, default="")
    technical_field = models.ForeignKey(
        "taxonomy.TechnicalField", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    ip_type = models.ForeignKey(
        "taxonomy.IPType", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    programme_source = models.CharField(_("计划来源"), max_length=16, blank=True, default="")
    # 技术转让 / 技术许可 or 技术入股: its linked achievements count as commercialised (科技成果转化).
    commercialising = models.BooleanField(_("计入成果转化"), default=False)
    source_updated_at = models.DateTimeField(_("来源更新时间"), db_index=True)

    class Meta:
        verbose_name = _("合同统计事实")
        verbose_name_plural = _("合同统计事实")
        indexes = [models.Index(fields=["status", "registered_on"], name="reg_facts_status_date")]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.status} {self.registered_on}"


# Sums of up to millions of 14-digit amounts: room for them without overflow.
SUM_MONEY = {"max_digits": 22, "decimal_places": 2}


class ContractStatisticsSummary(models.Model):
    """Running totals of the counted facts (status 已登记) by registration month and one grouping dimension.

    Why it exists: even from the narrow facts, the dashboard aggregated ~156,000 rows per uncached view at a
    million contracts (1.2 s). These totals are what those aggregations add up to, per month: the services adjust
    them (+/−) in the transaction that writes the facts row, so the dashboard sums a few hundred rows.

    ``dimension`` names the grouping and ``key`` the group within it (see ``statistics.summary.DIMENSIONS``):
    ``class`` "type/sub-type", ``field`` / ``ip`` / ``seller_entity`` / ``buyer_entity`` a taxonomy id ("" when
    not filled in), ``programme`` a programme source, ``places`` "seller bits/buyer bits". Each counted contract
    adds one to exactly one key of every dimension. ``achievement`` (key: an achievement page id) counts the
    counted commercialising contracts linking that achievement (amounts 0), so the distinct commercialised
    achievements of a year are the keys with a count. A derived cache: ``manage.py registration_statistics_facts``
    rebuilds it from the facts and ``--check`` compares it with a recount.
    """

    month = models.DateField(_("登记月份"))  # first day of the month of registered_on (a local, Asia/Shanghai date)
    dimension = models.CharField(_("分组"), max_length=16)
    key = models.CharField(_("分组值"), max_length=64, blank=True)
    contracts = models.IntegerField(_("合同数"), default=0)
    total_amount_cny = models.DecimalField(_("成交额(元)"), default=0, **SUM_MONEY)
    technology_amount_cny = models.DecimalField(_("技术交易额(元)"), default=0, **SUM_MONEY)

    class Meta:
        verbose_name = _("合同统计汇总")
        verbose_name_plural = _("合同统计汇总")
        constraints = [
            models.UniqueConstraint(fields=["month", "dimension", "key"], name="reg_summary_month_dimension_key")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.dimension}={self.key}: {self.contracts}"
