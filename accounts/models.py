"""Users, their one role, and the organisations (enterprises and institutions) they belong to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_credit_code


class OrganisationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Organisation.Status.APPROVED)

    def enterprises(self):
        return self.filter(kind=Organisation.Kind.ENTERPRISE)

    def institutions(self):
        return self.exclude(kind=Organisation.Kind.ENTERPRISE)


class Organisation(models.Model):
    """An enterprise or a research institution. Nothing it posts is public until staff approve it."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("企业")
        CAS_INSTITUTE = "cas_institute", _("中国科学院院所")
        UNIVERSITY = "university", _("高等院校")
        RESEARCH_INSTITUTE = "research_institute", _("科研院所")
        NEW_RD_INSTITUTION = "new_rd_institution", _("新型研发机构")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已认证")
        REJECTED = "rejected", _("未通过")
        SUSPENDED = "suspended", _("已停用")

    name = models.CharField(_("名称"), max_length=200, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=32, choices=Kind.choices)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, null=True, blank=True, validators=[validate_credit_code]
    )
    region = models.ForeignKey(
        "taxonomy.Region", verbose_name=_("所在地区"), null=True, blank=True, on_delete=models.PROTECT
    )
    entity_type = models.ForeignKey(
        "taxonomy.EntityType", verbose_name=_("单位性质"), null=True, blank=True, on_delete=models.PROTECT
    )
    country_code = models.CharField(_("国别代码"), max_length=3, default="156")
    address = models.CharField(_("地址"), max_length=300, blank=True)
    website = models.URLField(_("网址"), blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    description = models.TextField(_("简介"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    external_id = models.CharField(_("外部编号"), max_length=100, unique=True, null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User", verbose_name=_("审核人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    def __str__(self) -> str:
        return self.name

    @property
    def is_enterprise(self) -> bool:
        return self.kind == self.Kind.ENTERPRISE

    @property
    def is_institution(self) -> bool:
        return not self.is_enterprise

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class User(AbstractUser):
    """A person with exactly one role. Enterprise members and institution editors belong to one organisation."""

    class Role(models.TextChoices):
        ENTERPRISE_MEMBER = "enterprise_member", _("企业用户")
        INSTITUTION_EDITOR = "institution_editor", _("机构编辑")
        REGISTRAR = "registrar", _("登记员")
        BUREAU_STAFF = "bureau_staff", _("科技局工作人员")
        PUBLIC = "public", _("公众用户")
        EXPERT = "expert", _("评审专家")

    role = models.CharField(_("角色"), max_length=32, choices=Role.choices, default=Role.PUBLIC)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("所属机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_enterprise_member(self) -> bool:
        return self.role == self.Role.ENTERPRISE_MEMBER and self.organisation_id is not None

    @property
    def is_institution_editor(self) -> bool:
        return self.role == self.Role.INSTITUTION_EDITOR and self.organisation_id is not None

    @property
    def is_registrar(self) -> bool:
        return self.role == self.Role.REGISTRAR

    @property
    def is_expert(self) -> bool:
        return self.role == self.Role.EXPERT

    @property
    def is_bureau_staff(self) -> bool:
        return self.role == self.Role.BUREAU_STAFF or self.is_superuser
