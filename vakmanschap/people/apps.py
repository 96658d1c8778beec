from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.login_providers import register_identity_handler
from vakmanschap.api import routes as api_routes
from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register

from .permissions import can_register_participant


class PeopleConfig(AppConfig):
    name = "vakmanschap.people"
    label = "people"
    verbose_name = _("Participants")

    def ready(self):
        track(self.get_model("Participant"), exclude_fields=["identity_key"])
        track(self.get_model("DuplicateCandidate"))
        track(self.get_model("ParticipantTransfer"))
        from .digid import handle_digid_login  # uses the models

        register_identity_handler("digid", handle_digid_login)
        register(NavItem("people:caseload", _("Caseload"), can_register_participant, 10))
        api_routes.register(
            "participants", "vakmanschap.people.api.ParticipantsView", name="participants"
        )
