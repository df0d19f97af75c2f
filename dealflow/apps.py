"""Deal flow: enquiries, proposals, conversations, confidential disclosure, deals, price notices and the funnel."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealflowConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dealflow"
    verbose_name = _("成果转化洽谈")

    def ready(self) -> None:
        # Registration sits below us and announces its decisions; we listen rather than being called.
        from registration.signals import contract_refused, contract_registered

        from . import receivers

        contract_registered.connect(receivers.contract_registered, dispatch_uid="dealflow.contract_registered")
        contract_refused.connect(receivers.contract_refused, dispatch_uid="dealflow.contract_refused")
