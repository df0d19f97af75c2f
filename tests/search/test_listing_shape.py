"""One shape per listing (issue 7) and text segmented once per change (issue 13).

Documents and profiles are derived from marketplace's matching shape; the flat loader (``matching_shapes``) and the
instance path (``for_matching`` + ``matching_shape``) give the same shape, and the documents equal the ones the
old per-instance builders produced. A listing's text is segmented when it changes (the outbox worker) and the
rebuild and basic mode reuse it instead of segmenting again.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from marketplace.models import AchievementPage, TechnologyNeed
from marketplace.selectors import for_matching, matching_shape, matching_shapes
from search import listings, services, sync
from search.documents import ACHIEVEMENT, NEED, achievement_document, need_document
from search.matching import db_matches, terms
from search.models import ListingTerms, SearchOutbox
from search.profiles import achievement_profile, need_profile
from search.text import plain_text, segment
from taxonomy import glossary
from tests.search.factories import built_once, fresh

pytestmark = pytest.mark.django_db


# --- The builders as they were before the shape (a fixed reference) -----------------------------------------


def _old_texts(**texts):
    names = ("title", "keywords_text", "summary", "description", "glossary_text")
    own = " ".join(plain_text(texts.get(name) or "") for name in names if name != "glossary_text")
    texts = {**texts, "glossary_text": glossary.expand(own)}
    doc = {}
    for name in names:
        value = plain_text(texts.get(name) or "")
        doc[name] = value
        doc[f"{name}_words"] = segment(value)
    # The concepts the text a candidate's profile reads names (issue 13, match latency): scanned here as matching
    # would scan it, in search forms and in lay forms.
    full = f"{doc['title']} {doc['keywords_text']} {doc['summary']} {doc['description']}"
    doc["text_mentions"] = {
        kind: {str(cid): sorted(forms) for cid, forms in sorted(found.found.items())}
        for kind, found in (("glossary", glossary.mentions(full)), ("lay", glossary.current().lay_mentions(full)))
    }
    return doc


def _old_region(region):
    if region is None:
        return {"region": None, "city": None, "province": None}
    return {"region": region.code, "city": region.code[:4] + "00", "province": region.code[:2] + "0000"}


def _old_achievement_document(page):
    # The old builder left tag order to the database; the shape fixes it to entry order, so the reference does too.
    keywords = [item.tag.name for item in page.keyword_items.order_by("pk").select_related("tag")]
    organisation = page.institution_organisation
    indicators = " ".join(f"{i.name} {i.value}{i.unit} {i.compared_with}" for i in page.indicators.all())
    published = page.last_published_at or page.first_published_at
    return {
        "kind": "achievement",
        "object_id": page.pk,
        "external_id": page.external_id,
        "url": page.url or "",
        **_old_texts(
            title=page.title,
            keywords_text=" ".join(keywords),
            summary=page.summary,
            description=f"{plain_text(page.description)} {indicators}",
        ),
        "keywords": keywords,
        "technical_field": page.technical_field.code,
        "technical_field_name": page.technical_field.name,
        "industry_chains": sorted(node.code for node in page.industry_chains.all()),
        "industry_chain_codes": sorted({c for node in page.industry_chains.all() for c in node.ancestor_codes}),
        "trl": page.trl,
        "ip_types": sorted({record.ip_type.code for record in page.ip_records.all()}),
        "transfer_modes": sorted(mode.code for mode in page.transfer_modes.all()),
        "organisation": str(organisation.pk) if organisation else None,
        "organisation_name": organisation.name if organisation else None,
        **_old_region(organisation.region if organisation else None),
        "visibility": "public",
        "valid_until": page.valid_until.isoformat() if page.valid_until else None,
        "published_at": published.isoformat() if published else None,
        "price_cny": float(page.price_cny) if page.price_cny is not None else None,
    }


def _old_need_document(need):
    from django.urls import reverse

    chain = need.industry_chain
    return {
        "kind": "need",
        "object_id": need.pk,
        "external_id": need.external_id,
        "url": reverse("marketplace:need_detail", args=[need.pk]),
        **_old_texts(
            title=need.title,
            keywords_text=" ".join(need.keyword_list),
            summary=need.problem,
            description=" ".join(f"{i.name} {i.target}{i.unit}" for i in need.indicators.all()),
        ),
        "keywords": need.keyword_list,
        "technical_field": need.technical_field.code,
        "technical_field_name": need.technical_field.name,
        "industry_chains": [chain.code] if chain else [],
        "industry_chain_codes": chain.ancestor_codes if chain else [],
        "trl": need.min_trl,
        "ip_types": [],
        "transfer_modes": [need.cooperation_mode.code] if need.cooperation_mode else [],
        "organisation": str(need.enterprise_id),
        "organisation_name": need.enterprise.name,
        **_old_region(need.region or need.enterprise.region),
        "visibility": need.visibility,
        "valid_until": need.deadline.isoformat() if need.deadline else None,
        "published_at": need.published_at.isoformat() if need.published_at else None,
        "price_cny": float(need.budget_max_cny) if need.budget_max_cny is not None else None,
    }


@pytest.fixture(scope="module")
def _small_set(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker) as out:
        yield out


@pytest.fixture
def small_set(_small_set, db):
    return fresh(_small_set)


def _with_sorted_keywords(document):
    # Tag order is the order the editor entered them; the old prefetch left it to the database.
    return {**document, "keywords": sorted(document["keywords"])}


def test_documents_from_the_shape_equal_the_old_documents(small_set):
    pages = list(for_matching(AchievementPage.objects.live()))
    needs = list(for_matching(TechnologyNeed.objects.published()))
    assert len(pages) == 10 and len(needs) > 1
    flat = matching_shapes(AchievementPage.objects.live())
    for page in pages:
        old = _with_sorted_keywords(_old_achievement_document(page))
        assert _with_sorted_keywords(achievement_document(page)) == old
        assert _with_sorted_keywords(achievement_document(flat[page.pk])) == old
        one, other = flat[page.pk], matching_shape(page)
        assert replace(one, keywords=sorted(one.keywords)) == replace(other, keywords=sorted(other.keywords))
    flat_needs = matching_shapes(TechnologyNeed.objects.published())
    for need in needs:
        assert need_document(need) == _old_need_document(need)
        assert need_document(flat_needs[need.pk]) == _old_need_document(need)
        assert flat_needs[need.pk] == matching_shape(need)


def test_profiles_from_stored_texts_have_the_words_jieba_gives_the_profile(small_set):
    shapes = listings.shapes(ACHIEVEMENT, queryset=AchievementPage.objects.live())
    texts = listings.stored_texts(ACHIEVEMENT, shapes)
    stored = listings.profiles(ACHIEVEMENT, shapes, texts)
    for page in for_matching(AchievementPage.objects.live()):
        fresh = achievement_profile(page)  # words computed by jieba from the profile's own text
        assert stored[page.pk].terms("headline") == fresh.terms("headline")
        assert stored[page.pk].terms("body") == fresh.terms("body")
        assert stored[page.pk].expansion.split() == fresh.expansion.split()
    need = for_matching(TechnologyNeed.objects.published()).first()
    assert need_profile(need).headline.startswith(need.title)


def test_the_outbox_worker_stores_the_segmented_text_when_a_listing_changes(small_set, monkeypatch):
    class Engine:
        def bulk(self, actions, **kwargs):
            return [{"status": 201 if a["_op_type"] == "index" else 200} for a in actions]

    monkeypatch.setattr(sync, "engine_enabled", lambda: True)
    monkeypatch.setattr(sync, "ensure_indices", lambda: None)
    monkeypatch.setattr(sync, "get_engine", lambda **kwargs: Engine())
    monkeypatch.setattr(sync, "_run_alerts", lambda rows: None)
    page = small_set["lfp-cathode"]
    SearchOutbox.objects.all().delete()
    ListingTerms.objects.all().delete()
    page.title = "高压实磷酸铁锂正极材料(钠离子电池兼容)"
    page.save_revision().publish()
    assert SearchOutbox.objects.filter(kind=ACHIEVEMENT, object_id=page.pk).exists()
    sync.drain()
    rows = ListingTerms.objects.filter(kind=ACHIEVEMENT)
    assert list(rows.values_list("object_id", flat=True)) == [page.pk]  # only the changed listing
    row = rows.get()
    assert row.texts["title"] == page.title and "钠离子" in row.texts["title_words"].split()
    assert "钠离子" in row.headline_words.split() and row.version == str(page.get_latest_revision().pk)
    assert row.source_hash


def test_the_rebuild_reuses_stored_texts_and_segments_only_what_changed(small_set, monkeypatch):
    ids = sorted(AchievementPage.objects.live().values_list("pk", flat=True))
    first = dict(services._achievement_documents(ids))  # nothing stored yet: segments and stores all 10
    assert ListingTerms.objects.filter(kind=ACHIEVEMENT).count() == 10
    segmented = []
    real = listings.listing_texts

    def counting(shape):
        segmented.append(shape.pk)
        return real(shape)

    monkeypatch.setattr(listings, "listing_texts", counting)
    assert dict(services._achievement_documents(ids)) == first
    assert segmented == []  # every text came from the table
    page = small_set["mushroom"]
    AchievementPage.objects.filter(pk=page.pk).update(summary="杏鲍菇工厂化栽培,周期缩短一半。")
    documents = dict(services._achievement_documents(ids))
    assert segmented == [page.pk]  # the changed text, and only it, is segmented again
    assert "杏鲍菇" in documents[page.pk]["summary_words"].split()


def test_basic_mode_scores_only_what_the_full_text_index_retrieves(small_set, monkeypatch):
    need = for_matching(TechnologyNeed.objects.all()).get(pk=small_set["phone-heat"].pk)
    assert [m.external_id for m in db_matches(need_profile(need))][:1] == ["ach-graphene-film"]
    asked = []

    def retrieve(kind, text, **kwargs):
        asked.append(kind)
        return []

    monkeypatch.setattr(terms, "retrieve", retrieve)
    assert list(db_matches(need_profile(need))) == []  # no Python scan over the listings behind the index
    assert asked == [ACHIEVEMENT]
    assert NEED != ACHIEVEMENT
