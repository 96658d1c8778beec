from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.audit_trail import track


class AccountsConfig(AppConfig):
    name = "vakmanschap.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        track(self.get_model("User"), exclude_fields=["password", "last_login"])
        track(self.get_model("Membership"))
