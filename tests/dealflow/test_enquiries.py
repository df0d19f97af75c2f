"""Enquiries and proposals: who may send them, what they carry, accept and decline with a reason."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Organisation
from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from dealflow import services
from dealflow.models import Approach, Conversation, Deal, DealTransition, Enquiry, Message, Notification
from tests.factories import NeedFactory, make_achievement

from .conftest import send_enquiry

pytestmark = pytest.mark.django_db


def test_enquiry_opens_a_conversation_and_notifies_the_institution(
    user_enterprise_a, user_institution_editor, achievement, django_capture_on_commit_callbacks
):
    need = NeedFactory(enterprise=user_enterprise_a.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        enquiry = send_enquiry(user_enterprise_a, achievement, need=need)
    assert enquiry.status == Approach.Status.SENT and enquiry.need == need
    assert enquiry.recipient_organisation == achievement.institution_organisation
    assert enquiry.chain_code == "FLU" and enquiry.technical_field == achievement.technical_field
    conversation = enquiry.conversation
    assert conversation.buyer_organisation == user_enterprise_a.organisation
    assert Notification.objects.filter(organisation=achievement.institution_organisation).count() == 1
    assert [m.to for m in mail.outbox] == [[user_institution_editor.email]]


def test_enquiry_refused_for_pending_enterprise_institution_and_someone_elses_need(
    user_enterprise_a, user_enterprise_b, user_institution_editor, achievement
):
    with pytest.raises(NotAllowed):
        send_enquiry(user_institution_editor, achievement)
    with pytest.raises(NotAllowed):
        send_enquiry(user_enterprise_a, achievement, need=NeedFactory(enterprise=user_enterprise_b.organisation))
    Organisation.objects.filter(pk=user_enterprise_b.organisation_id).update(status=Organisation.Status.PENDING)
    user_enterprise_b.organisation.refresh_from_db()
    with pytest.raises(NotAllowed):
        send_enquiry(user_enterprise_b, achievement)
    assert Enquiry.objects.count() == 0 and Conversation.objects.count() == 0


def test_enquiry_on_a_draft_achievement_is_not_found(user_enterprise_a, institution_page):
    draft = make_achievement(institution_page, publish=False)
    with pytest.raises(NotFoundError):
        send_enquiry(user_enterprise_a, draft)


def test_bad_budget_saves_nothing(user_enterprise_a, achievement):
    with pytest.raises(DomainError) as caught:
        send_enquiry(user_enterprise_a, achievement, budget_min_cny=Decimal("9"), budget_max_cny=Decimal("1"))
    assert "budget_max_cny" in caught.value.field_errors
    with pytest.raises(DomainError) as caught:
        send_enquiry(user_enterprise_a, achievement, purpose="  ")
    assert "purpose" in caught.value.field_errors
    assert Enquiry.objects.count() == 0


def test_a_second_open_enquiry_on_the_same_achievement_is_refused(user_enterprise_a, enquiry, achievement):
    with pytest.raises(Conflict):
        send_enquiry(user_enterprise_a, achievement)


def test_accept_makes_a_deal_at_intent_with_an_audit_row(deal, enquiry, user_institution_editor, achievement):
    assert deal.stage == Deal.Stage.INTENT and deal.status == Deal.Status.OPEN
    assert list(deal.achievements.all()) == [achievement]
    assert deal.transfer_mode.code == "licence"
    row = DealTransition.objects.get(deal=deal)
    assert (row.actor, row.from_stage, row.to_stage) == (user_institution_editor, "", "intent")
    enquiry.refresh_from_db()
    assert enquiry.status == Approach.Status.ACCEPTED and enquiry.answered_at is not None


def test_only_the_recipient_answers_and_only_once(
    enquiry, user_enterprise_a, user_enterprise_b, user_institution_editor
):
    for user in (user_enterprise_a, user_enterprise_b):
        with pytest.raises(NotAllowed):
            services.approach_accept(user=user, approach=enquiry)
    services.approach_decline(user=user_institution_editor, approach=enquiry, reason="no_capacity", note="今年排满")
    with pytest.raises(Conflict):
        services.approach_accept(user=user_institution_editor, approach=enquiry)
    assert Deal.objects.count() == 0


def test_decline_needs_a_listed_reason_and_text_for_other(enquiry, user_institution_editor):
    with pytest.raises(DomainError):
        services.approach_decline(user=user_institution_editor, approach=enquiry, reason="bored")
    with pytest.raises(DomainError):
        services.approach_decline(user=user_institution_editor, approach=enquiry, reason="other", note="")
    enquiry.refresh_from_db()
    assert enquiry.status == Approach.Status.SENT
    services.approach_decline(user=user_institution_editor, approach=enquiry, reason="price", note="低于成本")
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.decline_reason, enquiry.decline_note) == ("declined", "price", "低于成本")


def test_proposal_names_only_own_live_achievements(user_institution_editor, user_enterprise_a, achievement):
    need = NeedFactory(enterprise=user_enterprise_a.organisation)
    foreign = make_achievement()
    with pytest.raises(NotAllowed):
        services.proposal_send(
            user=user_institution_editor, need=need, approach="方案", duration="6个月", achievements=[foreign]
        )
    with pytest.raises(NotAllowed):
        services.proposal_send(user=user_enterprise_a, need=need, approach="方案", duration="6个月")
    proposal = services.proposal_send(
        user=user_institution_editor,
        need=need,
        approach="联合开发新型散热膜",
        duration="6个月",
        achievements=[achievement],
        cost_min_cny="100000",
        cost_max_cny="200000",
    )
    assert proposal.recipient_organisation == user_enterprise_a.organisation
    deal = services.approach_accept(user=user_enterprise_a, approach=proposal)
    assert deal.seller_organisation == user_institution_editor.organisation
    assert deal.buyer_organisation == user_enterprise_a.organisation and list(deal.achievements.all()) == [achievement]


def test_proposal_to_a_bureau_only_need_is_not_found(user_institution_editor, user_enterprise_a):
    need = NeedFactory(enterprise=user_enterprise_a.organisation, visibility="bureau_only")
    with pytest.raises(NotFoundError):
        services.proposal_send(user=user_institution_editor, need=need, approach="方案", duration="6个月")


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_messages_with_checked_attachments(enquiry, user_enterprise_a, user_institution_editor):
    conversation = enquiry.conversation
    message = services.message_send(
        user=user_enterprise_a,
        conversation=conversation,
        body="请提供样品测试报告。",
        files=[
            SimpleUploadedFile("spec.pdf", b"%PDF-1.4\n%%EOF\n"),
            SimpleUploadedFile("photo.png", png_bytes()),
        ],
    )
    assert sorted(a.kind for a in message.attachments.all()) == ["image", "pdf"]
    with pytest.raises(DomainError):
        services.message_send(
            user=user_institution_editor,
            conversation=conversation,
            body="附件",
            files=[SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf")],
        )
    with pytest.raises(DomainError):
        services.message_send(
            user=user_institution_editor,
            conversation=conversation,
            body="附件",
            files=[SimpleUploadedFile("macro.docx", b"PK\x03\x04 office file")],
        )
    assert Message.objects.count() == 1


def test_strangers_and_uninvited_staff_cannot_post(
    enquiry, user_enterprise_b, user_bureau_staff, user_institution_editor
):
    conversation = enquiry.conversation
    for user in (user_enterprise_b, user_bureau_staff):
        with pytest.raises(NotAllowed):
            services.message_send(user=user, conversation=conversation, body="你好")
    services.conversation_invite_broker(
        user=user_institution_editor, conversation=conversation, broker=user_bureau_staff
    )
    services.message_send(user=user_bureau_staff, conversation=conversation, body="我是技术经纪人。")
    assert conversation.messages.get().author_organisation is None
