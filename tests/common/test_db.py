"""Prepared statements for chosen read queries (common/db.py) and the listing that uses them."""

import pytest
from django.db import connection

from common.db import prepared_statements, prepared_statements_enabled
from marketplace.models import AchievementPage
from tests.factories import make_achievement

pytestmark = pytest.mark.django_db


def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")


def _prepared_rows_queries() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall() if "marketplace_achievementpage" in row[0]]


def _titles(response) -> list[str]:
    return [page.title for page in response.context["achievements"]]


def _shown(response) -> tuple:
    """What the listing shows of its rows (the page also carries a fresh CSRF token and CSP nonce each time)."""
    return response.context["page_obj"].paginator.count, [str(card) for card in response.context["cards"]]


def test_nothing_changes_off_postgresql_or_with_the_setting_off(settings, institution_page):
    make_achievement(institution_page, title="石墨烯散热膜")
    make_achievement(institution_page, title="氟化物固态电解质")
    settings.DATABASE_PREPARED_STATEMENTS = False
    assert prepared_statements_enabled() is False
    with prepared_statements():
        assert AchievementPage.objects.listed().count() == 2
    if connection.vendor != "postgresql":
        settings.DATABASE_PREPARED_STATEMENTS = True
        assert prepared_statements_enabled() is False


@pytest.mark.postgres
def test_queries_inside_are_prepared_once_and_the_cursor_is_restored_after(institution_page):
    _needs_postgresql()
    make_achievement(institution_page, title="石墨烯散热膜")
    make_achievement(institution_page, title="氟化物固态电解质")
    raw = connection.connection
    factory, threshold = raw.cursor_factory, raw.prepare_threshold
    before = _prepared_rows_queries()
    for _ in range(3):
        with prepared_statements():
            titles = sorted(AchievementPage.objects.listed().values_list("title", flat=True))
        assert titles == ["氟化物固态电解质", "石墨烯散热膜"]
    assert len(_prepared_rows_queries()) == len(before) + 1  # prepared once, reused twice
    assert (raw.cursor_factory, raw.prepare_threshold) == (factory, threshold)
    list(AchievementPage.objects.listed().values_list("pk", flat=True))  # outside: client-side binding as before
    assert len(_prepared_rows_queries()) == len(before) + 1


@pytest.mark.postgres
def test_the_setting_off_prepares_nothing(settings, institution_page):
    _needs_postgresql()
    make_achievement(institution_page, title="石墨烯散热膜")
    settings.DATABASE_PREPARED_STATEMENTS = False
    before = _prepared_rows_queries()
    with prepared_statements():
        assert AchievementPage.objects.listed().count() == 1
    assert _prepared_rows_queries() == before


@pytest.mark.postgres
@pytest.mark.parametrize("url", ["/achievements/", "/achievements/?trl_min=6", "/achievements/?page=2"])
def test_the_listing_shows_the_same_with_its_rows_query_prepared_or_not(settings, client, institution_page, url):
    _needs_postgresql()
    for number in range(14):
        make_achievement(institution_page, title=f"成果{number:02d}", trl=4 + number % 5)
    settings.DATABASE_PREPARED_STATEMENTS = False
    plain = client.get(url)
    settings.DATABASE_PREPARED_STATEMENTS = True
    before = len(_prepared_rows_queries())
    prepared = [client.get(url) for _ in range(2)]
    assert len(_titles(plain)) > 1
    assert _titles(prepared[0]) == _titles(prepared[1]) == _titles(plain)
    assert _shown(prepared[0]) == _shown(prepared[1]) == _shown(plain)
    assert len(_prepared_rows_queries()) == before + 1


@pytest.mark.postgres
def test_the_query_log_shows_a_prepared_statement_with_its_values(institution_page):
    """CaptureQueriesContext and DEBUG read the statement's text from the cursor; psycopg keeps none for a prepared
    statement, so the cursor gives it, values included, as client-side binding would have sent it."""
    _needs_postgresql()
    from django.test.utils import CaptureQueriesContext

    make_achievement(institution_page, title="石墨烯散热膜", trl=7)
    make_achievement(institution_page, title="氟化物固态电解质", trl=4)
    for _ in range(2):  # prepared on the first run, executed by name on the second
        with CaptureQueriesContext(connection) as queries, prepared_statements():
            titles = list(
                AchievementPage.objects.filter(trl__gte=6, title__contains="散热").values_list("title", flat=True)
            )
        assert titles == ["石墨烯散热膜"]
        assert [q["sql"].count("散热") for q in queries.captured_queries] == [1]
        assert ">= 6" in queries.captured_queries[0]["sql"]


# --- CompiledQueries: a query compiled once per key, its rows read fresh ------------------------------------------


@pytest.fixture
def compilations(monkeypatch):
    """A fresh memory, and a count of the SQL compilations of achievement rows."""
    from django.db.models.sql.compiler import SQLCompiler

    from common.db import CompiledQueries

    compiled = []
    as_sql = SQLCompiler.as_sql

    def counting_as_sql(self, *args, **kwargs):
        if self.query.model is AchievementPage:
            compiled.append(self.query.low_mark)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting_as_sql)
    return CompiledQueries(max_entries=2), compiled


def _listing_rows():
    from marketplace.selectors import achievements_for_listing

    return achievements_for_listing(AchievementPage.objects.listed()).order_by("-first_published_at", "-pk")


def _shown_rows(pages) -> list[tuple]:
    return [
        (page.pk, page.title, page.technical_field.code, page.institution_organisation.name, page.card_modes_json)
        for page in pages
    ]


def test_rows_are_compiled_once_per_key_and_slice_and_read_fresh_each_time(compilations, institution_page):
    memory, compiled = compilations
    first = make_achievement(institution_page, title="石墨烯散热膜")
    make_achievement(institution_page, title="氟化物固态电解质")
    expected = _shown_rows(list(_listing_rows()[:2]))
    compiled.clear()
    rows = memory.rows(_listing_rows()[:2], ("all",))
    assert _shown_rows(rows) == expected  # same rows, relations and annotations
    assert compiled == [0]
    first.title = "石墨烯散热膜(第二版)"
    first.save_revision().publish()
    compiled.clear()
    again = memory.rows(_listing_rows()[:2], ("all",))
    assert compiled == []  # not compiled again
    assert {page.title for page in again} == {"石墨烯散热膜(第二版)", "氟化物固态电解质"}  # the rows are fresh
    assert [page.title for page in memory.rows(_listing_rows()[1:2], ("all",))] == [again[1].title]
    assert compiled == [1] and len(memory) == 2  # another slice is another compilation
    memory.rows(_listing_rows().filter(trl__gte=9)[:2], ("trl9",))
    assert len(memory) == 2  # the least recently used is forgotten past max_entries
    compiled.clear()
    memory.rows(_listing_rows()[:2], ("all",))
    assert compiled == [0]


def test_an_empty_queryset_or_a_values_query_is_read_the_usual_way(compilations, institution_page):
    memory, _ = compilations
    make_achievement(institution_page, title="石墨烯散热膜")
    assert memory.rows(_listing_rows().none()[:12], ("none",)) == []
    assert memory.rows(AchievementPage.objects.values_list("title", flat=True), ("titles",)) == ["石墨烯散热膜"]
    assert len(memory) == 0
