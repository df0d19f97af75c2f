"""Listings' finished index documents, serialised once when built and kept (ListingDocument) with a stamp of what
they were built from, so a rebuild streams stored bytes and builds again only the documents whose inputs changed.

A document is built from the listing's row and relations, its terms' labels and codes, its organisation, its URL
and the glossary (through its stored texts). The *stamp* is a digest of all of that which one flat query can read,
plus a shared part: the glossary stamp, the taxonomy codes an achievement's relations point at, the site root
paths, the index mapping and ``DOCUMENT_FORMAT``. Everything inside the listing that a
change can touch is covered by its version: an achievement's content changes only with a new revision (its
``latest_revision_id`` and ``live_revision_id`` are in the stamp), a need's with ``updated_at`` — the same
assumption the stored texts (ListingTerms) and the outbox already make. Stamps are always read *before* the
listing itself, so a change that lands in between leaves a stored document with an older stamp (built again next
time), never a newer stamp on an older document.

Not covered: renaming a keyword tag in place (taggit's table; nothing in the application does it) and changes to
the code that builds documents or URLs (a need's URL pattern). For those, bump ``DOCUMENT_FORMAT`` (code) or run
``search_index --rebuild --fresh``, which ignores every stored document. ``search_index --check`` compares the index with the database
itself, never with these rows, and forgets the stored documents of what it finds missing or stale (a row edited
behind the application's back keeps its stamp), so the ``--rebuild`` it prescribes builds those again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import orjson
from django.db import transaction

from .documents import ACHIEVEMENT, NEED, build_mapping
from .models import ListingDocument

# Bump when the code that builds a document (search.documents.document_from_shape, search.percolator) changes what
# it writes without changing the index mapping: every stored document is then built again by the next rebuild.
DOCUMENT_FORMAT = "1"
PERCOLATOR = "percolator"

# What one flat query reads of each listing for its stamp (joins included: the labels the document carries).
STAMP_FIELDS = {
    ACHIEVEMENT: (
        "pk",
        "latest_revision_id",
        "live_revision_id",
        "url_path",
        "locale_id",
        "technical_field__code",
        "technical_field__name",
        "institution_organisation_id",
        "institution_organisation__name",
        "institution_organisation__region__code",
    ),
    NEED: (
        "pk",
        "updated_at",
        "status",
        "visibility",
        "technical_field__code",
        "technical_field__name",
        "industry_chain__code",
        "cooperation_mode__code",
        "enterprise_id",
        "enterprise__name",
        "region__code",
        "enterprise__region__code",
    ),
}


def shared_stamp() -> str:
    """The part of every stamp that does not belong to one listing (a few small queries)."""
    from wagtail.models import Site

    from taxonomy.models import IndustryChainNode, IPType, TransferMode

    from .listings import glossary_stamp

    parts = [
        DOCUMENT_FORMAT,
        glossary_stamp(),
        orjson.dumps(build_mapping(percolator=True).to_dict(), option=orjson.OPT_SORT_KEYS).decode(),
        repr(list(IndustryChainNode.objects.order_by("pk").values_list("pk", "code"))),
        repr(list(IPType.objects.order_by("pk").values_list("pk", "code"))),
        repr(list(TransferMode.objects.order_by("pk").values_list("pk", "code"))),
        repr(sorted(tuple(path) for path in Site.get_site_root_paths())),
    ]
    return hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()


def stamps(kind: str, queryset, *, shared: str | None = None) -> dict[int, str]:
    """pk → the stamp of each listing in ``queryset`` (achievements or needs): one flat query."""
    shared = shared if shared is not None else shared_stamp()
    out = {}
    for row in queryset.order_by().values_list(*STAMP_FIELDS[kind]):
        raw = f"{shared}\x1f{row!r}".encode()
        out[row[0]] = hashlib.sha1(raw, usedforsecurity=False).hexdigest()
    return out


def stored_stamps(kind: str) -> dict[int, str]:
    """object_id → stamp of every stored document of this kind (no document bytes read)."""
    return dict(ListingDocument.objects.filter(kind=kind).values_list("object_id", "stamp"))


def read(kind: str, ids: list[int]) -> dict[int, tuple[str, bytes]]:
    """object_id → (stamp, document bytes) of these sorted ids, read as one id range (rows in the range but not
    asked for are dropped: the range keeps the query flat whatever the number of ids)."""
    if not ids:
        return {}
    wanted = set(ids)
    rows = ListingDocument.objects.filter(kind=kind, object_id__gte=ids[0], object_id__lte=ids[-1])
    return {
        pk: (stamp, source) for pk, stamp, source in rows.values_list("object_id", "stamp", "source") if pk in wanted
    }


def serialise(document: dict) -> bytes:
    return orjson.dumps(document)


def write(kind: str, rows: Iterable[tuple[int, str, bytes]]) -> None:
    """Keep these (object_id, stamp, document bytes), replacing what was stored for them."""
    rows = list(rows)
    if not rows:
        return
    with transaction.atomic():
        ListingDocument.objects.filter(kind=kind, object_id__in=[pk for pk, _stamp, _source in rows]).delete()
        ListingDocument.objects.bulk_create(
            [ListingDocument(kind=kind, object_id=pk, stamp=stamp, source=source) for pk, stamp, source in rows],
            batch_size=500,
        )


def discard(kind: str, ids: Iterable[int]) -> None:
    """Forget the stored documents of these objects (unpublished or deleted: nothing to send)."""
    ids = list(ids)
    if ids:
        ListingDocument.objects.filter(kind=kind, object_id__in=ids).delete()
