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


@pytest.mark.django_db
def test_the_session_account_comes_with_its_memberships_in_one_query(django_assert_num_queries):
    from vakmanschap.accounts.backends import EmailBackend

    employer = OrganisationFactory(kind=OrganisationKind.EMPLOYER)
    user = user_with_role(Role.MONITOR)
    Membership.objects.create(user=user, role=Role.EMPLOYER_STAFF, organisation=employer)
    with django_assert_num_queries(1):
        found = EmailBackend().get_user(user.pk)
        assert found.roles == {Role.MONITOR, Role.EMPLOYER_STAFF}
        assert found.organisations_for(Role.EMPLOYER_STAFF) == [employer]
        assert all(m.user is found for m in found.membership_list)
    assert (found.pk, found.email) == (user.pk, user.email)


@pytest.mark.django_db
def test_an_account_without_memberships_is_still_found(django_assert_num_queries):
    from vakmanschap.accounts.backends import EmailBackend

    admin = UserFactory(is_superuser=True)
    with django_assert_num_queries(2):
        found = EmailBackend().get_user(admin.pk)
        assert found.roles == {Role.ADMINISTRATOR}
    assert EmailBackend().get_user(admin.pk + 1000) is None


@pytest.mark.django_db
def test_an_inactive_account_with_memberships_is_not_the_session_user():
    from vakmanschap.accounts.backends import EmailBackend

    user = user_with_role(Role.ADVISOR)
    user.is_active = False
    user.save()
    assert EmailBackend().get_user(user.pk) is None
