"""Competitions (大赛): rounds, weighted criteria, awards, entries, judges and their conflicts, scores, results
and how the winners fared afterwards."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_credit_code
from common.text import validate_no_html

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")


class CompetitionQuerySet(models.QuerySet):
    def published(self):
        """Competitions whose ranking and awards the public may see."""
        return self.filter(results_published_at__isnull=False)


class Competition(models.Model):
    """The judging side of a 大赛 event: when entries close, how they are judged, what they can win."""

    event = models.OneToOneField(
        "matchmaking.EventPage",
        verbose_name=_("所属活动"),
        null=True,
        blank=True,
        # Deleting the page leaves the competition, its entries and scores in place, detached.
        on_delete=models.SET_NULL,
        related_name="competition",
        help_text=_("类型为“大赛”的活动页面;公开结果显示在该页面上。"),
    )
    title = models.CharField(_("大赛名称"), max_length=200, validators=[validate_no_html])
    entry_deadline = models.DateTimeField(_("报名截止时间"))
    results_published_at = models.DateTimeField(_("结果公布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = CompetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-entry_deadline", "pk"]
        verbose_name = _("大赛")
        verbose_name_plural = _("大赛")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.results_published_at is not None


class Round(models.Model):
    """A judging round: the preliminary (初赛) scores every entry, the final (决赛) the entries advanced to it."""

    class Kind(models.TextChoices):
        PRELIMINARY = "preliminary", _("初赛")
        FINAL = "final", _("决赛")

    class Status(models.TextChoices):
        PENDING = "pending", _("未开始")
        JUDGING = "judging", _("评审中")
        CLOSED = "closed", _("已结束")

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="rounds")
    kind = models.CharField(_("轮次"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["competition", "pk"]
        verbose_name = _("评审轮次")
        verbose_name_plural = _("评审轮次")
        constraints = [models.UniqueConstraint(fields=["competition", "kind"], name="competitions_round_once")]

    def __str__(self) -> str:
        return f"{self.competition} · {self.get_kind_display()}"


class Criterion(models.Model):
    """A weighted judging criterion: a judge gives 0 to ``max_score``; the weight says how much it counts."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("评审标准"), max_length=100, validators=[validate_no_html])
    weight = models.PositiveSmallIntegerField(_("权重"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    max_score = models.PositiveSmallIntegerField(
        _("满分"), default=10, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["competition", "sort_order", "pk"]
        verbose_name = _("评审标准")
        verbose_name_plural = _("评审标准")

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"


class Award(models.Model):
    """A prize for the final ranks ``rank_from``–``rank_to`` (一等奖 1–1, 二等奖 2–3, …)."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="awards")
    name = models.CharField(_("奖项"), max_length=50, validators=[validate_no_html])
    rank_from = models.PositiveSmallIntegerField(_("起始名次"), validators=[MinValueValidator(1)])
    rank_to = models.PositiveSmallIntegerField(_("截止名次"), validators=[MinValueValidator(1)])
    prize_cny = models.DecimalField(_("奖金(元)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)])

    class Meta:
        ordering = ["competition", "rank_from", "pk"]
        verbose_name = _("奖项")
        verbose_name_plural = _("奖项")

    def __str__(self) -> str:
        return self.name


class EntryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Entry.Status.SUBMITTED)

    def owned_by(self, user):
        """Entries a user may see and edit as an entrant: their own, or their organisation's."""
        if not user.is_authenticated:
            return self.none()
        condition = models.Q(contact_user=user)
        if user.organisation_id and (user.is_enterprise_member or user.is_institution_editor):
            condition |= models.Q(organisation_id=user.organisation_id)
        return self.filter(condition)


class Entry(models.Model):
    """A project entered by a company or institution on the platform, or by a team of named people."""

    class Stage(models.TextChoices):
        IDEA = "idea", _("创意")
        PROTOTYPE = "prototype", _("样品/原型")
        COMPANY = "company", _("已注册公司")
        REVENUE = "revenue", _("已有营收")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已报名")
        WITHDRAWN = "withdrawn", _("已撤回")

    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="entries")
    title = models.CharField(_("项目名称"), max_length=200, validators=[validate_no_html])
    summary = models.TextField(_("项目简介"), max_length=5000, validators=[validate_no_html])
    stage = models.CharField(_("项目阶段"), max_length=16, choices=Stage.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("参赛单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    team_name = models.CharField(_("团队名称"), max_length=100, blank=True, validators=[validate_no_html])
    team_members = models.TextField(
        _("团队成员"), max_length=2000, validators=[validate_no_html], help_text=_("每行一人:姓名、职务或分工。")
    )
    contact_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("联系人"), on_delete=models.PROTECT, related_name="+"
    )
    achievements = models.ManyToManyField(
        "marketplace.AchievementPage", verbose_name=_("依托成果"), blank=True, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    is_finalist = models.BooleanField(_("进入决赛"), default=False)
    created_at = models.DateTimeField(_("报名时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["competition", "pk"]
        verbose_name = _("参赛项目")
        verbose_name_plural = _("参赛项目")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "organisation"],
                condition=models.Q(organisation__isnull=False, status="submitted"),
                name="competitions_one_entry_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["competition", "contact_user"],
                condition=models.Q(organisation__isnull=True, status="submitted"),
                name="competitions_one_team_entry_per_contact",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def entrant_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.team_name

    def member_names(self) -> list[str]:
        return [line.strip() for line in self.team_members.splitlines() if line.strip()]


class JudgeAssignment(models.Model):
    """Staff assign a judge to score one entry in one round (never an entry the judge is conflicted on)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments")
    assigned_at = models.DateTimeField(_("分配时间"), auto_now_add=True)

    class Meta:
        ordering = ["round", "judge", "entry"]
        verbose_name = _("评委分配")
        verbose_name_plural = _("评委分配")
        constraints = [models.UniqueConstraint(fields=["round", "judge", "entry"], name="competitions_assignment_once")]

    def __str__(self) -> str:
        return f"{self.round_id} · {self.judge_id} · {self.entry_id}"


class ConflictDeclaration(models.Model):
    """A judge's declared tie to an entry (its team) or to an organisation: the judge must abstain on it."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="conflicts")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("关联说明"), max_length=200, validators=[validate_no_html])
    declared_at = models.DateTimeField(_("申报时间"), auto_now_add=True)

    class Meta:
        ordering = ["competition", "judge", "pk"]
        verbose_name = _("利益冲突申报")
        verbose_name_plural = _("利益冲突申报")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entry__isnull=False) | models.Q(organisation__isnull=False),
                name="competitions_conflict_names_something",
            )
        ]

    def __str__(self) -> str:
        return f"{self.judge_id}: {self.entry_id or self.organisation_id}"


class Score(models.Model):
    """One judge's scores for one entry in one round, reduced to a 0–100 weighted score."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scores")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    weighted_score = models.DecimalField(_("加权得分"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("评语"), max_length=3000, blank=True, validators=[validate_no_html])
    submitted_at = models.DateTimeField(_("评分时间"))

    class Meta:
        ordering = ["round", "entry", "judge"]
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [models.UniqueConstraint(fields=["round", "entry", "judge"], name="competitions_score_once")]

    def __str__(self) -> str:
        return f"{self.entry_id} · {self.judge_id}: {self.weighted_score}"


class CriterionScore(models.Model):
    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="items")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("得分"), max_digits=7, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["score", "criterion"], name="competitions_item_once")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class Result(models.Model):
    """An entry's published final place (and award, if any), fixed when staff publish the results."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="results")
    entry = models.OneToOneField(Entry, on_delete=models.CASCADE, related_name="result")
    rank = models.PositiveSmallIntegerField(_("名次"))
    score = models.DecimalField(_("得分"), max_digits=6, decimal_places=2)
    award = models.ForeignKey(Award, null=True, blank=True, on_delete=models.PROTECT, related_name="results")

    class Meta:
        ordering = ["competition", "rank", "entry"]
        verbose_name = _("比赛结果")
        verbose_name_plural = _("比赛结果")

    def __str__(self) -> str:
        return f"{self.rank}. {self.entry}"


class WinnerFollowUp(models.Model):
    """What became of an awarded entry: the company it registered, and whether it settled in the city. Staff
    record what the platform cannot know; the rest (contracts, the organisation's region) is derived."""

    result = models.OneToOneField(Result, on_delete=models.CASCADE, related_name="follow_up")
    company = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("注册企业"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("平台上已认证的企业;未入驻平台的填写信用代码。"),
    )
    company_name = models.CharField(_("企业名称"), max_length=200, blank=True, validators=[validate_no_html])
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[validate_credit_code])
    region_code = models.CharField(
        _("注册地行政区划代码"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("行政区划代码应为 6 位数字(GB/T 2260)。"))],
    )
    notes = models.TextField(_("跟踪说明"), max_length=2000, blank=True, validators=[validate_no_html])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("获奖项目跟踪")
        verbose_name_plural = _("获奖项目跟踪")

    def __str__(self) -> str:
        return f"{self.result}"
