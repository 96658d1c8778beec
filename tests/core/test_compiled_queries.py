"""Queries compiled once per process (core/compiled.py) give what the queryset gives, for each
call's own values; the session, account and membership reads built on them keep their rules."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    user_with_role,
)
from vakmanschap.accounts.backends import EmailBackend
from vakmanschap.accounts.models import Membership
from vakmanschap.accounts.roles import Role
from vakmanschap.core.compiled import CompiledQuery
from vakmanschap.core.sessions import SessionStore
from vakmanschap.people.models import Participant

pytestmark = pytest.mark.django_db

memberships_of = CompiledQuery(
    lambda user_id: (
        Membership.objects.filter(user_id=user_id).select_related("organisation").order_by("pk")
    ),
    int,
)


def fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_a_compiled_query_gives_what_its_queryset_gives_for_each_value():
    organisation = OrganisationFactory()
    staff = user_with_role(Role.ADVISOR, organisation=organisation)
    MembershipFactory(user=staff, role=Role.FUND_OFFICER, organisation=organisation)
    resident = user_with_role(Role.PARTICIPANT)
    for user in (staff, resident):
        expected = list(
            Membership.objects.filter(user=user).select_related("organisation").order_by("pk")
        )
        got = memberships_of(user.pk)
        assert [fields(m) for m in got] == [fields(m) for m in expected]
        # select_related: the organisation came with the row, as the queryset's does
        for membership, original in zip(got, expected, strict=True):
            assert membership._state.fields_cache.keys() == original._state.fields_cache.keys()
    assert len(memberships_of(staff.pk)) == 2
    assert memberships_of(-1) == []


def test_converted_columns_come_back_as_the_queryset_gives_them():
    """Dates, times and the like are converted from the database's values per backend; the
    converters are looked up once, when the query is compiled."""
    participant_of = CompiledQuery(lambda user_id: Participant.objects.filter(user_id=user_id), int)
    for given_name in ("Annemiek", "Bartholomeus"):
        participant = ParticipantFactory(
            user=user_with_role(Role.PARTICIPANT), given_name=given_name
        )
        (got,) = participant_of(participant.user_id)
        assert fields(got) == fields(Participant.objects.get(pk=participant.pk))
        assert isinstance(got.created_at, datetime.datetime) and got.created_at.tzinfo
        assert isinstance(got.birth_date, datetime.date)


def test_annotations_come_back_as_the_queryset_gives_them():
    from django.db.models import Count, Exists, OuterRef

    with_memberships = CompiledQuery(
        lambda user_id: Participant.objects.filter(user_id=user_id).annotate(
            has_staff_role=Exists(
                Membership.objects.filter(user_id=OuterRef("user_id")).exclude(
                    role=Role.PARTICIPANT
                )
            ),
            roles=Count("user__memberships"),
        ),
        int,
    )
    resident = ParticipantFactory(user=user_with_role(Role.PARTICIPANT))
    advisor = user_with_role(Role.ADVISOR)
    MembershipFactory(user=advisor, role=Role.PARTICIPANT, organisation=None)
    colleague = ParticipantFactory(user=advisor)
    for participant, expected in ((resident, (False, 1)), (colleague, (True, 2))):
        (got,) = with_memberships(participant.user_id)
        assert (got.has_staff_role, got.roles) == expected
        assert got.has_staff_role is expected[0]  # a bool on every backend, not 0 or 1


def test_a_compiled_query_reads_the_database_each_call(django_assert_num_queries):
    user = user_with_role(Role.PARTICIPANT)
    assert len(memberships_of(user.pk)) == 1
    MembershipFactory(user=user, role=Role.ADVISOR, organisation=OrganisationFactory())
    with django_assert_num_queries(1):
        assert len(memberships_of(user.pk)) == 2


def test_a_compiled_query_takes_only_its_declared_kinds_of_value():
    with pytest.raises(TypeError):
        CompiledQuery(lambda day: Participant.objects.filter(created_at__date=day), datetime.date)
    with pytest.raises(TypeError):
        memberships_of("1")  # a string where the query takes an integer
    with pytest.raises(TypeError):
        memberships_of(1, 2)


def test_a_value_that_does_not_land_once_in_the_sql_is_refused_when_compiled():
    twice = CompiledQuery(
        lambda pk: Participant.objects.filter(pk=pk) | Participant.objects.filter(user_id=pk), int
    )
    with pytest.raises(ValueError, match="not bound once"):
        twice(1)


def test_an_expired_session_is_not_loaded():
    store = SessionStore()
    store["marker"] = "kept"
    store.create()
    assert SessionStore(store.session_key).load() == {"marker": "kept"}
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    reloaded = SessionStore(store.session_key)
    assert reloaded.load() == {}
    assert reloaded.session_key is None  # a new key on the next save, as Django's own store


def test_a_session_key_that_is_not_there_loads_nothing():
    assert SessionStore("x" * 32).load() == {}


def test_the_session_account_is_only_an_active_one():
    backend = EmailBackend()
    resident = user_with_role(Role.PARTICIPANT)
    assert backend.get_user(str(resident.pk)) == resident
    assert backend.get_user("not a number") is None
    assert backend.get_user(str(resident.pk + 1000)) is None
    resident.is_active = False
    resident.save()
    assert backend.get_user(str(resident.pk)) is None


def test_two_residents_each_see_only_their_own_start_page():
    """The queries are shared by the process; the values and so the rows are each request's."""
    pages = {}
    for name in ("Annemiek", "Bartholomeus"):
        user = user_with_role(Role.PARTICIPANT)
        participant = ParticipantFactory(user=user, given_name=name)
        client = Client()
        client.force_login(user)
        pages[name] = (client, user, participant)
    for name, (client, user, participant) in pages.items():
        answer = client.get(reverse("ui:start"))
        assert answer.status_code == 200
        assert answer.context["participant"] == participant
        assert answer.context["user"] == user
        other = next(p for n, (_c, _u, p) in pages.items() if n != name)
        assert other.user.email not in answer.content.decode()
        assert user.email in answer.content.decode()
