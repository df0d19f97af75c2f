"""The engine seam: one small interface, two clients (Elasticsearch 8 and OpenSearch 2).

Everything above this module builds request bodies with elasticsearch-dsl (``Search.to_dict()``,
``Index.to_dict()``) and hands them here, so the rest of the app never knows which product answers.
Two clients are unavoidable: the Elasticsearch client refuses servers that do not send Elastic's
product header, which OpenSearch does not.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol

from django.conf import settings

logger = logging.getLogger(__name__)


class EngineUnavailable(Exception):
    """The engine could not be reached or refused the request; callers keep working without it."""


class Engine(Protocol):
    def create_index(self, name: str, body: dict) -> None: ...
    def delete_index(self, name: str) -> None: ...
    def update_settings(self, name: str, body: dict) -> None: ...
    def index_exists(self, name: str) -> bool: ...
    def indices_for_alias(self, alias: str) -> list[str]: ...
    def swap_alias(self, alias: str, new_index: str, old_indices: Iterable[str]) -> None: ...
    def list_indices(self, pattern: str) -> list[str]: ...
    def bulk(self, actions: list[dict], *, refresh: bool = False) -> list[dict]: ...
    def search(self, index: str, body: dict) -> dict: ...
    def msearch(self, searches: list[tuple[str, dict]]) -> list[dict]: ...
    def count(self, index: str, body: dict | None = None) -> int: ...
    def refresh(self, index: str) -> None: ...
    def percolate(self, index: str, document: dict, *, size: int = 1000) -> list[dict]: ...
    def health(self) -> dict: ...
    def node_stats(self) -> dict: ...


def _wrap(fn):
    """Turn every transport or API failure into EngineUnavailable, with the cause kept for the log."""

    def inner(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except EngineUnavailable:
            raise
        except Exception as exc:
            raise EngineUnavailable(f"{type(exc).__name__}: {exc}") from exc

    inner.__name__ = fn.__name__
    inner.__doc__ = fn.__doc__
    return inner


class _ClientEngine:
    """Shared implementation: both clients expose the same low-level API for what we use."""

    client: Any

    @_wrap
    def create_index(self, name: str, body: dict) -> None:
        self.client.indices.create(index=name, body=body)

    @_wrap
    def delete_index(self, name: str) -> None:
        self.client.indices.delete(index=name, ignore_unavailable=True)

    @_wrap
    def update_settings(self, name: str, body: dict) -> None:
        self.client.indices.put_settings(index=name, body=body)

    @_wrap
    def index_exists(self, name: str) -> bool:
        return bool(self.client.indices.exists(index=name))

    @_wrap
    def indices_for_alias(self, alias: str) -> list[str]:
        if not self.client.indices.exists_alias(name=alias):
            return []
        return sorted(self.client.indices.get_alias(name=alias).keys())

    @_wrap
    def list_indices(self, pattern: str) -> list[str]:
        return sorted(self.client.indices.get(index=pattern, expand_wildcards="open").keys())

    @_wrap
    def swap_alias(self, alias: str, new_index: str, old_indices: Iterable[str]) -> None:
        actions = [{"remove": {"index": old, "alias": alias}} for old in old_indices if old != new_index]
        actions.append({"add": {"index": new_index, "alias": alias}})
        self.client.indices.update_aliases(body={"actions": actions})

    @_wrap
    def bulk(self, actions: list[dict], *, refresh: bool = False) -> list[dict]:
        """Send bulk actions; returns the per-item results (callers decide what a conflict means)."""
        if not actions:
            return []
        lines: list[dict] = []
        for action in actions:
            op = action["_op_type"]
            meta = {"_index": action["_index"], "_id": action["_id"]}
            if "version" in action:
                meta["version"] = action["version"]
                meta["version_type"] = "external_gte" if action.get("version_gte") else "external"
            lines.append({op: meta})
            if op == "index":
                lines.append(action["_source"])
        response = self._bulk(lines, refresh)
        return [next(iter(item.values())) for item in response.get("items", [])]

    @_wrap
    def search(self, index: str, body: dict) -> dict:
        return dict(self.client.search(index=index, body=body))

    @_wrap
    def msearch(self, searches: list[tuple[str, dict]]) -> list[dict]:
        """Several searches in one round trip; a failed one raises like a failed search."""
        lines: list[dict] = []
        for index, body in searches:
            lines += [{"index": index}, body]
        responses = list(self.client.msearch(body=lines)["responses"])
        for response in responses:
            if "error" in response:
                raise EngineUnavailable(str(response["error"]))
        return responses

    @_wrap
    def count(self, index: str, body: dict | None = None) -> int:
        return int(self.client.count(index=index, body=body or {"query": {"match_all": {}}})["count"])

    @_wrap
    def refresh(self, index: str) -> None:
        self.client.indices.refresh(index=index)

    @_wrap
    def percolate(self, index: str, document: dict, *, size: int = 1000) -> list[dict]:
        body = {"size": size, "_source": False, "query": {"percolate": {"field": "query", "document": document}}}
        return list(self.client.search(index=index, body=body)["hits"]["hits"])

    @_wrap
    def health(self) -> dict:
        return dict(self.client.cluster.health())

    @_wrap
    def node_stats(self) -> dict:
        return dict(self.client.nodes.stats(metric="jvm,process,indices"))


class ElasticsearchEngine(_ClientEngine):
    def __init__(self, url: str, **options):
        from elasticsearch import Elasticsearch

        kwargs: dict[str, Any] = {"request_timeout": options["timeout"], "verify_certs": options["verify_certs"]}
        if options.get("api_key"):
            kwargs["api_key"] = options["api_key"]
        elif options.get("username"):
            kwargs["basic_auth"] = (options["username"], options["password"])
        if options.get("ca_certs"):
            kwargs["ca_certs"] = options["ca_certs"]
        self.client = Elasticsearch(hosts(url), **kwargs)

    def _bulk(self, lines, refresh):
        return self.client.bulk(operations=lines, refresh="true" if refresh else "false")


class OpenSearchEngine(_ClientEngine):
    def __init__(self, url: str, **options):
        from opensearchpy import OpenSearch

        kwargs: dict[str, Any] = {"timeout": options["timeout"], "verify_certs": options["verify_certs"]}
        if options.get("api_key"):
            kwargs["headers"] = {"Authorization": f"ApiKey {options['api_key']}"}
        elif options.get("username"):
            kwargs["http_auth"] = (options["username"], options["password"])
        if options.get("ca_certs"):
            kwargs["ca_certs"] = options["ca_certs"]
        if not options["verify_certs"]:
            kwargs["ssl_show_warn"] = False
        self.client = OpenSearch(hosts(url), **kwargs)

    def _bulk(self, lines, refresh):
        return self.client.bulk(body=lines, refresh="true" if refresh else "false")


def hosts(url: str) -> list[str]:
    """SEARCH_URL may list every node of a cluster, comma-separated: the client fails over between them."""
    return [part.strip() for part in url.split(",") if part.strip()]


ENGINES = {"elasticsearch": ElasticsearchEngine, "opensearch": OpenSearchEngine}


def engine_enabled() -> bool:
    return bool(settings.SEARCH_URL)


@lru_cache(maxsize=4)
def _build(
    kind: str, url: str, username: str, password: str, api_key: str, ca_certs: str, verify: bool, timeout: float
):
    if kind not in ENGINES:
        raise EngineUnavailable(f"SEARCH_ENGINE must be one of {sorted(ENGINES)}, not {kind!r}")
    return ENGINES[kind](
        url,
        username=username,
        password=password,
        api_key=api_key,
        ca_certs=ca_certs,
        verify_certs=verify,
        timeout=timeout,
    )


def get_engine() -> Engine:
    """The configured engine (cached per settings, so tests that override SEARCH_URL get a fresh client)."""
    if not settings.SEARCH_URL:
        raise EngineUnavailable("SEARCH_URL is empty: search runs in basic (database) mode")
    return _build(
        settings.SEARCH_ENGINE,
        settings.SEARCH_URL,
        settings.SEARCH_USERNAME,
        settings.SEARCH_PASSWORD,
        settings.SEARCH_API_KEY,
        settings.SEARCH_CA_CERTS,
        settings.SEARCH_VERIFY_CERTS,
        settings.SEARCH_TIMEOUT_SECONDS,
    )
