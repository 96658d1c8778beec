"""The permission matrix, generated: every URL pattern from the resolver × every role × GET and
POST, with every id filled in by an object of ANOTHER organisation. New URLs are picked up
without editing this file.

For each request it fails when
- the view's declared permission function refuses the role, yet the request got through (any
  answer but 403/405);
- a user of organisation A (advisor, provider staff, employer staff, another participant) sees
  organisation B's participant or conversation notes in the answer;
- a POST by such a user changes anything of organisation B's file;
- the server answers 500.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import OrganisationFactory, user_with_role
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.core.access import view_permission_check
from vakmanschap.delivery.models import IbanChange
from vakmanschap.funding import plans
from vakmanschap.funding.models import Cheque, RecognisedProvider, TrainingPlan
from vakmanschap.guidance import services as guidance
from vakmanschap.guidance.models import CareerConversation
from vakmanschap.people.models import Participant, ParticipantTransfer
from vakmanschap.privacy import services as privacy
from vakmanschap.privacy.models import ErasureRequest

pytestmark = pytest.mark.django_db

SECRET_NAME = "Geheimnaam"
SECRET_NOTE = "NOTITIE-GEHEIM"
PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
SKIPPED_PREFIXES = ("admin/", "static/", "media/")


def url_patterns(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def concrete_urls(route: str, ids) -> list[str]:
    """The route with every parameter filled in: each id for int parameters, a word else."""
    route = route.lstrip("^").rstrip("$")
    if "(?P" in route:  # a regex route: no generic way to fill it in
        return []
    if not PARAM.search(route):
        return ["/" + route]
    urls = []
    for value in ids:
        filled = PARAM.sub(
            lambda m, v=value: str(v) if m["converter"] in ("int", None) else f"x{v}", route
        )
        urls.append("/" + filled)
    return urls


@pytest.fixture
def world():
    """Organisation B owns a full file; organisation A's users own nothing of it."""
    fund = FundWorld()
    sanne = fund.participant(family_name=SECRET_NAME)  # registered by A's advisor ...
    # ... then moved to B, so A's advisor has no claim on it any more.
    Participant.objects.filter(pk=sanne.pk).update(advice_organisation=fund.other_advice)
    sanne.refresh_from_db()
    conversation = guidance.schedule(sanne, advisor=fund.other_advisor, scheduled_at=timezone.now())
    CareerConversation.objects.filter(pk=conversation.pk).update(notes=SECRET_NOTE)
    plan = fund.plan(participant=sanne, courses=[fund.course_b])
    plans.submit(plan, by=fund.other_advisor)
    plans.approve(plan, by=fund.fund_officer)
    privacy.request_erasure(sanne, by=fund.other_advisor, reason="Per brief")
    own = fund.participant(given_name="Eigen", family_name="Persoon")
    own_user = user_with_role(Role.PARTICIPANT)
    Participant.objects.filter(pk=own.pk).update(user=own_user)
    employer = OrganisationFactory(kind=OrganisationKind.EMPLOYER, name="Werkgever A")
    outsiders = {
        Role.ADVISOR: fund.advisor,
        Role.PROVIDER_STAFF: fund.provider_user,  # provider A; B's cheque is for another one
        Role.EMPLOYER_STAFF: user_with_role(Role.EMPLOYER_STAFF, employer),
        Role.PARTICIPANT: own_user,
    }
    fund_level = {
        Role.FUND_OFFICER: fund.second_officer,
        Role.FINANCE_OFFICER: fund.finance_officer,
        Role.MONITOR: user_with_role(Role.MONITOR),
        Role.ADMINISTRATOR: user_with_role(Role.ADMINISTRATOR),
    }
    ids = sorted(
        {sanne.pk, conversation.pk, plan.pk, *plan.cheques.values_list("pk", flat=True)}
        | set(ErasureRequest.objects.values_list("pk", flat=True))
    )
    return {
        "fund": fund,
        "sanne": sanne,
        "outsiders": outsiders,
        "fund_level": fund_level,
        "ids": ids,
    }


def fingerprint(sanne) -> tuple:
    """Everything of B's file that a request could change."""
    return (
        tuple(
            Participant.objects.filter(pk=sanne.pk).values_list(
                "family_name", "triage", "advice_organisation", "advisor", "anonymised_at"
            )
        ),
        tuple(CareerConversation.objects.values_list("pk", "state", "notes").order_by("pk")),
        tuple(TrainingPlan.objects.values_list("pk", "state").order_by("pk")),
        tuple(Cheque.objects.values_list("pk", "state", "code_hash").order_by("pk")),
        tuple(ErasureRequest.objects.values_list("pk", "status").order_by("pk")),
        tuple(RecognisedProvider.objects.values_list("pk", "iban").order_by("pk")),
        IbanChange.objects.count(),
        ParticipantTransfer.objects.count(),
        sanne.occupations_held.count() if hasattr(sanne, "occupations_held") else 0,
    )


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)  # the web pages
    client.force_authenticate(user)  # the API (its own authentication classes)
    return client


def walk(world, users, *, check_leaks):
    problems = []
    sanne = world["sanne"]
    for role, user in users.items():
        client = client_for(user)
        for route, callback in url_patterns():
            if route.startswith(SKIPPED_PREFIXES):
                continue
            check = view_permission_check(callback)
            declared = bool(check and check(user, None))
            for url in concrete_urls(route, world["ids"]):
                for method in ("get", "post"):
                    if "_auth_user_id" not in client.session:
                        client.force_login(user)  # the walk passes the logout URL too
                    before = fingerprint(sanne) if method == "post" and check_leaks else None
                    response = getattr(client, method)(url)
                    status = response.status_code
                    where = (role, method.upper(), url, status)
                    if status >= 500:
                        problems.append(("server error", *where))
                    if not declared and status not in (403, 405):
                        problems.append(("not declared but not refused", *where))
                    if check_leaks and status < 300 and not response.streaming:
                        body = response.content.decode(errors="replace")
                        if SECRET_NAME in body or SECRET_NOTE in body:
                            problems.append(("another organisation's data shown", *where))
                    if before is not None and fingerprint(sanne) != before:
                        problems.append(("another organisation's file changed", *where))
    return problems


def test_users_of_another_organisation_reach_nothing_of_its_file(world):
    """Advisor, provider staff and employer staff of organisation A, and another participant,
    against every URL filled in with organisation B's ids."""
    assert walk(world, world["outsiders"], check_leaks=True) == []


def test_fund_roles_get_only_what_their_declared_rules_allow(world):
    assert walk(world, world["fund_level"], check_leaks=False) == []


def test_the_walk_covers_every_routed_view():
    """A new URL is walked without editing this file (and an unguarded one fails)."""
    routes = [r for r, _c in url_patterns() if not r.startswith(SKIPPED_PREFIXES)]
    assert len(routes) > 100
    fillable = [r for r in routes if concrete_urls(r, [1])]
    assert len(fillable) == len(routes)
