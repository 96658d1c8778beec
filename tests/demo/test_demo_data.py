import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.conftest import shared_data
from vakmanschap.accounts.models import User
from vakmanschap.catalogue.models import Course
from vakmanschap.demo import data
from vakmanschap.organisations.models import Organisation
from vakmanschap.region.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    shared_data("twente", "municipalities.csv")


def _snapshot():
    return (
        list(Municipality.objects.values_list("cbs_code", "name").order_by("cbs_code")),
        list(Organisation.objects.values_list("name", "kind", "kvk_number").order_by("name")),
        list(Course.objects.values_list("title", "price_cents", "level").order_by("title")),
        list(User.objects.values_list("email", "password").order_by("email")),
    )


def test_demo_data_loads_twente_and_is_idempotent(demo_mode):
    call_command("demo_data")
    first = _snapshot()
    call_command("demo_data")
    assert _snapshot() == first
    assert Municipality.objects.count() == 14
    assert Organisation.objects.filter(kind="provider").count() == 5
    assert Organisation.objects.filter(kind="employer").count() == 10
    assert sorted(Organisation.objects.filter(kind="advice").values_list("name", flat=True)) == [
        "Leerwerkloket Twente",
        "Werkplein Hengelo",
    ]
    assert 28 <= Course.objects.count() <= 34
    assert set(Course.objects.values_list("level", flat=True)) == {2, 3, 4}
    assert User.objects.filter(email__endswith="@demo.local").count() == len(data.ACCOUNTS) == 13


def test_demo_data_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("demo_data")
    assert not User.objects.exists()


@pytest.mark.parametrize("email, name, role, _key", data.ACCOUNTS)
def test_each_demo_account_logs_in_and_sees_its_own_start_page(
    client, demo_mode, email, name, role, _key
):
    call_command("demo_data")
    response = client.post(reverse("accounts:login"), {"username": email, "password": "demo"})
    assert response.status_code == 302, email
    start = client.get(reverse("ui:start"))
    assert f'data-role="{role}"' in start.content.decode()


def test_demo_people_carry_the_test_providers_identities(demo_mode):
    from vakmanschap.network.models import EHerkenningLink
    from vakmanschap.people.identity import identity_key
    from vakmanschap.people.models import Participant
    from vakmanschap.testing.oidc_provider.identities import SANNE_BSN

    call_command("demo_data")
    call_command("demo_data")  # idempotent
    sanne = Participant.objects.get(identity_key=identity_key(SANNE_BSN))
    assert sanne.user.email == "deelnemer@demo.local"
    link = EHerkenningLink.objects.get()
    assert link.user.email == "werkgever@demo.local"
    assert link.organisation.name == "Machinefabriek Hof van Twente"
