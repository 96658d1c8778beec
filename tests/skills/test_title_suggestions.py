import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anyone_signing_up_gets_job_title_suggestions(client, esco_concepts):
    response = client.get(reverse("skills:title_suggestions"), {"current_job": "welder"})
    assert response.status_code == 200
    options = response.content.decode()
    assert '<option value="' in options and "las" in options.lower()


def test_no_suggestions_for_an_empty_title_or_without_esco(client):
    response = client.get(reverse("skills:title_suggestions"), {"current_job": "  "})
    assert response.status_code == 200 and "<option" not in response.content.decode()


def test_sign_up_form_offers_the_suggestions(client):
    html = client.get(reverse("people:sign_up")).content.decode()
    assert 'list="job-title-suggestions"' in html and 'id="job-title-suggestions"' in html
