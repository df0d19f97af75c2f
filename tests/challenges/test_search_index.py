"""Challenges as search-engine documents: one outbox row per change, the worker indexes public challenges and
deletes the rest, rebuild and --check include them, the search page reads them, publishing alerts institutions
whose achievements fit (engine tests on SEARCH_URL), and an engine outage never breaks a save."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from challenges import services
from challenges.models import Challenge, ChallengeAlert
from challenges.search_documents import KIND, challenge_documents, public_titles
from search import kinds, sync
from search.documents import ACHIEVEMENT, NEED, alias_name, index_body
from search.engine import EngineUnavailable, breaker_reset, get_engine
from search.extensions import extra_sections
from search.models import SearchOutbox
from search.services import index_check, index_rebuild
from tests.factories import make_achievement, make_institution_page
from tests.search.conftest import _search_mode  # noqa: F401 (engine or basic mode per test)

from .factories import after_close, institution_editor, make_challenge

pytestmark = pytest.mark.django_db


def rows(challenge) -> int:
    return SearchOutbox.objects.filter(kind=KIND, object_id=challenge.pk).count()


def drain():
    sync.drain_all()
    engine = get_engine()
    for kind in (ACHIEVEMENT, NEED, KIND):
        engine.refresh(alias_name(kind))


def indexed(challenge) -> dict | None:
    hits = get_engine().search(
        alias_name(KIND), {"query": {"term": {"object_id": challenge.pk}}, "_source": {"excludes": ["*_words"]}}
    )["hits"]["hits"]
    return hits[0]["_source"] if hits else None


# --- Fast (SQLite, basic mode) ------------------------------------------------------------------------


def test_every_challenge_change_writes_exactly_one_outbox_row(user_bureau_staff, enterprise_a):
    draft = make_challenge(user_bureau_staff, publish=False)
    assert rows(draft) == 1
    services.challenge_update(user=user_bureau_staff, challenge=draft, data={"title": "改名后的榜单"})
    assert rows(draft) == 2
    services.challenge_publish(user=user_bureau_staff, challenge=draft)
    assert rows(draft) == 3
    assert SearchOutbox.objects.filter(kind=KIND, object_id=draft.pk, alert=True).count() == 1  # publish alerts
    with after_close(draft):
        services.challenge_start_review(user=user_bureau_staff, challenge=draft)
    assert rows(draft) == 4
    services.challenge_close(user=user_bureau_staff, challenge=draft, reason="无合适申报")
    assert rows(draft) == 5
    other = make_challenge(user_bureau_staff, co_funders=[enterprise_a])
    assert rows(other) == 2 and rows(draft) == 5  # create + publish; never another challenge's rows
    assert SearchOutbox.objects.filter(kind=KIND).first().get_kind_display() == "悬赏揭榜"  # dead-letter page label


def test_documents_are_built_for_public_challenges_only(user_bureau_staff, enterprise_a):
    public = make_challenge(user_bureau_staff, co_funders=[enterprise_a])
    draft = make_challenge(user_bureau_staff, publish=False, title="草稿榜单")
    documents = challenge_documents([public.pk, draft.pk])
    assert list(documents) == [public.pk]
    doc = documents[public.pk]
    assert doc["kind"] == KIND and doc["status"] == "open" and doc["title"] == public.title
    assert doc["co_funders"] == [enterprise_a.name]
    assert doc["industry_chain_codes"] == ["FLU", "FLU.01", "FLU.01.01"]
    assert "ppt" in doc["description"] and doc["reward_cny"] == float(public.reward_cny)
    assert "hydrofluoric acid" in doc["glossary_text"]  # the listings' glossary treatment
    assert public_titles() == {public.pk: public.title}
    mapping = index_body(kind=KIND)["mappings"]
    assert mapping["dynamic"] == "strict" and mapping["properties"]["title"]["analyzer"] == "zh_bigram"


def test_the_registry_refuses_search_own_kinds_and_unknown_kinds():
    assert kinds.get(KIND) is not None
    with pytest.raises(ValueError):
        kinds.register_document_kind(kinds.DocumentKind("need", "x", "x", {}, dict, dict))
    with pytest.raises(ValueError):
        sync.document_changed("nothing-registered", 1)


def test_basic_mode_drain_marks_rows_done_and_alerts_once(user_bureau_staff, django_capture_on_commit_callbacks):
    fitting = institution_editor("氟化学研究院丙")
    make_achievement(
        make_institution_page(fitting.organisation),
        title="电子级氢氟酸提纯技术",
        summary="多级精馏与膜过滤提纯电子级氢氟酸,金属杂质降至 ppt 级,满足晶圆清洗要求。",
    )
    with django_capture_on_commit_callbacks(execute=True):
        challenge = make_challenge(user_bureau_staff)
    assert list(ChallengeAlert.objects.values_list("organisation_id", flat=True)) == [fitting.organisation_id]
    assert ChallengeAlert.objects.get().reasons  # why it fits
    sync.drain_all()  # no engine: rows are done, the hook finds the alert already sent
    assert not SearchOutbox.objects.filter(kind=KIND).unprocessed().exists()
    assert ChallengeAlert.objects.filter(challenge=challenge).count() == 1


def test_an_engine_outage_never_breaks_a_challenge_save(settings, user_bureau_staff, enterprise_a):
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens: connection refused
    breaker_reset()
    challenge = make_challenge(user_bureau_staff, co_funders=[enterprise_a])
    services.challenge_close(user=user_bureau_staff, challenge=challenge, reason="暂停")
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.CLOSED
    assert rows(challenge) == 3
    with pytest.raises(EngineUnavailable):
        sync.drain()
    assert SearchOutbox.objects.filter(kind=KIND).unprocessed().count() == 3  # the outbox just waits
    assert SearchOutbox.objects.filter(kind=KIND, attempts__gt=0).count() == 0  # an outage is nobody's fault
    # The search page still lists it, from the database.
    section = extra_sections(challenge.title[:6])
    assert [r.title for s in section for r in s.results] == [challenge.title]
    breaker_reset()


def test_the_search_api_returns_challenges_as_a_section_in_basic_mode(client, user_bureau_staff):
    open_one = make_challenge(user_bureau_staff, title="PVDF 膜材料耐候性攻关", problem="户外 PVDF 膜黄变。")
    closed = make_challenge(user_bureau_staff, title="PVDF 粘结剂国产化", problem="PVDF 粘结剂。")
    services.challenge_close(user=user_bureau_staff, challenge=closed, reason="无合适申报")
    make_challenge(user_bureau_staff, publish=False, title="PVDF 草稿榜单")
    payload = client.get("/api/v1/search/", {"q": "PVDF"}).json()
    [section] = payload["sections"]
    assert sorted(r["title"] for r in section["results"]) == sorted([open_one.title, closed.title])
    assert client.get("/api/v1/search/", {"q": "PVDF", "page": 2}).json()["sections"] == []


# --- Engine (SEARCH_URL) --------------------------------------------------------------------------------


@pytest.mark.engine
def test_publish_indexes_change_follows_and_drafts_never_reach_the_index(user_bureau_staff, enterprise_a):
    draft = make_challenge(user_bureau_staff, publish=False, co_funders=[enterprise_a])
    drain()
    assert indexed(draft) is None
    services.challenge_publish(user=user_bureau_staff, challenge=draft)
    drain()
    doc = indexed(draft)
    assert doc["status"] == "open" and doc["co_funders"] == [enterprise_a.name]
    assert doc["industry_chain_codes"] == ["FLU", "FLU.01", "FLU.01.01"]
    services.challenge_close(user=user_bureau_staff, challenge=draft, reason="无合适申报")
    drain()
    assert indexed(draft)["status"] == "closed"  # closed challenges stay public
    # Back to draft (a data repair) or deleted: the worker deletes the document.
    Challenge.objects.filter(pk=draft.pk).update(status=Challenge.Status.DRAFT)
    sync.document_changed(KIND, draft.pk)
    drain()
    assert indexed(draft) is None
    assert index_check().ok


@pytest.mark.engine
def test_deleted_challenge_leaves_the_index(user_bureau_staff):
    first = make_challenge(user_bureau_staff, title="PVDF 膜材料耐候性攻关")
    second = make_challenge(user_bureau_staff, title="PVDF 粘结剂国产化")
    drain()
    assert indexed(first) and indexed(second)
    sync.document_changed(KIND, first.pk)
    Challenge.objects.filter(pk=first.pk).delete()
    drain()
    assert indexed(first) is None and indexed(second) is not None


@pytest.mark.engine
def test_rebuild_includes_challenges_and_check_reports_a_missing_one(user_bureau_staff, capsys):
    one = make_challenge(user_bureau_staff, title="PVDF 膜材料耐候性攻关")
    two = make_challenge(user_bureau_staff, title="PVDF 粘结剂国产化")
    make_challenge(user_bureau_staff, publish=False, title="PVDF 草稿榜单")
    report = index_rebuild()
    assert report.documents[KIND] == 2  # the draft is left out
    assert index_check().ok
    get_engine().client.delete(index=alias_name(KIND), id=two.pk, refresh=True)
    check = index_check()
    assert check.missing[KIND] == [two.pk] and not check.ok
    with pytest.raises(Exception, match="不一致"):
        call_command("search_index", "--check")
    assert f"悬赏揭榜: 缺失 1 [{two.pk}]" in capsys.readouterr().out
    call_command("search_index", "--rebuild")
    assert "悬赏揭榜 2 条" in capsys.readouterr().out
    call_command("search_index", "--check")
    assert indexed(one) and indexed(two)


@pytest.mark.engine
def test_search_page_reads_the_engine_and_english_finds_chinese_through_the_glossary(client, user_bureau_staff):
    hf = make_challenge(user_bureau_staff, title_en="", title="高纯氢氟酸提纯攻关")
    make_challenge(user_bureau_staff, title_en="", title="PVDF 粘结剂国产化", problem="锂电池用 PVDF 粘结剂。")
    draft = make_challenge(user_bureau_staff, publish=False, title_en="", title="氢氟酸草稿榜单")
    drain()
    # No English in the challenge: the database provider cannot find it, the engine finds it by its glossary forms.
    [section] = extra_sections("hydrofluoric acid")
    assert [r.title for r in section.results] == [hf.title]
    assert section.results[0].url == reverse("challenges:challenge_detail", args=[hf.pk])
    body = client.get(reverse("search:search"), {"q": "hydrofluoric acid"}).content.decode()
    assert hf.title in body
    assert draft.title not in body and "粘结剂国产化" not in body
    payload = client.get("/api/v1/search/", {"q": "hydrofluoric acid"}).json()
    assert [[r["title"] for r in section["results"]] for section in payload["sections"]] == [[hf.title]]


@pytest.mark.engine
def test_publishing_alerts_the_institution_whose_achievement_fits_through_the_engine(
    user_bureau_staff, monkeypatch, django_capture_on_commit_callbacks
):
    fitting = institution_editor("氟化学研究院甲")
    fitting.email = "fit@example.cn"
    fitting.save()
    also = institution_editor("电子化学品研究所")
    other = institution_editor("农业科学院乙")
    for editor, title, summary in (
        (fitting, "电子级氢氟酸提纯技术", "多级精馏与膜过滤提纯电子级氢氟酸,金属杂质降至 ppt 级,满足晶圆清洗要求。"),
        (also, "氢氟酸金属杂质在线检测", "ICP-MS 在线检测电子级氢氟酸中的金属杂质,检出限达 ppt 级。"),
        (other, "水稻抗病育种技术", "分子标记辅助选育抗稻瘟病水稻新品种。"),
    ):
        make_achievement(make_institution_page(editor.organisation), title=title, summary=summary)
    drain()

    def no_database(*args, **kwargs):
        raise AssertionError("the engine matcher should have answered")

    import search.matching as matching
    import search.matching.database as database

    monkeypatch.setattr(database, "db_matches", no_database)
    monkeypatch.setattr(matching, "db_matches", no_database)
    with django_capture_on_commit_callbacks(execute=True):
        challenge = make_challenge(user_bureau_staff)
    assert not ChallengeAlert.objects.exists()  # with the engine, alerts wait for the document to be indexed
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails go after the worker's commit
        drain()
    alerts = {a.organisation_id: a for a in ChallengeAlert.objects.filter(challenge=challenge)}
    # Both hydrofluoric-acid institutions fit; the rice breeders share only the word 技术 (a weak row, no alert).
    assert set(alerts) == {fitting.organisation_id, also.organisation_id}
    best = alerts[fitting.organisation_id]
    assert best.score > alerts[also.organisation_id].score
    assert best.reasons and 0 < best.score <= 100
    assert ["fit@example.cn"] in [m.to for m in mail.outbox]
    sync.document_changed(KIND, challenge.pk, alert=True)
    drain()
    assert ChallengeAlert.objects.filter(challenge=challenge).count() == len(alerts)  # once per institution
