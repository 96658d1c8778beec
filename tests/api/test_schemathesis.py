"""Schemathesis fuzzes the committed contract (docs/openapi.yaml) against a live demo server, once
for every demo role and once without a token. Any 5xx, any status code, content type or body
that the contract does not describe, fails the test.

Bounded in time on a small machine: without a token every operation is fuzzed (each must
answer 401, or work if public); with a token, each role gets the coverage phase (boundary
values: huge numbers, long strings, wrong types, missing fields) and a few random examples on
the operations it may use. Another role's operations answer 403 before reading any input, which
the permission matrix tests already cover. A fixed seed keeps the run the same every time.
`VAKMANSCHAP_FUZZ_ROLES=advisor,…` runs some roles only; `VAKMANSCHAP_FUZZ_EXAMPLES` sets the
random examples per operation.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from vakmanschap.accounts.models import User
from vakmanschap.api.models import ApiToken
from vakmanschap.demo import data

pytestmark = [pytest.mark.api_fuzz, pytest.mark.django_db(transaction=True)]

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXAMPLES = int(os.environ.get("VAKMANSCHAP_FUZZ_EXAMPLES", "5"))
SEED = int(os.environ.get("VAKMANSCHAP_FUZZ_SEED", "20261130"))
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)


# The operations each role may use (path regex).
OWN_OPERATIONS = {
    "anonymous": r"^/api/v1/(auth/token|scan/questionnaire)$",
    "participant": r"^/api/v1/(me|courses)$",
    "advisor": r"^/api/v1/(participants|plans|plans/\{id\}/submit)$",
    "fund_officer": (
        r"^/api/v1/(funding-streams.*|plans/\{id\}/approve|cheques/\{id\}/cancel"
        r"|invoices/\{id\}/check|monitor/summary)$"
    ),
    "finance_officer": r"^/api/v1/(funding-streams/\{id\}|invoices/\{id\}/approve)$",
    "provider_staff": r"^/api/v1/(cheques/.*|invoices)$",
    "employer_staff": r"^/api/v1/employers/.*$",
    "monitor": r"^/api/v1/(me|courses|monitor/summary)$",
    "administrator": r"^/api/v1/(me|courses|employers/\{id\})$",
}


@pytest.fixture
def demo_tokens(settings):
    """The demo accounts with a token each; `None` is the visitor without one."""
    settings.DEMO_MODE = True
    # Five wrong passwords would lock /auth/token for the rest of the run (the lockout's own
    # answer is tested in tests/accounts); keep that operation open to the fuzzer.
    settings.AXES_FAILURE_LIMIT = 1_000_000
    if not (settings.SHARED_DIR / "twente" / "municipalities.csv").exists():
        pytest.skip("../shared/twente is not present")
    call_command("demo_data")
    tokens = {"anonymous": None}
    for email, _name, role, _organisation in data.ACCOUNTS:
        tokens[role] = ApiToken.issue(User.objects.get(email=email), second_factor=True)[1]
    chosen = os.environ.get("VAKMANSCHAP_FUZZ_ROLES")
    return {r: t for r, t in tokens.items() if not chosen or r in chosen.split(",")}


def schemathesis(base_url: str, token: str | None, report: Path, *options: str) -> dict:
    command = [
        str(SCHEMATHESIS),
        "run",
        str(OPENAPI_FILE),
        "--url",
        base_url,
        "--checks",
        CHECKS,
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--no-color",
        *options,
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    if token:
        command += ["--header", f"Authorization: Bearer {token}"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=report.parent)
    summary = json.loads(report.read_text()) if report.stat().st_size else {}
    return {"returncode": run.returncode, "output": run.stdout + run.stderr, "report": summary}


def test_no_role_finds_a_server_error_or_a_schema_violation(live_server, demo_tokens, tmp_path):
    if not SCHEMATHESIS.exists():
        pytest.fail(f"schemathesis is not installed next to {sys.executable}")
    failed, totals = {}, {"operations": 0, "calls": 0, "failures": 0}
    for role, token in demo_tokens.items():
        options = ["--max-examples", str(EXAMPLES)]
        if token:
            options += ["--include-path-regex", OWN_OPERATIONS[role]]
        else:
            options += ["--phases", "examples,fuzzing"]
        result = schemathesis(live_server.url, token, tmp_path / f"{role}.json", *options)
        report = result["report"]
        totals["operations"] += report.get("operations", {}).get("tested", 0)
        totals["calls"] += report.get("test_cases", {}).get("generated", 0)
        totals["failures"] += report.get("test_cases", {}).get("unique_failures", 0)
        print(f"[{role}] " + result["output"].strip().splitlines()[-1])
        if result["returncode"] != 0:
            failed[role] = result["output"][-8000:]
    print(f"schemathesis: {totals}")
    assert not failed, "\n\n".join(f"== {run}\n{output}" for run, output in failed.items())
