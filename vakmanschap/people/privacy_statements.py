"""The privacy statement, versioned. Each version is a template file that is never edited once
it applies; a change is a new version with its own effective date. A consent stores the version
it names (`Participant.privacy_version`), and every version stays readable at its own address.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class PrivacyStatement:
    version: str
    effective_from: datetime.date

    @property
    def template(self) -> str:
        return f"people/privacy/statement_{self.version}.html"


#: Oldest first. Add a version here, with a new template, to change the statement.
VERSIONS = (
    PrivacyStatement("2026-1", datetime.date(2026, 1, 1)),
    # Adds the conversation invitation by e-mail with a calendar attachment.
    PrivacyStatement("2026-2", datetime.date(2026, 11, 30)),
)


def current(day: datetime.date | None = None) -> PrivacyStatement:
    """The version in force on `day` (today): the latest whose effective date has come."""
    day = day or timezone.localdate()
    in_force = [s for s in VERSIONS if s.effective_from <= day]
    return in_force[-1] if in_force else VERSIONS[0]


def by_version(version: str) -> PrivacyStatement | None:
    return next((s for s in VERSIONS if s.version == version), None)
