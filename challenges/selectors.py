"""Read-side of the challenges app: the problem map, the problem list, challenge lists, rankings, statistics."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from accounts.models import Organisation
from common import clock
from common.errors import NotFoundError
from marketplace.models import TechnologyNeed
from taxonomy.models import IndustryChainNode

from .models import (
    Application,
    Award,
    CampaignNeed,
    Challenge,
    KeyProblem,
    Milestone,
    NeedDeal,
    NeedMatchSummary,
    SurveyCampaign,
)

CS = Challenge.Status
LIVE_CHALLENGE = [CS.OPEN, CS.UNDER_REVIEW, CS.AWARDED]


def home_province_code() -> str:
    """The province that counts as 省内 for eligibility and statistics (Fujian by default)."""
    return settings.HOME_PROVINCE_CODE


# --- Problem map --------------------------------------------------------------------------------------


@dataclass
class MapNode:
    node: IndustryChainNode
    depth: int
    open_needs: int = 0
    problems: int = 0
    matched: int = 0
    in_challenge: int = 0
    solved: int = 0
    children: list[MapNode] = field(default_factory=list)

    @property
    def unsolved(self) -> int:
        return self.problems - self.solved

    @property
    def code(self) -> str:
        return self.node.code


def chain_get(code: str) -> IndustryChainNode:
    chain = IndustryChainNode.objects.filter(code=code, level=IndustryChainNode.Level.CHAIN).first()
    if chain is None:
        raise NotFoundError(_("未找到该产业链。"))
    return chain


def _matched_needs(needs):
    """Needs with at least one match above the relevance floor, from stored results only.

    Two stored sources, never the matcher itself: the summary rows written by ``challenges_refresh_matches``
    and the match alerts the search app has sent (alerts obey the same floor).
    """
    from search.models import MatchNotification

    return needs.filter(
        Q(pk__in=NeedMatchSummary.objects.filter(match_count__gt=0).values("need_id"))
        | Q(pk__in=MatchNotification.objects.values("need_id"))
    )


def problem_map(code: str) -> MapNode:
    """The chain's tree with, per node (its subtree included): open public needs, key problems, needs matched
    above the floor, problems in a live challenge or an active deal, problems solved by a registered contract.

    Five grouped queries whatever the number of needs or problems: counts are grouped by the node a record
    sits on, then rolled up the tree in Python by code prefix (a few hundred nodes at most).
    """
    chain = chain_get(code)
    nodes = list(IndustryChainNode.objects.subtree_of(chain.code).order_by("code"))
    code_of = {node.pk: node.code for node in nodes}
    # Filter and group by node id (an index on the foreign key), not by a join on the code prefix.
    needs = TechnologyNeed.objects.listed().filter(industry_chain_id__in=list(code_of))
    own: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in needs.values("industry_chain_id").annotate(n=Count("pk")).order_by():
        own[code_of[row["industry_chain_id"]]]["open_needs"] = row["n"]
    for row in _matched_needs(needs).values("industry_chain_id").annotate(n=Count("pk")).order_by():
        own[code_of[row["industry_chain_id"]]]["matched"] = row["n"]
    problems = KeyProblem.objects.current().filter(node_id__in=list(code_of))
    for row in problems.values("node_id", "status").annotate(n=Count("pk")).order_by():
        counts = own[code_of[row["node_id"]]]
        counts["problems"] += row["n"]
        if row["status"] == KeyProblem.Status.SOLVED:
            counts["solved"] += row["n"]
    # "In deals or challenges": in a live challenge, or a source need has an active deal-flow deal (the deal
    # flow announces those through the marketplace; see NeedDeal and docs/challenges.md).
    in_challenge = problems.filter(
        Exists(
            Challenge.key_problems.through.objects.filter(
                keyproblem_id=OuterRef("pk"), challenge__status__in=LIVE_CHALLENGE
            )
        )
        | Exists(
            KeyProblem.source_needs.through.objects.filter(
                keyproblem_id=OuterRef("pk"),
                technologyneed_id__in=NeedDeal.objects.filter(active=True).values("need_id"),
            )
        )
    ).exclude(status=KeyProblem.Status.SOLVED)
    for row in in_challenge.values("node_id").annotate(n=Count("pk")).order_by():
        own[code_of[row["node_id"]]]["in_challenge"] = row["n"]

    by_code: dict[str, MapNode] = {}
    root = None
    for node in nodes:
        item = MapNode(node=node, depth=node.level - 1)
        by_code[node.code] = item
        parent = by_code.get(node.code.rsplit(".", 1)[0]) if "." in node.code else None
        if parent is not None:
            parent.children.append(item)
        elif node.code == chain.code:
            root = item
    for node_code, counts in own.items():
        parts = node_code.split(".")
        for i in range(len(parts)):
            target = by_code.get(".".join(parts[: i + 1]))
            if target is None:
                continue
            for key, value in counts.items():
                setattr(target, key, getattr(target, key) + value)
    return root


def map_rows(root: MapNode) -> list[MapNode]:
    """The tree flattened depth-first, for the table beside the picture."""
    rows = []

    def walk(item):
        rows.append(item)
        for child in item.children:
            walk(child)

    walk(root)
    return rows


def chains_overview() -> list[dict]:
    """Every chain with its count of current and unsolved key problems (the map's entry page)."""
    chains = list(IndustryChainNode.objects.chains().order_by("code"))
    counts = defaultdict(lambda: {"problems": 0, "unsolved": 0})
    for row in KeyProblem.objects.current().values("node__code", "status").annotate(n=Count("pk")):
        chain_code = row["node__code"].split(".")[0]
        counts[chain_code]["problems"] += row["n"]
        if row["status"] != KeyProblem.Status.SOLVED:
            counts[chain_code]["unsolved"] += row["n"]
    return [{"chain": c, **counts[c.code]} for c in chains]


def problem_list(code: str):
    """The 关键技术问题清单 of a chain: current problems with node, source-need count and enterprises."""
    chain = chain_get(code)
    return (
        KeyProblem.objects.current()
        .under(chain.code)
        .select_related("node")
        .annotate(
            need_count=Count("source_needs", distinct=True),
            enterprise_count=Count("source_needs__enterprise", distinct=True),
        )
        .order_by("node__code", "pk")
    )


# --- Campaigns ----------------------------------------------------------------------------------------


def campaign_progress(campaign: SurveyCampaign) -> dict:
    invitations = campaign.invitations.aggregate(
        invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False))
    )
    needs = CampaignNeed.objects.filter(campaign=campaign).count()
    invited = invitations["invited"] or 0
    responded = invitations["responded"] or 0
    return {
        "invited": invited,
        "responded": responded,
        "needs": needs,
        "percent": round(100 * responded / invited) if invited else 0,
    }


