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
    source_updated_at = models.DateTimeField(_("来源更新时间"), db_index=True)

    class Meta:
        verbose_name = _("合同统计事实")
        verbose_name_plural = _("合同统计事实")
        indexes = [models.Index(fields=["status", "registered_on"], name="reg_facts_status_date")]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.status} {self.registered_on}"
