"""Challenges as engine documents: the document kind this app registers with ``search.kinds`` in ``ready()``.

Only public challenges (published: open, under review, awarded, closed) get a document; a draft never does, so
``documents`` leaves drafts out and the outbox worker deletes whatever it left out. The text goes into the
listings' shared text fields (title; the English title as a second name; the problem; targets and the English
problem as description), so the same Chinese analysis, glossary expansion and text query find it.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from elasticsearch.dsl import Date, Float, Keyword

from search.documents import text_document
from search.extensions import ExtraResult
from search.kinds import DocumentKind

from .models import Challenge

KIND = "challenge"

FIELDS = {
    "title_en": Keyword(index=False),
    "status": Keyword(),
    "industry_chains": Keyword(),
    "industry_chain_codes": Keyword(),  # the node and its ancestors: a chain code finds its subtree
    "chain_name": Keyword(index=False),
    "chain_name_en": Keyword(index=False),
    "technical_field": Keyword(),
    "technical_field_name": Keyword(),
    "co_funders": Keyword(),  # the co-funding enterprises' names
    "reward_cny": Float(),
    "opens_at": Date(),
    "closes_at": Date(),
    "published_at": Date(),
}


def targets_text(challenge: Challenge) -> str:
    """The quantified targets as words (indicator, value and unit), as matching and the document read them."""
    return " ".join(f"{t.indicator} {t.value}{t.unit}" for t in challenge.targets.all())


def challenge_document(challenge: Challenge) -> dict:
    texts = text_document(
        title=challenge.title,
        keywords_text=challenge.title_en,
        summary=challenge.problem,
        description=f"{targets_text(challenge)} {challenge.problem_en}".strip(),
    )
    return {
        "kind": KIND,
        "object_id": challenge.pk,
        "url": reverse("challenges:challenge_detail", args=[challenge.pk]),
        **texts,
        "title_en": challenge.title_en,
        "status": challenge.status,
        "industry_chains": [challenge.node.code],
        "industry_chain_codes": challenge.node.ancestor_codes,
        "chain_name": challenge.node.name,
        "chain_name_en": challenge.node.name_en,
        "technical_field": challenge.technical_field.code,
        "technical_field_name": challenge.technical_field.name,
        "co_funders": sorted(org.name for org in challenge.co_funders.all()),
        "reward_cny": float(challenge.reward_cny),
        "opens_at": challenge.opens_at.isoformat(),
        "closes_at": challenge.closes_at.isoformat(),
        "published_at": challenge.published_at.isoformat() if challenge.published_at else None,
    }


def challenge_documents(ids: list[int]) -> dict[int, dict]:
    """Documents of the public challenges among ``ids`` (drafts and deleted ones are left out: deleted)."""
    challenges = (
        Challenge.objects.public()
        .filter(pk__in=ids)
        .select_related("node", "technical_field")
        .prefetch_related("targets", "co_funders")
    )
    return {challenge.pk: challenge_document(challenge) for challenge in challenges}


def public_titles() -> dict[int, str]:
    return dict(Challenge.objects.public().values_list("pk", "title"))


def hit_result(source: dict, snippet: str) -> ExtraResult:
    """An engine hit as a row of the search page's 悬赏揭榜 section (titles and names in the reader's language)."""
    english = (translation.get_language() or "").startswith("en")
    node = (source.get("chain_name_en") if english else "") or source.get("chain_name") or ""
    status = Challenge.Status(source["status"]).label if source.get("status") in Challenge.Status.values else ""
    return ExtraResult(
        title=(source.get("title_en") if english else "") or source["title"],
        url=source["url"],
        snippet=snippet,
        meta=f"{status} · {node}",
    )


def more_url(query: str) -> str:
    return reverse("challenges:challenge_list") + "?" + urlencode({"q": query})


def document_kind(*, after_indexed: Callable[[list[int]], None] | None = None) -> DocumentKind:
    """The kind to register; ``after_indexed`` is the alerts' hook (``alerts.after_indexed``), handed in by
    ``ready()`` because the alerts read this module (the kind's name, the targets' text), not the reverse."""
    return DocumentKind(
        name=KIND,
        alias_suffix="challenges",
        label=_("悬赏揭榜"),
        fields=FIELDS,
        documents=challenge_documents,
        public_titles=public_titles,
        result=hit_result,
        more_url=more_url,
        after_indexed=after_indexed,
    )
