"""factory_boy factories shared by the test suite.

`base` makes plain reference rows; `fund` and `employers` build objects with a state through
the real services, one trait per state (see their docstrings)."""

from .base import (
    PASSWORD,
    AdviceOrganisationFactory,
    BudgetPeriodFactory,
    CourseFactory,
    FundingStreamFactory,
    MembershipFactory,
    MunicipalityFactory,
    OccupationFactory,
    OrganisationFactory,
    ParticipantFactory,
    RecognisedCourseFactory,
    RecognisedProviderFactory,
    SchemeFactory,
    ShortageOccupationFactory,
    UserFactory,
    user_with_role,
)
from .employers import EmployerFactory
from .fund import (
    ChequeFactory,
    InvoiceFactory,
    PlanFactory,
    bare_cheques,
    certificate,
    held_conversation,
)

__all__ = [
    "PASSWORD",
    "AdviceOrganisationFactory",
    "BudgetPeriodFactory",
    "ChequeFactory",
    "CourseFactory",
    "EmployerFactory",
    "FundingStreamFactory",
    "InvoiceFactory",
    "MembershipFactory",
    "MunicipalityFactory",
    "OccupationFactory",
    "OrganisationFactory",
    "ParticipantFactory",
    "PlanFactory",
    "RecognisedCourseFactory",
    "RecognisedProviderFactory",
    "SchemeFactory",
    "ShortageOccupationFactory",
    "UserFactory",
    "bare_cheques",
    "held_conversation",
    "certificate",
    "user_with_role",
]
