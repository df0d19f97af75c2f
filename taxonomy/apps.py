from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = _("分类标准")

    def ready(self) -> None:
        from . import glossary
        from .models import GlossaryTerm

        # A changed term must reach the next expansion in this process at once (others re-check on a timer).
        post_save.connect(glossary.invalidate, sender=GlossaryTerm, dispatch_uid="glossary-saved")
        post_delete.connect(glossary.invalidate, sender=GlossaryTerm, dispatch_uid="glossary-deleted")
