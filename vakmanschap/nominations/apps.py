from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.audit_trail import track


class NominationsConfig(AppConfig):
    name = "vakmanschap.nominations"
    label = "nominations"
    verbose_name = _("Employer-backed training")

    def ready(self):
        track(self.get_model("Nomination"), exclude_fields=["token_hash"])
