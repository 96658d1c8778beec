"""The monitor's shortage and network sections, against counts made in the test."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import user_with_role
from tests.factories.employers import EmployerFactory
from vakmanschap.accounts.roles import Role
from vakmanschap.monitor.figures import Period
from vakmanschap.monitor.filters import Filters
from vakmanschap.monitor.network_figures import network
from vakmanschap.monitor.shortages import by_occupation
from vakmanschap.network.models import SbiSection
from vakmanschap.scan.models import Questionnaire, Scan
from vakmanschap.vacancies.models import Vacancy

pytestmark = pytest.mark.django_db


def _period():
    today = timezone.localdate()
    return Period(today - datetime.timedelta(days=400), today)


def _vacancy(world, municipality, bbl=False, is_open=True, occupation=None):
    return Vacancy.objects.create(
        organisation=EmployerFactory(municipality=municipality),
        title="Verpleegkundige",
        occupation=occupation or world.nurse,
        hours_per_week=32,
        municipality=municipality,
        start_date=timezone.localdate(),
        bbl=bbl,
        is_open=is_open,
    )


def test_people_trained_per_shortage_occupation_against_the_open_vacancies(world):
    _vacancy(world, world.enschede, bbl=True)
    _vacancy(world, world.hengelo, bbl=True)
    _vacancy(world, world.hengelo)
    _vacancy(world, world.enschede, is_open=False)  # closed: not counted
    _vacancy(world, world.aalten)  # another region
    _vacancy(world, world.enschede, occupation=world.clerk)  # not a shortage occupation
    data = by_occupation(world.twente, _period())
    (nurse,) = data["occupations"]
    # The walk: Twente's people i < 10 completed, every plan aimed at the nurse.
    assert nurse["trained"] == 10
    assert (nurse["vacancies"], nurse["learning_work_places"]) == (3, 2)
    assert data["sectors"] == [
        {"sector": "zorg", "trained": 10, "vacancies": 3, "learning_work_places": 2}
    ]
    hengelo = by_occupation(world.twente, _period(), _hengelo_filter(world))
    assert hengelo["occupations"][0]["trained"] == sum(1 for i in range(10) if i % 3 == 0)


def _hengelo_filter(world):
    return Filters(municipality=world.hengelo.cbs_code)


def _scan(employer, scores, days_ago=10):
    return Scan.objects.create(
        organisation=employer,
        questionnaire=Questionnaire.objects.get(version=1),
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
        closed_at=timezone.now() - datetime.timedelta(days=days_ago - 1),
        scores=scores,
        respondent_count=6,
        aggregated=True,
    )


def test_network_scores_by_sector_only_for_groups_of_five(world):
    care = [
        EmployerFactory(municipality=world.enschede, sector=SbiSection.Q, member=True)
        for _ in range(5)
    ]
    industry = [
        EmployerFactory(municipality=world.hengelo, sector=SbiSection.C, member=True)
        for _ in range(2)
    ]
    abroad = EmployerFactory(municipality=world.aalten, sector=SbiSection.Q, member=True)
    for i, employer in enumerate(care):
        _scan(employer, {"leercultuur": 10.0}, days_ago=300)  # an older scan: not counted
        _scan(employer, {"leercultuur": 50.0 + 10 * i, "co-creatie": 40.0})
    for employer in industry + [abroad]:
        _scan(employer, {"leercultuur": 99.0, "co-creatie": 99.0})
    data = network(world.twente, _period())
    assert data["members"] == 7
    assert data["pledges"] == 7
    assert data["scans"] == 12  # closed in the period, Twente only
    sectors = {row["sector"]: row for row in data["by_sector"]}
    assert sectors["Q"]["companies"] == 5
    assert sectors["Q"]["scores"] == {"co-creatie": 40, "leercultuur": 70}
    assert sectors["C"]["companies"] is None and sectors["C"]["scores"] is None
    assert data["region"]["companies"] == 7
    assert data["region"]["scores"]["leercultuur"] == round((350 + 2 * 99) / 7)


def test_the_monitor_page_shows_shortages_and_network_and_hides_small_groups(client, world):
    for _ in range(2):
        employer = EmployerFactory(municipality=world.hengelo, sector=SbiSection.C, member=True)
        _scan(employer, {"leercultuur": 99.0})
    client.force_login(user_with_role(Role.MONITOR))
    start = (timezone.localdate() - datetime.timedelta(days=400)).isoformat()
    html = client.get(reverse("monitor:index"), {"date_from": start}).content.decode()
    assert 'id="shortage-table"' in html
    assert 'data-sector="zorg"' in html
    assert 'id="scan-scores-table"' in html
    assert "Verborgen: minder dan 5 bedrijven" in html
    assert "99" not in html.split('id="scan-scores-table"')[1].split("</table>")[0]
