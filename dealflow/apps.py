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

        # load_demo's deal step: the marketplace announces its demo by signal. Registration connected first (it
        # comes first in INSTALLED_APPS), so the demo contracts exist when the deals are added.
        from marketplace import events

        from . import demo

        events.demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="dealflow_demo_loaded")
        events.demo_resetting.connect(demo.on_demo_resetting, dispatch_uid="dealflow_demo_resetting")
        # Search's decline review counts a deal about a need as the parties' judgement that its achievements answer it.
        events.need_answers_requested.connect(receivers.need_answers, dispatch_uid="dealflow_need_answers")
