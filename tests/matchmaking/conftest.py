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
