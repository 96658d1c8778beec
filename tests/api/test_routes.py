"""Apps mount their API endpoints through the `api.routes` hook; `api` imports none of them."""

import pytest
from django.urls import resolve, reverse

from vakmanschap.api import routes


def test_registered_endpoints_are_mounted_under_the_api_namespace():
    assert reverse("api:courses") == "/api/v1/courses"
    assert reverse("api:participants") == "/api/v1/participants"
    assert resolve("/api/v1/courses").func.view_class.__name__ == "CoursesView"


def test_a_taken_route_name_is_refused_and_the_same_route_again_is_a_no_op():
    routes.register("courses", "vakmanschap.catalogue.api.CoursesView", name="courses")
    with pytest.raises(ValueError, match="courses"):
        routes.register("other", "vakmanschap.people.api.ParticipantsView", name="courses")
    assert [r.name for r in routes._registry.values()].count("courses") == 1
