from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("技术合同登记")

    def ready(self) -> None:
        # Receivers are connected here, not at import time, so models never import the statistics.
        from django.db.models.signals import m2m_changed

        from .models import TechnologyContract
        from .statistics.cache import achievement_links_changed

        m2m_changed.connect(
            achievement_links_changed,
            sender=TechnologyContract.achievements.through,
            dispatch_uid="registration.achievement_links_changed",
        )
