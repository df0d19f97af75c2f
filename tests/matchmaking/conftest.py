"""Event fixtures: a fair with a battery-materials enterprise, a fitting institute and an unrelated one, all approved."""

from types import SimpleNamespace

import pytest

from .factories import achievement_of, approve, enterprise_user, institution_user, make_event, need_of, sign_up


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fair(user_bureau_staff):
    """Two enterprises and two institutes, approved. Battery needs match the battery institute's achievements;
    the agricultural institute's rice breeding matches nothing."""
    return _build_fair(user_bureau_staff)


@pytest.fixture(scope="module")
def _fair_once(django_db_setup, django_db_blocker):
    """For modules whose every test uses the fair: bureau staff and the fair built once, in a transaction rolled back
    after the module (each test's writes roll back to a savepoint). Such a module replaces ``user_bureau_staff``
    and ``fair`` with ``shared_bureau_staff`` and ``shared_fair`` below, which hand each test fresh copies."""
    from django.db import transaction

    from accounts.models import User
    from tests.factories import UserFactory

    with django_db_blocker.unblock(), transaction.atomic():
        staff = UserFactory(username="bureau", role=User.Role.BUREAU_STAFF, is_staff=True)
        yield staff, _build_fair(staff)
        transaction.set_rollback(True)


def _fresh(value):
    """The same rows read again, through namespaces; anything else as it is."""
    from django.db import models

    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**{name: _fresh(item) for name, item in vars(value).items()})
    if isinstance(value, models.Model):
        return type(value).objects.get(pk=value.pk)
    return value


def shared_bureau_staff(_fair_once, db):
    return _fresh(_fair_once[0])


def shared_fair(_fair_once, db):
    return _fresh(_fair_once[1])


def _build_fair(user_bureau_staff):
    event = make_event()
    battery = enterprise_user("锂电新能源有限公司")
    cells = enterprise_user("储能电池科技有限公司")
    lab = institution_user("新能源材料研究所")
    farm = institution_user("农业科学研究院")
    battery_need = need_of(
        battery,
        title="高镍三元正极材料循环寿命提升",
        problem="高镍三元正极材料锂电池循环寿命不足,需要正极材料包覆改性技术提高循环寿命。",
    )
    cells_need = need_of(
        cells,
        title="锂电池正极材料包覆改性",
        problem="储能锂电池正极材料循环衰减快,需要包覆改性工艺提高循环寿命和稳定性。",
    )
    cathode = achievement_of(
        lab,
        title="高镍三元正极材料包覆改性技术",
        summary="通过纳米氧化物包覆改性高镍三元正极材料,锂电池循环寿命提高 40%,适合动力与储能电池。",
        keywords=["正极材料", "锂电池", "循环寿命", "包覆改性"],
    )
    rice = achievement_of(
        farm,
        title="水稻抗病育种技术",
        summary="分子标记辅助选育抗稻瘟病水稻新品种,田间抗性稳定。",
        keywords=["水稻", "育种"],
    )
    signups = SimpleNamespace(
        battery=approve(user_bureau_staff, sign_up(battery, event, needs=[battery_need])),
        cells=approve(user_bureau_staff, sign_up(cells, event, needs=[cells_need])),
        lab=approve(user_bureau_staff, sign_up(lab, event, achievements=[cathode])),
        farm=approve(user_bureau_staff, sign_up(farm, event, achievements=[rice])),
    )
    return SimpleNamespace(
        event=event,
        users=SimpleNamespace(battery=battery, cells=cells, lab=lab, farm=farm),
        signups=signups,
        needs=SimpleNamespace(battery=battery_need, cells=cells_need),
        achievements=SimpleNamespace(cathode=cathode, rice=rice),
    )
