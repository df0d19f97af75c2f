"""The problem map's counts on a known data set, the merge of duplicates, campaigns, and the Excel list."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from challenges import selectors, services
from challenges.models import KeyProblem, NeedMatchSummary, SurveyCampaign
from common.errors import Conflict, DomainError, NotAllowed
from marketplace.models import TechnologyNeed
from search.models import MatchNotification
from taxonomy.models import IndustryChainNode
from tests.factories import NeedFactory, OrganisationFactory, make_achievement

from .factories import make_challenge

pytestmark = pytest.mark.django_db


def node(code):
    return IndustryChainNode.objects.get(code=code)


@pytest.fixture
def known_map(user_bureau_staff, enterprise_a, enterprise_b):
    """FLU: 5 public open needs (3 under FLU.02.01, 2 under FLU.01.01), one draft and one GRA need that must not
    count; 3 problems under FLU.02 (one in a live challenge, one solved) and one merged duplicate."""
    pvdf = [NeedFactory(enterprise=enterprise_a, industry_chain=node("FLU.02.01")) for _ in range(3)]
    hf = [NeedFactory(enterprise=enterprise_b, industry_chain=node("FLU.01.01")) for _ in range(2)]
    NeedFactory(enterprise=enterprise_a, industry_chain=node("FLU.02.01"), status=TechnologyNeed.Status.DRAFT)
    NeedFactory(enterprise=enterprise_a, industry_chain=node("GRA"))
    NeedMatchSummary.objects.create(need=pvdf[0], match_count=2, best_score=40)
    NeedMatchSummary.objects.create(need=pvdf[1], match_count=0, best_score=10)  # below the floor: not matched
    MatchNotification.objects.create(need=hf[0], achievement=make_achievement(), score=35)
    staff = user_bureau_staff
    open_problem = services.problem_create(user=staff, node=node("FLU.02.01"), title="PVDF 分子量分布", needs=pvdf[:2])
    duplicate = services.problem_create(user=staff, node=node("FLU.02.01"), title="PVDF 分子量", needs=[pvdf[2]])
    in_challenge = services.problem_create(user=staff, node=node("FLU.02.02"), title="PTFE 烧结")
    solved = services.problem_create(user=staff, node=node("FLU.02.03"), title="氟橡胶耐低温")
    KeyProblem.objects.filter(pk=solved.pk).update(status=KeyProblem.Status.SOLVED)
    make_challenge(staff, key_problems=[in_challenge])
    return {"open": open_problem, "duplicate": duplicate, "in_challenge": in_challenge, "solved": solved}


def _counts(item):
    return (item.open_needs, item.problems, item.matched, item.in_challenge, item.solved)


def test_map_counts_on_a_known_data_set(known_map, user_bureau_staff):
    services.problem_merge(user=user_bureau_staff, target=known_map["open"], duplicates=[known_map["duplicate"]])
    root = selectors.problem_map("FLU")
    by_code = {row.code: row for row in selectors.map_rows(root)}
    assert _counts(root) == (5, 3, 2, 1, 1)
    assert _counts(by_code["FLU.02"]) == (3, 3, 1, 1, 1)
    assert _counts(by_code["FLU.02.01"]) == (3, 1, 1, 0, 0)
    assert _counts(by_code["FLU.01"]) == (2, 0, 1, 0, 0)
    assert root.unsolved == 2


def test_merge_keeps_source_needs_and_marks_common(known_map, user_bureau_staff, enterprise_b):
    target, duplicate = known_map["open"], known_map["duplicate"]
    assert not target.is_common
    # A need of another enterprise makes the merged problem common to several enterprises.
    duplicate.source_needs.add(NeedFactory(enterprise=enterprise_b, industry_chain=node("FLU.02.01")))
    services.problem_merge(user=user_bureau_staff, target=target, duplicates=[duplicate])
    target.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == target
    assert target.source_needs.count() == 4
    assert target.is_common
    with pytest.raises(Conflict):
        services.problem_merge(user=user_bureau_staff, target=duplicate, duplicates=[target])
    assert KeyProblem.objects.current().filter(pk=duplicate.pk).count() == 0


def test_only_staff_mark_problems(user_enterprise_a, enterprise_a):
    with pytest.raises(NotAllowed):
        services.problem_create(user=user_enterprise_a, node=node("FLU"), title="x")
    with pytest.raises(DomainError):
        need = NeedFactory(enterprise=enterprise_a, industry_chain=node("GRA"))
        services.problem_create(user=_staff(), node=node("FLU"), title="x", needs=[need])


def _staff():
    from accounts.models import User
    from tests.factories import UserFactory

    return UserFactory(role=User.Role.BUREAU_STAFF)


def test_map_page_shows_tree_svg_and_list_in_few_queries(client, known_map, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("challenges:map_chain", args=["FLU"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and 'data-code="FLU.02.01"' in body
    assert "PVDF 分子量分布" in body
    assert client.get(reverse("challenges:map_chain", args=["NOPE"])).status_code == 404


def test_excel_list_is_staff_only_and_text_stays_text(client, known_map, user_bureau_staff, user_enterprise_a):
    KeyProblem.objects.filter(pk=known_map["open"].pk).update(title='=HYPERLINK("http://x","y")')
    url = reverse("challenges:problem_export", args=["FLU"])
    client.force_login(user_enterprise_a)
    assert client.get(url).status_code == 403
    client.force_login(user_bureau_staff)
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][3] == "问题名称"
    titles = [row[3] for row in rows[2:]]
    assert len(titles) == 4
    cell = next(c for row in sheet.iter_rows(min_row=3) for c in row if c.value == '=HYPERLINK("http://x","y")')
    assert cell.data_type == "s"


def test_campaign_invitation_response_progress(user_bureau_staff, user_enterprise_a, enterprise_a, enterprise_b):
    import datetime

    from common import clock

    today = clock.today()
    campaign = services.campaign_open(
        user=user_bureau_staff,
        chain=node("FLU"),
        title="氟新材料需求大调研",
        tag="flu-2026",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
    )
    assert (
        services.campaign_invite(user=user_bureau_staff, campaign=campaign, enterprises=[enterprise_a, enterprise_b])
        == 2
    )
    with pytest.raises(DomainError):
        services.campaign_invite(
            user=user_bureau_staff, campaign=campaign, enterprises=[make_achievement().institution_organisation]
        )
    need = NeedFactory(enterprise=enterprise_a, industry_chain=node("FLU.02.01"))
    services.campaign_tag_need(user=user_enterprise_a, campaign=campaign, need=need)
    other = NeedFactory(enterprise=OrganisationFactory(), industry_chain=node("FLU.02.01"))
    with pytest.raises(NotAllowed):
        services.campaign_tag_need(user=user_enterprise_a, campaign=campaign, need=other)
    assert selectors.campaign_progress(campaign) == {"invited": 2, "responded": 1, "needs": 1, "percent": 50}
    services.campaign_close(user=user_bureau_staff, campaign=campaign)
    assert SurveyCampaign.objects.get().status == "closed"
    with pytest.raises(Conflict):
        services.campaign_tag_need(user=user_enterprise_a, campaign=campaign, need=need)


def test_refresh_matches_command_stores_counts_above_the_floor(enterprise_a, monkeypatch):
    from django.core.management import call_command

    import search.matching as matching

    need = NeedFactory(enterprise=enterprise_a, industry_chain=node("FLU.02.01"))
    lonely = NeedFactory(enterprise=enterprise_a, industry_chain=node("FLU.02.01"))

    class Hit:
        def __init__(self, score):
            self.score = score

    monkeypatch.setattr(
        matching, "matches_for_need", lambda n, limit=10: [Hit(40.0), Hit(30.0)] if n.pk == need.pk else []
    )
    call_command("challenges_refresh_matches", "--chain", "FLU")
    rows = {row.need_id: (row.match_count, row.best_score) for row in NeedMatchSummary.objects.all()}
    assert rows == {need.pk: (2, 40.0), lonely.pk: (0, 0.0)}
    root = selectors.problem_map("FLU")
    assert root.matched == 1


def _proposal_deal(need, institution_user, enterprise_user):
    """An institution proposes a solution to a public need and the enterprise accepts: a deal about that need."""
    from dealflow import services as dealflow

    proposal = dealflow.proposal_send(user=institution_user, need=need, approach="中试放大", duration="一年")
    return dealflow.approach_accept(user=enterprise_user, approach=proposal)


def test_problems_whose_needs_are_in_deals_count_as_in_deals(
    known_map, user_bureau_staff, user_institution_editor, user_enterprise_a, enterprise_a
):
    """Two problems get deals (one of them two deals, counted once), one is in a challenge, the solved one with a
    deal stays out; a lost deal stops counting; the deal flow's repair command restores lost rows."""
    from django.core.management import call_command

    from challenges.models import NeedDeal
    from dealflow import services as dealflow

    ptfe_need = NeedFactory(enterprise=enterprise_a, industry_chain=node("FLU.02.02"))
    deal_problem = services.problem_create(
        user=user_bureau_staff, node=node("FLU.02.02"), title="PTFE 薄膜", needs=[ptfe_need]
    )
    solved_need = NeedFactory(enterprise=enterprise_a, industry_chain=node("FLU.02.03"))
    known_map["solved"].source_needs.add(solved_need)
    pvdf_needs = list(known_map["open"].source_needs.order_by("pk"))
    for need in [*pvdf_needs, ptfe_need, solved_need]:
        _proposal_deal(need, user_institution_editor, user_enterprise_a)

    def in_deals():
        by_code = {row.code: row.in_challenge for row in selectors.map_rows(selectors.problem_map("FLU"))}
        return by_code["FLU"], by_code["FLU.02.01"], by_code["FLU.02.02"], by_code["FLU.02.03"]

    assert in_deals() == (3, 1, 2, 0)
    assert NeedDeal.objects.filter(active=True).count() == 4

    ptfe_deal = NeedDeal.objects.get(need=ptfe_need).deal_id
    from dealflow.models import Deal

    dealflow.deal_mark_lost(user=user_enterprise_a, deal=Deal.objects.get(pk=ptfe_deal), reason="terms")
    assert in_deals() == (2, 1, 1, 0)
    assert deal_problem.pk  # still a current, unsolved problem: only the "in deals" count moved

    NeedDeal.objects.all().delete()
    assert in_deals() == (1, 0, 1, 0)
    call_command("dealflow_announce_need_deals")
    assert in_deals() == (2, 1, 1, 0)


def test_the_phone_map_lists_every_node_with_its_colour_and_share(known_map):
    from challenges import treemap

    root = selectors.problem_map("FLU")
    rows = treemap.list_rows(root)
    boxes, _height = treemap.layout(root)
    assert [r.code for r in rows] == [r.code for r in selectors.map_rows(root)]
    assert {r.code: r.fill for r in rows} == {b.code: b.fill for b in boxes}
    by_code = {r.code: r for r in rows}
    assert by_code["FLU"].share == 100 and by_code["FLU"].depth == 0
    assert (by_code["FLU.02"].unsolved, by_code["FLU.02"].problems) == (3, 4)  # the duplicate not merged here
    siblings = [r.share for r in rows if r.depth == 1]
    assert len(siblings) > 1 and 95 <= sum(siblings) <= 105
