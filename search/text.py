"""Chinese text analysis shared by the engine documents, engine queries, the database matcher and admin search.

jieba segments in Python because no Chinese segmentation plugin can be installed in the engine here; doing it
in one place means index time and query time (and both matchers) always cut text the same way.
"""

from __future__ import annotations

import html
import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

import jieba

_lock = threading.Lock()
_ready = False

# Words that carry no meaning for matching (particles, filler of listings). Kept short on purpose:
# BM25's IDF already discounts what is common; this only removes what jieba emits as words on its own.
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "等",
        "在",
        "对",
        "为",
        "以",
        "于",
        "其",
        "是",
        "将",
        "从",
        "中",
        "由",
        "并",
        "可",
        "能",
        "该",
        "此",
        "用",
        "及其",
        "以及",
        "一种",
        "一个",
        "一项",
        "通过",
        "基于",
        "采用",
        "进行",
        "具有",
        "实现",
        "相关",
        "技术",
        "方法",
        "研究",
        "应用",
        "开发",
        "提供",
        "需要",
        "需求",
        "问题",
        "我们",
        "公司",
        "企业",
        "目前",
        "现有",
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "for",
        "to",
        "in",
        "on",
        "with",
        "by",
    ]
)
_TOKEN = re.compile(r"[\w\u4e00-\u9fff.+#%-]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def has_han(text: str) -> bool:
    """Whether the text holds a Chinese (Han) character."""
    return _HAN.search(text) is not None


_TAGS = re.compile(r"<[^>]+>")


def _initialise() -> None:
    """Load jieba's dictionary once, plus our domain words (taxonomy names and a curated list)."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        jieba.load_userdict(str(Path(__file__).with_name("dictionary.txt")))
        from taxonomy import data

        for word in _taxonomy_words(data):
            jieba.add_word(word, freq=20)
        _ready = True


def _taxonomy_words(data) -> list[str]:
    words: list[str] = []

    def walk(nodes):
        for node in nodes:
            name = node[1]
            words.extend(part for part in re.split(r"[()()与和及、,,\s]+", name) if 2 <= len(part) <= 8)
            if len(node) > 3:
                walk(node[3])

    walk(data.INDUSTRY_CHAINS)
    return words


def plain_text(value: str) -> str:
    """Rich text (Wagtail HTML) to plain text for indexing."""
    return html.unescape(_TAGS.sub(" ", value or "")).strip()


def _clean(tokens) -> list[str]:
    out = []
    for raw in tokens:
        token = raw.strip().lower()
        if not token or not _TOKEN.fullmatch(token) or token in STOPWORDS:
            continue
        # A lone Chinese character is too ambiguous to be a word term; the bigram and unigram fields cover it.
        if len(token) == 1 and _HAN.match(token):
            continue
        out.append(token.strip(".-"))
    return [t for t in out if t]


def index_terms(text: str) -> list[str]:
    """Words for the index side: search mode also emits the parts of long words (图像识别 → 图像, 识别, 图像识别)."""
    _initialise()
    return _clean(jieba.cut_for_search(plain_text(text)))


@lru_cache(maxsize=4096)
def query_terms(text: str) -> tuple[str, ...]:
    """Words for the query side: precise mode, so a query word matches the same word in the index."""
    _initialise()
    seen: dict[str, None] = {}
    for term in _clean(jieba.cut(text or "")):
        seen.setdefault(term, None)
    return tuple(seen)


def segment(text: str) -> str:
    """Index-side words joined by spaces, for a whitespace-analysed field or a database full-text column."""
    return " ".join(index_terms(text))


def segment_query(text: str) -> str:
    return " ".join(query_terms(text))


_PUNCT = re.compile(r"^[\W_]+$")


def segment_everything(text: str, *, for_query: bool = False) -> str:
    """Words joined by spaces with nothing dropped but punctuation (for Wagtail's admin search, where an
    editor searching 技术 or a one-character title must still find it)."""
    _initialise()
    cut = jieba.cut(text or "") if for_query else jieba.cut_for_search(text or "")
    return " ".join(token.strip() for token in cut if token.strip() and not _PUNCT.match(token.strip()))
