"""factory_boy factories shared by the test suite."""

import factory
from factory.django import DjangoModelFactory

from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import ROLE_ORGANISATION_KIND, OrganisationKind, Role
from vakmanschap.catalogue.models import Course
from vakmanschap.organisations.models import Organisation
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
