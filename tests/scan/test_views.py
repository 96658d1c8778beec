"""The scan pages: taking it, the report, anonymous links, and who may open what."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import user_with_role
from tests.scan.helpers import (
    all_answers,
    keys,
    make_employer,
    make_staff,
    questionnaire,
    scored_scan,
)
from vakmanschap.accounts.roles import Role
from vakmanschap.scan import services
from vakmanschap.scan.forms import field_name
from vakmanschap.scan.models import RespondentLink, Response, Scan

pytestmark = pytest.mark.django_db

ALL_ROLES = list(Role.values)


def _form_data(value=4):
    return {field_name(item_id): str(v) for item_id, v in all_answers(value).items()}


@pytest.fixture
def world():
    mine, theirs = make_employer(name="Eigen Bedrijf"), make_employer(name="Ander Bedrijf")
    staff, their_staff = make_staff(mine), make_staff(theirs)
    their_scan = services.start_scan(theirs, their_staff, all_answers(2))
    return {
        "mine": mine,
        "theirs": theirs,
        "staff": staff,
        "their_staff": their_staff,
        "their_scan": their_scan,
    }


def test_take_the_scan_and_see_the_report(client, world):
    client.force_login(world["staff"])
    page = client.get(reverse("scan:take", args=[world["mine"].pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<fieldset") == sum(len(items) for _d, items in questionnaire().structure())
    assert "<legend" in html and 'type="radio"' in html
    data = _form_data(4) | {field_name(next(iter(all_answers(4)))): "2"}
    response = client.post(reverse("scan:take", args=[world["mine"].pk]), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("scan:report", args=[world["mine"].pk])
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html and "<table" in html
    assert "Based on management" in html or "antwoorden van het management" in html
    assert "uitvoeringvanbeleidszw.nl" in html  # advice links to the SLIM subsidy
    assert "Ander Bedrijf" not in html
    assert Scan.objects.filter(organisation=world["mine"]).count() == 1


def test_missing_answers_are_shown_per_statement(client, world):
    client.force_login(world["staff"])
    data = _form_data(3)
    first = next(iter(data))
    del data[first]
    response = client.post(reverse("scan:take", args=[world["mine"].pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'aria-describedby="id_{first}_error"' in html
    assert (
        f'href="#id_{first}"' in html
        and f'<fieldset class="utrecht-form-fieldset scan-statement utrecht-form-fieldset--invalid" aria-describedby="id_{first}_error" id="id_{first}">'
        in html
    )
    assert not Scan.objects.filter(organisation=world["mine"]).exists()


def test_report_shows_benchmark_and_progress(client, world):
    mine = world["mine"]
    old = scored_scan(mine, dict.fromkeys(keys(), 40.0))
    Scan.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=365))
    scored_scan(mine, dict.fromkeys(keys(), 55.0) | {"co-creatie": 20.0})
    for i in range(5):
        scored_scan(make_employer(name=f"Peer {i}"), dict.fromkeys(keys(), 60.0))
    client.force_login(world["staff"])
    html = client.get(reverse("scan:report", args=[mine.pk])).content.decode()
    assert html.count("<svg") == 2  # radar and progress line chart
    assert "scan-chart--line" in html and "scan-chart--radar" in html
    assert "Peer " not in html and "Ander Bedrijf" not in html
    advice = html[html.index('id="advice-heading"') : html.index('id="progress-heading"')]
    assert "Co-creatie" in advice  # the weakest dimension gets advice


def test_print_stylesheet_is_served_locally(client, world):
    client.force_login(world["staff"])
    scored_scan(world["mine"], dict.fromkeys(keys(), 50.0))
    html = client.get(reverse("scan:report", args=[world["mine"].pk])).content.decode()
    assert "/static/scan/scan.css" in html
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="https?://', html)  # no CDN
    from django.contrib.staticfiles import finders

    with open(finders.find("scan/scan.css"), encoding="utf-8") as css:
        assert "@media print" in css.read()


def test_invite_employees_by_email_without_storing_addresses(client, world):
    client.force_login(world["staff"])
    scan = services.start_scan(world["mine"], world["staff"], all_answers(3))
    response = client.post(
        reverse("scan:invite", args=[scan.pk]),
        {"emails": "a@example.org\nb@example.org", "extra_links": "2"},
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 2
    assert scan.links.count() == 4
    links = re.findall(r"/scan/respond/[^/<\s]+/", response.content.decode())
    assert len(links) == 2
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM scan_respondentlink")
        assert "a@example.org" not in str(cursor.fetchall())


def test_bad_invitation_input(client, world):
    client.force_login(world["staff"])
    scan = services.start_scan(world["mine"], world["staff"], all_answers(3))
    response = client.post(
        reverse("scan:invite", args=[scan.pk]), {"emails": "not-an-address", "extra_links": "-1"}
    )
    assert response.status_code == 200 and "aria-invalid" in response.content.decode()
    assert not scan.links.exists() and not mail.outbox


def test_anonymous_link_answers_only_its_own_scan_once(client, world):
    scan = services.start_scan(world["mine"], world["staff"], all_answers(3))
    _link, token = RespondentLink.issue(scan)
    url = reverse("scan:respond", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(5))
    assert response.status_code == 200
    assert scan.responses.filter(kind=Response.Kind.EMPLOYEE).count() == 1
    assert world["their_scan"].responses.count() == 1
    assert client.post(url, _form_data(5)).status_code == 410
    assert client.get(url).status_code == 410
    assert scan.responses.count() == 2
    # The link is no key to anything else.
    for name, args in [
        ("scan:report", [world["mine"].pk]),
        ("scan:detail", [scan.pk]),
        ("scan:report", [world["theirs"].pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 302
    assert client.get(reverse("scan:respond", args=["x" * 43])).status_code == 404


def test_expired_link_is_refused(client, world):
    scan = services.start_scan(world["mine"], world["staff"], all_answers(3))
    link, token = RespondentLink.issue(scan)
    RespondentLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert client.get(reverse("scan:respond", args=[token])).status_code == 410


def test_closing_makes_the_report_final(client, world):
    client.force_login(world["staff"])
    scan = services.start_scan(world["mine"], world["staff"], all_answers(1))
    for _ in range(4):
        _l, token = RespondentLink.issue(scan)
        services.submit_employee_response(token, all_answers(5))
    response = client.post(reverse("scan:close", args=[scan.pk]), follow=True)
    scan.refresh_from_db()
    assert scan.closed_at and scan.aggregated
    assert "5" in response.content.decode()


def expected_pages(world):
    """(url, roles that get 200, roles that pass the page check but not the object check → 404)."""
    mine, theirs, their_scan = world["mine"], world["theirs"], world["their_scan"]
    own_scan = services.start_scan(mine, world["staff"], all_answers(3))
    fund = {Role.FUND_OFFICER, Role.ADMINISTRATOR}
    employer = {Role.EMPLOYER_STAFF}
    return [
        (reverse("scan:index"), fund | employer, set()),
        (reverse("scan:employer", args=[mine.pk]), fund | employer, set()),
        (reverse("scan:report", args=[mine.pk]), fund | employer, set()),
        (reverse("scan:take", args=[mine.pk]), employer, set()),
        (reverse("scan:detail", args=[own_scan.pk]), employer, set()),
        (reverse("scan:employer", args=[theirs.pk]), fund, employer),
        (reverse("scan:report", args=[theirs.pk]), fund, employer),
        (reverse("scan:take", args=[theirs.pk]), set(), employer),
        (reverse("scan:detail", args=[their_scan.pk]), set(), employer),
    ]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_against_every_scan_page(client, world, role):
    user = world["staff"] if role == Role.EMPLOYER_STAFF else user_with_role(role)
    client.force_login(user)
    for url, allowed, object_refused in expected_pages(world):
        response = client.get(url)
        if role in allowed:
            assert response.status_code in (200, 302), (role, url)
            if response.status_code == 302:  # employer staff with one employer go to its page
                assert url == reverse("scan:index")
        else:
            expected = 404 if role in object_refused else 403
            assert response.status_code == expected, (role, url, response.status_code)
            assert "Ander Bedrijf" not in response.content.decode()


def test_anonymous_is_sent_to_login(client, world):
    for url, _allowed, _refused in expected_pages(world):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_an_empty_submission_shows_every_missing_answer(client, world):
    client.force_login(world["staff"])
    html = client.post(reverse("scan:take", args=[world["mine"].pk]), {}).content.decode()
    assert html.count("utrecht-form-fieldset--invalid") == len(all_answers(3))
    scan = services.start_scan(world["mine"], world["staff"], all_answers(3))
    _link, token = RespondentLink.issue(scan)
    html = client.post(reverse("scan:respond", args=[token]), {}).content.decode()
    assert "utrecht-form-fieldset--invalid" in html
    assert scan.responses.count() == 1
