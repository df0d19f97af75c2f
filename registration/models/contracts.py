"""Registries and the contract as filed: its parties, IP records, deductions, amount corrections, attachments."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_credit_code

ZERO = Decimal("0.00")
# 14 digits (12 before the point): what every amount column holds, checked at the edge (amounts.money).
MONEY = {"max_digits": 14, "decimal_places": 2}
REGION_CODE_VALIDATOR = RegexValidator(r"^\d{6}$", _("行政区划代码应为 6 位数字(GB/T 2260)。"))
COUNTRY_CODE_VALIDATOR = RegexValidator(r"^\d{3}$", _("国别代码应为 3 位数字(GB/T 2659)。"))


class Registry(models.Model):
    """A technology-contract registration point (技术合同登记机构) and the registrars who work there."""

    name = models.CharField(_("登记机构名称"), max_length=200, unique=True)
    region = models.ForeignKey(
        "taxonomy.Region", verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="registries"
    )
    code = models.CharField(
        _("登记机构代码"),
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^\d{1,12}$", _("登记机构代码应为数字。"))],
        help_text=_("用于登记编号,默认取所在地 6 位行政区划代码。"),
    )
    registrars = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("登记员"), blank=True, related_name="registries"
    )
    address = models.CharField(_("地址"), max_length=300, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("登记机构")
        verbose_name_plural = _("登记机构")

    def __str__(self) -> str:
        return self.name


class ContractType(models.TextChoices):
    """Contract types across both rule sets. Which sub-types belong to which type is rule-set data."""

    DEVELOPMENT = "development", _("技术开发")
    TRANSFER = "transfer", _("技术转让")
    LICENCE = "licence", _("技术许可")
    CONSULTING = "consulting", _("技术咨询")
    SERVICE = "service", _("技术服务")


class TechnologyContractQuerySet(models.QuerySet):
    def registered(self):
        """Contracts that hold a registration (including amended ones); what statistics count."""
        return self.filter(status=TechnologyContract.Status.REGISTERED)

    def in_queue(self):
        """Contracts waiting for a registrar's decision."""
        return self.filter(status__in=[TechnologyContract.Status.SUBMITTED, TechnologyContract.Status.REDETERMINATION])

    def of_organisation(self, organisation):
        return self.filter(seller_organisation=organisation)