# --- Challenges ---------------------------------------------------------------------------------------


def challenge_list(*, status: str = "", query: str = "", chain: str = ""):
    """Published challenges, newest first; filters by state, chain prefix and words in title/problem."""
    qs = Challenge.objects.public().select_related("node", "technical_field")
    if status:
        qs = qs.filter(status=status)
    if chain:
        qs = qs.filter(node__code__startswith=chain)
    for word in (query or "").split()[:5]:
        qs = qs.filter(Q(title__icontains=word) | Q(problem__icontains=word) | Q(title_en__icontains=word))
    return qs.annotate(application_count=Count("applications", filter=~Q(applications__status="draft"))).order_by(
        "-opens_at", "-pk"
    )


def challenge_get(pk: int) -> Challenge:
    challenge = (
        Challenge.objects.select_related("node", "technical_field")
        .prefetch_related("targets", "criteria", "co_funders", "key_problems")
        .filter(pk=pk)
        .first()
    )
    if challenge is None:
        raise NotFoundError(_("未找到该榜单。"))
    return challenge


@dataclass
class RankRow:
    application: Application
    score: Decimal
    reviews: int
    rank: int


def ranking(challenge: Challenge) -> list[RankRow]:
    """Submitted (or decided) applications by mean weighted score, best first; ties share a rank."""
    rows = (
        challenge.applications.filter(status__in=["submitted", "awarded", "not_awarded"])
        .select_related("lead")
        .annotate(mean=Avg("reviews__weighted_score"), review_count=Count("reviews"))
        .order_by("pk")
    )
    scored = []
    for application in rows:
        mean = Decimal(application.mean).quantize(Decimal("0.01")) if application.mean is not None else Decimal("0")
        scored.append((mean, application.review_count, application))
    scored.sort(key=lambda item: (-item[0], item[2].pk))
    result = []
    previous = None
    rank = 0
    for position, (mean, count, application) in enumerate(scored, 1):
        if mean != previous:
            rank = position
            previous = mean
        result.append(RankRow(application=application, score=mean, reviews=count, rank=rank))
    return result


