"""Builders shared by the network and scan tests."""

import itertools

from tests.factories import OrganisationFactory, user_with_role
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.network.models import EmployerProfile
from vakmanschap.scan.models import Questionnaire, Scan

_kvk = itertools.count(30000000)


def make_employer(name=None, sector="C", size_class="10-49", **fields):
    fields.setdefault("kvk_number", str(next(_kvk)))
    organisation = OrganisationFactory(
        kind=OrganisationKind.EMPLOYER, **({"name": name} if name else {}), **fields
    )
    if sector:
        EmployerProfile.objects.create(
            organisation=organisation, sector=sector, size_class=size_class
        )
    return organisation


def make_staff(organisation, **fields):
    return user_with_role(Role.EMPLOYER_STAFF, organisation, **fields)


def questionnaire():
    return Questionnaire.objects.current()


def all_answers(value, q=None):
    q = q or questionnaire()
    return {item.pk: value for _d, items in q.structure() for item in items}


def favourable_answers(q=None):
    """5 on normal statements, 1 on reverse-scored ones: the best possible answers."""
    q = q or questionnaire()
    return {item.pk: (1 if item.reverse else 5) for _d, items in q.structure() for item in items}


def scored_scan(organisation, scores, **fields):
    """A scan with given published scores (for benchmark tests, no answers needed)."""
    return Scan.objects.create(
        organisation=organisation,
        questionnaire=questionnaire(),
        scores=scores,
        respondent_count=1,
        **fields,
    )


def keys():
    return [d.key for d, _items in questionnaire().structure()]