class TechnologyContract(models.Model):
    """One technology contract as filed by the seller side and decided by a registrar."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已受理待认定")
        MATERIAL_REQUESTED = "material_requested", _("待补正")
        REGISTERED = "registered", _("已登记")
        REFUSED = "refused", _("未予登记")
        CANCELLED = "cancelled", _("已注销")
        REDETERMINATION = "redetermination", _("异议复核中")
        WITHDRAWN = "withdrawn", _("已撤回")

    class LicenceScope(models.TextChoices):
        EXCLUSIVE = "exclusive", _("独占许可")
        SOLE = "sole", _("排他许可")
        ORDINARY = "ordinary", _("普通许可")

    class ProgrammeSource(models.TextChoices):
        NATIONAL = "national", _("国家计划")
        MINISTRY = "ministry", _("部门计划")
        PROVINCIAL = "provincial", _("省级计划")
        CITY = "city", _("市级计划")
        COUNTY = "county", _("县级计划")
        NONE = "none", _("计划外")

    class PaymentMethod(models.TextChoices):
        LUMP_SUM = "lump_sum", _("一次总算、一次总付")
        INSTALMENTS = "instalments", _("一次总算、分期支付")
        ROYALTY = "royalty", _("提成支付")
        ROYALTY_WITH_FEE = "royalty_with_fee", _("提成支付附加预付入门费")

    class ClockKind(models.TextChoices):
        CALENDAR = "calendar", _("自然日")
        WORKING = "working", _("工作日")

    registry = models.ForeignKey(
        Registry, verbose_name=_("登记机构"), on_delete=models.PROTECT, related_name="contracts"
    )
    rule_set_key = models.CharField(_("适用规则"), max_length=16, blank=True, db_index=True)
    status = models.CharField(_("状态"), max_length=24, choices=Status.choices, default=Status.DRAFT)

    # --- What the contract is -------------------------------------------------------------------
    project_name = models.CharField(_("项目名称"), max_length=200)
    contract_number = models.CharField(_("合同编号"), max_length=100, blank=True)
    contract_part = models.CharField(
        _("合同分项"),
        max_length=100,
        blank=True,
        help_text=_("同一份合同的不同部分分别登记时填写(如“技术服务部分”),各部分可使用同一合同编号。"),
    )
    is_written = models.BooleanField(_("书面合同"), default=True, help_text=_("口头合同不予登记。"))
    signed_on = models.DateField(_("签订日期"), null=True, blank=True)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    term_start = models.DateField(_("合同有效期起"), null=True, blank=True)
    term_end = models.DateField(_("合同有效期止"), null=True, blank=True)
    contract_type = models.CharField(_("合同类别"), max_length=16, choices=ContractType.choices, blank=True)
    sub_type = models.CharField(_("合同子类"), max_length=40, blank=True)
    licence_scope = models.CharField(_("许可范围"), max_length=16, choices=LicenceScope.choices, blank=True)
    is_equity_contribution = models.BooleanField(_("技术入股"), default=False)
    is_import = models.BooleanField(_("技术引进合同"), default=False, help_text=_("技术引进合同由境内买方登记。"))
    technical_content = models.TextField(_("主要技术内容"), max_length=5000, blank=True)
    technical_field = models.ForeignKey(
        "taxonomy.TechnicalField",
        verbose_name=_("技术领域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    ip_type = models.ForeignKey(
        "taxonomy.IPType",
        verbose_name=_("知识产权类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    programme_source = models.CharField(
        _("计划来源"), max_length=16, choices=ProgrammeSource.choices, default=ProgrammeSource.NONE
    )
    # The list is marked "(verify)" in the rules, so its codes live in the rule-set files, not in choices.
    socio_economic_objective = models.CharField(_("社会经济目标"), max_length=16, blank=True)
    payment_method = models.CharField(_("支付方式"), max_length=24, choices=PaymentMethod.choices, blank=True)
    price_terms = models.TextField(
        _("价款、报酬或使用费约定"), max_length=2000, blank=True, help_text=_("提成支付须写明提成基数和比例。")
    )

    # --- Amounts (CNY, exact). Declared values stay as filed; corrections sit beside them. -------------
    total_amount_cny = models.DecimalField(
        _("合同成交额(元)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    technology_amount_cny = models.DecimalField(
        _("技术交易额(元)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    effective_total_amount_cny = models.DecimalField(_("认定成交额(元)"), **MONEY, default=ZERO)
    effective_technology_amount_cny = models.DecimalField(_("认定技术交易额(元)"), **MONEY, default=ZERO)
    expected_investment_cny = models.DecimalField(
        _("预计新增投资(元)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    expected_output_cny = models.DecimalField(
        _("预计新增产值(元)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    is_mixed = models.BooleanField(_("混合合同"), default=False, help_text=_("含非技术内容的合同。"))
    separable_technical_amount_cny = models.DecimalField(
        _("可分离的技术部分金额(元)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )

    # --- Language ---------------------------------------------------------------------------------
    language = models.CharField(_("合同文本语言"), max_length=16, default="zh")
    has_chinese_version = models.BooleanField(_("附中文译本"), default=False)
    consistency_statement = models.BooleanField(_("已提交中外文本一致性声明"), default=False)

    # --- Review flags -----------------------------------------------------------------------------
    is_disputed = models.BooleanField(_("存在争议"), default=False)
    expert_review_required = models.BooleanField(_("需专家评审"), default=False)
    precheck_findings = models.JSONField(_("预审结果"), default=list, blank=True)

    achievements = models.ManyToManyField(
        "marketplace.AchievementPage", verbose_name=_("关联科技成果"), blank=True, related_name="contracts"
    )

    # --- Who --------------------------------------------------------------------------------------
    seller_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("登记申请单位"),
        on_delete=models.PROTECT,
        related_name="technology_contracts",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="technology_contracts_created",
    )
    assigned_registrar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办登记员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technology_contracts_assigned",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # --- Service-level clock ----------------------------------------------------------------------
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    clock_started_on = models.DateField(_("计时起算日"), null=True, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(_("办理时限(天)"), null=True, blank=True)
    time_limit_kind = models.CharField(_("时限计算方式"), max_length=16, choices=ClockKind.choices, blank=True)
    deadline = models.DateField(_("办理期限"), null=True, blank=True)
    restarted_at = models.DateTimeField(_("补正后重新计时时间"), null=True, blank=True)
    material_requested_at = models.DateTimeField(_("要求补正时间"), null=True, blank=True)
    material_request_note = models.TextField(_("补正要求"), max_length=2000, blank=True)

    # --- Decision and registration ----------------------------------------------------------------
    decided_at = models.DateTimeField(_("认定时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("认定登记员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="technology_contracts_decided",
    )
    registration_number = models.CharField(_("登记编号"), max_length=32, unique=True, null=True, blank=True)
    registration_year = models.PositiveSmallIntegerField(_("登记年度"), null=True, blank=True)
    registration_serial = models.PositiveIntegerField(_("登记流水号"), null=True, blank=True)
    verification_code = models.CharField(_("核验码"), max_length=16, blank=True)
    registered_on = models.DateField(_("登记日期"), null=True, blank=True)
    amended_at = models.DateTimeField(_("最近变更时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("注销时间"), null=True, blank=True)

    objects = TechnologyContractQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("技术合同")
        verbose_name_plural = _("技术合同")
        indexes = [
            models.Index(fields=["status", "registered_on"], name="reg_contract_status_date"),
            models.Index(fields=["registry", "status", "registered_on"], name="reg_contract_registry_date"),
            models.Index(fields=["registered_on", "contract_type", "sub_type"], name="reg_contract_date_type"),
            models.Index(fields=["registered_on", "technical_field"], name="reg_contract_date_field"),
            models.Index(fields=["registered_on", "ip_type"], name="reg_contract_date_ip"),
            models.Index(fields=["registered_on", "programme_source"], name="reg_contract_date_programme"),
            models.Index(fields=["registry", "status", "deadline"], name="reg_contract_queue"),
            models.Index(fields=["seller_organisation", "status"], name="reg_contract_seller_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(technology_amount_cny__lte=models.F("total_amount_cny")),
                name="reg_contract_technology_le_total",
                violation_error_message=_("技术交易额不能超过合同成交额。"),
            ),
            models.CheckConstraint(
                condition=models.Q(total_amount_cny__gte=0) & models.Q(technology_amount_cny__gte=0),
                name="reg_contract_amounts_not_negative",
                violation_error_message=_("金额不能为负数。"),
            ),
            models.UniqueConstraint(
                fields=["registry", "registration_year", "registration_serial"],
                name="reg_contract_unique_serial",
            ),
        ]

    def __str__(self) -> str:
        return self.project_name

    @property
    def is_amended(self) -> bool:
        return self.amended_at is not None

    @property
    def has_pending_certificate(self) -> bool:
        """A decision's certificate is still being rendered (it is issued after the decision commits)."""
        return self.decisions.filter(certificate_pending=True).exists()

    @property
    def seller_parties(self):
        return [p for p in self.parties.all() if p.side == ContractParty.Side.SELLER]

    @property
    def buyer_parties(self):
        return [p for p in self.parties.all() if p.side == ContractParty.Side.BUYER]


