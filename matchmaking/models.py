"""Events as Wagtail pages, organisations' sign-ups, pre-arranged one-to-one meetings, their outcomes and the
dealflow enquiries those outcomes opened (the trail from an event to contracts)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from common import clock
from common.pagination import CachedCountPaginator
from common.text import validate_no_html
from marketplace.models import ReadableSlugMixin

from . import permissions
from .signals import event_page_shown

# Events per page of the public list (upcoming and past are paged separately).
PAGE_SIZE = 12


def _english() -> bool:
    return (get_language() or "").startswith("en")


# --- Pages --------------------------------------------------------------------------------------------


class EventIndexPage(ReadableSlugMixin, Page):
    """The public list of events (/events/): upcoming first, then past ones."""

    intro = models.TextField(_("导语"), blank=True, validators=[validate_no_html])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["marketplace.HomePage"]
    subpage_types = ["matchmaking.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("活动目录")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing(request))
        return context

    def listing(self, request) -> dict:
        """The list's part of the page: a search's results, or the upcoming and past events, paged apart."""
        now = clock.now()
        query = (request.GET.get("q") or "").strip()[:100]
        kind = request.GET.get("kind") or ""
        base = EventPage.objects.listed().child_of(self)
        if kind in EventPage.Kind.values:
            base = base.filter(kind=kind)
        context = {"query": query, "kind": kind, "kinds": EventPage.Kind.choices}
        if query:
            # Events are found with Wagtail's page search (the jieba-segmenting database backend); the site-wide
            # engine search indexes achievements and needs only.
            context["results"] = list(base.search(query)[:50])
            return context
        context["upcoming"] = _paginate(base.upcoming(now).order_by("starts_at", "pk"), request.GET.get("page"))
        context["past"] = _paginate(base.past(now).order_by("-starts_at", "-pk"), request.GET.get("past"))
        return context


def _paginate(queryset, number) -> object:
    return CachedCountPaginator(queryset, PAGE_SIZE).get_page(number)


class AgendaItemBlock(blocks.StructBlock):
    starts = blocks.TimeBlock(label=_("开始时间"), required=False)
    title = blocks.CharBlock(label=_("议程"), max_length=200)
    title_en = blocks.CharBlock(label=_("英文议程"), max_length=300, required=False)
    speaker = blocks.CharBlock(label=_("主讲/主持"), max_length=200, required=False)

    class Meta:
        icon = "time"
        label = _("议程")
        template = "matchmaking/blocks/agenda_item.html"


class RoadshowSlotBlock(blocks.StructBlock):
    """An institution presents one of its achievements (路演)."""

    starts = blocks.TimeBlock(label=_("开始时间"), required=False)
    minutes = blocks.IntegerBlock(label=_("时长(分钟)"), min_value=1, max_value=180, default=10)
    achievement = blocks.PageChooserBlock(label=_("路演成果"), page_type="marketplace.AchievementPage")
    presenter = blocks.CharBlock(label=_("路演人"), max_length=100, required=False)

    class Meta:
        icon = "media"
        label = _("成果路演")
        template = "matchmaking/blocks/roadshow_slot.html"


class EventPageQuerySet(PageQuerySet):
    def listed(self):
        """What the public sees: published events (Wagtail's live pages) outside private sections."""
        return self.live().public()

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(ends_at__gte=now)

    def past(self, now=None):
        now = now or timezone.now()
        return self.filter(ends_at__lt=now)


class EventPage(ReadableSlugMixin, Page):
    """An event the bureau holds: a matchmaking fair, a roadshow, a competition or an investment-promotion session."""

    class Kind(models.TextChoices):
        FAIR = "fair", _("对接会")
        ROADSHOW = "roadshow", _("路演")
        COMPETITION = "competition", _("大赛")
        PROMOTION = "promotion", _("招商会")

    title_en = models.CharField(_("英文名称"), max_length=300, blank=True, validators=[validate_no_html])
    kind = models.CharField(_("活动类型"), max_length=16, choices=Kind.choices, default=Kind.FAIR, db_index=True)
    summary = models.TextField(_("活动简介"), max_length=3000, blank=True, validators=[validate_no_html])
    summary_en = models.TextField(_("英文简介"), max_length=5000, blank=True, validators=[validate_no_html])
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    place = models.CharField(_("地点"), max_length=300, blank=True, validators=[validate_no_html])
    online_url = models.URLField(_("线上参会链接"), blank=True)
    organisers = models.CharField(_("主办/承办单位"), max_length=500, blank=True, validators=[validate_no_html])
    industry_chains = ParentalManyToManyField(
        "taxonomy.IndustryChainNode", verbose_name=_("聚焦产业链"), blank=True, related_name="+"
    )
    technical_fields = ParentalManyToManyField(
        "taxonomy.TechnicalField", verbose_name=_("聚焦技术领域"), blank=True, related_name="+"
    )
    agenda = StreamField(
        [("item", AgendaItemBlock()), ("roadshow", RoadshowSlotBlock())],
        verbose_name=_("议程"),
        blank=True,
        use_json_field=True,
    )
    capacity = models.PositiveIntegerField(
        _("名额(机构数)"), default=50, validators=[MinValueValidator(1)], help_text=_("已批准的报名机构数上限。")
    )
    signup_deadline = models.DateTimeField(_("报名截止时间"))
    meeting_tables = models.PositiveSmallIntegerField(
        _("洽谈桌数"), default=0, validators=[MaxValueValidator(500)], help_text=_("为 0 时不安排一对一洽谈。")
    )
    meeting_slot_minutes = models.PositiveSmallIntegerField(
        _("每场洽谈时长(分钟)"), default=20, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    first_slot_at = models.DateTimeField(_("首场洽谈时间"), null=True, blank=True)
    meeting_slots = models.PositiveSmallIntegerField(_("洽谈场次"), default=0, validators=[MaxValueValidator(100)])
    schedule_built_at = models.DateTimeField(_("日程生成时间"), null=True, blank=True, editable=False)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldPanel("online_url"),
                FieldPanel("organisers"),
            ],
            heading=_("时间地点"),
        ),
        MultiFieldPanel([FieldPanel("industry_chains"), FieldPanel("technical_fields")], heading=_("聚焦领域")),
        FieldPanel("agenda"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("capacity"), FieldPanel("signup_deadline")])], heading=_("报名")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("meeting_tables"), FieldPanel("meeting_slots")]),
                FieldRowPanel([FieldPanel("first_slot_at"), FieldPanel("meeting_slot_minutes")]),
            ],
            heading=_("一对一洽谈"),
        ),
    ]
    parent_page_types = ["matchmaking.EventIndexPage"]
    subpage_types: list[str] = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("title_en"),
        index.SearchField("summary"),
        index.SearchField("summary_en"),
        index.SearchField("place"),
        index.SearchField("organisers"),
        index.FilterField("kind"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
    ]

    class Meta:
        verbose_name = _("对接活动")
        verbose_name_plural = _("对接活动")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return self.title_en if _english() and self.title_en else self.title

    @property
    def display_summary(self) -> str:
        return self.summary_en if _english() and self.summary_en else self.summary

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("结束时间须晚于开始时间。")
        if self.signup_deadline and self.starts_at and self.signup_deadline > self.starts_at:
            errors["signup_deadline"] = _("报名截止时间不能晚于活动开始时间。")
        if self.meeting_tables and self.meeting_slots and not self.first_slot_at:
            errors["first_slot_at"] = _("安排一对一洽谈须填写首场洽谈时间。")
        if errors:
            raise ValidationError(errors)

    @property
    def has_meetings(self) -> bool:
        return bool(self.meeting_tables and self.meeting_slots and self.first_slot_at)

    def slot_starts(self, slot: int):
        return self.first_slot_at + timedelta(minutes=self.meeting_slot_minutes * slot)

    def slot_ends(self, slot: int):
        return self.slot_starts(slot) + timedelta(minutes=self.meeting_slot_minutes)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.detail(request.user))
        for _receiver, extra in event_page_shown.send(sender=type(self), event=self, user=request.user):
            context.update(extra or {})
        return context

    def detail(self, user) -> dict:
        """What the event page shows beside its own fields: places left, roadshows, the visitor's own sign-up."""
        approved = Signup.objects.filter(event=self).approved().count()
        context = {
            "signup_open": clock.now() <= self.signup_deadline,
            "approved_count": approved,
            "places_left": max(self.capacity - approved, 0),
            "roadshows": [block for block in self.agenda if block.block_type == "roadshow"],
            "is_staff": permissions.is_staff(user),
            "can_sign_up": permissions.is_party_user(user),
        }
        if permissions.is_party_user(user):
            context["own_signup"] = Signup.objects.of(event=self, organisation_id=user.organisation_id)
        return context


