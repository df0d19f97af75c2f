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
    def put_mapping(self, name: str, body: dict) -> None: ...
    def index_exists(self, name: str) -> bool: ...
    def indices_for_alias(self, alias: str) -> list[str]: ...
    def swap_alias(self, alias: str, new_index: str, old_indices: Iterable[str]) -> None: ...
    def swap_aliases(self, swaps: dict[str, tuple[str, Iterable[str]]]) -> None: ...
    def list_indices(self, pattern: str) -> list[str]: ...
    def bulk(self, actions: list[dict], *, refresh: bool = False) -> list[dict]: ...
    def bulk_raw(self, body: bytes, *, filter_path: str | None = None, timeout: float | None = None) -> dict: ...
    def search(self, index: str, body: dict) -> dict: ...
    def msearch(self, searches: list[tuple]) -> list[dict]: ...
    def count(self, index: str, body: dict | None = None) -> int: ...
    def refresh(self, index: str) -> None: ...
    def merge_in_background(self, index: str, *, max_num_segments: int = 1) -> None: ...
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
    def put_mapping(self, name: str, body: dict) -> None:
        """Add fields to the mapping of an index (or of the indices behind an alias); a field already mapped the
        same way is left as it is."""
        self.client.indices.put_mapping(index=name, body=body)

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
    def swap_aliases(self, swaps: dict[str, tuple[str, Iterable[str]]]) -> None:
        """Several aliases moved in one atomic request: alias → (new index, old indices)."""
        actions = []
        for alias, (new_index, old_indices) in swaps.items():
            actions += [{"remove": {"index": old, "alias": alias}} for old in old_indices if old != new_index]
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
    def bulk_raw(self, body: bytes, *, filter_path: str | None = None, timeout: float | None = None) -> dict:
        """Send an NDJSON bulk body serialised by the caller; the response trimmed to ``filter_path``; ``timeout``
        (seconds) replaces the client's read timeout for this request."""
        return dict(self._bulk(body, False, filter_path=filter_path, timeout=timeout))

    @_wrap
    def search(self, index: str, body: dict) -> dict:
        return dict(self.client.search(index=index, body=body))

    @_wrap
    def msearch(self, searches: list[tuple]) -> list[dict]:
        """Several searches in one round trip; a failed one raises like a failed search. Each is
        ``(index, body)`` or ``(index, body, header)`` with extra header options (e.g. ``search_type``)."""
        lines: list[dict] = []
        for index, body, *header in searches:
            lines += [{"index": index, **(header[0] if header else {})}, body]
        responses = list(self.client.msearch(body=lines)["responses"])
        for response in responses:
            if "error" in response:
                raise EngineUnavailable(str(response["error"]))
        return responses

    @_wrap
    def merge_in_background(self, index: str, *, max_num_segments: int = 1) -> None:
        """Start a force merge and return at once: the engine merges on its own merge thread while the index
        keeps answering (search.services.index_rebuild)."""
        self.client.indices.forcemerge(index=index, max_num_segments=max_num_segments, wait_for_completion=False)

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

        # The Elasticsearch transport takes one total timeout per request (connect + read).
        kwargs: dict[str, Any] = {
            "request_timeout": options["timeout"],
            "verify_certs": options["verify_certs"],
            "max_retries": options["max_retries"],
        }
        if options.get("api_key"):
            kwargs["api_key"] = options["api_key"]
        elif options.get("username"):
            kwargs["basic_auth"] = (options["username"], options["password"])
        if options.get("ca_certs"):
            kwargs["ca_certs"] = options["ca_certs"]
        self.client = Elasticsearch(hosts(url), **kwargs)

    def _bulk(self, lines, refresh, filter_path=None, timeout=None):
        client = self.client.options(request_timeout=timeout) if timeout else self.client
        return client.bulk(operations=lines, refresh="true" if refresh else "false", filter_path=filter_path)


class OpenSearchEngine(_ClientEngine):
    def __init__(self, url: str, **options):
        import urllib3
        from opensearchpy import OpenSearch

        kwargs: dict[str, Any] = {
            # Separate connect and read limits: an unreachable host fails in the connect timeout.
            "timeout": urllib3.Timeout(connect=options["connect_timeout"], read=options["timeout"]),
            "verify_certs": options["verify_certs"],
            "max_retries": options["max_retries"],
            # Keep a connection per concurrent caller (a rebuild's bulk senders, web threads) instead of one.
            "pool_maxsize": 8,
        }
        if options.get("api_key"):
            kwargs["headers"] = {"Authorization": f"ApiKey {options['api_key']}"}
        elif options.get("username"):
            kwargs["http_auth"] = (options["username"], options["password"])
        if options.get("ca_certs"):
            kwargs["ca_certs"] = options["ca_certs"]
        if not options["verify_certs"]:
            kwargs["ssl_show_warn"] = False
        self.client = OpenSearch(hosts(url), **kwargs)

    def _bulk(self, lines, refresh, filter_path=None, timeout=None):
        extra = {"request_timeout": timeout} if timeout else {}
        return self.client.bulk(body=lines, refresh="true" if refresh else "false", filter_path=filter_path, **extra)


def hosts(url: str) -> list[str]:
    """SEARCH_URL may list every node of a cluster, comma-separated: the client fails over between them."""
    return [part.strip() for part in url.split(",") if part.strip()]


ENGINES = {"elasticsearch": ElasticsearchEngine, "opensearch": OpenSearchEngine}


def engine_enabled() -> bool:
    return bool(settings.SEARCH_URL)


