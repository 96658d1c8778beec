from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core import daily
from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register

from .permissions import can_download_own_data, can_view_erasure_requests


class PrivacyConfig(AppConfig):
    name = "vakmanschap.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from . import texts  # noqa: F401  (defines the codes it stores)

        daily.register(daily.DailyJob("anonymise_expired", _anonymise_expired, order=30))
        track(self.get_model("ErasureRequest"))
        register(NavItem("privacy:my_data", _("My data"), can_download_own_data, 80))
        register(
            NavItem("privacy:erasure_list", _("Erasure requests"), can_view_erasure_requests, 81)
        )


def _anonymise_expired() -> str:
    from .services import anonymise_expired, retention_days  # uses models: not at load time

    return f"{anonymise_expired()} file(s) anonymised (retention {retention_days()} days)."
