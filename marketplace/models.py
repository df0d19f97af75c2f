"""Marketplace content: the home page, institutions and their achievements (Wagtail pages), and needs.

What the public may see is defined once, in the querysets' ``listed()`` methods: live (published),
not expired, and (for needs) approved and public.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from common.text import validate_no_html

MAX_PRICE_CNY = Decimal("100000000000.00")  # ¥100bn: anything above is a typo, not a price
PUBLIC_NOTICE_DAYS = 15


def today_local():
    return timezone.localdate()


class HomePage(Page):
    """The site's root: live figures, newest achievements and needs."""

    intro = models.TextField(_("导语"), blank=True, validators=[validate_no_html])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["marketplace.InstitutionIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        from .selectors import (
            achievements_for_listing,
            chain_entry_points,
            commercialised_figures,
            home_figures,
            needs_listed,
        )

        context = super().get_context(request, *args, **kwargs)
        context["figures"] = home_figures()
        context["latest_achievements"] = achievements_for_listing().order_by("-first_published_at")[:6]
        context["latest_needs"] = needs_listed().order_by("-published_at")[:6]
        context["chains"] = chain_entry_points()
        context["commercialisation_target"] = settings.COMMERCIALISATION_TARGET_PER_YEAR
        commercialised = commercialised_figures()
        if commercialised is not None:
            context["commercialised"] = commercialised
        return context


class InstitutionIndexPage(Page):
    """The folder of institution pages (/institutions/)."""

    intro = models.TextField(_("导语"), blank=True, validators=[validate_no_html])
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["marketplace.HomePage"]
    subpage_types = ["marketplace.InstitutionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("机构目录")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["institutions"] = (
            InstitutionPage.objects.live().child_of(self).select_related("organisation").order_by("title")
        )
        return context


