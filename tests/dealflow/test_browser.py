"""Browser journey (Playwright + Debian Chromium): a need's matches → enquiry on a match row → accept → NDA → confidential tier → price → notice runs
out → contract pre-filled and submitted → registrar registers → the deal shows 登记 and the home page's target moves."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dealflow import services
from dealflow.models import Deal, Enquiry
from registration import services as registration
from registration.models import TechnologyContract
from search import sync
from search.engine import engine_enabled
from taxonomy.models import IndustryChainNode
from tests.factories import NeedFactory
from tests.registration.factories import city_registry

PASSWORD = "pass-1234-word"
SECRET = "保密工艺:2850摄氏度石墨化"


def login(browser, base_url, username, width=1280):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_journey_from_enquiry_to_registered(
    browser, live_server, achievement, user_enterprise_a, user_institution_editor, user_registrar, fake_clock, settings
):
    from django.utils import timezone

    fake_clock.set(timezone.now())
    city_registry(user_registrar)
    services.nda_publish(user=user_institution_editor, text="双方对技术秘密负保密义务。")
    services.disclosure_update(user=user_institution_editor, achievement=achievement, details=SECRET)
    base = live_server.url

    home = login(browser, base, user_enterprise_a.username)
    home.goto(f"{base}/")
    target = home.locator(".figure .number:has(small)")  # registered this year / yearly target
    before = target.inner_text()

    # The enterprise, on a phone, opens its need's matches and enquires on the matching achievement's row.
    need = NeedFactory(
        enterprise=user_enterprise_a.organisation,
        title="电池包用高导热石墨烯散热膜",
        problem="需要高导热石墨烯散热膜,用于动力电池包散热。",
        technical_field=achievement.technical_field,
        industry_chain=IndustryChainNode.objects.get(code="FLU.01"),
    )
    if engine_enabled():
        sync.drain_all()  # what the outbox worker does on the site: the listings reach the index
    buyer = login(browser, base, user_enterprise_a.username, width=390)
    buyer.goto(f"{base}{reverse('search:need_matches', args=[need.pk])}")
    row = buyer.locator("li.match", has=buyer.get_by_role("link", name=achievement.title))
    assert no_sideways_scroll(buyer)
    row.get_by_role("link", name="意向咨询").click()
    buyer.wait_for_load_state()
    buyer.fill("#id_purpose", "用于电池包散热")
    buyer.fill("#id_intended_use", "年产十万套")
    buyer.select_option("#id_timeline", "half_year")
    buyer.select_option("#id_transfer_mode", label="许可")
    assert no_sideways_scroll(buyer)
    buyer.get_by_role("button", name="发送咨询").click()
    buyer.wait_for_load_state()
    assert "意向咨询已发送" in buyer.content()
    assert Enquiry.objects.get().need == need  # sent from the match: the need travels with the enquiry

    # The institution accepts.
    seller = login(browser, base, user_institution_editor.username)
    seller.goto(f"{base}/deals/inbox/")
    seller.get_by_role("link", name=achievement.title).first.click()
    seller.get_by_role("button", name="接受,建立项目").click()
    seller.wait_for_load_state()
    deal = Deal.objects.get()
    assert deal.stage == "intent" and deal.need == need

    # The enterprise signs the NDA and opens the confidential tier.
    buyer.goto(f"{base}/deals/{deal.pk}/")
    assert no_sideways_scroll(buyer)
    buyer.get_by_role("link", name="签署保密协议").click()
    buyer.check("#id_agree")
    buyer.get_by_role("button", name="签署").click()
    buyer.wait_for_load_state()
    buyer.get_by_role("link", name="保密资料").first.click()
    buyer.wait_for_load_state()
    assert SECRET in buyer.content()

    # Terms and price; the state-funded institute's price goes on notice.
    seller.goto(f"{base}/deals/{deal.pk}/")
    seller.select_option("select[name=to_stage]", "terms")
    seller.get_by_role("button", name="变更阶段").click()
    seller.wait_for_load_state()
    seller.fill("#id_price_cny", "880000")
    seller.get_by_role("button", name="约定价格").click()
    seller.wait_for_load_state()
    deal.refresh_from_db()
    assert deal.stage == "notice"
    seller.select_option("select[name=to_stage]", "signing")
    seller.get_by_role("button", name="变更阶段").click()
    seller.wait_for_load_state()
    assert "期满后才能签约" in seller.content()

    # The notice runs out.
    fake_clock.advance(days=16)
    seller.goto(f"{base}/deals/{deal.pk}/")
    seller.select_option("select[name=to_stage]", "signing")
    seller.get_by_role("button", name="变更阶段").click()
    seller.wait_for_load_state()
    deal.refresh_from_db()
    assert deal.stage == "signing"

    # File as technology contract: the draft is pre-filled; the seller completes it and submits.
    seller.get_by_role("button", name="填报技术合同登记").click()
    seller.wait_for_load_state()
    contract = TechnologyContract.objects.get()
    assert (contract.contract_type, contract.total_amount_cny) == ("licence", 880000)
    today = timezone.localdate()
    registration.contract_update_draft(
        user=user_institution_editor,
        contract=contract,
        data={
            "contract_number": "DF-BROWSER-1",
            "signed_on": today - timedelta(days=1),
            "effective_on": today - timedelta(days=1),
            "term_start": today - timedelta(days=1),
            "term_end": today + timedelta(days=365),
            "payment_method": "lump_sum",
            "licence_scope": "ordinary",
        },
    )
    for kind in ("signed_contract", "ip_proof"):
        registration.contract_attach(
            user=user_institution_editor,
            contract=contract,
            kind=kind,
            uploaded_file=SimpleUploadedFile(f"{kind}.pdf", b"%PDF-1.4\n%%EOF\n"),
        )
    seller.goto(f"{base}/registration/contracts/{contract.pk}/")
    seller.get_by_role("button", name="提交登记").click()
    seller.wait_for_load_state()
    contract.refresh_from_db()
    assert contract.status == "submitted"

    # The registrar registers.
    registrar = login(browser, base, user_registrar.username)
    registrar.goto(f"{base}/registration/contracts/{contract.pk}/review/")
    registrar.wait_for_selector("#register-button")
    registrar.fill("#id_explanation", "符合技术许可认定条件。")
    registrar.click("#register-button")
    registrar.wait_for_load_state()

    buyer.goto(f"{base}/deals/{deal.pk}/")
    assert buyer.locator(".stage").inner_text() == "登记"
    home.goto(f"{base}/")
    after = target.inner_text()
    assert int(after.split("/")[0]) == int(before.split("/")[0]) + 1
