"""Public pages as a visitor sees them: home, achievement, institution pages and the dashboard per role."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.models import AchievementIndicator, AchievementIPRecord, AchievementPage
from taxonomy.models import IPType, TransferMode
from tests.factories import NeedFactory, make_achievement
from tests.module_data import fresh, institution_with_page, module_transaction

pytestmark = pytest.mark.django_db


def public_url(page) -> str:
    return page.url_path.replace("/home", "", 1)


def _build_achievement(institution_page):
    page = make_achievement(
        institution_page,
        title="高导热石墨烯散热膜",
        summary="导热系数 1500 W/(m·K) 的石墨烯散热膜。",
        trl=7,
        price_cny=Decimal("1234567.8"),
        keywords=["石墨烯", "散热"],
        industry_chains=["GRA"],
        contact_name="陈博士",
        contact_phone="0598-1234567",
    )
    AchievementIndicator.objects.create(
        page=page, name="面内导热系数", value="1500", unit="W/(m·K)", compared_with="人工石墨膜 1000"
    )
    AchievementIPRecord.objects.create(
        page=page, ip_type=IPType.objects.get(code="invention"), number="ZL202010123456.7", status="granted"
    )
    page.transfer_modes.set(TransferMode.objects.filter(code__in=["licence", "transfer"]))
    page.save_revision().publish()
    return AchievementPage.objects.get(pk=page.pk)


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """The suite's institution page and the achievement, built once for the module inside a transaction rolled
    back after it; each test's writes roll back to a savepoint. The fixtures below hand each test fresh copies."""
    with module_transaction(django_db_blocker):
        institution, page = institution_with_page()
        yield institution, page, _build_achievement(page)


@pytest.fixture
def institution(_built, db):
    return fresh(_built[0])


@pytest.fixture
def institution_page(_built, db):
    return fresh(_built[1])


@pytest.fixture
def achievement(_built, db):
    return fresh(_built[2])


def test_home_page_shows_live_figures_and_newest(client, achievement, enterprise_a):
    NeedFactory(enterprise=enterprise_a, title="公开的技术需求")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["figures"] == {"achievements": 1, "institutions": 1, "needs": 1}
    assert "高导热石墨烯散热膜" in html and "公开的技术需求" in html
    assert "/achievements/?chain=GRA" in html  # industry-chain entry points
    # the registry's live figures: no registered contracts yet, progress 0 of the yearly target of 50
    assert response.context["commercialised"]["this_year"] == 0
    assert response.context["commercialised"]["target"] == 50
    assert "已登记技术合同" in html


def test_home_page_uses_commercialised_figures_when_given(rf, achievement):
    from django.template.loader import render_to_string

    html = render_to_string(
        "marketplace/home_page.html",
        {
            "page": achievement.get_parent().get_parent().get_parent().specific,
            "figures": {},
            "commercialised": {"contracts": 17, "this_year": 12, "target": 50},
            "commercialisation_target": 50,
        },
        request=rf.get("/"),
    )
    assert "已登记技术合同" in html and ">17<" in html and "技术合同登记数据接入后显示" not in html


def test_achievement_page_shows_what_a_buyer_judges(client, achievement):
    response = client.get(public_url(achievement))
    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        "面内导热系数",
        "人工石墨膜 1000",
        "TRL 7",
        "实际环境示范",  # the TRL's name from the taxonomy
        "ZL202010123456.7",
        "已授权",
        "¥1,234,567.80",
        "许可",
        "陈博士",
        "石墨烯",
        "测试石墨烯研究院",
    ):
        assert expected in html, expected
    assert "在管理后台编辑" not in html


def test_negotiated_price_shows_the_public_notice_window(client, institution_page):
    start = timezone.localdate() - timedelta(days=3)
    page = make_achievement(
        institution_page, pricing=AchievementPage.Pricing.NEGOTIATED_NOTICE, public_notice_start=start
    )
    html = client.get(public_url(page)).content.decode()
    assert f"{start:%Y-%m-%d} — {start + timedelta(days=14):%Y-%m-%d}" in html
    assert "公示中" in html
    old = make_achievement(
        institution_page,
        pricing=AchievementPage.Pricing.NEGOTIATED_NOTICE,
        public_notice_start=timezone.localdate() - timedelta(days=30),
    )
    assert "不在公示期" in client.get(public_url(old)).content.decode()


