"""The decline's lead rule: a recommended row must say at least MIN_LEAD distinctive words of the need more than
the typical one of the need's best candidates. A need nobody answers finds its topic words in every candidate
(none leads, none is recommended); an answer also says the need's problem (it leads, and several answers all
lead)."""

import pytest

from search.matching import facts
from search.matching.facts import MIN_LEAD, Match, decide, order, typical_evidence

TOPIC = (("香菇", 1.0), ("菌棒", 1.0))  # what every mushroom listing says
PROBLEM = (("搬运", 1.0), ("上架", 1.0))  # what only an answer to "carry the logs onto the racks" says


def _row(n, found, score):
    return Match(
        object_id=n,
        external_id=f"ach-{n}",
        title=f"listing {n}",
        url="",
        score=score,
        found_terms=tuple(found),
    )


def _pool(answers: int):
    """Ten candidates that all say the need's topic; the first ``answers`` of them say its problem too."""
    return [_row(n, TOPIC + (PROBLEM if n < answers else ()), 90.0 - n) for n in range(10)]


def test_a_need_whose_candidates_all_share_only_its_topic_gets_no_recommended_row():
    rows = _pool(answers=0)
    decide(rows)
    # Each row covers the whole vocabulary the pool knows (100 %) with two distinctive words: the share and the
    # minimum evidence would recommend all ten; none says more than the typical candidate.
    assert all(m.coverage == 1.0 for m in rows)
    assert [m.lead for m in rows] == [0.0] * 10
    assert sum(m.recommended for m in rows) == 0


def test_without_the_lead_rule_the_same_list_would_recommend_every_row(settings):
    settings.SEARCH_MIN_LEAD = float("-inf")
    rows = _pool(answers=0)
    decide(rows)
    assert sum(m.recommended for m in rows) == 10


@pytest.mark.parametrize("answers", [2, 3])
def test_every_answer_that_says_the_problem_is_recommended(answers):
    rows = _pool(answers)
    listed = order(rows, 10, mode=facts.DATABASE_MODE)
    assert [m.external_id for m in listed if m.recommended] == [f"ach-{n}" for n in range(answers)]
    assert all(m.lead >= MIN_LEAD for m in listed[:answers])


def test_empty_places_in_a_short_list_count_as_saying_nothing():
    # Three candidates, one of them an answer: the typical one of the ten best places says nothing, so each row
    # leads by all it says (a short list falls back on the share and the minimum evidence).
    rows = [_row(0, TOPIC + PROBLEM, 90.0), _row(1, TOPIC[:1], 80.0), _row(2, TOPIC[:1], 70.0)]
    assert typical_evidence(rows) == 0.0
    decide(rows)
    assert [m.lead for m in rows] == [4.0, 1.0, 1.0]
    # Only the answer covers the share (the pool knows four words; the others say one of them).
    assert [m.recommended for m in rows] == [True, False, False]


def test_a_listing_in_another_language_is_compared_on_the_words_it_could_show():
    # An English listing can show only 菌棒 (through the glossary, say) and 搬运; its Chinese neighbours say the
    # topic. Compared on what it could show, it leads by one word; on everything, it would not.
    english = _row(0, (("菌棒", 1.0), ("搬运", 1.0)), 90.0)
    english.reachable = frozenset({"菌棒", "搬运"})
    rows = [english] + [_row(n, TOPIC, 80.0 - n) for n in range(1, 10)]
    decide(rows)
    assert rows[0].lead == 1.0 and rows[0].recommended
    assert not any(m.recommended for m in rows[1:])
