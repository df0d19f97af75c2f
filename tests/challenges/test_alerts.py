"""Institutions hear about a published challenge that fits their listed work (the search app's matcher and floor)."""

import pytest
from django.core import mail
from django.urls import reverse

from challenges import alerts
from challenges.models import ChallengeAlert
from tests.factories import make_achievement, make_institution_page

from .factories import institution_editor, make_challenge

pytestmark = pytest.mark.django_db


def test_fitting_institution_gets_one_alert_and_others_none(
    settings, user_bureau_staff, client, django_capture_on_commit_callbacks
):
    settings.SEARCH_URL = ""  # basic mode: alerts right after the commit (with the engine, after indexing)
    fitting = institution_editor("氟化学研究院甲")
    fitting.email = "fit@example.cn"
    fitting.save()
    other = institution_editor("农业科学院乙")
    make_achievement(
        make_institution_page(fitting.organisation),
        title="电子级氢氟酸提纯技术",
        summary="多级精馏与膜过滤提纯电子级氢氟酸,金属杂质降至 ppt 级,满足晶圆清洗要求。",
    )
    make_achievement(
        make_institution_page(other.organisation),
        title="水稻抗病育种技术",
        summary="分子标记辅助选育抗稻瘟病水稻新品种。",
    )
    with django_capture_on_commit_callbacks(execute=True):
        challenge = make_challenge(user_bureau_staff)
    rows = list(ChallengeAlert.objects.values_list("organisation_id", flat=True))
    assert rows == [fitting.organisation_id]
    assert [m.to for m in mail.outbox] == [["fit@example.cn"]]
    assert alerts.challenge_alerts_send(challenge.pk) == 0  # once per institution
    client.force_login(fitting)
    assert challenge.title in client.get(reverse("challenges:alerts")).content.decode()
    client.force_login(other)
    assert challenge.title not in client.get(reverse("challenges:alerts")).content.decode()
