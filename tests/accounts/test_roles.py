import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import OrganisationFactory, UserFactory, user_with_role
from vakmanschap.accounts.models import Membership
from vakmanschap.accounts.roles import OrganisationKind, Role


@pytest.mark.django_db
def test_staff_role_needs_an_organisation_in_the_database():
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.ADVISOR, organisation=None)


@pytest.mark.django_db
def test_role_must_match_the_organisation_kind():
    employer = OrganisationFactory(kind=OrganisationKind.EMPLOYER)
    membership = Membership(user=UserFactory(), role=Role.PROVIDER_STAFF, organisation=employer)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "organisation" in error.value.message_dict


@pytest.mark.django_db
def test_roles_are_derived_from_memberships_and_superuser():
    admin = user_with_role(Role.ADMINISTRATOR)
    advisor = user_with_role(Role.ADVISOR)
    assert Role.ADMINISTRATOR in admin.roles
    assert advisor.roles == {Role.ADVISOR}
    assert advisor.primary_role == Role.ADVISOR
    assert advisor.is_staff_role


@pytest.mark.django_db
def test_a_person_can_hold_a_role_only_once_without_organisation():
    user = user_with_role(Role.MONITOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.MONITOR)