def applications_for_expert(user, challenge: Challenge) -> list[tuple[Application, bool]]:
    """What an expert on the panel sees: submitted applications, each with whether they must abstain."""
    from .permissions import conflicted_organisation_ids

    conflicts = conflicted_organisation_ids(user)
    result = []
    for application in (
        challenge.applications.filter(status="submitted").prefetch_related("partners").select_related("lead")
    ):
        ids = {application.lead_id, *[p.pk for p in application.partners.all()]}
        result.append((application, bool(ids & conflicts)))
    return result


def public_progress(challenge: Challenge) -> dict | None:
    award = Award.objects.filter(challenge=challenge).select_related("application__lead", "contract").first()
    if award is None:
        return None
    milestones = list(award.milestones.all())
    today = clock.today()
    return {
        "award": award,
        "milestones": [
            {"m": m, "late": m.status != Milestone.Status.ACCEPTED and m.is_late(today)} for m in milestones
        ],
        "accepted": sum(1 for m in milestones if m.status == Milestone.Status.ACCEPTED),
        "released_cny": sum((m.payment_cny for m in milestones if m.payment_released_at), Decimal("0")),
    }


# --- Statistics ---------------------------------------------------------------------------------------


def statistics() -> dict:
    """The bureau's figures: challenges by chain and state, applicants by place and type, funding, milestones
    on time, contracts registered from challenges."""
    by_chain: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in Challenge.objects.public().values("node__code", "status").annotate(n=Count("pk")):
        by_chain[row["node__code"].split(".")[0]][row["status"]] += row["n"]
    chain_names = dict(IndustryChainNode.objects.chains().values_list("code", "name"))
    public_states = [(state, label) for state, label in CS.choices if state != CS.DRAFT]
    applicants = Application.objects.exclude(status="draft")
    home = home_province_code()
    in_province = applicants.filter(lead__region__code__startswith=home[:2], lead__country_code="156").count()
    total_applicants = applicants.count()
    kinds = dict(Organisation.Kind.choices)
    by_kind = [
        {"kind": kinds.get(row["lead__kind"], row["lead__kind"]), "n": row["n"]}
        for row in applicants.values("lead__kind").annotate(n=Count("pk")).order_by("lead__kind")
    ]
    awards = Award.objects.aggregate(n=Count("pk"), total=Sum("amount_cny"))
    milestones = Milestone.objects.filter(status=Milestone.Status.ACCEPTED).only("due_on", "reported_at")
    accepted = list(milestones)
    on_time = sum(1 for m in accepted if not m.is_late())
    today = clock.today()
    overdue = Milestone.objects.exclude(status=Milestone.Status.ACCEPTED).filter(due_on__lt=today).count()
    registered = Award.objects.filter(contract_registered_at__isnull=False)
    return {
        "by_chain": [
            {
                "code": code,
                "name": chain_names.get(code, code),
                "counts": [states.get(state, 0) for state, _label in public_states],
                "total": sum(states.values()),
            }
            for code, states in sorted(by_chain.items())
        ],
        "states": public_states,
        "applicants": {
            "total": total_applicants,
            "in_province": in_province,
            "out_of_province": total_applicants - in_province,
        },
        "by_kind": by_kind,
        "awards": awards["n"] or 0,
        "awarded_cny": awards["total"] or Decimal("0"),
        "milestones_accepted": len(accepted),
        "milestones_on_time": on_time,
        "milestones_overdue": overdue,
        "contracts_registered": registered.count(),
        "contracts_registered_cny": registered.aggregate(t=Sum("contract__effective_total_amount_cny"))["t"]
        or Decimal("0"),
    }
