"""The schedule as a PDF, read back with pdftotext: each attendee sees its own meetings, staff the whole grid."""

import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from matchmaking import pdf

from .conftest import shared_bureau_staff, shared_fair
from .factories import accept_all

pytestmark = pytest.mark.django_db

# The fair is built once for this module (see ``_fair_once`` in conftest): every test here uses it.
user_bureau_staff = pytest.fixture(shared_bureau_staff, name="user_bureau_staff")
fair = pytest.fixture(shared_fair, name="fair")


def _text(content: bytes, tmp_path) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils (pdftotext) is required"
    source = tmp_path / "schedule.pdf"
    source.write_bytes(content)
    return subprocess.run([pdftotext, "-layout", str(source), "-"], capture_output=True, check=True, text=True).stdout  # noqa: S603


def test_personal_schedule_pdf_lists_own_meetings_only(fair, user_bureau_staff, client, tmp_path):
    meetings = accept_all(fair, user_bureau_staff)
    client.force_login(fair.users.battery)
    response = client.get(reverse("matchmaking:schedule_pdf", args=[fair.event.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join([response.content])
    assert content.startswith(b"%PDF")
    text = _text(content, tmp_path)
    own = next(m for m in meetings if m.enterprise_signup_id == fair.signups.battery.pk)
    assert "新能源材料研究所" in text  # the other side of its one meeting
    assert "储能电池科技有限公司" not in text  # another enterprise's meeting is not in its schedule
    assert timezone.localtime(fair.event.slot_starts(own.slot)).strftime("%H:%M") in text


def test_staff_schedule_pdf_has_every_meeting(fair, user_bureau_staff, tmp_path):
    accept_all(fair, user_bureau_staff)
    text = _text(pdf.render_schedule_pdf(event=fair.event), tmp_path)
    for name in ("锂电新能源有限公司", "储能电池科技有限公司", "新能源材料研究所"):
        assert name in text


def test_public_cannot_download_a_schedule(fair, client, user_registrar):
    client.force_login(user_registrar)
    assert client.get(reverse("matchmaking:schedule_pdf", args=[fair.event.pk])).status_code == 403
