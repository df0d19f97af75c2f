"""The staff review list's filters and pages, on suggestions the test makes itself (no other suggestion may exist
here, unlike in test_classification_review.py whose unclassified listings are built once per module)."""

from __future__ import annotations

import pytest

from marketplace import views
from marketplace.models import ClassificationSuggestion
from tests.factories import make_achievement
from tests.marketplace.test_classification_review import URL, suggest

pytestmark = pytest.mark.django_db


def test_filters_and_pages(client, user_bureau_staff, institution_page, monkeypatch):
    monkeypatch.setattr(views, "SUGGESTIONS_PER_PAGE", 3)
    pages = [make_achievement(institution_page, title=f"待分类成果{n}", technical_field=None) for n in range(4)]
    for page in pages:
        suggest(page, field="materials")
    suggest(pages[0], chain="FLU")
    suggest(pages[1], chain="GRA.02.01")
    decided = ClassificationSuggestion.objects.filter(kind="technical_field").first()
    decided.state = "rejected"
    decided.save()
    client.force_login(user_bureau_staff)

    def shown(query=""):
        html = client.get(f"{URL}?{query}").content.decode()
        return html.count('class="card suggestion"')

    assert shown() == 3  # 5 pending by default, a page at a time
    assert shown("page=2") == 2
    assert shown("kind=industry_chain") == 2
    assert shown("chain=GRA") == 1  # a chain finds suggestions anywhere in its subtree
    assert shown("state=rejected") == 1
    assert shown("state=&page=2") == 3  # every state: 6 in all
    assert shown(f"q={pages[0].title}") == 2
