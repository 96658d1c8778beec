from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.audit_trail import track

from .permissions import can_handle_vacancy_match


class VacanciesConfig(AppConfig):
    name = "vakmanschap.vacancies"
    label = "vacancies"
    verbose_name = _("Vacancies")

    def ready(self):
        # Both modules must wait for the app registry (models; a translated dataclass default).
        from vakmanschap.notifications.needs_action import Section
        from vakmanschap.notifications.needs_action import register as register_section

        from .services import describe_match, open_matches_for_advisor

        track(self.get_model("ParticipantProfile"))
        track(self.get_model("Vacancy"))
        register_section(
            Section(
                key="vacancy_matches",
                title=_("Vacancies that fit your participants"),
                check=can_handle_vacancy_match,
                items=open_matches_for_advisor,
                describe=describe_match,
                order=35,
            )
        )
