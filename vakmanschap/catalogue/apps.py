from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import Role
from vakmanschap.api import routes as api_routes
from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register

from .permissions import can_view_catalogue


class CatalogueConfig(AppConfig):
    name = "vakmanschap.catalogue"
    label = "catalogue"
    verbose_name = _("Course catalogue")

    def ready(self):
        track(self.get_model("Course"))
        register(
            NavItem(
                "catalogue:list",
                _("Course catalogue"),
                can_view_catalogue,
                50,
                roles=frozenset(
                    {Role.ADVISOR, Role.FUND_OFFICER, Role.PROVIDER_STAFF, Role.ADMINISTRATOR}
                ),
            )
        )
        api_routes.register("courses", "vakmanschap.catalogue.api.CoursesView", name="courses")