def test_expired_achievement_is_gone_for_the_public_but_flagged_for_editors(
    client, institution_page, user_institution_editor
):
    page = make_achievement(institution_page, valid_until=timezone.localdate() - timedelta(days=1))
    assert client.get(public_url(page)).status_code == 404
    client.force_login(user_institution_editor)
    response = client.get(public_url(page))
    assert response.status_code == 200
    assert "已过期" in response.content.decode() or "过期" in response.content.decode()
    assert f"/admin/pages/{page.pk}/edit/" in response.content.decode()


def test_institution_directory_and_page(client, achievement, institution_page):
    response = client.get("/institutions/")
    assert response.status_code == 200
    assert "测试石墨烯研究院" in response.content.decode()
    assert response.context["institutions"][0].achievement_count == 1
    page = client.get(public_url(institution_page))
    assert page.status_code == 200 and "高导热石墨烯散热膜" in page.content.decode()


def test_dashboard_by_role(
    client, user_enterprise_a, user_institution_editor, user_registrar, user_bureau_staff, institution_page
):
    assert client.get("/dashboard/").status_code == 302
    draft = make_achievement(institution_page, title="草稿成果甲", publish=False)
    NeedFactory(enterprise=user_enterprise_a.organisation, title="我的需求", status="draft")

    client.force_login(user_enterprise_a)
    html = client.get("/dashboard/").content.decode()
    assert "我的需求" in html and "甲企业有限公司" in html and "草稿成果甲" not in html

    client.force_login(user_institution_editor)
    html = client.get("/dashboard/").content.decode()
    assert "草稿成果甲" in html and f"/admin/pages/{draft.pk}/edit/" in html

    client.force_login(user_registrar)
    assert 'href="/registration/queue/"' in client.get("/dashboard/").content.decode()

    client.force_login(user_bureau_staff)
    html = client.get("/dashboard/").content.decode()
    assert "/staff/needs/" in html and "/staff/organisations/" in html


def test_language_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/achievements/"})
    assert response.status_code == 302
    html = client.get("/achievements/").content.decode()
    assert '<html lang="en">' in html
    assert "Achievements" in html  # needs the compiled English catalogue (make translations)


def test_achievement_page_shows_images_and_pdf_attachments(client, institution_page):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from marketplace.models import AchievementAttachment, AchievementGalleryImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "blue").save(buffer, "PNG")
    image = Image.objects.create(title="样品照片", file=SimpleUploadedFile("sample.png", buffer.getvalue()))
    document = Document.objects.create(title="检测报告", file=SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n"))
    page = make_achievement(institution_page, cover_image=image)
    AchievementGalleryImage.objects.create(page=page, image=image, caption="中试线样品")
    AchievementAttachment.objects.create(page=page, document=document, title="第三方检测报告")
    page.save_revision().publish()
    html = client.get(public_url(page)).content.decode()
    assert "中试线样品" in html and "<img" in html
    assert "第三方检测报告" in html and document.url in html


@pytest.mark.parametrize("role", ["anonymous", "enterprise", "institution_editor", "registrar", "expert", "bureau"])
def test_every_link_the_home_page_nav_and_dashboard_offer_a_role_opens_for_it(
    client, role, achievement, user_enterprise_a, user_institution_editor, user_registrar, user_bureau_staff
):
    """A link a role is shown must not answer it with 403 or 404 (registrars were offered the deal board, and every
    signed-in role the need form, which only enterprises may use)."""
    import re
    from urllib.parse import urlsplit

    from accounts.models import User
    from tests.factories import UserFactory

    users = {
        "anonymous": None,
        "enterprise": user_enterprise_a,
        "institution_editor": user_institution_editor,
        "registrar": user_registrar,
        "expert": UserFactory(username="expert_nav", role=User.Role.EXPERT),
        "bureau": user_bureau_staff,
    }
    if users[role]:
        client.force_login(users[role])
    pages = ["/"] + (["/dashboard/"] if users[role] else [])
    links = set()
    for page in pages:
        html = client.get(page).content.decode()
        for href in re.findall(r'<a [^>]*href="([^"#]+)"', html):
            parts = urlsplit(href.replace("&amp;", "&"))
            if parts.netloc or re.match(r"/(static|media|admin|cms|api)/", parts.path):
                continue
            links.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert "/needs/" in links
    refused = {link: code for link in sorted(links) if (code := client.get(link).status_code) in (403, 404)}
    assert refused == {}