class InstitutionPage(Page):
    """An institution's public page; its achievements are its child pages."""

    organisation = models.OneToOneField(
        "accounts.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="institution_page"
    )
    summary = models.TextField(_("简介"), blank=True, validators=[validate_no_html])
    body = RichTextField(_("详细介绍"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("标志"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        # Only staff may (re)assign the organisation: it decides which editors' group owns the page.
        FieldPanel("organisation", permission="accounts.change_organisation"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("logo"),
    ]
    parent_page_types = ["marketplace.InstitutionIndexPage"]
    subpage_types = ["marketplace.AchievementPage"]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("机构主页")
        verbose_name_plural = _("机构主页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .selectors import achievements_for_listing

        context["achievements"] = achievements_for_listing(AchievementPage.objects.listed().child_of(self)).order_by(
            "-first_published_at"
        )
        return context


class AchievementKeyword(TaggedItemBase):
    content_object = ParentalKey("marketplace.AchievementPage", on_delete=models.CASCADE, related_name="keyword_items")


class AchievementPageQuerySet(PageQuerySet):
    def listed(self, on=None):
        """What the public listing shows: published and not past its expiry date."""
        on = on or today_local()
        return self.live().filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on))

    def of_organisation(self, organisation):
        return self.filter(institution_organisation=organisation)


class AchievementPage(Page):
    """A research achievement (科技成果) a buyer can judge: what it does, how well, how ready, on what terms."""

    class Pricing(models.TextChoices):
        NEGOTIABLE = "negotiable", _("面议")
        ASKING = "asking", _("标价")
        AUCTION = "auction", _("拍卖")
        NEGOTIATED_NOTICE = "negotiated_notice", _("协议定价(公示)")

    external_id = models.CharField(_("外部编号"), max_length=100, unique=True, null=True, blank=True)
    # Denormalised from the parent InstitutionPage so ownership checks and listings are one join.
    institution_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("所属机构"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="achievements",
    )
    summary = models.TextField(_("成果简介"), max_length=1000, validators=[validate_no_html])
    description = RichTextField(_("详细介绍"), blank=True)
    trl = models.PositiveSmallIntegerField(
        _("技术就绪度(TRL)"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    technical_field = models.ForeignKey(
        "taxonomy.TechnicalField", verbose_name=_("技术领域"), on_delete=models.PROTECT, related_name="achievements"
    )
    industry_chains = ParentalManyToManyField(
        "taxonomy.IndustryChainNode", verbose_name=_("产业链"), blank=True, related_name="achievements"
    )
    transfer_modes = ParentalManyToManyField(
        "taxonomy.TransferMode", verbose_name=_("转化方式"), blank=True, related_name="achievements"
    )
    keywords = ClusterTaggableManager(through=AchievementKeyword, verbose_name=_("关键词"), blank=True)
    pricing = models.CharField(_("定价方式"), max_length=32, choices=Pricing.choices, default=Pricing.NEGOTIABLE)
    price_cny = models.DecimalField(
        _("价格(元)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_PRICE_CNY)],
    )
    public_notice_start = models.DateField(_("公示开始日期"), null=True, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True, validators=[validate_no_html])
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True, validators=[validate_no_html])
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    valid_until = models.DateField(
        _("有效期至"), null=True, blank=True, help_text=_("过期后不再出现在成果列表中,续期后恢复。")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PageManager.from_queryset(AchievementPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        InlinePanel("indicators", label=_("量化指标")),
        MultiFieldPanel(
            [FieldPanel("technical_field"), FieldPanel("industry_chains"), FieldPanel("keywords"), FieldPanel("trl")],
            heading=_("分类"),
        ),
        InlinePanel("ip_records", label=_("知识产权")),
        MultiFieldPanel(
            [
                FieldPanel("transfer_modes"),
                FieldRowPanel([FieldPanel("pricing"), FieldPanel("price_cny")]),
                FieldPanel("public_notice_start"),
            ],
            heading=_("转化条件"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")])],
            heading=_("联系方式"),
        ),
        FieldPanel("cover_image"),
        InlinePanel("gallery_images", label=_("图片")),
        InlinePanel("attachments", label=_("附件(PDF)")),
        FieldPanel("valid_until"),
    ]
    parent_page_types = ["marketplace.InstitutionPage"]
    subpage_types = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("trl"),
        index.FilterField("technical_field"),
    ]

    class Meta:
        verbose_name = _("科技成果")
        verbose_name_plural = _("科技成果")

    def get_context(self, request, *args, **kwargs):
        from .permissions import can_edit_achievement
        from .selectors import achievement_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(achievement_detail(self))
        context["can_edit"] = can_edit_achievement(request.user, self)
        return context

    def serve(self, request, *args, **kwargs):
        from django.http import Http404

        from .permissions import can_view_achievement

        # Live pages only reach here; an expired listing is gone for the public but stays visible to its editors.
        if not can_view_achievement(request.user, self):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.pricing == self.Pricing.ASKING and self.price_cny is None:
            errors["price_cny"] = _("标价方式必须填写价格。")
        if self.pricing == self.Pricing.NEGOTIATED_NOTICE and self.public_notice_start is None:
            errors["public_notice_start"] = _("协议定价须填写公示开始日期(公示期 15 天)。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None:
            institution = parent.specific
            if isinstance(institution, InstitutionPage):
                self.institution_organisation_id = institution.organisation_id
        super().save(*args, **kwargs)

    @property
    def public_notice_end(self):
        if self.public_notice_start is None:
            return None
        return self.public_notice_start + timedelta(days=PUBLIC_NOTICE_DAYS - 1)

    def public_notice_active(self, on=None) -> bool:
        on = on or today_local()
        return self.public_notice_start is not None and self.public_notice_start <= on <= self.public_notice_end

    def is_expired(self, on=None) -> bool:
        on = on or today_local()
        return self.valid_until is not None and self.valid_until < on

    @property
    def keyword_names(self) -> list[str]:
        return [tag.name for tag in self.keywords.all()]


class AchievementIndicator(Orderable):
    """A quantified advantage: 'thermal conductivity 1500 W/(m·K), vs 400 for copper foil'."""

    page = ParentalKey(AchievementPage, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("指标名称"), max_length=100, validators=[validate_no_html])
    value = models.CharField(_("指标值"), max_length=50, validators=[validate_no_html])
    unit = models.CharField(_("单位"), max_length=30, blank=True, validators=[validate_no_html])
    compared_with = models.CharField(_("对比对象及其水平"), max_length=200, blank=True, validators=[validate_no_html])

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("value"), FieldPanel("unit")]), FieldPanel("compared_with")]

    class Meta(Orderable.Meta):
        verbose_name = _("量化指标")

    def __str__(self) -> str:
        return f"{self.name} {self.value}{self.unit}"


class AchievementIPRecord(Orderable):
    """One patent, copyright, variety right or technical secret behind an achievement."""

    class Status(models.TextChoices):
        PENDING = "pending", _("申请中")
        GRANTED = "granted", _("已授权")
        EXPIRED = "expired", _("已失效")
        NOT_APPLICABLE = "na", _("不适用")

    page = ParentalKey(AchievementPage, on_delete=models.CASCADE, related_name="ip_records")
    ip_type = models.ForeignKey("taxonomy.IPType", verbose_name=_("类型"), on_delete=models.PROTECT)
    number = models.CharField(_("编号"), max_length=50, blank=True, validators=[validate_no_html])
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.GRANTED)
    holder = models.CharField(_("权利人"), max_length=200, blank=True, validators=[validate_no_html])
    granted_on = models.DateField(_("授权/申请日期"), null=True, blank=True)
    expires_on = models.DateField(_("到期日期"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("ip_type"), FieldPanel("number"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("holder"), FieldPanel("granted_on"), FieldPanel("expires_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("知识产权")

    def __str__(self) -> str:
        return f"{self.ip_type} {self.number}".strip()


class AchievementGalleryImage(Orderable):
    page = ParentalKey(AchievementPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("图片"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("说明"), max_length=200, blank=True, validators=[validate_no_html])

    panels = [FieldPanel("image"), FieldPanel("caption")]


class AchievementAttachment(Orderable):
    page = ParentalKey(AchievementPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("名称"), max_length=200, blank=True, validators=[validate_no_html])

    panels = [FieldPanel("document"), FieldPanel("title")]


class TechnologyNeedQuerySet(models.QuerySet):
    def listed(self, on=None):
        """Public listing: approved, public, open, not past the deadline."""
        return self.open_for_matching(on).filter(visibility=TechnologyNeed.Visibility.PUBLIC)

    def open_for_matching(self, on=None):
        """Needs that should receive match alerts: published (public or bureau-only) and not expired."""
        on = on or today_local()
        return self.filter(status=TechnologyNeed.Status.PUBLISHED).filter(
            models.Q(deadline__isnull=True) | models.Q(deadline__gte=on)
        )

    def of_organisation(self, organisation):
        return self.filter(enterprise=organisation)


class TechnologyNeed(models.Model):
    """An enterprise's technology need (技术需求): the problem, measurable targets, budget and deadline."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PENDING_REVIEW = "pending_review", _("待审核")
        PUBLISHED = "published", _("已发布")
        REJECTED = "rejected", _("已退回")
        CLOSED = "closed", _("已关闭")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("公开")
        BUREAU_ONLY = "bureau_only", _("仅科技局可见")

    external_id = models.CharField(_("外部编号"), max_length=100, unique=True, null=True, blank=True)
    enterprise = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("需求企业"), on_delete=models.PROTECT, related_name="needs"
    )
    title = models.CharField(_("需求名称"), max_length=200, validators=[validate_no_html])
    problem = models.TextField(_("问题描述"), max_length=5000, validators=[validate_no_html])
    keywords = models.CharField(
        _("关键词"), max_length=300, blank=True, validators=[validate_no_html], help_text=_("以逗号或空格分隔。")
    )
    industry_chain = models.ForeignKey(
        "taxonomy.IndustryChainNode",
        verbose_name=_("产业链"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="needs",
    )
    technical_field = models.ForeignKey(
        "taxonomy.TechnicalField", verbose_name=_("技术领域"), on_delete=models.PROTECT, related_name="needs"
    )
    budget_min_cny = models.DecimalField(
        _("预算下限(元)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_PRICE_CNY)],
    )
    budget_max_cny = models.DecimalField(
        _("预算上限(元)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_PRICE_CNY)],
    )
    deadline = models.DateField(_("截止日期"), null=True, blank=True)
    region = models.ForeignKey(
        "taxonomy.Region", verbose_name=_("所在地区"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cooperation_mode = models.ForeignKey(
        "taxonomy.TransferMode",
        verbose_name=_("意向合作方式"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    min_trl = models.PositiveSmallIntegerField(
        _("期望最低技术就绪度"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    visibility = models.CharField(_("公开范围"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = TechnologyNeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("技术需求")
        verbose_name_plural = _("技术需求")
        indexes = [models.Index(fields=["status", "visibility", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_min_cny__isnull=True)
                | models.Q(budget_max_cny__isnull=True)
                | models.Q(budget_min_cny__lte=models.F("budget_max_cny")),
                name="need_budget_min_le_max",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if (
            self.budget_min_cny is not None
            and self.budget_max_cny is not None
            and self.budget_min_cny > self.budget_max_cny
        ):
            raise ValidationError({"budget_max_cny": _("预算上限不能低于预算下限。")})

    def is_expired(self, on=None) -> bool:
        """Past its deadline (the deadline day itself is still open), as ``listed()`` counts it."""
        on = on or today_local()
        return self.deadline is not None and self.deadline < on

    @property
    def keyword_list(self) -> list[str]:
        import re

        return [k for k in re.split(r"[,,、;;\s]+", self.keywords or "") if k]


class NeedIndicator(models.Model):
    """A quantified target the need must reach: 'yield ≥ 99.5 %'."""

    need = models.ForeignKey(TechnologyNeed, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("指标名称"), max_length=100, validators=[validate_no_html])
    target = models.CharField(_("目标值"), max_length=50, validators=[validate_no_html])
    unit = models.CharField(_("单位"), max_length=30, blank=True, validators=[validate_no_html])
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("目标指标")

    def __str__(self) -> str:
        return f"{self.name} {self.target}{self.unit}"
