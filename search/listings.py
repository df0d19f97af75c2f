"""Listings as search reads them: marketplace's matching shape loaded with flat queries, and each listing's text
segmented once and stored (ListingTerms) for the index rebuild, the outbox worker and basic mode.

This module sits below sync, services and matching (it imports none of them), so they share it without cycles.
"""

from __future__ import annotations

import hashlib
import json
import re

from django.db import transaction

from .documents import ACHIEVEMENT, listing_texts, mention_record, text_inputs
from .models import ListingTerms
from .profiles import STORED_MENTIONS, profile_from_shape

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def bigrams(text: str) -> list[str]:
    return [run[i : i + 2] for run in _HAN_RUN.findall(text or "") for i in range(len(run) - 1)]


def model(kind: str):
    from marketplace.models import AchievementPage, TechnologyNeed

    return AchievementPage if kind == ACHIEVEMENT else TechnologyNeed


def listed(kind: str, *, include_private: bool = True):
    """What matching may propose: listed achievements, open needs (bureau-only ones only when asked)."""
    from marketplace.models import TechnologyNeed

    if kind == ACHIEVEMENT:
        return model(kind).objects.listed()
    needs = TechnologyNeed.objects.open_for_matching()
    return needs if include_private else needs.filter(visibility=TechnologyNeed.Visibility.PUBLIC)


def shapes(kind: str, ids=None, *, queryset=None) -> dict:
    """pk → ListingShape for these ids (or this queryset), read with flat queries (marketplace.selectors)."""
    from marketplace.selectors import matching_shapes

    queryset = queryset if queryset is not None else model(kind).objects.all()
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return matching_shapes(queryset)


def glossary_stamp() -> str:
    """Which glossary the stored expansions were computed with (active terms and their latest change)."""
    from django.db.models import Count, Max

    from taxonomy.models import GlossaryTerm

    row = GlossaryTerm.objects.filter(is_active=True).aggregate(n=Count("id"), latest=Max("updated_at"))
    return f"{row['n']}@{row['latest'].isoformat() if row['latest'] else ''}"


def source_hash(shape, stamp: str) -> str:
    """A digest of everything a listing's stored text is computed from: its raw text fields and the glossary."""
    raw = json.dumps([text_inputs(shape), stamp], ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()


def terms_row(shape, texts: dict, digest: str) -> ListingTerms:
    """The stored row of a listing: the document's text fields, and basic mode's full-text columns derived from
    the same words (jieba cuts at spaces, so the per-field words are the words of the joined text); its texts
    keep the glossary concepts the listing's text mentions too (``STORED_MENTIONS``, for match reasons)."""
    texts = {key: value for key, value in texts.items() if key != STORED_MENTIONS}
    profile = profile_from_shape(shape, texts)
    texts[STORED_MENTIONS] = mention_record(profile.mention())
    headline_words = list(profile.terms("headline").elements())
    body_words = list(profile.terms("body").elements())
    return ListingTerms(
        kind=shape.kind,
        object_id=shape.pk,
        version=shape.version,
        headline=" ".join(headline_words + bigrams(profile.headline)),
        body=" ".join(body_words + bigrams(f"{profile.body} {profile.expansion}")),
        headline_words=" ".join(headline_words),
        body_words=" ".join(body_words),
        headline_length=len(headline_words),
        body_length=len(body_words),
        texts=texts,
        source_hash=digest,
    )


def stored_texts(
    kind: str, shape_map: dict, *, stamp: str | None = None, pending: list | None = None
) -> dict[int, dict]:
    """pk → the document text fields of these listings. Stored rows whose source is unchanged are reused as
    they are; the rest are segmented now and written back (one delete and one bulk insert), so each text is
    segmented once per change, whoever needs it first. With ``pending``, the rows to write are appended to it
    instead (a forked rebuild worker hands them to the parent, the one writer)."""
    if not shape_map:
        return {}
    stamp = stamp if stamp is not None else glossary_stamp()
    stored = {
        object_id: (digest, version, texts)
        for object_id, digest, version, texts in ListingTerms.objects.filter(
            kind=kind, object_id__in=list(shape_map)
        ).values_list("object_id", "source_hash", "version", "texts")
    }
    out: dict[int, dict] = {}
    rows = []
    for pk, shape in shape_map.items():
        digest = source_hash(shape, stamp)
        known = stored.get(pk)
        if known is not None and known[0] == digest and known[2]:
            out[pk] = known[2]
            if known[1] == shape.version:
                continue
        else:
            out[pk] = listing_texts(shape)
        row = terms_row(shape, out[pk], digest)
        out[pk] = row.texts
        rows.append(row)
    if pending is not None:
        pending.extend(rows)
    else:
        write_rows(kind, rows)
    return out


# Bumped on every write from this process: statistics cached over the stored rows (matching.terms.corpus) are
# keyed on it as well as on the table's count and top id, which a rolled-back write could leave looking unchanged.
generation = [0]


def write_rows(kind: str, rows: list[ListingTerms]) -> None:
    """Replace the stored rows of these listings (one delete, one bulk insert; the full-text index follows)."""
    if rows:
        generation[0] += 1
        with transaction.atomic():
            ListingTerms.objects.filter(kind=kind, object_id__in=[row.object_id for row in rows]).delete()
            ListingTerms.objects.bulk_create(rows, batch_size=500)


def profiles(kind: str, shape_map: dict, texts: dict[int, dict]) -> dict:
    """pk → Profile built from the shapes and their stored texts (no jieba, no glossary scan)."""
    return {pk: profile_from_shape(shape, texts.get(pk)) for pk, shape in shape_map.items()}
