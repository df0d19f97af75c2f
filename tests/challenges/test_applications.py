"""Applications (揭榜申报): drafts, submission before the deadline only, withdrawal, one per institution, owner only."""

from datetime import timedelta
from decimal import Decimal

import pytest

from accounts.models import Organisation
from challenges import services
from challenges.models import Application
from common import clock
from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from taxonomy.models import Region
from tests.factories import make_achievement, make_institution_page

from .factories import application_data, institution_editor, make_challenge, milestones_for, submitted_application

pytestmark = pytest.mark.django_db


def test_draft_submit_withdraw_resubmit(challenge, applicant_a):
    application = services.application_create(
        user=applicant_a, challenge=challenge, data=application_data(), milestones=milestones_for(challenge)
    )
    assert application.status == Application.Status.DRAFT
    services.application_submit(user=applicant_a, application=application)
    services.application_withdraw(user=applicant_a, application=application)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    services.application_submit(user=applicant_a, application=application)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_one_application_per_institution(challenge, applicant_a):
    submitted_application(applicant_a, challenge)
    with pytest.raises(Conflict):
        services.application_create(user=applicant_a, challenge=challenge, data=application_data())
    assert Application.objects.count() == 1


def test_after_the_deadline_nothing_changes(challenge, applicant_a):
    application = services.application_create(
        user=applicant_a, challenge=challenge, data=application_data(), milestones=milestones_for(challenge)
    )
    with clock.at(challenge.closes_at + timedelta(seconds=1)):
        for action in (services.application_submit, services.application_withdraw):
            with pytest.raises(Conflict):
                action(user=applicant_a, application=application)
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_incomplete_application_is_refused_with_field_messages(challenge, applicant_a):
    application = services.application_create(
        user=applicant_a,
        challenge=challenge,
        data=application_data(declares_originality=False, technical_route=""),
        milestones=milestones_for(challenge, parts=(Decimal("1.00"),)),
    )
    with pytest.raises(DomainError) as error:
        services.application_submit(user=applicant_a, application=application)
    assert {"technical_route", "declarations", "milestones"} <= set(error.value.field_errors)
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_only_institution_editors_apply_and_only_their_own(
    challenge, applicant_a, user_enterprise_a, user_institution_editor
):
    with pytest.raises(NotAllowed):
        services.application_create(user=user_enterprise_a, challenge=challenge, data=application_data())
    application = submitted_application(applicant_a, challenge)
    with pytest.raises(NotFoundError):
        services.application_withdraw(user=user_institution_editor, application=application)


def test_eligibility_scope_and_kinds(user_bureau_staff):
    in_province = institution_editor("省内研究院")
    out_province = institution_editor(
        "外省大学", region=Region.objects.get(code="110000"), kind=Organisation.Kind.UNIVERSITY
    )
    only_in = make_challenge(user_bureau_staff, scope="in_province")
    with pytest.raises(NotAllowed):
        services.application_create(user=out_province, challenge=only_in, data=application_data())
    services.application_create(user=in_province, challenge=only_in, data=application_data())
    only_universities = make_challenge(user_bureau_staff, title="限高校", institution_kinds=["university"])
    with pytest.raises(NotAllowed):
        services.application_create(user=in_province, challenge=only_universities, data=application_data())
    services.application_create(user=out_province, challenge=only_universities, data=application_data())


def test_track_record_must_be_the_applicants_own(challenge, applicant_a, applicant_b):
    own = make_achievement(make_institution_page(applicant_a.organisation))
    other = make_achievement(make_institution_page(applicant_b.organisation))
    application = services.application_create(
        user=applicant_a, challenge=challenge, data=application_data(), track_record=[own]
    )
    assert list(application.track_record.all()) == [own]
    with pytest.raises(DomainError):
        services.application_update(user=applicant_a, application=application, track_record=[own, other])
    assert list(application.track_record.all()) == [own]
