"""Factories for the reference data: places, organisations, users, courses, participants and
the fund's schemes and budgets. Plain rows: nothing here has a state that a service decides."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import ROLE_ORGANISATION_KIND, OrganisationKind, Role
from vakmanschap.catalogue.models import Course
from vakmanschap.esco.models import Concept, ShortageList, ShortageOccupation
from vakmanschap.esco.shortage import shortage_list_on
from vakmanschap.funding import ledger
from vakmanschap.funding.models import BudgetPeriod, FundingStream, RecognisedProvider, Scheme
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
    advice_organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.ADVICE)


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
    """A budget period with `allocated` cents in the ledger (default none)."""

    class Meta:
        model = BudgetPeriod
        skip_postgeneration_save = True

    stream = factory.SubFactory(FundingStreamFactory)
    start = datetime.date(2020, 1, 1)
    end = datetime.date(2035, 12, 31)

    @factory.post_generation
    def allocated(period, create, extracted, **kwargs):
        if create and extracted:
            ledger.post(period.pk, "allocate", extracted)


class SchemeFactory(DjangoModelFactory):
    """A scheme valid since 2020 for Enschede (the default municipality of participants)."""

    class Meta:
        model = Scheme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"TFVV {n}")
    valid_from = datetime.date(2020, 1, 1)
    max_amount_cents = 1_000_000

    @factory.post_generation
    def municipalities(scheme, create, extracted, **kwargs):
        if create:
            scheme.municipalities.add(*(extracted or [MunicipalityFactory()]))


class AdviceOrganisationFactory(OrganisationFactory):
    kind = OrganisationKind.ADVICE


class RecognisedProviderFactory(OrganisationFactory):
    """A provider the fund recognised, with a valid IBAN (so its invoices can be paid)."""

    class Meta:
        skip_postgeneration_save = True

    kind = OrganisationKind.PROVIDER

    @factory.post_generation
    def recognition(provider, create, extracted, **kwargs):
        if create:
            RecognisedProvider.objects.create(
                provider=provider,
                recognised_since=datetime.date(2020, 1, 1),
                iban=kwargs.get("iban", "NL91ABNA0417164300"),
            )


class RecognisedCourseFactory(CourseFactory):
    provider = factory.SubFactory(RecognisedProviderFactory)


class ShortageOccupationFactory(OccupationFactory):
    """An occupation on the home region's shortage list valid today (made when missing)."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def on_shortage_list(occupation, create, extracted, **kwargs):
        if create:
            current = shortage_list_on() or ShortageList.objects.create(
                valid_from=datetime.date(2020, 1, 1)
            )
            ShortageOccupation.objects.get_or_create(
                shortage_list=current, occupation=occupation, defaults={"sector": "zorg"}
            )
