"""Every role against every protected page, and every URL names a permission function."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import CourseFactory, OrganisationFactory, user_with_role
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.core.access import view_permission_check

ALL_ROLES = list(Role.values)
STAFF_OF_FUND = {Role.FUND_OFFICER, Role.FINANCE_OFFICER, Role.ADMINISTRATOR}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_view_names_a_permission_function():
    unguarded = [
        route
        for route, callback in _walk(get_resolver().url_patterns)
        if not route.startswith("admin/") and view_permission_check(callback) is None
    ]
    assert unguarded == []


def test_admin_is_the_only_self_guarded_namespace():
    from vakmanschap.core.middleware import SELF_GUARDED_NAMESPACES

    assert SELF_GUARDED_NAMESPACES == {"admin"}


@pytest.fixture
def world(db):
    provider = OrganisationFactory(kind=OrganisationKind.PROVIDER, name="Opleider A")
    other_provider = OrganisationFactory(kind=OrganisationKind.PROVIDER, name="Opleider B")
    course = CourseFactory(provider=provider, title="Lasser A")
    other_course = CourseFactory(provider=other_provider, title="Lasser B")
    users = {}
    for role in ALL_ROLES:
        organisation = provider if role == Role.PROVIDER_STAFF else None
        users[role] = user_with_role(role, organisation)
    return {
        "provider": provider,
        "other_provider": other_provider,
        "course": course,
        "other_course": other_course,
        "users": users,
    }


def expected_pages(world):
    """(url, roles allowed, roles that pass the page check but not the object check).

    Allowed roles get 200. Roles that may open the kind of page but not this object get
    404 (nothing leaks, not even existence). All others get 403.
    """
    course, other = world["course"], world["other_course"]
    own_org, other_org = world["provider"], world["other_provider"]
    editors = {Role.PROVIDER_STAFF, Role.FUND_OFFICER, Role.ADMINISTRATOR}
    everyone = set(ALL_ROLES)
    return [
        (reverse("ui:start"), everyone, set()),
        (reverse("accounts:profile"), everyone, set()),
        (reverse("catalogue:list"), everyone, set()),
        (reverse("catalogue:detail", args=[course.pk]), everyone, set()),
        (reverse("catalogue:edit", args=[course.pk]), editors, set()),
        # Provider A's staff never edit provider B's course.
        (
            reverse("catalogue:edit", args=[other.pk]),
            editors - {Role.PROVIDER_STAFF},
            {Role.PROVIDER_STAFF},
        ),
        (reverse("organisations:list"), everyone, set()),
        (
            reverse("organisations:detail", args=[own_org.pk]),
            STAFF_OF_FUND | {Role.PROVIDER_STAFF},
            everyone,
        ),
        (reverse("organisations:detail", args=[other_org.pk]), STAFF_OF_FUND, everyone),
        (reverse("audit:search"), {Role.FUND_OFFICER, Role.ADMINISTRATOR}, set()),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_against_every_protected_page(client, world, role):
    user = world["users"][role]
    client.force_login(user)
    for url, allowed, object_refused in expected_pages(world):
        response = client.get(url)
        if role in allowed:
            assert response.status_code == 200, (role, url)
        else:
            expected = 404 if role in object_refused else 403
            assert response.status_code == expected, (role, url, response.status_code)
            body = response.content.decode()
            assert "Lasser B" not in body and "Opleider B" not in body


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_for_every_protected_page(client, world):
    for url, _allowed, _object_refused in expected_pages(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_denials_are_recorded_in_the_audit_trail(client, world):
    from auditlog.models import LogEntry

    user = world["users"][Role.PROVIDER_STAFF]
    client.force_login(user)
    client.get(reverse("audit:search"))
    client.get(reverse("catalogue:edit", args=[world["other_course"].pk]))
    events = LogEntry.objects.filter(actor=user, additional_data__event="permission_denied")
    checks = sorted(e.additional_data["check"] for e in events)
    assert checks == ["can_edit_course", "can_search_audit_log"]
