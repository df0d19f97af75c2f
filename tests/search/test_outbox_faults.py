"""Outbox faults (issue 12): one row per change, a poison row fails alone and becomes a dead letter staff can
retry or discard, the worker outlives any row, index writes stay out of the request, and ``--check`` reports
documents missing even while rows for them wait.

A fake engine stands in for the cluster here so the failures are exact; the real engine is in test_engine.py.
"""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from marketplace import services as marketplace_services
from marketplace.models import TechnologyNeed
from search import services as search_services
from search import sync
from search.documents import ACHIEVEMENT, NEED
from search.models import SearchOutbox
from tests.factories import NeedFactory, make_achievement
from tests.marketplace.test_need_services import _data as need_data
from tests.marketplace.test_need_views import form_data

pytestmark = pytest.mark.django_db


class FakeEngine:
    """Answers bulk requests per item: documents whose id is in ``reject`` get a 400, the rest 201."""

    def __init__(self, reject=()):
        self.reject = set(reject)
        self.batches: list[list[dict]] = []

    def bulk(self, actions, *, refresh=False):
        self.batches.append(actions)
        out = []
        for action in actions:
            if int(action["_id"]) in self.reject:
                out.append({"status": 400, "error": {"type": "mapper_parsing_exception", "reason": "bad field"}})
            else:
                out.append({"status": 201 if action["_op_type"] == "index" else 200})
        return out


@pytest.fixture
def fake_engine(monkeypatch, settings):
    engine = FakeEngine()
    settings.SEARCH_OUTBOX_MAX_ATTEMPTS = 3
    monkeypatch.setattr(sync, "engine_enabled", lambda: True)
    monkeypatch.setattr(sync, "ensure_indices", lambda: None)
    monkeypatch.setattr(sync, "get_engine", lambda **kwargs: engine)
    monkeypatch.setattr(sync, "_run_alerts", lambda rows: None)
    return engine


def need_rows():
    return SearchOutbox.objects.filter(kind=NEED)


def due_now():
    SearchOutbox.objects.update(next_attempt_at=timezone.now())  # the backoff has elapsed


# --- One row per change (issue 7) ------------------------------------------------------------------------


def test_each_change_of_a_need_writes_exactly_one_outbox_row(user_enterprise_a, user_bureau_staff):
    need = marketplace_services.need_create(user=user_enterprise_a, data=need_data(), submit=True)
    assert need_rows().filter(object_id=need.pk).count() == 1  # was 3: the service and two post_save rows
    marketplace_services.need_approve(user=user_bureau_staff, need=need)
    marketplace_services.need_close(user=user_enterprise_a, need=need, reason="no_longer_needed")  # was 2
    assert need_rows().filter(object_id=need.pk).count() == 3  # three changes, three rows


def test_saving_and_submitting_on_the_page_writes_one_row_each_time(client, user_enterprise_a):
    client.force_login(user_enterprise_a)
    assert client.post("/needs/new/", form_data(submit="1")).status_code == 302
    need = TechnologyNeed.objects.get()
    assert need.status == TechnologyNeed.Status.PENDING_REVIEW
    assert need_rows().filter(object_id=need.pk).count() == 1  # was 2: create, then submit
    TechnologyNeed.objects.filter(pk=need.pk).update(status=TechnologyNeed.Status.REJECTED)
    assert client.post(f"/needs/{need.pk}/edit/", form_data(title="新标题", submit="1")).status_code == 302
    assert need_rows().filter(object_id=need.pk).count() == 2  # edit-and-submit is one more change


def test_publish_unpublish_delete_each_write_one_row(institution_page):
    page = make_achievement(institution_page, title="钨粉超细化工艺", publish=False)
    page.save_revision().publish()
    page.refresh_from_db()
    page.unpublish()
    page_id = page.pk
    page.delete()
    assert list(SearchOutbox.objects.filter(object_id=page_id).values_list("kind", "alert")) == [
        (ACHIEVEMENT, True),
        (ACHIEVEMENT, False),
        (ACHIEVEMENT, False),
    ]


# --- Index writes off the request path ----------------------------------------------------------------


