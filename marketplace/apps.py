from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("成果市场")

    def ready(self) -> None:
        from . import events, signals  # noqa: F401  (wires Wagtail page signals)

        events.connect_relays()
