from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("技术合同登记")

    def ready(self) -> None:
        # load_demo's contract step: the marketplace announces its demo by signal and never imports us.
        from marketplace import events

        from . import demo

        events.demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="registration_demo_loaded")
        events.demo_resetting.connect(demo.on_demo_resetting, dispatch_uid="registration_demo_resetting")
