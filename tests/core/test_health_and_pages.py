import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_reports_database_and_migrations(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "migrations": True}


@pytest.mark.django_db
def test_healthz_reports_unapplied_migrations(client, monkeypatch):
    monkeypatch.setattr("vakmanschap.core.views.migrations_applied", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


@pytest.mark.django_db
def test_home_is_dutch_by_default_and_english_is_one_click_away(client):
    response = client.get("/")
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert 'name="language" value="en"' in html
    response = client.post(
        reverse("core:set_language"), {"language": "en", "next": "/"}, follow=True
    )
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_footer_credits_esco(client):
    assert "ESCO, European Commission" in client.get("/").content.decode()


@pytest.mark.django_db
def test_unknown_page_uses_site_style_404(client, settings):
    settings.DEBUG = False
    response = client.get("/does-not-exist/")
    assert response.status_code == 404
    assert "utrecht-heading-1" in response.content.decode()


@pytest.mark.django_db
def test_server_error_shows_no_stack_trace(client, settings):
    from vakmanschap.core.errors import server_error

    response = server_error(None)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Traceback" not in body and "Er ging iets mis" in body


@pytest.mark.django_db
def test_pages_stay_dutch_for_an_english_browser_until_the_user_switches(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl"' in html
    client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<html lang="en"' in html


@pytest.mark.django_db
def test_home_and_about_pages_do_not_touch_the_database(client, django_assert_num_queries):
    # Not even the transaction that ATOMIC_REQUESTS would open (a savepoint in tests).
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200
        assert client.get(reverse("ui:about")).status_code == 200
