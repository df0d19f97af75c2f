"""Result snippets are cut between words (jieba's words for Chinese, whole words for English), in both modes."""

import re

import pytest

from search import searching

pytestmark = pytest.mark.django_db


def _plain(snippet: str) -> str:
    return re.sub(r"</?mark>", "", snippet).strip("…")


def test_a_chinese_snippet_never_starts_inside_a_number_or_word():
    middle = "毫米的连续生产线已经稳定运行了三年多"  # with "00" in front: 20 characters before the term
    text = "聚酰亚胺薄膜宽幅达到1200" + middle + "厚度均匀性优于百分之三。" + "适用于柔性电路板。" * 20
    assert len("00" + middle) == 20  # the old cut (20 characters before the term) fell between "12" and "00"
    snippet = searching._snippet(text, ["厚度"])
    plain = _plain(snippet)
    assert not plain.startswith("00")
    assert plain.startswith("1200") or "1200" in plain
    assert "<mark>厚度</mark>" in snippet
    assert snippet.endswith("…") and len(plain) <= 140


def test_an_english_snippet_starts_and_ends_on_whole_words():
    words = [
        "graphene",
        "coating",
        "process",
        "for",
        "aluminium",
        "heat",
        "sinks",
        "improves",
        "thermal",
        "conductivity",
    ]
    text = " ".join(words * 6)
    snippet = searching._snippet(text, ["conductivity"])
    plain = _plain(snippet)
    first, last = plain.split()[0], plain.split()[-1]
    assert first in words and last in words
    assert snippet.startswith("…") and snippet.endswith("…")


def test_the_engines_fragment_is_recut_on_word_boundaries(monkeypatch):
    """The engine cuts its highlight by characters ("00 mm 幅宽…"); the hit shows the same field re-cut on words."""
    summary = "高精度涂布设备," + "用于锂电池隔膜," * 3 + "幅宽1200 mm 幅宽稳定,涂层厚度偏差小于一微米。"

    class FakeEngine:
        def search(self, index, body):
            return {
                "hits": {
                    "total": {"value": 1},
                    "hits": [
                        {
                            "_score": 3.2,
                            "_source": {"kind": "achievement", "object_id": 7, "title": "涂布设备", "summary": summary},
                            "highlight": {"summary": ["00 mm 幅宽稳定,涂层<mark>厚度</mark>偏差小于一微米。"]},
                        }
                    ],
                },
                "aggregations": {},
            }

    monkeypatch.setattr(searching, "get_engine", lambda: FakeEngine())
    results = searching._engine_search(searching.SearchParams(q="厚度"))
    snippet = results.hits[0].snippet
    assert "<mark>厚度</mark>" in snippet
    assert not _plain(snippet).startswith("00")
    assert "1200 mm" in snippet
