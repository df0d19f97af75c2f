"""Taxonomies every listing, need and contract is classified by. Data, editable by bureau staff."""

from __future__ import annotations

import re

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import localised_name


class CodedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class CodedTerm(models.Model):
    """A term with a stable code (used by imports and the API) and a Chinese and English name."""

    code = models.CharField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = CodedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        # Every form choice and admin list shows it: in the reader's language.
        return localised_name(self)


class TechnicalField(CodedTerm):
    """The 11 technical fields (技术领域) of national technology-market statistics."""

    class Meta(CodedTerm.Meta):
        verbose_name = _("技术领域")
        verbose_name_plural = _("技术领域")


class IPType(CodedTerm):
    """Kinds of intellectual property (发明专利, 实用新型, 技术秘密 …)."""

    class Meta(CodedTerm.Meta):
        verbose_name = _("知识产权类型")
        verbose_name_plural = _("知识产权类型")


class TransferMode(CodedTerm):
    """How an achievement changes hands (转让, 许可, 作价入股, 合作开发, 技术服务)."""

    class Meta(CodedTerm.Meta):
        verbose_name = _("转化方式")
        verbose_name_plural = _("转化方式")


class ReadinessLevel(models.Model):
    """Technology readiness level (技术就绪度) 1–9 with what each level means."""

    level = models.PositiveSmallIntegerField(
        _("等级"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("说明"))
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)

    class Meta:
        ordering = ["level"]
        verbose_name = _("技术就绪度")
        verbose_name_plural = _("技术就绪度")

    def __str__(self) -> str:
        return f"TRL {self.level} · {self.name}"


class RegionQuerySet(models.QuerySet):
    def provinces(self):
        return self.filter(level=Region.Level.PROVINCE)


class Region(models.Model):
    """An administrative division by its 6-digit GB/T 2260 code."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("省级")
        CITY = 2, _("地级")
        COUNTY = 3, _("县级")

    code = models.CharField(
        _("行政区划代码"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$", _("行政区划代码应为 6 位数字(GB/T 2260)。"))],
    )
    name = models.CharField(_("名称"), max_length=100)
    level = models.PositiveSmallIntegerField(_("级别"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


class IndustryChainNodeQuerySet(models.QuerySet):
    def chains(self):
        return self.filter(level=IndustryChainNode.Level.CHAIN)

    def subtree_of(self, code: str):
        """The node with this code and all its descendants (codes are hierarchical prefixes)."""
        return self.filter(code__startswith=code)


class IndustryChainNode(models.Model):
    """A node of the city's industry-chain map: chain → segment → technology.

    Codes are hierarchical: ``FLU`` (chain), ``FLU.02`` (segment), ``FLU.02.03`` (technology), so
    an ancestor's code is a prefix of every descendant's and a subtree is one prefix query.
    """

    class Level(models.IntegerChoices):
        CHAIN = 1, _("产业链")
        SEGMENT = 2, _("环节")
        TECHNOLOGY = 3, _("技术方向")

    code = models.CharField(
        _("代码"),
        max_length=32,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,6}(\.\d{2}){0,2}$", _("产业链代码格式应如 FLU、FLU.02 或 FLU.02.03。"))],
    )
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    objects = IndustryChainNodeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("产业链节点")
        verbose_name_plural = _("产业链图谱")

    def __str__(self) -> str:
        # Form choices (challenges, campaigns, staff review) and admin lists show it: in the reader's language.
        return f"{self.code} {localised_name(self)}"

    @property
    def ancestor_codes(self) -> list[str]:
        """This node's code and every ancestor's, root first (FLU, FLU.02, FLU.02.03)."""
        parts = self.code.split(".")
        return [".".join(parts[: i + 1]) for i in range(len(parts))]

    def path_names(self) -> str:
        names = []
        node = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return " › ".join(reversed(names))


class EntityType(models.Model):
    """Entity-type codes (性质) of the technology-contract registration form, e.g. 022 高等院校."""

    code = models.CharField(_("代码"), max_length=3, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("单位性质")
        verbose_name_plural = _("单位性质")

    def __str__(self) -> str:
        return f"{self.code} {localised_name(self)}"


class GlossaryTerm(models.Model):
    """One concept of the bilingual domain glossary (术语表): its Chinese and English terms, synonyms and
    abbreviations. Matching expands a text with every other form of each concept it mentions, at index and
    query time alike, so 聚四氟乙烯, PTFE and polytetrafluoroethylene find each other."""

    term_zh = models.CharField(_("中文术语"), max_length=100, unique=True)
    term_en = models.CharField(_("英文术语"), max_length=200, blank=True)
    synonyms = models.TextField(
        _("同义词"), blank=True, help_text=_("中文或英文的其他说法,用顿号、逗号或换行分隔,如:锂电、锂电池。")
    )
    abbreviations = models.CharField(
        _("缩写"), max_length=200, blank=True, help_text=_("用逗号分隔,区分大小写,如:PTFE, LFP。")
    )
    # Buyers' words for the problem this concept answers (漏水 for 防渗漏, 费电 for 节能). They are evidence when
    # the matcher decides whether to recommend a listing that names the concept, never search terms: expanding
    # every listing with a chain's symptoms would reorder the search itself (docs/decline.md).
    lay_forms = models.TextField(
        _("俗称"),
        blank=True,
        help_text=_(
            "需求方描述问题时的说法(症状或愿望),用顿号、逗号或换行分隔,如:漏水、渗水。"
            "只用于判断是否推荐提到本术语的成果,不扩展检索。"
        ),
    )
    # Objects of one kind that exclude each other (香菇 and 金针菇; 稻瘟病 and 青枯病): a listing about one is not
    # recommended for a need about another (docs/decline.md, "Variant families"). Never a search term.
    variant_family = models.CharField(
        _("同类组"),
        max_length=50,
        blank=True,
        db_index=True,
        help_text=_(
            "同一类中互不替代的对象(品种、病虫害、污染物、产品等)填同一个组名,如 香菇、金针菇 都填“食用菌种类”。"
            "需求的标题或关键词说其中一种、成果的标题或关键词说另一种,且双方都没提到对方那一种时,该成果不作推荐(仍列在“可能相关”下)。"
            "材料、工艺和方法常可相互替代,不宜分组。"
        ),
    )
    industry_chain = models.ForeignKey(
        IndustryChainNode,
        verbose_name=_("所属产业链"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_terms",
    )
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["term_zh"]
        verbose_name = _("术语")
        verbose_name_plural = _("术语表")

    def __str__(self) -> str:
        return f"{self.term_zh} / {self.term_en}" if self.term_en else self.term_zh

    @staticmethod
    def split(value: str) -> list[str]:
        return [part.strip() for part in _SEPARATORS.split(value or "") if part.strip()]

    @property
    def synonym_list(self) -> list[str]:
        return self.split(self.synonyms)

    @property
    def lay_form_list(self) -> list[str]:
        return self.split(self.lay_forms)

    @property
    def abbreviation_list(self) -> list[str]:
        return self.split(self.abbreviations)


_SEPARATORS = re.compile(r"[、,,;;\n]+")
