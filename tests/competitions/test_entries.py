"""Entries: who may enter, the deadline, editing and withdrawing one's own entry only."""

from datetime import timedelta

import pytest

from accounts.models import User
from common import clock
from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from competitions import services
from competitions.models import Entry
from tests.factories import UserFactory, make_achievement

from .factories import after_deadline, enterprise_member, entry_data, make_entry, make_expert, team_contact

pytestmark = pytest.mark.django_db


def test_a_company_enters_as_its_organisation_and_a_public_user_as_a_team(competition, user_enterprise_a):
    company = make_entry(user_enterprise_a, competition)
    team = make_entry(team_contact("founder"), competition, title="柔性石墨烯传感器")
    assert company.organisation == user_enterprise_a.organisation
    assert company.entrant_name == "甲企业有限公司"
    assert team.organisation is None and team.entrant_name == "founder团队"
    assert team.member_names() == ["张三 负责人", "李四 工艺"]


def test_a_team_needs_a_name_and_members(competition):
    contact = team_contact("founder")
    with pytest.raises(DomainError) as error:
        services.entry_create(user=contact, competition=competition, data=entry_data(team_name=""))
    assert "team_name" in error.value.field_errors
    with pytest.raises(DomainError) as error:
        services.entry_create(
            user=contact, competition=competition, data=entry_data(team_name="队", team_members=" \n")
        )
    assert "team_members" in error.value.field_errors
    assert not Entry.objects.exists()


@pytest.mark.parametrize("role", [User.Role.EXPERT, User.Role.REGISTRAR, User.Role.BUREAU_STAFF])
def test_judges_registrars_and_staff_cannot_enter(competition, role):
    with pytest.raises(NotAllowed):
        services.entry_create(user=UserFactory(role=role), competition=competition, data=entry_data())


def test_no_entry_at_or_after_the_deadline(competition, user_enterprise_a):
    with clock.at(competition.entry_deadline), pytest.raises(Conflict) as error:
        make_entry(user_enterprise_a, competition)
    assert error.value.code == "deadline_passed"
    with clock.at(competition.entry_deadline - timedelta(seconds=1)):
        make_entry(user_enterprise_a, competition)
    assert Entry.objects.count() == 1


def test_one_active_entry_per_organisation_re_entry_after_withdrawal(competition, user_enterprise_a):
    colleague = UserFactory(role=User.Role.ENTERPRISE_MEMBER, organisation=user_enterprise_a.organisation)
    first = make_entry(user_enterprise_a, competition)
    with pytest.raises(Conflict):
        make_entry(colleague, competition)
    services.entry_withdraw(user=colleague, entry=first)
    second = make_entry(colleague, competition, title="第二个项目")
    assert Entry.objects.filter(competition=competition).count() == 2
    assert list(Entry.objects.active()) == [second]


def test_edit_own_entry_until_the_deadline(competition, user_enterprise_a, user_enterprise_b):
    entry = make_entry(user_enterprise_a, competition)
    services.entry_update(user=user_enterprise_a, entry=entry, data={"title": "改进后的项目", "stage": "revenue"})
    entry.refresh_from_db()
    assert (entry.title, entry.stage) == ("改进后的项目", "revenue")
    for stranger in (user_enterprise_b, team_contact("someone"), make_expert("judge")):
        with pytest.raises(NotFoundError):
            services.entry_update(user=stranger, entry=entry, data={"title": "篡改"})
        with pytest.raises(NotFoundError):
            services.entry_withdraw(user=stranger, entry=entry)
    with after_deadline(competition):
        with pytest.raises(Conflict):
            services.entry_update(user=user_enterprise_a, entry=entry, data={"title": "迟到的修改"})
        with pytest.raises(Conflict):
            services.entry_withdraw(user=user_enterprise_a, entry=entry)
    entry.refresh_from_db()
    assert entry.title == "改进后的项目" and entry.status == Entry.Status.SUBMITTED


def test_unknown_fields_and_bad_stage_save_nothing(competition, user_enterprise_a):
    entry = make_entry(user_enterprise_a, competition)
    with pytest.raises(DomainError):
        services.entry_update(user=user_enterprise_a, entry=entry, data={"is_finalist": True})
    with pytest.raises(DomainError) as error:
        services.entry_update(user=user_enterprise_a, entry=entry, data={"stage": "unicorn", "title": "新"})
    assert "stage" in error.value.field_errors
    entry.refresh_from_db()
    assert entry.title == "石墨烯导热膜量产工艺" and not entry.is_finalist


def test_entries_build_only_on_published_achievements(competition, user_institution_editor, institution_page):
    published = make_achievement(institution_page)
    other = make_achievement(institution_page)
    draft = make_achievement(institution_page, publish=False)
    with pytest.raises(DomainError) as error:
        services.entry_create(
            user=user_institution_editor, competition=competition, data=entry_data(), achievements=[published, draft]
        )
    assert "achievements" in error.value.field_errors
    assert not Entry.objects.exists()
    entry = services.entry_create(
        user=user_institution_editor, competition=competition, data=entry_data(), achievements=[published, other]
    )
    assert set(entry.achievements.all()) == {published, other}


def test_everyone_sees_only_their_own_entries(competition, user_enterprise_a, user_enterprise_b):
    second = make_competition_for(competition)
    mine = [make_entry(user_enterprise_a, competition), make_entry(user_enterprise_a, second)]
    make_entry(user_enterprise_b, competition)
    make_entry(team_contact("team"), competition)
    assert set(Entry.objects.owned_by(user_enterprise_a)) == set(mine)
    colleague = enterprise_member("丙公司")
    assert not Entry.objects.owned_by(colleague).exists()


def make_competition_for(competition):
    from .factories import make_competition

    return make_competition(competition.created_by, title="另一届大赛")
