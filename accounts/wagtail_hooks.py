"""Organisations in the Wagtail admin for bureau staff (the public-site review page is /staff/organisations/)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("机构")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["name", "kind", "credit_code", "region", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "short_name", "credit_code", "contact_name"]
    ordering = ["name"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("entity_type"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("credit_code"), FieldPanel("region")]),
        FieldPanel("address"),
        FieldPanel("website"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")])],
            heading=_("联系方式"),
        ),
        FieldPanel("description"),
        FieldPanel("review_note"),
    ]


register_snippet(OrganisationViewSet)