@lru_cache(maxsize=8)
def _build(
    kind: str,
    url: str,
    username: str,
    password: str,
    api_key: str,
    ca_certs: str,
    verify: bool,
    timeout: float,
    connect_timeout: float | None = None,
    max_retries: int = 3,
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
        connect_timeout=connect_timeout if connect_timeout is not None else timeout,
        max_retries=max_retries,
    )


def get_engine(*, background: bool = False) -> Engine:
    """The configured engine (cached per settings, so tests that override SEARCH_URL get a fresh client).

    The default is for the request path: short connect/read timeouts, behind the circuit breaker, so a hung
    engine costs a page at most one short timeout and then nothing while it is open. Retries only move a request
    to another node of a cluster (one per other node listed in SEARCH_URL; none on a single node): a stopped node
    refuses at once, and the clients never retry a read timeout, so a lost node does not send pages to basic mode.
    ``background=True`` is for the outbox worker and the index commands: the long timeout
    (``SEARCH_TIMEOUT_SECONDS``) for bulk writes, retries, and no breaker (they have their own backoff).
    """
    if not settings.SEARCH_URL:
        raise EngineUnavailable("SEARCH_URL is empty: search runs in basic (database) mode")
    common = (
        settings.SEARCH_ENGINE,
        settings.SEARCH_URL,
        settings.SEARCH_USERNAME,
        settings.SEARCH_PASSWORD,
        settings.SEARCH_API_KEY,
        settings.SEARCH_CA_CERTS,
        settings.SEARCH_VERIFY_CERTS,
    )
    if background:
        return _build(*common, settings.SEARCH_TIMEOUT_SECONDS, settings.SEARCH_CONNECT_TIMEOUT_SECONDS, 3)
    failover = len(hosts(settings.SEARCH_URL)) - 1
    engine = _build(*common, settings.SEARCH_READ_TIMEOUT_SECONDS, settings.SEARCH_CONNECT_TIMEOUT_SECONDS, failover)
    return BreakerEngine(engine)


# --- Circuit breaker -------------------------------------------------------------------------------
# State lives in the cache (shared by every web process on the database/Redis cache): consecutive
# failures, and the time until which the breaker stays open. While open, calls fail at once with
# EngineUnavailable and callers fall back to the database. After the cool-down one request probes the
# engine (half-open): success closes the breaker, failure opens it again.

BREAKER_FAILURES_KEY = "search:breaker:failures"
BREAKER_OPEN_UNTIL_KEY = "search:breaker:open-until"
BREAKER_PROBE_KEY = "search:breaker:probe"


def breaker_is_open() -> bool:
    import time

    from django.core.cache import cache

    return (cache.get(BREAKER_OPEN_UNTIL_KEY) or 0) > time.time()


def breaker_reset() -> None:
    from django.core.cache import cache

    cache.delete_many([BREAKER_FAILURES_KEY, BREAKER_OPEN_UNTIL_KEY, BREAKER_PROBE_KEY])


def _health_failure(exc: EngineUnavailable) -> bool:
    """Whether an error says the engine is unhealthy (unreachable, timed out, 5xx), not that a request was
    bad (4xx: a query or mapping error, a missing index), which must not trip the breaker."""
    cause = exc.__cause__
    if cause is None:
        return False
    status = getattr(cause, "status_code", None)
    if status is None:
        status = getattr(getattr(cause, "meta", None), "status", None)
    return not (isinstance(status, int) and status < 500)


def _breaker_failed() -> None:
    import time

    from django.core.cache import cache

    cooldown = settings.SEARCH_BREAKER_COOLDOWN_SECONDS
    cache.add(BREAKER_FAILURES_KEY, 0, timeout=cooldown * 10)
    try:
        failures = cache.incr(BREAKER_FAILURES_KEY)
    except ValueError:  # expired between add and incr
        failures = 1
        cache.set(BREAKER_FAILURES_KEY, 1, timeout=cooldown * 10)
    if failures >= settings.SEARCH_BREAKER_FAILURES:
        cache.set(BREAKER_OPEN_UNTIL_KEY, time.time() + cooldown, timeout=cooldown * 10)
        cache.delete(BREAKER_PROBE_KEY)
        logger.warning("search engine circuit breaker open for %ss after %s failures", cooldown, failures)


class BreakerEngine:
    """The request-path engine: every call goes through the circuit breaker."""

    def __init__(self, engine: Engine):
        self._engine = engine

    @property
    def client(self):
        return self._engine.client

    @property
    def unguarded(self) -> Engine:
        """The engine without the breaker, for best-effort reads that must neither count as a failure nor take
        a half-open breaker's probe (search.matching.engine.note_index_size)."""
        return self._engine

    def __getattr__(self, name: str):
        method = getattr(self._engine, name)
        if not callable(method):
            return method

        def guarded(*args, **kwargs):
            import time

            from django.core.cache import cache

            state = cache.get_many([BREAKER_FAILURES_KEY, BREAKER_OPEN_UNTIL_KEY])
            failures = state.get(BREAKER_FAILURES_KEY) or 0
            if (state.get(BREAKER_OPEN_UNTIL_KEY) or 0) > time.time():
                raise EngineUnavailable("circuit breaker open: the engine failed recently")
            if failures >= settings.SEARCH_BREAKER_FAILURES and not cache.add(
                BREAKER_PROBE_KEY, 1, timeout=settings.SEARCH_BREAKER_COOLDOWN_SECONDS
            ):
                # Half-open and another request is already probing: do not pile onto a sick engine.
                raise EngineUnavailable("circuit breaker half-open: another request is probing the engine")
            try:
                result = method(*args, **kwargs)
            except EngineUnavailable as exc:
                if _health_failure(exc):
                    _breaker_failed()
                raise
            if failures:
                breaker_reset()
            return result

        return guarded