class ContractParty(models.Model):
    """A party to the contract as written on the registration form (buyer, seller, or other)."""

    class Side(models.TextChoices):
        SELLER = "seller", _("卖方")
        BUYER = "buyer", _("买方")
        OTHER = "other", _("其他当事人")

    class PartyRole(models.TextChoices):
        # Seller-side roles: the side that registers.
        DEVELOPER = "developer", _("研究开发人")
        ASSIGNOR = "assignor", _("让与人")
        LICENSOR = "licensor", _("许可人")
        CONSULTANT = "consultant", _("受托人")
        TRAINER = "trainer", _("培训人")
        INTERMEDIARY = "intermediary", _("中介人")
        # Buyer-side roles.
        COMMISSIONER = "commissioner", _("委托人")
        ASSIGNEE = "assignee", _("受让人")
        LICENSEE = "licensee", _("被许可人")
        CO_DEVELOPER = "co_developer", _("合作方")
        OTHER = "other", _("其他")

    contract = models.ForeignKey(
        TechnologyContract, verbose_name=_("技术合同"), on_delete=models.CASCADE, related_name="parties"
    )
    side = models.CharField(_("当事方"), max_length=8, choices=Side.choices)
    party_role = models.CharField(_("合同身份"), max_length=16, choices=PartyRole.choices, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("平台机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_parties",
    )
    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[validate_credit_code])
    country_code = models.CharField(_("国别代码"), max_length=3, default="156", validators=[COUNTRY_CODE_VALIDATOR])
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True, validators=[REGION_CODE_VALIDATOR])
    # Denormalised from region_code (first two digits + 0000) for flow statistics (输出/吸纳, in/out of province).
    province_code = models.CharField(_("省级区划代码"), max_length=6, blank=True, editable=False)
    entity_type = models.ForeignKey(
        "taxonomy.EntityType",
        verbose_name=_("单位性质"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_parties",
    )
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["contract", "side", "sort_order", "pk"]
        verbose_name = _("合同当事人")
        verbose_name_plural = _("合同当事人")
        indexes = [
            models.Index(fields=["side", "province_code"], name="reg_party_side_province"),
            models.Index(fields=["side", "region_code"], name="reg_party_side_region"),
            models.Index(fields=["side", "entity_type"], name="reg_party_side_entity"),
            models.Index(fields=["side", "country_code"], name="reg_party_side_country"),
            models.Index(fields=["organisation", "side"], name="reg_party_org_side"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Kept in step here (not in a service) because it is a pure function of region_code.
        self.province_code = (self.region_code[:2] + "0000") if len(self.region_code or "") == 6 else ""
        super().save(*args, **kwargs)


class ContractIPRecord(models.Model):
    """An IP right entered on the contract itself (when it is not on a linked achievement)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("申请中")
        GRANTED = "granted", _("已授权")
        EXPIRED = "expired", _("已失效")

    contract = models.ForeignKey(
        TechnologyContract, verbose_name=_("技术合同"), on_delete=models.CASCADE, related_name="ip_records"
    )
    ip_type = models.ForeignKey("taxonomy.IPType", verbose_name=_("类型"), on_delete=models.PROTECT)
    number = models.CharField(_("编号"), max_length=50, blank=True)
    holder = models.CharField(_("权利人"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.GRANTED)
    expires_on = models.DateField(_("到期日期"), null=True, blank=True)

    class Meta:
        ordering = ["contract", "pk"]
        verbose_name = _("合同知识产权")
        verbose_name_plural = _("合同知识产权")

    def __str__(self) -> str:
        return f"{self.ip_type} {self.number}".strip()


class Deduction(models.Model):
    """A non-technical cost inside the contract price. Reasonable technology carriers are not deducted."""

    class Category(models.TextChoices):
        EQUIPMENT = "equipment", _("设备")
        INSTRUMENT = "instrument", _("仪器")
        PARTS = "parts", _("零部件")
        RAW_MATERIAL = "raw_material", _("原材料")
        OTHER = "other", _("其他非技术性费用")

    contract = models.ForeignKey(
        TechnologyContract, verbose_name=_("技术合同"), on_delete=models.CASCADE, related_name="deductions"
    )
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices)
    description = models.CharField(_("说明"), max_length=300)
    amount_cny = models.DecimalField(_("金额(元)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    quantity = models.PositiveSmallIntegerField(_("数量(台/套)"), default=1, validators=[MinValueValidator(1)])
    is_reasonable_carrier = models.BooleanField(
        _("合理数量的技术载体"),
        default=False,
        help_text=_("掌握技术所需的资料、试用量的软件介质或菌种/种子、通常 1–2 套设备或试验装置,不予扣除。"),
    )

    class Meta:
        ordering = ["contract", "pk"]
        verbose_name = _("非技术性费用")
        verbose_name_plural = _("非技术性费用")

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.amount_cny}"


class AmountCorrection(models.Model):
    """A registrar's correction of an amount, kept beside the declared value (never written over it)."""

    class Field(models.TextChoices):
        TOTAL = "total_amount_cny", _("合同成交额")
        TECHNOLOGY = "technology_amount_cny", _("技术交易额")

    contract = models.ForeignKey(
        TechnologyContract, verbose_name=_("技术合同"), on_delete=models.CASCADE, related_name="amount_corrections"
    )
    field = models.CharField(_("更正项目"), max_length=32, choices=Field.choices)
    original_cny = models.DecimalField(_("更正前(元)"), **MONEY)
    corrected_cny = models.DecimalField(_("更正后(元)"), **MONEY, validators=[MinValueValidator(ZERO)])
    reason = models.TextField(_("更正理由"), max_length=2000)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("更正人"), on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField(_("更正时间"), auto_now_add=True)

    class Meta:
        ordering = ["contract", "corrected_at", "pk"]
        verbose_name = _("金额更正")
        verbose_name_plural = _("金额更正")

    def __str__(self) -> str:
        return f"{self.get_field_display()}: {self.original_cny} → {self.corrected_cny}"


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    # The stored name never uses the uploader's filename (kept in original_name) to avoid path tricks.
    return f"registration/attachments/{instance.contract_id}/{instance.sha256[:16] or 'file'}.pdf"


class Attachment(models.Model):
    """A PDF filed with the application: the signed contract, IP proof, approvals, a Chinese version."""

    class Kind(models.TextChoices):
        SIGNED_CONTRACT = "signed_contract", _("合同文本(签章页)")
        IP_PROOF = "ip_proof", _("知识产权证明")
        APPROVAL = "approval", _("审批文件")
        CHINESE_VERSION = "chinese_version", _("中文译本")
        CONSISTENCY_STATEMENT = "consistency_statement", _("中外文本一致性声明")
        MATERIAL = "material", _("补正材料")
        OTHER = "other", _("其他")

    contract = models.ForeignKey(
        TechnologyContract, verbose_name=_("技术合同"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("类别"), max_length=24, choices=Kind.choices)
    file = models.FileField(_("文件"), upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    size_bytes = models.PositiveIntegerField(_("大小(字节)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["contract", "kind", "pk"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.original_name or self.get_kind_display()
