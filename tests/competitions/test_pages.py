"""The competition pages: entering, the judge's scoring page without conflicted entries, staff round management,
public results only after publication, the bureau's winners page."""

import pytest
from django.urls import reverse

from competitions import services
from competitions.models import Entry, Round, Score

from .factories import after_deadline, enterprise_member, entry_data, make_entry, make_expert, published_competition

pytestmark = pytest.mark.django_db


def test_an_enterprise_enters_and_edits_its_entry_on_the_site(client, competition, user_enterprise_a):
    client.force_login(user_enterprise_a)
    page = client.get(reverse("competitions:entry_create", args=[competition.pk]))
    assert page.status_code == 200
    data = entry_data()
    response = client.post(reverse("competitions:entry_create", args=[competition.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = Entry.objects.get()
    assert entry.organisation == user_enterprise_a.organisation
    mine = client.get(reverse("competitions:my_entries")).content.decode()
    assert entry.title in mine and reverse("competitions:entry_edit", args=[entry.pk]) in mine
    response = client.post(reverse("competitions:entry_edit", args=[entry.pk]), {**data, "title": ""})
    assert response.status_code == 200 and "title" in response.context["form"].errors
    client.post(reverse("competitions:entry_edit", args=[entry.pk]), {**data, "title": "新题目"})
    entry.refresh_from_db()
    assert entry.title == "新题目"


def test_someone_elses_entry_is_not_found(client, competition, user_enterprise_a, user_enterprise_b):
    entry = make_entry(user_enterprise_a, competition)
    client.force_login(user_enterprise_b)
    assert client.get(reverse("competitions:entry_edit", args=[entry.pk])).status_code == 404
    assert client.post(reverse("competitions:entry_withdraw", args=[entry.pk])).status_code == 404
    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED


def test_judges_scoring_page_lists_only_unconflicted_assigned_entries(client, competition, user_bureau_staff):
    tied_company = enterprise_member("关联公司")
    tied = make_entry(tied_company, competition, title="关联方项目")
    free = make_entry(enterprise_member("无关公司"), competition, title="可评项目")
    judge = make_expert("judge", conflicts=[tied_company.organisation])
    preliminary = competition.rounds.get(kind=Round.Kind.PRELIMINARY)
    with after_deadline(competition):
        services.round_start(user=user_bureau_staff, round=preliminary)
    client.force_login(user_bureau_staff)
    client.post(reverse("competitions:round_action", args=[preliminary.pk, "assign"]), {"judge": judge.pk})
    client.force_login(judge)
    url = reverse("competitions:score", args=[preliminary.pk])
    page = client.get(url).content.decode()
    assert "可评项目" in page and "关联方项目" not in page
    first, second = competition.criteria.all()
    response = client.post(url, {"entry": free.pk, f"e{free.pk}-c{first.pk}": "8", f"e{free.pk}-c{second.pk}": "50"})
    assert response.status_code == 302
    assert Score.objects.get().weighted_score == 71  # 0.7 × 80 + 0.3 × 50
    assert client.post(url, {"entry": tied.pk, f"e{tied.pk}-c{first.pk}": "9"}).status_code == 404
    assert Score.objects.count() == 1


@pytest.mark.parametrize("who", ["anonymous", "enterprise", "judge"])
def test_staff_pages_are_staff_only(client, competition, user_enterprise_a, who):
    user = {"anonymous": None, "enterprise": user_enterprise_a, "judge": make_expert("j")}[who]
    if user:
        client.force_login(user)
    for url in (reverse("competitions:manage", args=[competition.pk]), reverse("competitions:winners")):
        response = client.get(url)
        assert response.status_code == (302 if user is None else 403)


def test_results_appear_on_the_public_page_only_when_published(client, user_bureau_staff):
    competition, entries = published_competition(user_bureau_staff)
    page = client.get(reverse("competitions:detail", args=[competition.pk])).content.decode()
    assert "一等奖" in page and "伽马" in page
    competition.results_published_at = None
    competition.save()
    page = client.get(reverse("competitions:detail", args=[competition.pk])).content.decode()
    assert f'data-entry="{entries["team"].pk}"' not in page


def test_staff_manage_and_winners_pages(client, user_bureau_staff):
    competition, entries = published_competition(user_bureau_staff)
    client.force_login(user_bureau_staff)
    manage = client.get(reverse("competitions:manage", args=[competition.pk]))
    assert manage.status_code == 200 and "阿尔法" in manage.content.decode()
    winners = client.get(reverse("competitions:winners")).content.decode()
    assert winners.count("data-result=") == 3
    result = entries["team"].result
    response = client.post(
        reverse("competitions:follow_up", args=[result.pk]),
        {"company_name": "伽马科技有限公司", "credit_code": "", "region_code": "350402", "notes": ""},
    )
    assert response.status_code == 302
    assert result.follow_up.company_name == "伽马科技有限公司"


def test_staff_set_a_competition_event_up(client, user_bureau_staff, user_enterprise_a):
    from competitions.models import Competition

    from .factories import make_event

    event = make_event("第四届石墨烯大赛")
    url = reverse("competitions:create")
    client.force_login(user_enterprise_a)
    assert client.get(url).status_code == 403
    client.force_login(user_bureau_staff)
    data = {"event": event.pk, "criteria": "技术创新性|60|10\n市场前景|40", "awards": ""}
    response = client.post(url, data)
    assert response.status_code == 200 and "criteria" in response.context["form"].errors
    data["criteria"] = "技术创新性|60|10\n市场前景|40|100"
    data["awards"] = "一等奖|1|1|300000\n二等奖|2|3|100000"
    response = client.post(url, data)
    assert response.status_code == 302
    competition = Competition.objects.get(event=event)
    assert [(c.name, c.weight, c.max_score) for c in competition.criteria.all()] == [
        ("技术创新性", 60, 10),
        ("市场前景", 40, 100),
    ]
    assert competition.awards.count() == 2 and competition.rounds.count() == 2
    assert competition.entry_deadline == event.signup_deadline


def test_the_event_page_panel_shows_results_once_published(rf, user_bureau_staff):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    from competitions import receivers

    competition, _entries = published_competition(user_bureau_staff)
    context = receivers.on_event_page_shown(sender=None, event=competition.event, user=AnonymousUser())
    html = render_to_string(context["competition_template"], context)
    assert "一等奖" in html and "伽马" in html
    competition.results_published_at = None
    competition.save()
    context = receivers.on_event_page_shown(sender=None, event=competition.event, user=AnonymousUser())
    assert context["results"] == [] and "伽马" not in render_to_string(context["competition_template"], context)
    from .factories import make_event

    assert receivers.on_event_page_shown(sender=None, event=make_event("无大赛的活动"), user=AnonymousUser()) == {}


def test_the_event_page_itself_shows_the_published_results(client, user_bureau_staff):
    """matchmaking announces ``event_page_shown``; competitions answers with its panel, so the ranking appears on
    the public event page, not only on the competition's own page."""
    competition, _entries = published_competition(user_bureau_staff)
    html = client.get(competition.event.url).content.decode()
    assert 'id="competition-panel"' in html and "一等奖" in html and "伽马" in html
    competition.results_published_at = None
    competition.save()
    assert "伽马" not in client.get(competition.event.url).content.decode()
