"""The public front door: sign-up and log-in from the home page, and the 'how it works' page."""

import pytest
from django.urls import reverse

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role

SIGN_UP_URL = reverse("people:sign_up")
LOGIN_URL = reverse("accounts:login")
HOW_IT_WORKS_URL = reverse("ui:how_it_works")


def page_in(client, path: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sign_up", "log_in"),
    [("nl", "Aanmelden", "Inloggen"), ("en", "Sign up", "Log in")],
)
def test_home_offers_sign_up_and_log_in_to_visitors(client, language, sign_up, log_in):
    html = page_in(client, "/", language)
    assert f'href="{SIGN_UP_URL}">{sign_up}</a>' in html
    assert f'href="{LOGIN_URL}">{log_in}</a>' in html
    assert f'href="{HOW_IT_WORKS_URL}"' in html


@pytest.mark.django_db
def test_home_sends_a_logged_in_user_to_the_start_page_instead(client):
    client.force_login(user_with_role(Role.PARTICIPANT))
    html = page_in(client, "/", "nl")
    assert f'href="{reverse("ui:start")}"' in html
    assert f'href="{SIGN_UP_URL}"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "link"), [("nl", "Meld u aan"), ("en", "Sign up")])
def test_login_page_links_to_sign_up(client, language, link):
    html = page_in(client, LOGIN_URL, language)
    assert f'href="{SIGN_UP_URL}">{link}</a>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "costs"),
    [("nl", "Hoe werkt het", "Het kost u niets"), ("en", "How it works", "It costs you nothing")],
)
def test_how_it_works_is_public_and_speaks_the_readers_language(client, language, heading, costs):
    html = page_in(client, HOW_IT_WORKS_URL, language)
    assert f'<h1 class="utrecht-heading-1">{heading}</h1>' in html
    assert costs in html


@pytest.mark.django_db
def test_every_page_names_its_favicon_in_svg_and_ico(client):
    from django.contrib.staticfiles import finders

    html = page_in(client, "/", "nl")
    assert 'rel="icon"' in html and "core/favicon.svg" in html and "core/favicon.ico" in html
    with open(finders.find("core/favicon.ico"), "rb") as ico:
        assert ico.read(4) == b"\x00\x00\x01\x00"  # an ICO header
    with open(finders.find("core/favicon.svg")) as svg:
        assert svg.read().startswith("<svg")
