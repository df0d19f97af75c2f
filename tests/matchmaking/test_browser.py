"""Browser journey (Playwright + Debian Chromium) at phone width: staff publish a fair in the CMS → an enterprise
and an institution sign up → staff approve and the matcher proposes a meeting → both accept → the schedule shows
it to each → after the fair both record "follow-up" → an enquiry opens tagged with the fair.

The live server runs in this process, so ``clock.at`` moves its clock to the fair's afternoon too."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from common import clock
from dealflow.models import Enquiry
from matchmaking.models import EventEnquiry, EventIndexPage, EventPage, Meeting, Signup
from tests.factories import UserFactory

from .factories import achievement_of, enterprise_user, institution_user, need_of

PASSWORD = "pass-1234-word"


def login(browser, base_url, username, *, locale="zh-CN"):
    context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def submit(page, button_text: str) -> None:
    page.get_by_role("button", name=button_text, exact=True).first.click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fair_journey_from_publication_to_tagged_enquiry(browser, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    staff_user = UserFactory(username="fair_staff", role=User.Role.BUREAU_STAFF, is_staff=True)
    company = enterprise_user("旅程锂电有限公司")
    lab = institution_user("旅程新能源材料研究所")
    need = need_of(
        company,
        title="高镍三元正极材料循环寿命提升",
        problem="高镍三元正极材料锂电池循环寿命不足,需要正极材料包覆改性技术提高循环寿命。",
    )
    achievement = achievement_of(
        lab,
        title="高镍三元正极材料包覆改性技术",
        summary="通过纳米氧化物包覆改性高镍三元正极材料,锂电池循环寿命提高 40%。",
        keywords=["正极材料", "锂电池", "循环寿命", "包覆改性"],
    )
    base = live_server.url
    starts = (timezone.localtime() + timedelta(days=10)).replace(hour=9, minute=0, second=0, microsecond=0)

    # Staff publish the fair in the CMS.
    staff = login(browser, base, staff_user.username)
    index = EventIndexPage.objects.get()
    staff.goto(f"{base}/admin/pages/add/matchmaking/eventpage/{index.pk}/")
    staff.fill("#id_title", "旅程中科院成果对接会")
    staff.fill("#id_title_en", "Journey CAS matchmaking fair")
    staff.fill("#id_starts_at", starts.strftime("%Y-%m-%d %H:%M"))
    staff.fill("#id_ends_at", (starts + timedelta(hours=6)).strftime("%Y-%m-%d %H:%M"))
    staff.fill("#id_place", "市科技会展中心")
    staff.fill("#id_signup_deadline", (starts - timedelta(days=3)).strftime("%Y-%m-%d %H:%M"))
    staff.fill("#id_meeting_tables", "4")
    staff.fill("#id_meeting_slots", "6")
    staff.fill("#id_first_slot_at", (starts + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"))
    # Publish sits in the save button's drop-down; press it directly.
    with staff.expect_navigation():
        staff.evaluate("document.querySelector('button[name=action-publish]').click()")
    event = EventPage.objects.get(title="旅程中科院成果对接会")
    assert event.live

    # The enterprise and the institution sign up from the public page.
    visitors = {}
    for user, box in ((company, f"input[name=needs][value='{need.pk}']"), (lab, "input[name=achievements]")):
        page = login(browser, base, user.username)
        page.goto(f"{base}{event.url}")
        assert no_sideways_scroll(page)
        page.get_by_role("link", name="报名参加").click()
        page.wait_for_load_state()
        page.check(box)
        page.fill("#id_attendees", "张经理")
        submit(page, "提交报名")
        visitors[user.pk] = page
    assert Signup.objects.filter(event=event, status=Signup.Status.PENDING).count() == 2

    # Staff approve both and let the matcher propose meetings.
    staff.goto(f"{base}/matchmaking/{event.pk}/manage/")
    for _ in range(2):
        submit(staff, "批准")
    submit(staff, "推荐洽谈")
    meeting = Meeting.objects.get(event=event)
    assert meeting.achievement_id == achievement.pk and meeting.score > 0

    # Both accept; staff build the schedule; each side sees the meeting on its schedule.
    for user in (company, lab):
        page = visitors[user.pk]
        page.goto(f"{base}/matchmaking/{event.pk}/meetings/")
        submit(page, "接受")
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.ACCEPTED
    staff.goto(f"{base}/matchmaking/{event.pk}/manage/")
    submit(staff, "生成日程")
    for user, other in ((company, lab), (lab, company)):
        page = visitors[user.pk]
        page.goto(f"{base}/matchmaking/{event.pk}/meetings/")
        assert other.organisation.name in page.locator("#schedule .schedule-row").first.inner_text()
        assert no_sideways_scroll(page)

    # The same page in English.
    english = login(browser, base, company.username, locale="en-GB")
    english.goto(f"{base}/matchmaking/{event.pk}/meetings/")
    english.get_by_role("button", name="English").click()
    english.wait_for_load_state()
    assert "My schedule" in english.content()
    assert no_sideways_scroll(english)

    # After the fair both record "follow-up"; the enquiry opens, tagged with the fair.
    with clock.at(event.starts_at + timedelta(hours=4)):
        for user in (lab, company):
            page = visitors[user.pk]
            page.goto(f"{base}/matchmaking/{event.pk}/meetings/")
            submit(page, "继续跟进")
    tag = EventEnquiry.objects.get(event=event)
    enquiry = Enquiry.objects.get(pk=tag.enquiry_id)
    assert enquiry.need_id == need.pk and enquiry.achievement_id == achievement.pk
    visitors[company.pk].goto(f"{base}/matchmaking/{event.pk}/meetings/")
    assert "已在转化洽谈中跟进" in visitors[company.pk].content()
