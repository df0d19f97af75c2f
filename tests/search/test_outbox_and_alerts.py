"""Outbox rows on publish/unpublish/delete (never on drafts), need_changed, and saved-need alerts in basic mode."""

import pytest
from django.core import mail

from marketplace.models import TechnologyNeed
from search import sync
from search.models import MatchNotification, SearchOutbox
from taxonomy.models import IndustryChainNode, TechnicalField
from tests.factories import NeedFactory, UserFactory, make_achievement

pytestmark = pytest.mark.django_db


def rows(kind="achievement"):
    return list(SearchOutbox.objects.filter(kind=kind).order_by("pk"))


def test_publish_unpublish_delete_write_outbox_rows_and_drafts_do_not(
    institution_page, django_capture_on_commit_callbacks
):
    draft = make_achievement(institution_page, title="草稿成果", publish=False)
    assert rows() == []
    draft.title = "草稿成果(改)"
    draft.save_revision()
    assert rows() == []
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert [r.object_id for r in rows()] == [draft.pk]
    assert rows()[0].alert is True
    assert rows()[0].processed_at is None  # the request only commits the row; the worker writes the index
    assert sync.drain_all() == 1
    assert rows()[0].processed_at is not None  # basic mode: nothing to write
    draft.unpublish()
    page_id = draft.pk
    draft.delete()
    assert [r.object_id for r in rows()] == [page_id, page_id, page_id]
    assert [r.alert for r in rows()] == [True, False, False]


def test_need_changed_writes_a_row_in_the_callers_transaction(enterprise_a):
    need = NeedFactory(enterprise=enterprise_a)
    before = len(rows("need"))
    sync.need_changed(need)
    assert len(rows("need")) == before + 1
    assert rows("need")[-1].object_id == need.pk


@pytest.fixture
def open_need(user_enterprise_a):
    return NeedFactory(
        enterprise=user_enterprise_a.organisation,
        title="手机散热用高导热材料",
        problem="需要导热系数1000W/(m·K)以上的石墨烯散热膜,用于5G手机。",
        keywords="石墨烯,导热膜,散热",
        technical_field=TechnicalField.objects.get(code="materials"),
        industry_chain=IndustryChainNode.objects.get(code="GRA.02"),
        status=TechnologyNeed.Status.PUBLISHED,
    )


def test_publishing_a_fitting_achievement_alerts_the_enterprise_once(institution_page, open_need, user_enterprise_a):
    UserFactory(username="colleague", role=user_enterprise_a.role, organisation=user_enterprise_a.organisation)
    unrelated = NeedFactory(title="航天器生命保障", problem="太空飞行中的氧气再生。", keywords="航天")
    page = make_achievement(
        institution_page,
        title="高导热石墨烯散热膜",
        summary="石墨烯导热膜导热系数1500W/(m·K),用于5G手机散热。",
        keywords=["石墨烯", "导热膜"],
        industry_chains=["GRA.02.01"],
        publish=False,
    )
    page.save_revision().publish()
    sync.drain_all()  # the outbox worker
    notes = list(MatchNotification.objects.all())
    assert [n.need_id for n in notes] == [open_need.pk]
    assert unrelated.pk not in [n.need_id for n in notes]
    assert notes[0].reasons and notes[0].emailed_at is not None
    assert len(mail.outbox) == 1  # one e-mail per enterprise, to all its members
    assert sorted(mail.outbox[0].to) == ["colleague@example.cn", "ent_a@example.cn"]
    # Republishing must not alert again.
    page.save_revision().publish()
    sync.drain_all()  # the outbox worker
    assert MatchNotification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_notifications_page(client, institution_page, open_need, user_enterprise_a, user_enterprise_b):
    page = make_achievement(
        institution_page,
        title="石墨烯导热膜",
        summary="石墨烯导热膜用于手机散热。",
        keywords=["石墨烯", "导热膜"],
        publish=False,
    )
    page.save_revision().publish()
    sync.drain_all()  # the outbox worker
    assert client.get("/search/notifications/").status_code == 302
    client.force_login(user_enterprise_a)
    body = client.get("/search/notifications/").content.decode()
    assert "石墨烯导热膜" in body and "手机散热用高导热材料" in body
    client.force_login(user_enterprise_b)
    assert "石墨烯导热膜" not in client.get("/search/notifications/").content.decode()


def test_notifications_page_refuses_non_enterprise_users(client, user_institution_editor):
    client.force_login(user_institution_editor)
    assert client.get("/search/notifications/").status_code == 403
