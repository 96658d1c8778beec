import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory, user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.core.navigation import items_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    user = UserFactory()
    client.force_login(user)
    return user


def _html(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("esco:occupation_list", None),
        ("esco:occupation_detail", {"pk": 1}),
        ("esco:skill_detail", {"pk": 1}),
    ],
)
def test_anonymous_is_sent_to_login(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_search_by_dutch_and_alternative_labels(client, reader, esco_concepts):
    html = _html(client.get(reverse("esco:occupation_list"), {"q": "programmeur"}))
    assert "softwareontwikkelaar" in html and "lasser" not in html
    html = _html(client.get(reverse("esco:occupation_list"), {"q": "lasser"}))
    # Dutch preferred matches first, ordered by label; found also by English? not needed.
    assert html.index(">lasser<") < html.index(">onderwaterlasser<")
    html = _html(client.get(reverse("esco:occupation_list"), {"q": "subsea"}))
    assert "onderwaterlasser" in html and "subsea welder" in html  # shown as "found by"


def test_list_without_query_is_paginated_and_ordered(client, reader, esco_concepts):
    html = _html(client.get(reverse("esco:occupation_list")))
    assert (
        html.index("lasser") < html.index("onderwaterlasser") < html.index("softwareontwikkelaar")
    )
    assert _html(client.get(reverse("esco:occupation_list"), {"page": "99"}))


def test_occupation_detail(client, reader, esco_concepts, shortage_list):
    welder = esco_concepts["welder"]
    html = _html(client.get(reverse("esco:occupation_detail", args=[welder.pk])))
    assert "lasser" in html and "welder" in html and "lasster" in html
    assert "lasman" not in html  # hidden labels are for search only
    assert "Lassers verbinden metalen delen." in html
    assert "7212" in html and "Lassers en snijbranders" in html
    assert "techniek" in html  # on the shortage list
    # "weld metal" has no Dutch label: English, marked.
    assert '<span lang="en">weld metal</span> <small class="esco-fallback">(EN)' in html
    assert reverse("esco:skill_detail", args=[esco_concepts["weld"].pk]) in html


def test_occupation_not_on_shortage_list(client, reader, esco_concepts, shortage_list):
    developer = esco_concepts["developer"]
    html = _html(client.get(reverse("esco:occupation_detail", args=[developer.pk])))
    assert "techniek" not in html
    assert '<h1 class="utrecht-heading-1">softwareontwikkelaar</h1>' in html
    # No Dutch description: the English one, marked.
    assert '<span lang="en">Software developers write software.</span>' in html


def test_skill_detail(client, reader, esco_concepts):
    weld = esco_concepts["weld"]
    html = _html(client.get(reverse("esco:skill_detail", args=[weld.pk])))
    assert "weld metal" in html and "Join pieces of metal." in html
    assert "S6" in html and "handling and moving" in html  # broader group
    assert reverse("esco:occupation_detail", args=[esco_concepts["welder"].pk]) in html
    assert reverse("esco:occupation_detail", args=[esco_concepts["underwater"].pk]) in html


def test_detail_pages_check_the_kind(client, reader, esco_concepts):
    assert (
        client.get(reverse("esco:skill_detail", args=[esco_concepts["welder"].pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("esco:occupation_detail", args=[esco_concepts["weld"].pk])).status_code
        == 404
    )


def test_label_tag_marks_the_english_fallback(esco_concepts):
    template = Template("{% load esco %}{% esco_label skill %}|{{ skill|esco_label }}")
    with translation.override("nl"):
        weld = template.render(Context({"skill": esco_concepts["weld"]}))
        python = template.render(Context({"skill": esco_concepts["python"]}))
    assert weld.count('<span lang="en">weld metal</span>') == 2 and "(EN)" in weld
    assert python == "Python (computerprogrammering)|Python (computerprogrammering)"
    with translation.override("en"):
        assert "(EN)" not in template.render(Context({"skill": esco_concepts["weld"]}))


def test_navigation_item_for_the_roles_that_use_it(reader):
    """Advisors find occupations in the menu; residents reach them by link, not from the menu."""
    url = reverse("esco:occupation_list")
    assert url in [item.url for item in items_for(user_with_role(Role.ADVISOR))]
    assert url not in [item.url for item in items_for(user_with_role(Role.PARTICIPANT))]
