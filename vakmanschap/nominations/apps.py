from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "vakmanschap.nominations"
    label = "nominations"
    verbose_name = _("Employer-backed training")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Nomination

        auditlog.register(Nomination, exclude_fields=["token_hash"])
