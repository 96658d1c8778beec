"""The OpenAPI contract: complete, free of generator warnings, and the committed file is current."""

from pathlib import Path

import pytest
import yaml
from django.core.checks import run_checks
from django.core.management import call_command

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
PUBLIC = {
    ("post", "/api/v1/auth/token"),
    ("get", "/api/v1/scan/questionnaire"),
    ("get", "/api/v1/open-data/summary"),
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> str:
    target = tmp_path_factory.mktemp("openapi") / "openapi.yaml"
    # fail_on_warn: any "unable to guess serializer" or other generator warning fails here.
    call_command("spectacular", lang="en", validate=True, fail_on_warn=True, file=str(target))
    return target.read_text()


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def test_the_committed_file_is_the_codes_schema(generated):
    assert OPENAPI_FILE.read_text() == generated, (
        "docs/openapi.yaml differs from the code's schema: run `make openapi` and commit it."
    )


def test_every_operation_documents_its_bodies_errors_and_auth(generated):
    document = yaml.safe_load(generated)
    found = list(operations(document))
    assert len(found) >= 24
    for method, path, operation in found:
        where = f"{method.upper()} {path}"
        responses = operation["responses"]
        success = [code for code in responses if code.startswith("2")]
        assert success, f"{where}: no success response"
        for code in success:
            assert "application/json" in responses[code]["content"], where
        for code in ("429", *(["400", "413", "415"] if method == "post" else [])):
            assert set(responses[code]["content"]) == {"application/problem+json"}, where
        body = operation.get("requestBody")
        if body is not None:
            schema = next(iter(body["content"].values()))["schema"]
            component = document["components"]["schemas"][schema["$ref"].split("/")[-1]]
            # A body with required fields is itself required; one with none may be left out.
            assert body.get("required", False) == bool(component.get("required")), where
        if (method, path) in PUBLIC:
            assert {} in operation["security"], f"{where} should be marked public"
        else:
            assert {} not in operation["security"], f"{where} must not be marked public"
            assert {"bearerAuth": []} in operation["security"], where
            assert {"401", "403"} <= set(responses), where
        if "{id}" in path:
            assert "404" in responses, where


def test_request_bodies_mark_their_required_fields(generated):
    schemas = yaml.safe_load(generated)["components"]["schemas"]
    assert set(schemas["TokenRequest"]["required"]) == {"email", "password"}
    assert "code" in schemas["RedeemInput"]["required"]
    assert "email" not in schemas["ParticipantInput"]["required"]


@pytest.mark.django_db
def test_the_deploy_check_has_no_schema_warnings():
    messages = run_checks(include_deployment_checks=True)
    assert not [m for m in messages if m.id and m.id.startswith("drf_spectacular")]
