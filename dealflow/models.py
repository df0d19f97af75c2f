"""Deal flow records: enquiries and proposals, conversations, the confidential tier, deals, price notices, receipts.

Nothing here is a Wagtail page or part of one: the confidential tier lives in its own tables keyed to the
achievement, so no page serialiser, search document, API, sitemap or page cache can ever include it.
"""

from __future__ import annotations

import os
from decimal import Decimal

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from common.text import validate_no_html

MONEY = {"max_digits": 16, "decimal_places": 2}
ZERO = Decimal("0.00")
IDLE_DAYS = 30
NOTICE_MIN_DAYS = 15


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT with no public URL: they are served only through permission-checked views.

    The location is read from settings on every use (DEALFLOW_PRIVATE_ROOT, default BASE_DIR/private), so tests
    and deployments can move it without the storage having cached an old path.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(getattr(settings, "DEALFLOW_PRIVATE_ROOT", None) or (settings.BASE_DIR / "private"))

    @property
    def location(self):
        return os.path.abspath(self.base_location)


private_storage = PrivateStorage()


class DeclineReason(models.TextChoices):
    TOO_EARLY = "too_early", _("时机尚早")
    NOT_OUR_FIELD = "not_our_field", _("不属于我方领域")
    BENEFIT_UNCLEAR = "benefit_unclear", _("效益不明确")
    PRICE = "price", _("价格预期不一致")
    IP_LICENSED = "ip_licensed", _("知识产权已许可他方")
    NO_CAPACITY = "no_capacity", _("目前无力承接")
    OTHER = "other", _("其他")


class LostReason(models.TextChoices):
    PRICE = "price", _("价格未谈拢")
    TERMS = "terms", _("条款未谈拢")
    TECHNICAL = "technical", _("技术不满足要求")
    BUYER_WITHDREW = "buyer_withdrew", _("需求方放弃")
    SELLER_WITHDREW = "seller_withdrew", _("成果方放弃")
    OBJECTION = "objection", _("公示异议成立")
    IDLE = "idle", _("长期无进展")
    OTHER = "other", _("其他")


class Timeline(models.TextChoices):
    NOW = "now", _("3个月内")
    HALF_YEAR = "half_year", _("半年内")
    YEAR = "year", _("一年内")
    LATER = "later", _("一年以上")


class InstitutionDealSettings(models.Model):
    """Per-organisation deal-flow settings kept in this app, so accounts stays untouched.

    ``state_funded`` decides whether a negotiated price must be publicly noticed (协议定价公示). Without a row the
    organisation's kind decides: CAS institutes, universities and research institutes are state-funded.
    """

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("机构"),
        on_delete=models.CASCADE,
        related_name="deal_settings",
    )
    state_funded = models.BooleanField(_("国家设立的研究开发机构或高等院校"), default=False)
    objection_contact = models.CharField(_("异议受理方式"), max_length=300, blank=True, validators=[validate_no_html])

    class Meta:
        verbose_name = _("机构洽谈设置")
        verbose_name_plural = _("机构洽谈设置")

    def __str__(self) -> str:
        return str(self.organisation_id)


