"""The confidential tier: the NDA gate, versioning, logging, stamping, and its absence from every public surface."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.errors import Conflict, NotAllowed
from dealflow import services
from dealflow.models import DisclosureAccessLog, NdaAcceptance
from search.documents import achievement_document

pytestmark = pytest.mark.django_db
SECRET = "保密配方:石墨烯与聚酰亚胺按7比3混合后在2850摄氏度石墨化"
SECRET_FILE_TITLE = "工艺参数表机密版"


def pdf_bytes() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>process parameters</p>").write_pdf()


@pytest.fixture
def disclosure(achievement, user_institution_editor):
    services.disclosure_update(user=user_institution_editor, achievement=achievement, details=SECRET)
    services.disclosure_add_file(
        user=user_institution_editor,
        achievement=achievement,
        title=SECRET_FILE_TITLE,
        uploaded=SimpleUploadedFile("params.pdf", pdf_bytes()),
    )
    return achievement


@pytest.fixture
def nda(user_institution_editor):
    return services.nda_publish(user=user_institution_editor, text="双方对洽谈中获知的技术秘密负保密义务。")


def test_only_the_own_institution_edits_the_tier(achievement, user_enterprise_a, user_institution_editor):
    from tests.factories import InstitutionFactory, UserFactory

    other = UserFactory(role="institution_editor", organisation=InstitutionFactory())
    for user in (user_enterprise_a, other):
        with pytest.raises(NotAllowed):
            services.disclosure_update(user=user, achievement=achievement, details="x")
    with pytest.raises(Exception, match="PDF"):
        services.disclosure_add_file(
            user=user_institution_editor,
            achievement=achievement,
            title="伪装",
            uploaded=SimpleUploadedFile("x.pdf", b"MZ not a pdf"),
        )


def test_nda_gate(disclosure, nda, deal, user_enterprise_a, user_enterprise_b, achievement):
    # Accepted enquiry, but no NDA yet: closed.
    with pytest.raises(NotAllowed):
        services.disclosure_open(user=user_enterprise_a, achievement=achievement)
    # Someone else cannot sign this deal's NDA.
    with pytest.raises(NotAllowed):
        services.nda_accept(user=user_enterprise_b, deal=deal, version=nda.version)
    acceptance = services.nda_accept(user=user_enterprise_a, deal=deal, version=nda.version, ip_address="10.1.2.3")
    assert (acceptance.user, acceptance.organisation, acceptance.version, acceptance.ip_address) == (
        user_enterprise_a,
        user_enterprise_a.organisation,
        1,
        "10.1.2.3",
    )
    deal.refresh_from_db()
    assert deal.stage == "nda"
    opened = services.disclosure_open(user=user_enterprise_a, achievement=achievement, ip_address="10.1.2.3")
    assert opened.details == SECRET
    with pytest.raises(NotAllowed):
        services.disclosure_open(user=user_enterprise_b, achievement=achievement)


def test_a_new_nda_version_needs_a_new_acceptance(
    disclosure, nda, deal, user_enterprise_a, user_institution_editor, achievement
):
    services.nda_accept(user=user_enterprise_a, deal=deal, version=1)
    services.nda_publish(user=user_institution_editor, text="第二版:保密期限五年。")
    with pytest.raises(NotAllowed):
        services.disclosure_open(user=user_enterprise_a, achievement=achievement)
    with pytest.raises(Conflict):
        services.nda_accept(user=user_enterprise_a, deal=deal, version=1)
    services.nda_accept(user=user_enterprise_a, deal=deal, version=2)
    services.disclosure_open(user=user_enterprise_a, achievement=achievement)
    assert list(NdaAcceptance.objects.values_list("version", flat=True).order_by("version")) == [1, 2]


def test_no_nda_without_an_accepted_enquiry(disclosure, nda, enquiry, user_enterprise_a, achievement):
    with pytest.raises(NotAllowed):
        services.disclosure_open(user=user_enterprise_a, achievement=achievement)


def test_lost_deal_closes_the_tier(disclosure, nda, deal, user_enterprise_a, achievement):
    services.nda_accept(user=user_enterprise_a, deal=deal, version=1)
    services.deal_mark_lost(user=user_enterprise_a, deal=deal, reason="price")
    with pytest.raises(NotAllowed):
        services.disclosure_open(user=user_enterprise_a, achievement=achievement)


def test_views_and_downloads_are_logged_and_pdfs_stamped(disclosure, nda, deal, user_enterprise_a, achievement):
    from pypdf import PdfReader

    services.nda_accept(user=user_enterprise_a, deal=deal, version=1)
    services.disclosure_open(user=user_enterprise_a, achievement=achievement, ip_address="10.0.0.9")
    record = services.disclosure_open(user=user_enterprise_a, achievement=achievement).files.get()
    name, content = services.disclosure_download(user=user_enterprise_a, file=record, ip_address="10.0.0.9")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert user_enterprise_a.organisation.name in text and "process parameters" in text
    assert name == f"{SECRET_FILE_TITLE}.pdf"
    actions = list(DisclosureAccessLog.objects.order_by("at", "id").values_list("action", "ip_address"))
    assert actions == [("view", "10.0.0.9"), ("view", None), ("download", "10.0.0.9")]


def test_tier_is_absent_from_public_surfaces(client, disclosure, nda, deal, user_enterprise_a, achievement):
    services.nda_accept(user=user_enterprise_a, deal=deal, version=1)
    surfaces = [
        achievement.url,
        reverse("marketplace:achievement_list"),
        reverse("api-achievement-detail", args=[achievement.pk]),
        reverse("api-achievement-list"),
        "/api/schema/",
    ]
    for url in surfaces:
        body = client.get(url).content.decode()
        assert SECRET not in body and SECRET_FILE_TITLE not in body, url
    # The page as another enterprise sees it, signed in.
    client.force_login(user_enterprise_a)
    body = client.get(achievement.url).content.decode()
    assert SECRET not in body
    # The search document built for the index.
    document = json.dumps(achievement_document(achievement), ensure_ascii=False, default=str)
    assert SECRET not in document and SECRET_FILE_TITLE not in document
    # The Wagtail revision content (what page caches, previews and the admin API serialise).
    revision = json.dumps(achievement.get_latest_revision().content, ensure_ascii=False, default=str)
    assert SECRET not in revision


def test_tier_pages_need_the_gate(
    client, disclosure, nda, deal, user_enterprise_a, user_enterprise_b, user_bureau_staff, achievement
):
    url = reverse("dealflow:confidential", args=[achievement.pk])
    assert client.get(url).status_code == 302  # login first
    for user in (user_enterprise_b, user_bureau_staff, user_enterprise_a):  # a: no NDA yet
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.get(reverse("api-deal-confidential", args=[achievement.pk])).status_code == 403
    services.nda_accept(user=user_enterprise_a, deal=deal, version=1)
    client.force_login(user_enterprise_a)
    response = client.get(url)
    assert response.status_code == 200 and SECRET in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert client.get(reverse("api-deal-confidential", args=[achievement.pk])).json()["details"] == SECRET


def test_the_stamp_uses_the_configured_font_family(settings):
    from pypdf import PdfReader

    from dealflow.services.confidential import _stamp_overlay

    # The setting is a CSS family list with its own quotes; quoted again it named no font, and the stamp fell back
    # to the default (Sans) for its Chinese.
    settings.REGISTRATION_CERTIFICATE_FONT_FAMILY = '"Noto Serif CJK SC", "Noto Sans CJK SC"'
    page = PdfReader(io.BytesIO(_stamp_overlay(595, 842, "三明精工 2026-12-08 查阅"))).pages[0]
    fonts = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"].get_object()["/Font"].values()}
    assert any("Serif-CJK" in name for name in fonts), fonts
