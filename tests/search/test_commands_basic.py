"""Index commands in basic mode: clear refusals, and the outbox worker drains once."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.models import SearchOutbox
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("flag", ["--create", "--rebuild", "--check"])
def test_index_commands_refuse_without_an_engine(flag):
    with pytest.raises(CommandError, match="未配置 SEARCH_URL"):
        call_command("search_index", flag)


def test_index_command_needs_exactly_one_action():
    with pytest.raises(CommandError):
        call_command("search_index")


def test_outbox_worker_drains_pending_rows(enterprise_a, capsys):
    NeedFactory(enterprise=enterprise_a)
    assert SearchOutbox.objects.filter(processed_at__isnull=True).exists()
    call_command("search_outbox")
    assert not SearchOutbox.objects.filter(processed_at__isnull=True).exists()
    assert "已处理" in capsys.readouterr().out


def test_match_command_refuses_a_bad_limit():
    with pytest.raises(CommandError, match="--limit"):
        call_command("match", "--need", "x", "--limit", "0")
