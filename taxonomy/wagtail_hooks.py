"""The taxonomies in the Wagtail admin, as snippets bureau staff edit (model permissions decide who may)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    EntityType,
    GlossaryTerm,
    IndustryChainNode,
    IPType,
    ReadinessLevel,
    Region,
    TechnicalField,
    TransferMode,
)

_CODED_PANELS = [
    FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order"), FieldPanel("is_active")]),
    FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
]


class _CodedTermViewSet(SnippetViewSet):
    list_display = ["code", "name", "name_en", "sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name", "name_en"]
    ordering = ["sort_order", "code"]
    panels = _CODED_PANELS
    copy_view_enabled = False


class IndustryChainNodeViewSet(SnippetViewSet):
    model = IndustryChainNode
    icon = "site"
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name", "name_en"]
    ordering = ["code"]
    list_per_page = 100
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("level"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("parent"),
    ]


class TechnicalFieldViewSet(_CodedTermViewSet):
    model = TechnicalField
    icon = "tag"


class IPTypeViewSet(_CodedTermViewSet):
    model = IPType
    icon = "doc-full"


class TransferModeViewSet(_CodedTermViewSet):
    model = TransferMode
    icon = "repeat"


class ReadinessLevelViewSet(SnippetViewSet):
    model = ReadinessLevel
    icon = "order"
    list_display = ["level", "name", "name_en"]
    ordering = ["level"]
    panels = [
        FieldRowPanel([FieldPanel("level"), FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("description"),
    ]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    ordering = ["code"]
    list_per_page = 100
    panels = [FieldRowPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("level")]), FieldPanel("parent")]


class EntityTypeViewSet(SnippetViewSet):
    model = EntityType
    icon = "group"
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]
    ordering = ["code"]
    panels = [FieldRowPanel([FieldPanel("code"), FieldPanel("name")]), FieldPanel("parent")]


class GlossaryTermViewSet(SnippetViewSet):
    """The bilingual glossary matching uses to bridge Chinese and English and lay and technical words.
    After larger edits, rebuild the search index (``manage.py search_index --rebuild``) so listings already
    indexed are expanded with the new terms too; queries use them at once."""

    model = GlossaryTerm
    icon = "doc-full-inverse"
    list_display = ["term_zh", "term_en", "abbreviations", "variant_family", "industry_chain", "is_active"]
    list_filter = ["is_active", "industry_chain"]
    search_fields = ["term_zh", "term_en", "synonyms", "abbreviations", "lay_forms", "variant_family"]
    ordering = ["term_zh"]
    list_per_page = 100
    panels = [
        FieldRowPanel([FieldPanel("term_zh"), FieldPanel("term_en")]),
        FieldPanel("synonyms"),
        FieldRowPanel([FieldPanel("abbreviations"), FieldPanel("industry_chain"), FieldPanel("is_active")]),
        FieldPanel("lay_forms"),
        FieldPanel("variant_family"),
    ]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("分类标准")
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        IndustryChainNodeViewSet,
        TechnicalFieldViewSet,
        ReadinessLevelViewSet,
        IPTypeViewSet,
        TransferModeViewSet,
        RegionViewSet,
        EntityTypeViewSet,
        GlossaryTermViewSet,
    )


register_snippet(TaxonomyViewSetGroup)
