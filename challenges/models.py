"""Key technology problems per industry-chain node, survey campaigns, challenges (悬赏揭榜), applications,
expert review, awards and their milestones."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.text import validate_no_html

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")


# --- The problem map ----------------------------------------------------------------------------------


class KeyProblemQuerySet(models.QuerySet):
    def current(self):
        """Problems that stand on their own (a merged duplicate points at the problem that absorbed it)."""
        return self.filter(merged_into__isnull=True)

    def under(self, code: str):
        return self.filter(node__code__startswith=code)


class KeyProblem(models.Model):
    """A key technology problem (关键技术问题) of an industry-chain node, distilled from enterprises' needs."""

    class Status(models.TextChoices):
        OPEN = "open", _("待攻关")
        IN_CHALLENGE = "in_challenge", _("揭榜攻关中")
        SOLVED = "solved", _("已解决")

    title = models.CharField(_("问题名称"), max_length=200, validators=[validate_no_html])
    description = models.TextField(_("问题描述"), max_length=5000, blank=True, validators=[validate_no_html])
    node = models.ForeignKey(
        "taxonomy.IndustryChainNode", verbose_name=_("产业链节点"), on_delete=models.PROTECT, related_name="+"
    )
    is_common = models.BooleanField(_("共性问题"), default=False, help_text=_("多家企业共同面临的问题。"))
    source_needs = models.ManyToManyField(
        "marketplace.TechnologyNeed", verbose_name=_("来源需求"), blank=True, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("已合并至"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    solved_at = models.DateTimeField(_("解决时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = KeyProblemQuerySet.as_manager()

    class Meta:
        ordering = ["node__code", "pk"]
        verbose_name = _("关键技术问题")
        verbose_name_plural = _("关键技术问题")
        indexes = [models.Index(fields=["merged_into", "status"], name="challenges_problem_status")]

    def __str__(self) -> str:
        return self.title


class NeedMatchSummary(models.Model):
    """How many achievements match a need above the relevance floor, stored when the matcher last ran.

    The problem map counts "matched" needs from these rows (and from match alerts already sent) instead of
    running the matcher per request, so the map stays a handful of grouped queries at any size.
    """

    need = models.OneToOneField(
        "marketplace.TechnologyNeed", verbose_name=_("技术需求"), on_delete=models.CASCADE, related_name="+"
    )
    match_count = models.PositiveIntegerField(_("达标匹配数"), default=0)
    best_score = models.FloatField(_("最高匹配分"), default=0)
    floor = models.FloatField(_("相关度下限"), default=0)
    computed_at = models.DateTimeField(_("计算时间"), default=timezone.now)

    class Meta:
        verbose_name = _("需求匹配摘要")
        verbose_name_plural = _("需求匹配摘要")

    def __str__(self) -> str:
        return f"{self.need_id}: {self.match_count}"


class NeedDeal(models.Model):
    """A deal-flow deal about a need, as the deal flow announced it (``marketplace.events.need_deal_changed``).

    Challenges and dealflow sit in the same layer and never import each other; both know needs, so the deal
    flow announces through the marketplace and the map counts a key problem "in deals" from these rows
    (a source need with an active deal). Keyed by the deal's id: announcing a deal again overwrites its row.
    """

    deal_id = models.BigIntegerField(_("转化项目"), unique=True)
    need = models.ForeignKey(
        "marketplace.TechnologyNeed", verbose_name=_("技术需求"), on_delete=models.CASCADE, related_name="+"
    )
    active = models.BooleanField(_("洽谈中"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("需求洽谈项目")
        verbose_name_plural = _("需求洽谈项目")
        indexes = [models.Index(fields=["need", "active"], name="challenges_needdeal_need")]

    def __str__(self) -> str:
        return f"{self.need_id} · {self.deal_id}"


class SurveyCampaign(models.Model):
    """A needs survey (需求大调研) of one industry chain: invited enterprises answer with tagged needs."""

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        CLOSED = "closed", _("已结束")

    title = models.CharField(_("调研名称"), max_length=200, validators=[validate_no_html])
    tag = models.SlugField(_("调研标签"), max_length=40, unique=True)
    chain = models.ForeignKey(
        "taxonomy.IndustryChainNode", verbose_name=_("产业链"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("说明"), max_length=3000, blank=True, validators=[validate_no_html])
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("需求大调研")
        verbose_name_plural = _("需求大调研")

    def __str__(self) -> str:
        return self.title


class SurveyInvitation(models.Model):
    campaign = models.ForeignKey(SurveyCampaign, on_delete=models.CASCADE, related_name="invitations")
    enterprise = models.ForeignKey("accounts.Organisation", verbose_name=_("企业"), on_delete=models.PROTECT)
    invited_at = models.DateTimeField(_("邀请时间"), default=timezone.now)
    responded_at = models.DateTimeField(_("首次反馈时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("调研邀请")
        verbose_name_plural = _("调研邀请")
        constraints = [models.UniqueConstraint(fields=["campaign", "enterprise"], name="challenges_invite_once")]

    def __str__(self) -> str:
        return f"{self.campaign_id} · {self.enterprise_id}"


class CampaignNeed(models.Model):
    """The campaign tag a need carries (a need answers at most one campaign)."""

    campaign = models.ForeignKey(SurveyCampaign, on_delete=models.CASCADE, related_name="tagged_needs")
    need = models.OneToOneField("marketplace.TechnologyNeed", on_delete=models.CASCADE, related_name="+")
    tagged_at = models.DateTimeField(_("标记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("调研需求")
        verbose_name_plural = _("调研需求")

    def __str__(self) -> str:
        return f"{self.campaign_id} · {self.need_id}"


# --- Challenges ---------------------------------------------------------------------------------------


class ChallengeQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Challenge.Status.DRAFT)


class Challenge(models.Model):
    """A reward-for-solution challenge (悬赏揭榜) published by the bureau."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        OPEN = "open", _("揭榜中")
        UNDER_REVIEW = "under_review", _("评审中")
        AWARDED = "awarded", _("已揭榜")
        CLOSED = "closed", _("已结束")

    class Scope(models.TextChoices):
        ANY = "any", _("不限")
        IN_PROVINCE = "in_province", _("省内")
        OUT_OF_PROVINCE = "out_of_province", _("省外")

    title = models.CharField(_("榜单名称"), max_length=200, validators=[validate_no_html])
    title_en = models.CharField(_("英文名称"), max_length=300, blank=True, validators=[validate_no_html])
    problem = models.TextField(_("技术难题"), max_length=5000, validators=[validate_no_html])
    problem_en = models.TextField(_("技术难题(英文)"), max_length=5000, blank=True, validators=[validate_no_html])
    node = models.ForeignKey(
        "taxonomy.IndustryChainNode", verbose_name=_("产业链节点"), on_delete=models.PROTECT, related_name="+"
    )
    technical_field = models.ForeignKey(
        "taxonomy.TechnicalField", verbose_name=_("技术领域"), on_delete=models.PROTECT, related_name="+"
    )
    key_problems = models.ManyToManyField(
        KeyProblem, verbose_name=_("关键技术问题"), blank=True, related_name="challenges"
    )
    co_funders = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("出资及应用企业"), blank=True, related_name="+"
    )
    reward_cny = models.DecimalField(_("悬赏/资助金额(元)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    payment_terms = models.TextField(_("支付方式"), max_length=2000, blank=True, validators=[validate_no_html])
    term_years = models.PositiveSmallIntegerField(
        _("支持期限(年)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    scope = models.CharField(_("申报范围"), max_length=16, choices=Scope.choices, default=Scope.ANY)
    institution_kinds = models.JSONField(_("可申报机构类型"), default=list, blank=True)
    opens_at = models.DateTimeField(_("开始申报时间"))
    closes_at = models.DateTimeField(_("申报截止时间"))
    review_by = models.DateField(_("评审完成日期"))
    award_by = models.DateField(_("揭榜公布日期"))
    ip_terms = models.TextField(_("知识产权约定"), max_length=3000, validators=[validate_no_html])
    required_documents = models.TextField(
        _("申报须提交材料"), max_length=3000, blank=True, validators=[validate_no_html], help_text=_("每行一项。")
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("揭榜挂帅榜单")
        verbose_name_plural = _("揭榜挂帅榜单")
        indexes = [models.Index(fields=["status", "-opens_at"], name="challenges_status_opens")]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="challenge_dates")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return self.title_en if (get_language() or "").startswith("en") and self.title_en else self.title

    @property
    def display_problem(self) -> str:
        return self.problem_en if (get_language() or "").startswith("en") and self.problem_en else self.problem

    def document_list(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]


class ChallengeTarget(models.Model):
    """A quantified target: indicator, value, unit and how it is tested."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(_("指标"), max_length=100, validators=[validate_no_html])
    value = models.CharField(_("目标值"), max_length=50, validators=[validate_no_html])
    unit = models.CharField(_("单位"), max_length=30, blank=True, validators=[validate_no_html])
    test_method = models.CharField(_("测试方法"), max_length=300, validators=[validate_no_html])
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("攻关指标")
        verbose_name_plural = _("攻关指标")

    def __str__(self) -> str:
        return f"{self.indicator} {self.value}{self.unit}"


class ReviewCriterion(models.Model):
    """A published review criterion with its weight (weights of a challenge add up to 100)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("评审要素"), max_length=100, validators=[validate_no_html])
    weight = models.PositiveSmallIntegerField(_("权重(%)"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("评审标准")
        verbose_name_plural = _("评审标准")

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class ChallengeEvent(models.Model):
    """Audit trail of a challenge's transitions (who, when, from, to, why)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=32)
    from_status = models.CharField(_("原状态"), max_length=16, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("说明"), blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("榜单操作记录")
        verbose_name_plural = _("榜单操作记录")

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"


# --- Experts ------------------------------------------------------------------------------------------


class ExpertProfile(models.Model):
    """An expert's declared fields and organisation ties (conflicts of interest)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile")
    fields = models.ManyToManyField("taxonomy.TechnicalField", verbose_name=_("专业领域"), blank=True, related_name="+")
    chains = models.ManyToManyField(
        "taxonomy.IndustryChainNode", verbose_name=_("熟悉产业链"), blank=True, related_name="+"
    )
    affiliation = models.CharField(_("工作单位"), max_length=200, blank=True, validators=[validate_no_html])
    conflicts = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("利益关联机构"),
        blank=True,
        related_name="+",
        help_text=_("任职、兼职、合作或亲属关系等须回避的机构。"),
    )

    class Meta:
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")

    def __str__(self) -> str:
        return str(self.user)


class PanelMember(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="panel")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("评审专家组成员")
        verbose_name_plural = _("评审专家组")
        constraints = [models.UniqueConstraint(fields=["challenge", "expert"], name="challenges_panel_once")]

    def __str__(self) -> str:
        return f"{self.challenge_id} · {self.expert_id}"


# --- Applications -------------------------------------------------------------------------------------


class Application(models.Model):
    """An institution's application (揭榜申报) to a challenge: one per institution per challenge."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已申报")
        WITHDRAWN = "withdrawn", _("已撤回")
        AWARDED = "awarded", _("揭榜成功")
        NOT_AWARDED = "not_awarded", _("未入选")

    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="applications")
    lead = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("牵头单位"), on_delete=models.PROTECT, related_name="+"
    )
    partners = models.ManyToManyField("accounts.Organisation", verbose_name=_("联合单位"), blank=True, related_name="+")
    team_lead = models.CharField(_("挂帅人"), max_length=50, validators=[validate_no_html])
    team_lead_title = models.CharField(_("挂帅人职称/职务"), max_length=100, blank=True, validators=[validate_no_html])
    team = models.TextField(_("团队成员"), max_length=3000, blank=True, validators=[validate_no_html])
    technical_route = models.TextField(_("技术路线"), max_length=10000, blank=True, validators=[validate_no_html])
    budget_cny = models.DecimalField(_("经费预算(元)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)])
    budget_notes = models.TextField(_("预算说明"), max_length=3000, blank=True, validators=[validate_no_html])
    track_record = models.ManyToManyField(
        "marketplace.AchievementPage", verbose_name=_("已有成果"), blank=True, related_name="+"
    )
    declares_no_conflict = models.BooleanField(_("声明无利益冲突"), default=False)
    declares_originality = models.BooleanField(_("声明原创、无知识产权纠纷"), default=False)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("申报时间"), null=True, blank=True)
    notified_at = models.DateTimeField(_("结果通知时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["challenge", "pk"]
        verbose_name = _("揭榜申报")
        verbose_name_plural = _("揭榜申报")
        constraints = [models.UniqueConstraint(fields=["challenge", "lead"], name="challenges_one_application")]

    def __str__(self) -> str:
        return f"{self.lead} · {self.challenge}"

    def organisation_ids(self) -> set[int]:
        return {self.lead_id, *self.partners.values_list("pk", flat=True)}


class ApplicationMilestone(models.Model):
    """A milestone the applicant commits to: indicator, due date and the payment it releases."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("节点名称"), max_length=200, validators=[validate_no_html])
    indicator = models.CharField(_("考核指标"), max_length=300, validators=[validate_no_html])
    due_on = models.DateField(_("完成日期"))
    payment_cny = models.DecimalField(_("对应拨付(元)"), **MONEY, validators=[MinValueValidator(ZERO)])
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "due_on", "pk"]
        verbose_name = _("申报节点")
        verbose_name_plural = _("申报节点")

    def __str__(self) -> str:
        return self.title


# --- Review -------------------------------------------------------------------------------------------


class Review(models.Model):
    """One expert's review of one application: a score per criterion and a comment."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("评审意见"), max_length=5000, validators=[validate_no_html])
    weighted_score = models.DecimalField(_("加权得分"), max_digits=6, decimal_places=2)
    submitted_at = models.DateTimeField(_("评分时间"), default=timezone.now)

    class Meta:
        verbose_name = _("专家评分")
        verbose_name_plural = _("专家评分")
        constraints = [models.UniqueConstraint(fields=["application", "expert"], name="challenges_review_once")]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.expert_id}: {self.weighted_score}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ReviewCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("得分"), validators=[MaxValueValidator(100)])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="challenges_score_once")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


# --- Award and milestones -----------------------------------------------------------------------------


class Award(models.Model):
    """The award decision (揭榜结果) and the development contract it became."""

    challenge = models.OneToOneField(Challenge, on_delete=models.PROTECT, related_name="award")
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award")
    amount_cny = models.DecimalField(_("资助金额(元)"), **MONEY)
    reasons = models.TextField(_("揭榜理由"), max_length=5000, validators=[validate_no_html])
    ranking = models.JSONField(_("评审排名"), default=list)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("决定人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("决定时间"), default=timezone.now)
    contract = models.OneToOneField(
        "registration.TechnologyContract",
        verbose_name=_("技术开发合同"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contract_registered_at = models.DateTimeField(_("合同登记时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("揭榜结果")
        verbose_name_plural = _("揭榜结果")

    def __str__(self) -> str:
        return f"{self.challenge_id} → {self.application_id}"


class Milestone(models.Model):
    """An awarded milestone: reported with evidence, accepted by the enterprise and by the bureau."""

    class Status(models.TextChoices):
        PENDING = "pending", _("未到期/待报告")
        REPORTED = "reported", _("已报告待验收")
        ACCEPTED = "accepted", _("已验收")
        REJECTED = "rejected", _("未通过验收")

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("节点名称"), max_length=200)
    indicator = models.CharField(_("考核指标"), max_length=300)
    due_on = models.DateField(_("完成日期"))
    payment_cny = models.DecimalField(_("对应拨付(元)"), **MONEY)
    sort_order = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    report = models.TextField(_("完成情况"), max_length=5000, blank=True)
    evidence = models.TextField(_("佐证材料"), max_length=3000, blank=True)
    reported_at = models.DateTimeField(_("报告时间"), null=True, blank=True)
    enterprise_accepted_at = models.DateTimeField(_("企业验收时间"), null=True, blank=True)
    enterprise_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bureau_accepted_at = models.DateTimeField(_("科技局验收时间"), null=True, blank=True)
    bureau_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.TextField(_("退回理由"), blank=True)
    payment_released_at = models.DateTimeField(_("拨付登记时间"), null=True, blank=True)

    class Meta:
        ordering = ["sort_order", "due_on", "pk"]
        verbose_name = _("攻关节点")
        verbose_name_plural = _("攻关节点")

    def __str__(self) -> str:
        return self.title

    def is_late(self, today=None) -> bool:
        """Reported after its date, or still not accepted after its date."""
        today = today or timezone.localdate()
        if self.reported_at is not None:
            return timezone.localdate(self.reported_at) > self.due_on
        return today > self.due_on


class MilestoneEvent(models.Model):
    """Audit trail of milestone reports and decisions."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=32)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("说明"), blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.milestone_id} {self.action}"


class ChallengeAlert(models.Model):
    """An institution told that a published challenge fits one of its listed achievements (above the floor)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="alerts")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    achievement = models.ForeignKey("marketplace.AchievementPage", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("匹配分"))
    # The matcher's plain-language reasons (shared words, chain node, field…), so the institution sees why.
    reasons = models.JSONField(_("匹配理由"), default=list, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("榜单匹配提醒")
        verbose_name_plural = _("榜单匹配提醒")
        constraints = [
            models.UniqueConstraint(fields=["challenge", "organisation"], name="challenges_alert_once_per_institution")
        ]

    def __str__(self) -> str:
        return f"{self.challenge_id} → {self.organisation_id}"


class ChallengeReminder(models.Model):
    """One deadline reminder sent by ``manage.py challenges_deadline_reminders``: each (kind, item, deadline) once.

    ``object_id`` is the item the kind is about (an application, a panel member, a milestone or the challenge);
    the deadline is part of the key, so a moved date earns its reminders again.
    """

    class Kind(models.TextChoices):
        APPLICATION_CLOSING = "application_closing", _("申报即将截止(草稿未提交)")
        REVIEW_DUE = "review_due", _("评审即将到期")
        REVIEW_OVERDUE = "review_overdue", _("评审已超期")
        MILESTONE_DUE = "milestone_due", _("攻关节点即将到期")
        MILESTONE_LATE = "milestone_late", _("攻关节点已逾期")

    kind = models.CharField(_("提醒类型"), max_length=24, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.DateField(_("期限"))
    sent_at = models.DateTimeField(_("发送时间"))
    recipients = models.TextField(_("收件人"), blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("揭榜期限提醒")
        verbose_name_plural = _("揭榜期限提醒")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "deadline"], name="challenges_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.deadline}"
