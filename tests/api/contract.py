"""Check a response body against a component of the committed contract (docs/openapi.yaml).

Strict: every object in the body may carry only the keys the contract names, so a section added
to a response without its schema fails here (and would be invisible to a generated client)."""

import copy
from functools import cache
from pathlib import Path

import jsonschema
import yaml

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


def _json_schema(node):
    """OpenAPI 3.0 → JSON Schema: `nullable` becomes a null type; objects get closed."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    if node.get("type") == "object" and "properties" in node:
        node.setdefault("additionalProperties", False)
    return node


@cache
def _components() -> dict:
    document = yaml.safe_load(OPENAPI_FILE.read_text())
    return _json_schema(document["components"])


def errors(body, component: str) -> list[str]:
    schema = {
        "$ref": f"#/components/schemas/{component}",
        "components": copy.deepcopy(_components()),
    }
    validator = jsonschema.Draft7Validator(schema)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
        for e in validator.iter_errors(body)
    ]
