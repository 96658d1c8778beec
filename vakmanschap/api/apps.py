from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "vakmanschap.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        # Both use models: the bearer-token scheme for the schema, the token revocation receivers.
        from . import schema, signals  # noqa: F401
