from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "vakmanschap.people"
    label = "people"
    verbose_name = _("Participants")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import DuplicateCandidate, Participant

        auditlog.register(Participant, exclude_fields=["identity_key"])
        auditlog.register(DuplicateCandidate)