# --- Sign-ups -----------------------------------------------------------------------------------------


class SignupQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Signup.Status.APPROVED)

    def waiting(self):
        return self.filter(status=Signup.Status.WAITING).order_by("waiting_since", "pk")

    def active(self):
        return self.filter(status__in=[Signup.Status.PENDING, Signup.Status.APPROVED, Signup.Status.WAITING])

    def of(self, *, event, organisation_id: int | None) -> Signup | None:
        """An organisation's sign-up for an event (one at most), or None."""
        if organisation_id is None:
            return None
        return self.filter(event=event, organisation_id=organisation_id).first()


class Signup(models.Model):
    """An approved enterprise or institution signs up for an event with its own needs or achievements."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        WAITING = "waiting", _("候补")
        DECLINED = "declined", _("未通过")
        CANCELLED = "cancelled", _("已取消")

    event = models.ForeignKey(EventPage, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="signups")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("报名机构"), on_delete=models.PROTECT, related_name="+"
    )
    needs = models.ManyToManyField(
        "marketplace.TechnologyNeed", verbose_name=_("携带需求"), blank=True, related_name="+"
    )
    achievements = models.ManyToManyField(
        "marketplace.AchievementPage", verbose_name=_("携带成果"), blank=True, related_name="+"
    )
    attendees = models.TextField(_("参会人员"), max_length=1000, validators=[validate_no_html])
    unavailable_slots = models.JSONField(_("不便洽谈的场次"), default=list, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    waiting_since = models.DateTimeField(_("候补时间"), null=True, blank=True)
    attended = models.BooleanField(_("已到场"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报名人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_note = models.CharField(_("审核意见"), max_length=500, blank=True, validators=[validate_no_html])
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认函发送时间"), null=True, blank=True)

    objects = SignupQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        constraints = [models.UniqueConstraint(fields=["event", "organisation"], name="matchmaking_signup_once")]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.event_id}"

    def attendee_list(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]

    @property
    def party_key(self) -> str:
        return f"org:{self.organisation_id}"


# --- Meetings -----------------------------------------------------------------------------------------


class Meeting(models.Model):
    """A one-to-one meeting between an attending enterprise and an attending institution.

    Proposed by the matcher (need × achievement above the relevance floor, with its score and reasons) or
    requested by one side; it goes on the schedule once both sides accept. One meeting per pair of organisations
    per event: when several of their needs and achievements match, the best-scoring pair is the topic.
    """

    class Origin(models.TextChoices):
        MATCHER = "matcher", _("系统推荐")
        REQUEST = "request", _("参会方邀约")

    class Response(models.TextChoices):
        PENDING = "pending", _("待回复")
        ACCEPTED = "accepted", _("接受")
        DECLINED = "declined", _("谢绝")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("待确认")
        ACCEPTED = "accepted", _("双方已接受")
        DECLINED = "declined", _("已谢绝")
        CANCELLED = "cancelled", _("已取消")
        HELD = "held", _("已洽谈")

    event = models.ForeignKey(EventPage, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="meetings")
    enterprise_signup = models.ForeignKey(
        Signup, verbose_name=_("企业报名"), on_delete=models.CASCADE, related_name="enterprise_meetings"
    )
    institution_signup = models.ForeignKey(
        Signup, verbose_name=_("机构报名"), on_delete=models.CASCADE, related_name="institution_meetings"
    )
    need = models.ForeignKey(
        "marketplace.TechnologyNeed",
        verbose_name=_("需求"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    achievement = models.ForeignKey(
        "marketplace.AchievementPage",
        verbose_name=_("成果"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    origin = models.CharField(_("来源"), max_length=16, choices=Origin.choices, default=Origin.MATCHER)
    requested_by = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("邀约方"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    score = models.FloatField(_("匹配分"), null=True, blank=True)
    reasons = models.JSONField(_("匹配理由"), default=list, blank=True)
    enterprise_response = models.CharField(
        _("企业回复"), max_length=16, choices=Response.choices, default=Response.PENDING
    )
    institution_response = models.CharField(
        _("机构回复"), max_length=16, choices=Response.choices, default=Response.PENDING
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    slot = models.PositiveSmallIntegerField(_("场次"), null=True, blank=True)
    table = models.PositiveSmallIntegerField(_("桌号"), null=True, blank=True)
    held_at = models.DateTimeField(_("洽谈时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["event", "slot", "table", "pk"]
        verbose_name = _("一对一洽谈")
        verbose_name_plural = _("一对一洽谈")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "enterprise_signup", "institution_signup"], name="matchmaking_meeting_once_per_pair"
            ),
            models.UniqueConstraint(
                fields=["event", "slot", "table"], condition=models.Q(slot__isnull=False), name="matchmaking_table_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_signup_id} × {self.institution_signup_id}"

    @property
    def key(self) -> str:
        return f"meeting:{self.pk}"

    @property
    def is_scheduled(self) -> bool:
        return self.slot is not None and self.table is not None


class MeetingOutcome(models.Model):
    """What one side of a held meeting says came of it."""

    class Result(models.TextChoices):
        NO_INTEREST = "no_interest", _("无意向")
        FOLLOW_UP = "follow_up", _("继续跟进")
        ENQUIRY = "enquiry", _("已发起洽谈")
        DEAL = "deal", _("达成合作")

    meeting = models.ForeignKey(Meeting, verbose_name=_("洽谈"), on_delete=models.CASCADE, related_name="outcomes")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("填报机构"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("洽谈结果"), max_length=16, choices=Result.choices)
    note = models.CharField(_("备注"), max_length=500, blank=True, validators=[validate_no_html])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("填报时间"), default=timezone.now)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("洽谈结果")
        verbose_name_plural = _("洽谈结果")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation"], name="matchmaking_outcome_once_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.organisation_id}: {self.result}"


class EventEnquiry(models.Model):
    """A dealflow enquiry an event's meeting opened: the tag that traces deals and contracts back to the event."""

    event = models.ForeignKey(EventPage, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="enquiries")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("洽谈"), null=True, blank=True, on_delete=models.SET_NULL, related_name="enquiries"
    )
    enquiry = models.OneToOneField(
        "dealflow.Enquiry", verbose_name=_("洽谈询价"), on_delete=models.CASCADE, related_name="event_tag"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("活动带来的洽谈")
        verbose_name_plural = _("活动带来的洽谈")

    def __str__(self) -> str:
        return f"{self.event_id} → {self.enquiry_id}"
