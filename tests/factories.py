"""factory_boy factories shared by the test suite."""

import datetime
import hashlib

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import ROLE_ORGANISATION_KIND, OrganisationKind, Role
from vakmanschap.catalogue.models import Course
from vakmanschap.esco.models import Concept
from vakmanschap.funding.models import (
    BudgetPeriod,
    Cheque,
    FundingStream,
    PlanCourse,
    Scheme,
    TrainingPlan,
)
from vakmanschap.organisations.models import Organisation
from vakmanschap.people.models import Participant
from vakmanschap.region.models import Municipality

PASSWORD = "correct-horse-battery"


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("cbs_code",)

    cbs_code = "GM0153"
    name = "Enschede"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.PROVIDER
    municipality = factory.SubFactory(MunicipalityFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.PROVIDER_STAFF
    organisation = factory.SubFactory(OrganisationFactory)


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    provider = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.PROVIDER)
    title = factory.Sequence(lambda n: f"Opleiding {n}")
    level = 3
    price_cents = 150000
    duration_months = 6


def user_with_role(role: str, organisation: Organisation | None = None, **user_fields) -> User:
    """A user holding `role`, in a fitting organisation (made if not given)."""
    user = UserFactory(**user_fields)
    kind = ROLE_ORGANISATION_KIND.get(role)
    if kind and organisation is None:
        organisation = OrganisationFactory(kind=kind)
    if role == Role.ADMINISTRATOR:
        user.is_superuser = user.is_staff = True
        user.save()
    Membership.objects.create(user=user, role=role, organisation=organisation if kind else None)
    return User.objects.get(pk=user.pk)  # fresh: no cached roles


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    given_name = factory.Faker("first_name", locale="nl_NL")
    family_name = factory.Faker("last_name", locale="nl_NL")
    birth_date = datetime.date(1990, 5, 17)
    postcode = "7511AB"
    municipality = factory.SubFactory(MunicipalityFactory)
    education_level = "mbo2"
    work_situation = "part_time_wants_more"
    consent_purpose = "Scholing via het fonds"
    consent_given_at = factory.LazyFunction(timezone.now)
    privacy_version = "2026-1"


class OccupationFactory(DjangoModelFactory):
    class Meta:
        model = Concept
        django_get_or_create = ("uri",)

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/occupation/test-{n}")
    kind = "occupation"


class FundingStreamFactory(DjangoModelFactory):
    class Meta:
        model = FundingStream

    name = factory.Sequence(lambda n: f"Regio Deal Twente {n}")


class BudgetPeriodFactory(DjangoModelFactory):
    class Meta:
        model = BudgetPeriod

    stream = factory.SubFactory(FundingStreamFactory)
    start = datetime.date(2020, 1, 1)
    end = datetime.date(2035, 12, 31)


class SchemeFactory(DjangoModelFactory):
    class Meta:
        model = Scheme

    name = factory.Sequence(lambda n: f"TFVV {n}")
    valid_from = datetime.date(2020, 1, 1)
    max_amount_cents = 1_000_000


class TrainingPlanFactory(DjangoModelFactory):
    """A draft plan written straight to the database (no courses, no money)."""

    class Meta:
        model = TrainingPlan

    participant = factory.SubFactory(ParticipantFactory)
    author = factory.LazyFunction(lambda: user_with_role(Role.ADVISOR))
    scheme = factory.SubFactory(SchemeFactory)
    funding_period = factory.SubFactory(BudgetPeriodFactory)
    target_occupation = factory.SubFactory(OccupationFactory)
    justification = "Wil de zorg in."


class PlanCourseFactory(DjangoModelFactory):
    class Meta:
        model = PlanCourse

    plan = factory.SubFactory(TrainingPlanFactory)
    course = factory.SubFactory(CourseFactory)
    price_cents = factory.SelfAttribute("course.price_cents")
    fund_amount_cents = factory.SelfAttribute("price_cents")


class BareChequeFactory(DjangoModelFactory):
    """An issued cheque written straight to the database, with no money in the ledger: for
    tests of the ledger itself, which post the movements they need."""

    class Meta:
        model = Cheque

    plan_course = factory.SubFactory(PlanCourseFactory)
    plan = factory.SelfAttribute("plan_course.plan")
    provider = factory.SelfAttribute("plan_course.course.provider")
    code_hash = factory.Sequence(lambda n: hashlib.sha256(f"code-{n}".encode()).hexdigest())
    code_last4 = "TEST"
    amount_cents = factory.SelfAttribute("plan_course.fund_amount_cents")
    valid_until = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=180))


def bare_cheques(period: BudgetPeriod, n: int) -> list[Cheque]:
    """`n` issued cheques of one draft plan funded from `period` (the ledger is left alone)."""
    plan = TrainingPlanFactory(funding_period=period)
    return [BareChequeFactory(plan_course__plan=plan) for _ in range(n)]
