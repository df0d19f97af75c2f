"""Outbox rows (what the index must catch up with), match notifications (saved-need alerts), stored listing texts
and documents, and match judgements (what owners said of their match lists)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxQuerySet(models.QuerySet):
    def unprocessed(self):
        """Waiting for the worker (now or after a backoff), dead letters excluded."""
        return self.filter(processed_at__isnull=True, dead_at__isnull=True)

    def pending(self, now=None):
        """Due now: what the next drain takes."""
        now = now or timezone.now()
        return self.unprocessed().filter(next_attempt_at__lte=now)

    def dead(self):
        """Rows the engine kept rejecting: set aside for bureau staff to retry or discard."""
        return self.filter(processed_at__isnull=True, dead_at__isnull=False)


class SearchOutbox(models.Model):
    """One change the index must reflect, written in the same transaction as the change itself.

    A row names *what* changed, not the document: the drain reads the current database state, so a
    replayed row can never write an old version. The row id is the external version sent to the
    engine, so of two concurrent drains the later change always wins.
    """

    class Kind(models.TextChoices):
        ACHIEVEMENT = "achievement", _("科技成果")
        NEED = "need", _("技术需求")

    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    object_id = models.BigIntegerField(_("对象编号"))
    # Set when an achievement is published: the drain then checks saved needs for alerts.
    alert = models.BooleanField(_("检查需求提醒"), default=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now)
    last_error = models.TextField(_("最近错误"), blank=True)
    processed_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    # Set after SEARCH_OUTBOX_MAX_ATTEMPTS failures: the row waits for staff (retry or discard), not the worker.
    dead_at = models.DateTimeField(_("转入死信时间"), null=True, blank=True)
    # Set when staff discard a dead letter (processed_at is set too, so it is never picked up again).
    discarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("放弃人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("索引待办")
        verbose_name_plural = _("索引待办")
        indexes = [models.Index(fields=["processed_at", "next_attempt_at"], name="search_outbox_pending")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}#{self.pk}"

    def get_kind_display(self) -> str:
        """A kind registered by an app above search (search.kinds) is not among the choices: show its label."""
        from . import kinds

        registered = kinds.get(self.kind)
        return str(registered.label) if registered else self._get_FIELD_display(self._meta.get_field("kind"))


class MatchNotification(models.Model):
    """An enterprise learns that a newly published achievement fits one of its open needs. Once per pair."""

    need = models.ForeignKey(
        "marketplace.TechnologyNeed", verbose_name=_("技术需求"), on_delete=models.CASCADE, related_name="+"
    )
    achievement = models.ForeignKey(
        "marketplace.AchievementPage", verbose_name=_("科技成果"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField(_("匹配分"))
    reasons = models.JSONField(_("匹配理由"), default=list)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("匹配提醒")
        verbose_name_plural = _("匹配提醒")
        constraints = [
            models.UniqueConstraint(fields=["need", "achievement"], name="search_notification_once_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.need_id} ← {self.achievement_id}"


class ListingTerms(models.Model):
    """A listing's text, segmented once when it changes: jieba words plus character bigrams, glossary-expanded.

    Basic mode retrieves from it with the database's own full-text index (SQLite FTS5 with BM25, or PostgreSQL
    full-text search) instead of scanning every listing in Python, and reuses the stored words to score the top
    candidates, so nothing is segmented twice. ``version`` is the achievement's live revision or the need's
    ``updated_at``: a row whose version differs from the listing's is rewritten before it is used. The same row
    keeps the index document's text fields, so the index rebuild and the outbox worker do not segment again.
    """

    kind = models.CharField(_("类型"), max_length=16, choices=SearchOutbox.Kind.choices)
    object_id = models.BigIntegerField(_("对象编号"))
    version = models.CharField(_("版本"), max_length=64)
    headline = models.TextField(_("标题词"))  # title + keywords: words and bigrams (full-text column)
    body = models.TextField(_("正文词"))  # summary, description, indicators, glossary forms: words and bigrams
    headline_words = models.TextField(_("标题分词"))  # the words alone, for scoring
    body_words = models.TextField(_("正文分词"))
    headline_length = models.PositiveIntegerField(_("标题词数"), default=0)
    body_length = models.PositiveIntegerField(_("正文词数"), default=0)
    # The index document's text fields (plain text, glossary expansion, jieba words), so a rebuild and the outbox
    # worker reuse them; ``source_hash`` is the hash of the raw text and the glossary they were computed from.
    texts = models.JSONField(_("文档文本"), default=dict)
    source_hash = models.CharField(_("来源摘要"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("分词文本")
        verbose_name_plural = _("分词文本")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_terms_one_per_listing")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}@{self.version}"


class ListingDocument(models.Model):
    """A listing's finished index document as the engine receives it (orjson bytes), kept from when it was last
    built, with the stamp of everything it was built from (``search.docstore``). A rebuild sends the stored bytes
    while the stamp still matches the database and builds the document again when it does not; ``kind`` is
    achievement, need, or percolator (a need's stored query, stamped like the need)."""

    kind = models.CharField(_("类型"), max_length=16)
    object_id = models.BigIntegerField(_("对象编号"))
    stamp = models.CharField(_("来源摘要"), max_length=40)
    source = models.BinaryField(_("文档"))

    class Meta:
        verbose_name = _("索引文档")
        verbose_name_plural = _("索引文档")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_one_per_object")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class MatchJudgement(models.Model):
    """What a need's owner (or bureau staff) said of its match list: a row was useful or not relevant, or nothing
    in the list suits the need. Kept with what the list showed at that moment (rank, above or below the line,
    score, matcher), so the judgements are evaluation data for the matcher and its decline, written by the people
    the lists are for rather than by whoever tunes the rule (``manage.py export_match_judgements``)."""

    class Verdict(models.TextChoices):
        USEFUL = "useful", _("有用")
        NOT_RELEVANT = "not_relevant", _("不相关")
        NONE_SUITABLE = "none_suitable", _("没有合适的成果")

    need = models.ForeignKey(
        "marketplace.TechnologyNeed", verbose_name=_("技术需求"), on_delete=models.CASCADE, related_name="+"
    )
    # Empty for a verdict on the whole list (NONE_SUITABLE).
    achievement = models.ForeignKey(
        "marketplace.AchievementPage",
        verbose_name=_("科技成果"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    verdict = models.CharField(_("评价"), max_length=16, choices=Verdict.choices)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评价人"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    judged_by_staff = models.BooleanField(_("科技局工作人员评价"), default=False)
    # What the list showed when the judgement was made.
    rank = models.PositiveSmallIntegerField(_("名次"), null=True, blank=True)
    recommended = models.BooleanField(_("推荐(分界线以上)"), null=True, blank=True)
    score = models.FloatField(_("匹配分"), null=True, blank=True)
    recommended_count = models.PositiveSmallIntegerField(_("推荐条数"), default=0)
    listed_count = models.PositiveSmallIntegerField(_("列出条数"), default=0)
    mode = models.CharField(_("匹配方式"), max_length=16)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("匹配评价")
        verbose_name_plural = _("匹配评价")
        constraints = [
            models.UniqueConstraint(
                fields=["need", "achievement", "judged_by"],
                condition=models.Q(achievement__isnull=False),
                name="search_judgement_once_per_row_and_user",
            ),
            models.UniqueConstraint(
                fields=["need", "judged_by"],
                condition=models.Q(achievement__isnull=True),
                name="search_judgement_once_per_list_and_user",
            ),
            models.CheckConstraint(
                condition=models.Q(achievement__isnull=True, verdict="none_suitable")
                | models.Q(achievement__isnull=False, verdict__in=["useful", "not_relevant"]),
                name="search_judgement_verdict_fits_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need_id} · {self.achievement_id or '—'}: {self.verdict}"
