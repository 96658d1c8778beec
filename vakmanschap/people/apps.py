from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "vakmanschap.people"
    label = "people"
    verbose_name = _("Participants")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import DuplicateCandidate, Participant, ParticipantTransfer

        auditlog.register(Participant, exclude_fields=["identity_key"])
        auditlog.register(DuplicateCandidate)
        auditlog.register(ParticipantTransfer)

        from vakmanschap.core.navigation import NavItem, register

        from .permissions import can_register_participant, is_participant_self

        register(NavItem("people:mine", _("My training route"), is_participant_self, 10))
        register(NavItem("people:caseload", _("Caseload"), can_register_participant, 10))
