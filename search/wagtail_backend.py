"""Wagtail's database search backend, taught to segment Chinese with jieba.

SQLite FTS5 and PostgreSQL's 'simple' configuration treat a run of Chinese characters as one word, so
图像识别 inside 基于深度学习的图像识别技术 is never found. This backend wraps whichever database backend
Wagtail would pick and inserts spaces between jieba words at index time (search mode, so both 图像识别 and
图像/识别 are indexed) and at query time (precise mode). Set WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
to "search.wagtail_backend"; run ``manage.py update_index`` once after switching.
"""

from __future__ import annotations

import types
from functools import cache

from modelsearch.backends.database import SearchBackend as database_backend

from .text import segment_everything


def _segment_value(prepare_value):
    def prepare(self, value):
        prepared = prepare_value(self, value)
        return segment_everything(prepared) if isinstance(prepared, str) else prepared

    return prepare


def _rebind(func, **replacements):
    """A copy of ``func`` whose module globals have some names replaced.

    The vendor indexes build their ObjectIndexer by module-global name inside ``add_items``; rebinding that
    one name is far smaller (and survives upgrades better) than copying add_items for each database.
    """
    namespace = dict(func.__globals__)
    namespace.update(replacements)
    return types.FunctionType(func.__code__, namespace, func.__name__, func.__defaults__, func.__closure__)


@cache
def _jieba_backend_class(base_class):
    base_index = base_class.index_class
    module_globals = base_index.add_items.__globals__
    vendor_indexer = module_globals["ObjectIndexer"]
    indexer = type(
        "JiebaObjectIndexer", (vendor_indexer,), {"prepare_value": _segment_value(vendor_indexer.prepare_value)}
    )
    index_class = type(
        f"Jieba{base_index.__name__}",
        (base_index,),
        {"add_items": _rebind(base_index.add_items, ObjectIndexer=indexer)},
    )

    def search(self, query, model_or_queryset, *args, **kwargs):
        if isinstance(query, str):
            query = segment_everything(query, for_query=True)
        return base_class.search(self, query, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        if isinstance(query, str):
            query = segment_everything(query, for_query=True)
        return base_class.autocomplete(self, query, model_or_queryset, *args, **kwargs)

    return type(
        f"Jieba{base_class.__name__}",
        (base_class,),
        {"index_class": index_class, "search": search, "autocomplete": autocomplete},
    )


def SearchBackend(params):
    vendor = database_backend(params)
    return _jieba_backend_class(type(vendor))(params)
