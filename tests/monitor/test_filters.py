"""The monitor's filters narrow every section to the people who match, travel in the URL and
refuse a value that is not offered; another region's fund officer still gets 404."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, user_with_role
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.monitor import figures
from vakmanschap.monitor.filters import Filters, _years_before, age_band_q
from vakmanschap.people.models import Participant

pytestmark = pytest.mark.django_db


def _period():
    today = timezone.localdate()
    return figures.Period(today - datetime.timedelta(days=400), today)


def _shape(world):
    """Persons 0-4 get HBO, persons 0, 5, 10, 15 and 20 are 22 years old."""
    people = world.people
    Participant.objects.filter(pk__in=[p.pk for p in people[:5]]).update(education_level="hbo")
    young = timezone.localdate().replace(year=timezone.localdate().year - 22, day=1)
    Participant.objects.filter(pk__in=[people[i].pk for i in (0, 5, 10, 15, 20)]).update(
        birth_date=young
    )


def test_each_filter_counts_only_the_matching_people(world):
    _shape(world)
    period = _period()
    hengelo = figures.summary(world.twente, period, filters=Filters(municipality="GM0164"))
    assert hengelo["signed_up"] == sum(1 for i in range(30) if i % 3 == 0)
    assert hengelo["completed"] == sum(1 for i in range(10) if i % 3 == 0)
    assert [row["code"] for row in hengelo["by_municipality"]] == ["GM0164"]
    assert hengelo["money"]["cost_per_completed"] is None

    hbo = figures.summary(world.twente, period, filters=Filters(education_level="hbo"))
    assert (hbo["signed_up"], hbo["completed"], hbo["in_work_6m"]) == (5, 5, 5)
    assert hbo["outcomes"]["answered_6m"] == 5
    assert hbo["trained_total"] == 5

    young = figures.summary(world.twente, period, filters=Filters(age_band="under-25"))
    assert (young["signed_up"], young["plans_approved"], young["completed"]) == (5, 4, 2)
    middle = figures.summary(world.twente, period, filters=Filters(age_band="35-44"))
    assert middle["signed_up"] == 25

    care = figures.summary(world.twente, period, filters=Filters(sector="zorg"))
    assert (care["signed_up"], care["plans_approved"]) == (18, 18)
    assert (
        figures.summary(world.twente, period, filters=Filters(sector="techniek"))["signed_up"] == 0
    )

    both = Filters(municipality="GM0164", education_level="hbo")
    assert figures.counts(world.twente, period, both)["signed_up"] == 2  # persons 0 and 3


def test_age_band_edges_are_whole_years(world):
    today = timezone.localdate()
    turns_25 = _years_before(today, 25)
    Participant.objects.filter(pk=world.people[24].pk).update(birth_date=turns_25)
    Participant.objects.filter(pk=world.people[25].pk).update(
        birth_date=turns_25 + datetime.timedelta(days=1)
    )
    period = _period()
    in_band = Participant.objects.filter(age_band_q("25-34", period.end))
    assert world.people[24].pk in set(in_band.values_list("pk", flat=True))
    assert world.people[25].pk not in set(in_band.values_list("pk", flat=True))
    counted = figures.counts(world.twente, period, Filters(age_band="under-25"))
    assert counted["signed_up"] == 1


def test_filters_travel_in_the_url_and_bad_values_are_refused(client, world):
    _shape(world)
    client.force_login(user_with_role(Role.MONITOR))
    start = _period().start.isoformat()
    response = client.get(
        reverse("monitor:index"),
        {"date_from": start, "education_level": "hbo", "municipality": "GM0164"},
    )
    assert response.status_code == 200
    assert response.context["data"]["signed_up"] == 2
    assert response.context["form"]["education_level"].value() == "hbo"

    response = client.get(
        reverse("monitor:index"), {"date_from": start, "municipality": "GM0197"}
    )  # Aalten lies in another region: not a choice here
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert response.context["data"]["signed_up"] == 30  # nothing narrowed by a refused value

    response = client.get(reverse("monitor:index"), {"age_band": "<script>"})
    assert response.status_code == 200
    assert "age_band" in response.context["form"].errors


def test_fund_officer_of_another_region_gets_404_with_filters(client, world):
    officer = user_with_role(
        Role.FUND_OFFICER,
        OrganisationFactory(kind=OrganisationKind.FUND, municipality=world.aalten),
    )
    client.force_login(officer)
    url = reverse("monitor:index")
    assert client.get(url, {"region": "twente", "municipality": "GM0153"}).status_code == 404
    assert client.get(url, {"region": "achterhoek"}).status_code == 200


def test_the_target_group_filter_counts_only_that_group(world):
    data = figures.counts(world.twente, _period(), Filters(target_group="unemployed"))
    # The walk: every fourth person (i % 4 == 0) is unemployed; i < 10 completed.
    assert data["signed_up"] == sum(1 for i in range(30) if i % 4 == 0)
    assert data["completed"] == sum(1 for i in range(10) if i % 4 == 0)
