from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "vakmanschap.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from . import (
            schema,  # noqa: F401  (registers the bearer-token scheme)
            signals,  # noqa: F401  (connects the token revocation)
        )
