from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "vakmanschap.vacancies"
    label = "vacancies"
    verbose_name = _("Vacancies")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import ParticipantProfile, Vacancy

        auditlog.register(ParticipantProfile)
        auditlog.register(Vacancy)

        from vakmanschap.notifications.needs_action import Section
        from vakmanschap.notifications.needs_action import register as register_section

        from .permissions import can_handle_vacancy_match
        from .services import describe_match, open_matches_for_advisor

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
