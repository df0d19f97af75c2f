"""Parsing targets and indicator values for the reasons that compare numbers."""

from search.matching.indicators import compare, parse_target, value_bounds


def test_targets_need_an_explicit_direction():
    assert parse_target("盐雾", "≥ 3000", "h").op == ">="
    assert parse_target("铁溶出量", "不超过 20", "ppm").op == "<="
    assert parse_target("使用温度", "300", "℃") is None
    assert parse_target("能耗", "降低 20", "%") is None


def test_values_give_what_they_guarantee():
    assert value_bounds("50–55") == (50.0, 55.0)
    assert value_bounds("≥ 8") == (8.0, None)
    assert value_bounds("< 20") == (None, 20.0)
    assert value_bounds("下降 8") is None


def test_compare_pairs_same_units_and_related_names():
    need = [("导热系数", "≥ 1500", "W/(m·K)"), ("漏检率", "≤ 0.5", "%"), ("寿命", "≥ 80", "min")]
    achievement = [("面内导热系数", "1600", "W/mK"), ("漏检率", "0.8", "%"), ("合格率", "99", "%")]
    results = {c.target.name: c.meets for c in compare(need, achievement)}
    assert results == {"导热系数": True, "漏检率": False}


def test_each_indicator_answers_the_target_it_names_and_only_that_one():
    """An achievement's 过检率 answers the need's 过检率; it does not also stand in for the need's 漏检率 (the names share
    检率 but the two are opposite errors), so no "未达标" is said of a figure the achievement never gave."""
    need = [("漏检率", "≤ 0.5", "%"), ("过检率", "≤ 3", "%"), ("检测节拍", "≤ 5", "s/件")]
    achievement = [("过检率", "< 2", "%"), ("检测节拍", "3", "s/件")]
    pairs = {c.target.name: (c.achievement_name, c.meets) for c in compare(need, achievement)}
    assert pairs == {"过检率": ("过检率", True), "检测节拍": ("检测节拍", True)}