def test_a_save_commits_only_the_row_and_does_not_write_the_index(
    user_enterprise_a, monkeypatch, django_capture_on_commit_callbacks
):
    drains = []
    monkeypatch.setattr(sync, "drain", lambda **kwargs: drains.append(kwargs) or 0)
    with django_capture_on_commit_callbacks(execute=True):
        need = marketplace_services.need_create(user=user_enterprise_a, data=need_data())
    assert drains == []  # the outbox worker writes the index, not the request
    assert need_rows().get(object_id=need.pk).processed_at is None


def test_synchronous_drain_is_an_explicit_setting(
    user_enterprise_a, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_SYNC_DRAIN_AFTER_COMMIT = True
    with django_capture_on_commit_callbacks(execute=True):
        need = marketplace_services.need_create(user=user_enterprise_a, data=need_data())
    assert need_rows().get(object_id=need.pk).processed_at is not None


# --- Poison rows and dead letters -----------------------------------------------------------------------


def test_a_rejected_document_fails_alone_and_becomes_a_dead_letter(fake_engine, enterprise_a):
    good, poison, other = NeedFactory.create_batch(3, enterprise=enterprise_a)
    fake_engine.reject = {poison.pk}
    assert sync.drain() == 3
    indexed = set(need_rows().filter(processed_at__isnull=False).values_list("object_id", flat=True))
    assert indexed == {good.pk, other.pk}  # the good ones are in the index
    row = need_rows().get(object_id=poison.pk)
    assert row.processed_at is None and row.attempts == 1 and row.dead_at is None
    assert "mapper_parsing_exception" in row.last_error and row.next_attempt_at > timezone.now()
    assert sync.drain() == 0  # backing off: not retried at once
    for attempt in (2, 3):
        due_now()
        assert sync.drain() == 1
        row.refresh_from_db()
        assert row.attempts == attempt
    assert row.dead_at is not None  # SEARCH_OUTBOX_MAX_ATTEMPTS = 3
    due_now()
    assert sync.drain() == 0  # dead letters wait for staff, not the worker
    assert list(SearchOutbox.objects.dead()) == [row]


def test_a_document_that_cannot_be_built_fails_alone(fake_engine, enterprise_a, monkeypatch):
    needs = NeedFactory.create_batch(3, enterprise=enterprise_a)
    real = sync.need_document

    def need_document(need, **kwargs):
        if need.pk == needs[1].pk:
            raise ValueError("bad data in this need")
        return real(need, **kwargs)

    monkeypatch.setattr(sync, "need_document", need_document)
    assert sync.drain() == 3
    assert sorted(need_rows().filter(processed_at__isnull=False).values_list("object_id", flat=True)) == sorted(
        [needs[0].pk, needs[2].pk]
    )
    assert "bad data in this need" in need_rows().get(object_id=needs[1].pk).last_error


def test_the_worker_loop_outlives_a_poison_row(fake_engine, enterprise_a, monkeypatch):
    needs = NeedFactory.create_batch(2, enterprise=enterprise_a)
    monkeypatch.setattr(sync, "need_document", lambda need, **kw: (_ for _ in ()).throw(RuntimeError("poison")))
    from search.management.commands import search_outbox

    sleeps = []

    class Stop(Exception):
        pass

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) >= 2:
            raise Stop

    monkeypatch.setattr(search_outbox.time, "sleep", sleep)
    with pytest.raises(Stop):
        call_command("search_outbox", "--loop", "--interval", "0")
    assert len(sleeps) == 2  # it kept polling instead of exiting on the bad rows
    assert all(need_rows().get(object_id=n.pk).attempts == 1 for n in needs)


