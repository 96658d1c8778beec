import pytest
from django.urls import reverse

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    return client


def test_taxonomy_is_read_only(admin_client, esco_concepts):
    welder = esco_concepts["welder"]
    assert (
        admin_client.get(reverse("admin:esco_concept_changelist"), {"q": "lasser"}).status_code
        == 200
    )
    page = admin_client.get(reverse("admin:esco_concept_change", args=[welder.pk]))
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert admin_client.get(reverse("admin:esco_concept_add")).status_code == 403


def test_shortage_lists_are_editable(admin_client, shortage_list):
    assert admin_client.get(reverse("admin:esco_shortagelist_add")).status_code == 200
    page = admin_client.get(reverse("admin:esco_shortagelist_change", args=[shortage_list.pk]))
    assert page.status_code == 200 and b'name="_save"' in page.content
