"""Operations: login lockout, health endpoints, private file serving, CMS separation, backups, JSON logs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = _("运行维护")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import lockout

        lockout.connect()