def test_dead_letters_on_the_command_line(fake_engine, enterprise_a, settings, capsys):
    settings.SEARCH_OUTBOX_MAX_ATTEMPTS = 1
    first, second = NeedFactory.create_batch(2, enterprise=enterprise_a)
    fake_engine.reject = {first.pk, second.pk}
    sync.drain()
    dead = {row.object_id: row.pk for row in SearchOutbox.objects.dead()}
    assert set(dead) == {first.pk, second.pk}
    call_command("search_outbox", "--dead")
    out = capsys.readouterr().out
    assert f"need:{first.pk}" in out and "死信 2 条" in out
    call_command("search_outbox", "--discard", str(dead[second.pk]))
    fake_engine.reject = set()
    call_command("search_outbox", "--retry")
    call_command("search_outbox")
    assert need_rows().get(pk=dead[first.pk]).processed_at is not None  # retried and indexed
    discarded = need_rows().get(pk=dead[second.pk])
    assert discarded.processed_at is not None and discarded.dead_at is not None  # kept, marked as given up
    assert not SearchOutbox.objects.dead().exists()
    assert [action["_id"] for batch in fake_engine.batches[-1:] for action in batch] == [first.pk, first.pk]


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), ("user_enterprise_a", 403), ("user_institution_editor", 403), ("user_bureau_staff", 200)],
)
def test_dead_letter_page_is_for_bureau_staff(client, request, role, status, fake_engine, enterprise_a, settings):
    settings.SEARCH_OUTBOX_MAX_ATTEMPTS = 1
    needs = NeedFactory.create_batch(2, enterprise=enterprise_a)
    fake_engine.reject = {n.pk for n in needs}
    sync.drain()
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get("/search/outbox/dead/")
    assert response.status_code == status
    ids = [str(row.pk) for row in SearchOutbox.objects.dead()]
    posted = client.post("/search/outbox/dead/", {"ids": ids[:1], "action": "retry"})
    if role == "user_bureau_staff":
        assert f"need {needs[0].pk}" in response.content.decode().replace("技术需求 ", "need ")
        assert posted.status_code == 302
        assert SearchOutbox.objects.dead().count() == 1  # one retried, one still dead
        client.post("/search/outbox/dead/", {"ids": ids[1:], "action": "discard"})
        assert not SearchOutbox.objects.dead().exists()
    else:
        assert posted.status_code == status
        assert SearchOutbox.objects.dead().count() == 2  # nothing changed


# --- search_index --check -----------------------------------------------------------------------------


def test_check_reports_missing_documents_even_with_pending_rows(institution_page, monkeypatch):
    pages = [make_achievement(institution_page, title=f"成果{i}") for i in range(3)]
    assert SearchOutbox.objects.unprocessed().count() == 3  # their rows wait (a stopped or stuck worker)
    indexed = {pages[0].pk: {"version": 1, "title": pages[0].title}}
    monkeypatch.setattr(search_services, "_indexed", lambda kind: indexed if kind == ACHIEVEMENT else {})
    report = search_services.index_check()
    assert report.missing[ACHIEVEMENT] == sorted([pages[1].pk, pages[2].pk])  # was [] ("consistent")
    assert report.awaiting[ACHIEVEMENT] == sorted([pages[1].pk, pages[2].pk])
    assert not report.ok


# --- Parallel workers (PostgreSQL row locks) ---------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_workers_process_each_row_once(monkeypatch, settings):
    SearchOutbox.objects.bulk_create(SearchOutbox(kind=ACHIEVEMENT, object_id=10_000 + i) for i in range(60))
    seen: list[int] = []
    lock = threading.Lock()

    class SlowEngine(FakeEngine):
        def bulk(self, actions, *, refresh=False):
            with lock:
                seen.extend(int(action["version"]) for action in actions)
            if not getattr(first_call, "done", False):
                # Both workers hold a claimed batch at the same moment: without skip-locked claims the second
                # would wait on the first one's locks (barrier timeout) or take the same rows (duplicates).
                first_call.done = True
                barrier.wait()
            return super().bulk(actions)

    engine = SlowEngine()
    barrier = threading.Barrier(2, timeout=20)
    first_call = threading.local()
    monkeypatch.setattr(sync, "engine_enabled", lambda: True)
    monkeypatch.setattr(sync, "ensure_indices", lambda: None)
    monkeypatch.setattr(sync, "get_engine", lambda **kwargs: engine)
    errors = []

    def worker():
        try:
            while sync.drain(limit=7):
                pass
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    ids = list(SearchOutbox.objects.order_by("pk").values_list("pk", flat=True))
    assert sorted(seen) == ids  # every row sent once: none twice, none lost
    assert not SearchOutbox.objects.unprocessed().exists()
