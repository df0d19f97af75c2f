"""Key problems on the industry-chain map: creating, merging, editing them; need match summaries and need deals."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common import clock
from common.errors import Conflict, DomainError
from marketplace.models import TechnologyNeed
from taxonomy.models import IndustryChainNode

from .. import permissions
from ..models import (
    KeyProblem,
    NeedDeal,
    NeedMatchSummary,
)
from ._base import _full_clean, _set

# --- Key problems -------------------------------------------------------------------------------------


def _check_needs_in_chain(node: IndustryChainNode, needs) -> None:
    chain_code = node.code.split(".")[0]
    for need in needs:
        if need.industry_chain_id and not need.industry_chain.code.startswith(chain_code):
            raise DomainError(
                _("需求“%(need)s”不属于%(chain)s产业链。") % {"need": need.title, "chain": chain_code},
                field_errors={"needs": [_("来源需求须属于同一产业链。")]},
            )


@transaction.atomic
def problem_create(
    *,
    user: User,
    node: IndustryChainNode,
    title: str,
    description: str = "",
    needs: list[TechnologyNeed] | None = None,
    is_common: bool = False,
) -> KeyProblem:
    """Mark one or more needs as a key technology problem of a chain node (关键技术问题)."""
    permissions.require_staff(user)
    needs = list(needs or [])
    _check_needs_in_chain(node, needs)
    problem = KeyProblem(node=node, title=title, description=description, is_common=is_common, created_by=user)
    _full_clean(problem, exclude=["created_by", "merged_into"])
    problem.save()
    problem.source_needs.set(needs)
    return problem


@transaction.atomic
def problem_merge(*, user: User, target: KeyProblem, duplicates: list[KeyProblem]) -> KeyProblem:
    """Merge duplicate problems into ``target``: their source needs move over, the duplicates point at it.

    A problem raised by needs of two or more enterprises becomes a common problem (共性).
    """
    permissions.require_staff(user)
    target = KeyProblem.objects.select_for_update().get(pk=target.pk)
    if target.merged_into_id:
        raise Conflict(_("目标问题已被合并,不能再作为合并目标。"))
    ids = [d.pk for d in duplicates if d.pk != target.pk]
    if not ids:
        raise DomainError(_("请选择至少一个要合并的重复问题。"), field_errors={"duplicates": [_("请选择重复问题。")]})
    rows = list(KeyProblem.objects.select_for_update().filter(pk__in=ids))
    for row in rows:
        if row.merged_into_id:
            raise Conflict(_("问题“%(t)s”已被合并。") % {"t": row.title})
        if row.node.code.split(".")[0] != target.node.code.split(".")[0]:
            raise DomainError(_("只能合并同一产业链的问题。"))
        target.source_needs.add(*row.source_needs.all())
        # Children of a duplicate follow it to the target, so the chain of merges stays one level deep.
        KeyProblem.objects.filter(merged_into=row).update(merged_into=target)
        row.merged_into = target
        row.save(update_fields=["merged_into", "updated_at"])
    enterprises = set(target.source_needs.values_list("enterprise_id", flat=True))
    if len(enterprises) >= 2:
        target.is_common = True
    target.save()
    return target


@transaction.atomic
def problem_update(*, user: User, problem: KeyProblem, data: dict[str, Any]) -> KeyProblem:
    permissions.require_staff(user)
    problem = KeyProblem.objects.select_for_update().get(pk=problem.pk)
    _set(problem, data, ("title", "description", "node", "is_common"))
    _full_clean(problem, exclude=["created_by", "merged_into"])
    problem.save()
    return problem


@transaction.atomic
def need_match_summaries_refresh(*, needs=None, limit: int = 10) -> int:
    """Run the matcher (engine, or the database matcher when it is down) and store the counts above the floor.

    Called by ``manage.py challenges_refresh_matches``; the map reads the stored rows.
    """
    from search.matching import match_floor, matches_for_need

    needs = needs if needs is not None else TechnologyNeed.objects.open_for_matching()
    floor = match_floor()
    count = 0
    for need in needs:
        matches = matches_for_need(need, limit=limit)
        NeedMatchSummary.objects.update_or_create(
            need=need,
            defaults={
                "match_count": len(matches),
                "best_score": max((m.score for m in matches), default=0.0),
                "floor": floor,
                "computed_at": clock.now(),
            },
        )
        count += 1
    return count


@transaction.atomic
def need_deal_record(*, need_id: int, deal_id: int, active: bool) -> None:
    """Store what the deal flow announced about a deal on a need (idempotent: one row per deal)."""
    if not TechnologyNeed.objects.filter(pk=need_id).exists():
        return  # the need is gone; its key problems no longer count it either
    NeedDeal.objects.update_or_create(deal_id=deal_id, defaults={"need_id": need_id, "active": active})