class Approach(models.Model):
    """What an enquiry and a proposal share: two organisations, a status, an answer."""

    class Status(models.TextChoices):
        SENT = "sent", _("待答复")
        ACCEPTED = "accepted", _("已接受")
        DECLINED = "declined", _("已婉拒")

    sender_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("发起方"), on_delete=models.PROTECT, related_name="+"
    )
    recipient_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("接收方"), on_delete=models.PROTECT, related_name="+"
    )
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.SENT)
    # Denormalised at creation so the funnel groups without joining pages and their many-to-many chains.
    # Blank when the listing states no field (real imported listings may not); copied, never guessed.
    technical_field = models.ForeignKey(
        "taxonomy.TechnicalField",
        verbose_name=_("技术领域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    chain_code = models.CharField(_("产业链"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("发送时间"), db_index=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.CharField(_("婉拒原因"), max_length=24, choices=DeclineReason.choices, blank=True)
    decline_note = models.TextField(_("婉拒说明"), max_length=2000, blank=True, validators=[validate_no_html])

    class Meta:
        abstract = True


class Enquiry(Approach):
    """意向咨询: an approved enterprise asks an institution about one of its achievements."""

    achievement = models.ForeignKey(
        "marketplace.AchievementPage", verbose_name=_("科技成果"), on_delete=models.PROTECT, related_name="+"
    )
    need = models.ForeignKey(
        "marketplace.TechnologyNeed",
        verbose_name=_("关联需求"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purpose = models.TextField(_("拟开展的工作"), max_length=2000, validators=[validate_no_html])
    intended_use = models.TextField(_("应用场景与规模"), max_length=2000, validators=[validate_no_html])
    budget_min_cny = models.DecimalField(
        _("预算下限(元)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    budget_max_cny = models.DecimalField(
        _("预算上限(元)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    timeline = models.CharField(_("时间安排"), max_length=16, choices=Timeline.choices)
    transfer_mode = models.ForeignKey(
        "taxonomy.TransferMode",
        verbose_name=_("意向转化方式"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("意向咨询")
        verbose_name_plural = _("意向咨询")
        indexes = [
            models.Index(fields=["recipient_organisation", "status"], name="dealflow_enq_recipient"),
            models.Index(fields=["sender_organisation", "status"], name="dealflow_enq_sender"),
        ]

    def __str__(self) -> str:
        return str(_("意向咨询 #%(id)s") % {"id": self.pk})


class SolutionProposal(Approach):
    """解决方案: an institution answers an enterprise's public need, with 0..n of its achievements."""

    need = models.ForeignKey(
        "marketplace.TechnologyNeed", verbose_name=_("技术需求"), on_delete=models.PROTECT, related_name="+"
    )
    achievements = models.ManyToManyField(
        "marketplace.AchievementPage", verbose_name=_("相关科技成果"), blank=True, related_name="+"
    )
    approach = models.TextField(_("技术方案"), max_length=5000, validators=[validate_no_html])
    cost_min_cny = models.DecimalField(
        _("费用下限(元)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    cost_max_cny = models.DecimalField(
        _("费用上限(元)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    duration = models.CharField(_("所需时间"), max_length=100, validators=[validate_no_html])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("解决方案")
        verbose_name_plural = _("解决方案")

    def __str__(self) -> str:
        return str(_("解决方案 #%(id)s") % {"id": self.pk})


class Conversation(models.Model):
    """The private thread between a seller (institution) and a buyer (enterprise); brokers join only if invited."""

    seller_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("成果方"), on_delete=models.PROTECT, related_name="+"
    )
    buyer_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("需求方"), on_delete=models.PROTECT, related_name="+"
    )
    enquiry = models.OneToOneField(
        Enquiry, null=True, blank=True, on_delete=models.CASCADE, related_name="conversation"
    )
    proposal = models.OneToOneField(
        SolutionProposal, null=True, blank=True, on_delete=models.CASCADE, related_name="conversation"
    )
    subject = models.CharField(_("主题"), max_length=300)
    brokers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("技术经纪人"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"))
    last_message_at = models.DateTimeField(_("最近消息时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("洽谈会话")
        verbose_name_plural = _("洽谈会话")

    def __str__(self) -> str:
        return self.subject

    @property
    def approach(self):
        return self.enquiry or self.proposal


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发送人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("发送单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("内容"), max_length=5000, validators=[validate_no_html])
    created_at = models.DateTimeField(_("发送时间"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("消息")

    def __str__(self) -> str:
        return f"{self.conversation_id}:{self.pk}"


class MessageAttachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), storage=private_storage, upload_to="dealflow/messages/%Y/%m/")
    original_name = models.CharField(_("文件名"), max_length=255)
    kind = models.CharField(_("类型"), max_length=8)  # "pdf" or "image"
    size = models.PositiveIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.original_name


class ConfidentialDisclosure(models.Model):
    """The confidential tier of one achievement: details and files its institution marks confidential."""

    achievement = models.OneToOneField(
        "marketplace.AchievementPage", verbose_name=_("科技成果"), on_delete=models.CASCADE, related_name="+"
    )
    details = models.TextField(_("保密技术资料"), max_length=20000, blank=True, validators=[validate_no_html])
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("保密层信息")

    def __str__(self) -> str:
        return str(self.achievement_id)


class ConfidentialFile(models.Model):
    disclosure = models.ForeignKey(ConfidentialDisclosure, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("名称"), max_length=200, validators=[validate_no_html])
    file = models.FileField(_("文件(PDF)"), storage=private_storage, upload_to="dealflow/confidential/%Y/")
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class NonDisclosureAgreement(models.Model):
    """An institution's click-through NDA text; a new text is a new version, old acceptances keep theirs."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="+"
    )
    version = models.PositiveIntegerField(_("版本"))
    text = models.TextField(_("保密协议文本"), max_length=20000, validators=[validate_no_html])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("发布时间"))

    class Meta:
        ordering = ["organisation", "-version"]
        verbose_name = _("保密协议")
        constraints = [models.UniqueConstraint(fields=["organisation", "version"], name="dealflow_nda_version")]

    def __str__(self) -> str:
        return f"{self.organisation_id} v{self.version}"


class NdaAcceptance(models.Model):
    nda = models.ForeignKey(NonDisclosureAgreement, on_delete=models.PROTECT, related_name="acceptances")
    version = models.PositiveIntegerField(_("版本"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    deal = models.ForeignKey("Deal", null=True, blank=True, on_delete=models.SET_NULL, related_name="nda_acceptances")
    accepted_at = models.DateTimeField(_("签署时间"))
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("保密协议签署记录")

    def __str__(self) -> str:
        return f"{self.organisation_id} v{self.version}"


class DisclosureAccessLog(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("查看")
        DOWNLOAD = "download", _("下载")

    disclosure = models.ForeignKey(ConfidentialDisclosure, on_delete=models.CASCADE, related_name="access_logs")
    file = models.ForeignKey(ConfidentialFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("操作"), max_length=16, choices=Action.choices)
    at = models.DateTimeField(_("时间"))
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class Deal(models.Model):
    """An accepted enquiry or proposal on its way to a registered contract."""

    class Stage(models.TextChoices):
        INTENT = "intent", _("意向")
        NEGOTIATION = "negotiation", _("洽谈")
        NDA = "nda", _("保密协议")
        TERMS = "terms", _("条款/定价")
        NOTICE = "notice", _("价格公示")
        SIGNING = "signing", _("签约")
        REGISTERED = "registered", _("登记")
        IMPLEMENTATION = "implementation", _("实施")

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        LOST = "lost", _("已终止")

    conversation = models.OneToOneField(Conversation, on_delete=models.PROTECT, related_name="deal")
    seller_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("成果方"), on_delete=models.PROTECT, related_name="+"
    )
    buyer_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("需求方"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("项目名称"), max_length=200)
    achievements = models.ManyToManyField(
        "marketplace.AchievementPage", verbose_name=_("科技成果"), blank=True, related_name="+"
    )
    need = models.ForeignKey(
        "marketplace.TechnologyNeed", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transfer_mode = models.ForeignKey(
        "taxonomy.TransferMode",
        verbose_name=_("转化方式"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Blank when the listing states no field (real imported listings may not); copied, never guessed.
    technical_field = models.ForeignKey(
        "taxonomy.TechnicalField",
        verbose_name=_("技术领域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    chain_code = models.CharField(_("产业链"), max_length=32, blank=True)
    stage = models.CharField(_("阶段"), max_length=16, choices=Stage.choices, default=Stage.INTENT)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    lost_reason = models.CharField(_("终止原因"), max_length=24, choices=LostReason.choices, blank=True)
    lost_note = models.TextField(_("终止说明"), max_length=2000, blank=True)
    agreed_price_cny = models.DecimalField(
        _("约定价格(元)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    price_negotiated = models.BooleanField(_("协议定价"), default=True)
    contract = models.ForeignKey(
        "registration.TechnologyContract",
        verbose_name=_("技术合同"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refusal_decision = models.ForeignKey(
        "registration.Decision",
        verbose_name=_("未予登记决定"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_on = models.DateField(_("登记日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), db_index=True)
    stage_changed_at = models.DateTimeField(_("阶段变更时间"))
    last_activity_at = models.DateTimeField(_("最近活动时间"))
    idle_flagged_at = models.DateTimeField(_("停滞提醒时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("终止时间"), null=True, blank=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        verbose_name = _("转化项目")
        verbose_name_plural = _("转化项目")
        indexes = [
            models.Index(fields=["seller_organisation", "status", "stage"], name="dealflow_deal_seller"),
            models.Index(fields=["buyer_organisation", "status", "stage"], name="dealflow_deal_buyer"),
            models.Index(fields=["status", "last_activity_at"], name="dealflow_deal_idle"),
            # The board: one column per stage, most recently active first.
            models.Index(fields=["status", "stage", "-last_activity_at"], name="dealflow_deal_board"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class DealTransition(models.Model):
    """The audit trail: who moved which deal from where to where, when and why."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("操作"), max_length=32)
    from_stage = models.CharField(_("原阶段"), max_length=16, blank=True)
    to_stage = models.CharField(_("新阶段"), max_length=16)
    reason = models.TextField(_("原因"), max_length=2000, blank=True)
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage}→{self.to_stage}"


class PriceNotice(models.Model):
    """协议定价公示: a state-funded seller publishes the negotiated price before signing."""

    # A notice withdrawn after an upheld objection stays on record; the deal may publish a new one.
    deal = models.ForeignKey(Deal, on_delete=models.PROTECT, related_name="price_notices")
    achievement_title = models.CharField(_("成果名称"), max_length=300)
    seller_name = models.CharField(_("成果方"), max_length=200)
    buyer_name = models.CharField(_("受让方"), max_length=200)
    proposed_price_cny = models.DecimalField(_("拟成交价格(元)"), **MONEY)
    transfer_mode_name = models.CharField(_("转化方式"), max_length=50, blank=True)
    starts_on = models.DateField(_("公示开始日期"))
    ends_on = models.DateField(_("公示截止日期"))
    objection_contact = models.CharField(_("异议受理方式"), max_length=300)
    published_at = models.DateTimeField(_("发布时间"))
    withdrawn_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("协议定价公示")

    def __str__(self) -> str:
        return self.achievement_title


class NoticeObjection(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("待处理")
        DISMISSED = "dismissed", _("不成立")
        UPHELD = "upheld", _("成立")

    notice = models.ForeignKey(PriceNotice, on_delete=models.CASCADE, related_name="objections")
    name = models.CharField(_("异议人"), max_length=100, validators=[validate_no_html])
    contact = models.CharField(_("联系方式"), max_length=100, validators=[validate_no_html])
    grounds = models.TextField(_("异议理由"), max_length=5000, validators=[validate_no_html])
    submitted_at = models.DateTimeField(_("提出时间"))
    outcome = models.CharField(_("处理结果"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    resolution = models.TextField(_("处理意见"), max_length=2000, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return self.name


class Receipt(models.Model):
    """到账: one instalment actually received after registration."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="receipts")
    instalment = models.PositiveSmallIntegerField(_("期次"))
    amount_cny = models.DecimalField(_("到账金额(元)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    received_on = models.DateField(_("到账日期"))
    note = models.CharField(_("备注"), max_length=300, blank=True, validators=[validate_no_html])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"))

    class Meta:
        ordering = ["instalment"]
        constraints = [models.UniqueConstraint(fields=["deal", "instalment"], name="dealflow_receipt_instalment")]

    def __str__(self) -> str:
        return f"{self.deal_id}#{self.instalment}"


class Notification(models.Model):
    """An on-site notice to an organisation (every member sees it) or to bureau staff (``for_bureau``)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    for_bureau = models.BooleanField(default=False)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text


class FunnelCounter(models.Model):
    """Running totals behind the bureau's funnel: how many funnel steps happened per (month, field, chain,
    institution, step). Written by the deal-flow services in the transaction that makes the step happen
    (``dealflow.services.funnel``), rebuilt in full by ``manage.py dealflow_funnel_rebuild`` as a repair.

    "None" is stored as 0 / "" rather than NULL so the five columns form a unique key an upsert can hit
    (NULLs never collide in a unique constraint). The ids are plain integers, not foreign keys: a counter
    outlives nothing and protects nothing.
    """

    month = models.DateField(_("月份"))
    technical_field_id = models.BigIntegerField(_("技术领域"), default=0)
    chain_code = models.CharField(_("产业链"), max_length=32, default="", blank=True)
    institution_id = models.BigIntegerField(_("机构"), default=0)
    step = models.CharField(_("环节"), max_length=16)
    count = models.IntegerField(_("数量"), default=0)

    class Meta:
        verbose_name = _("漏斗计数")
        verbose_name_plural = _("漏斗计数")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "technical_field_id", "chain_code", "institution_id", "step"],
                name="dealflow_funnel_counter_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.step} {self.count}"


class AnswerTimeCounter(models.Model):
    """How many enquiries and proposals sent in a year were first answered after so many hours (rounded), per
    institution: the histogram the funnel's median answer time is read from, kept beside ``FunnelCounter``
    by the same services and rebuilt by the same command."""

    year = models.PositiveSmallIntegerField(_("年度"))
    institution_id = models.BigIntegerField(_("机构"), default=0)
    hours = models.PositiveIntegerField(_("答复用时(小时)"))
    count = models.IntegerField(_("数量"), default=0)

    class Meta:
        verbose_name = _("答复用时计数")
        verbose_name_plural = _("答复用时计数")
        constraints = [
            models.UniqueConstraint(fields=["year", "institution_id", "hours"], name="dealflow_answer_time_key")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.hours} h × {self.count}"


class DealReminder(models.Model):
    """One reminder sent by ``manage.py dealflow_reminders``: each (kind, item, deadline) once.

    ``object_id`` is the enquiry, the proposal or the price notice the kind is about.
    """

    class Kind(models.TextChoices):
        ENQUIRY_UNANSWERED = "enquiry_unanswered", _("意向咨询待答复")
        PROPOSAL_UNANSWERED = "proposal_unanswered", _("解决方案待答复")
        NOTICE_ENDED = "notice_ended", _("价格公示期已结束")

    kind = models.CharField(_("提醒类型"), max_length=24, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    deadline = models.DateField(_("期限"))
    sent_at = models.DateTimeField(_("发送时间"))

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("洽谈提醒")
        verbose_name_plural = _("洽谈提醒")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id", "deadline"], name="dealflow_reminder_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.deadline}"
