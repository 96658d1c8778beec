from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "vakmanschap.catalogue"
    label = "catalogue"
    verbose_name = _("Course catalogue")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Course

        auditlog.register(Course)

        from vakmanschap.core.navigation import NavItem, register

        from .permissions import can_view_catalogue

        register(NavItem("catalogue:list", _("Course catalogue"), can_view_catalogue, 50))
